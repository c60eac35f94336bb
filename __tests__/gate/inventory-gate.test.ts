// The engine asks the appliance's inventory, in-process against the simulator
// over real TLS, on the virtual clock: a job-id run is verified too (nodes
// first), a wait for Online stays inside the run's timeout, a fault that
// outlasts the retries is an error with its one fix, and after an unmanage
// job, verifying means the device is gone.
import { describe, expect, it } from '@jest/globals'
import { noSecrets } from '../../src/common/secrets.js'
import { deviceRecords } from '../../src/report/files/devices-file.js'
import { succeededDevices } from '../../src/report/github/outputs.js'
import { renderGateMarkdown } from '../../src/report/markdown/gate-markdown.js'
import { gateView } from '../../src/report/model/gate-view.js'
import { scriptJob, simulatedDevice } from '../../src/simulator/documents.js'
import type { Simulator, SimulatorOptions } from '../../src/simulator/server.js'
import { csvFile, runEngine, serversCsv, type EngineRun } from '../helpers/engine.js'
import { simulators } from '../helpers/simulators.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const JOBS = {
  '4229': scriptJob({ devices: 3, pollsToComplete: 3 }),
  '4240': scriptJob({ devices: 3, pollsToComplete: 2, type: 'unmanage' })
}
const started = simulators({ jobs: JOBS })

function simulator(clock: VirtualClock, options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return started({ now: () => clock.now(), ...options })
}

const verify = { 'verify-inventory': 'true', 'inventory-wait': '5m' } as const
const inventoryReads = (sim: Simulator, list = '/nodes'): number[] =>
  sim.requests.filter(request => request.path === list).map(request => request.at)
const summary = (sim: Simulator, run: EngineRun): string =>
  renderGateMarkdown(gateView(run.result, new URL(sim.url), noSecrets))

describe('verify-inventory on a job-id run', () => {
  it('every device the job managed is Online in /nodes: success, one read of /nodes, none of the other lists', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const run = await runEngine(sim, verify, { clock })
    expect(run.result.status).toBe('success')
    expect(run.result.inventory).toMatchObject({ verified: 3, checked: true })
    const view = gateView(run.result, new URL(sim.url), noSecrets)
    expect(deviceRecords(view).every(record => record.ready && record.inventory?.uuid)).toBe(true)
    expect(JSON.parse(succeededDevices(view))).toHaveLength(3)
    expect(inventoryReads(sim)).toHaveLength(1)
    expect(inventoryReads(sim, '/chassis')).toHaveLength(0)
    expect(summary(sim, run)).toContain(
      '3 devices&#58; 3 managed by the job · all Online in the appliance&#39;s inventory'
    )
  })

  it('Pending for two reads: read again at the poll interval, then success', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { pendingReads: 3 })
    const run = await runEngine(sim, { ...verify, 'poll-interval': '10s' }, { clock })
    expect(run.result.status).toBe('success')
    const reads = inventoryReads(sim)
    expect(reads).toHaveLength(3)
    expect(reads[1] - reads[0]).toBe(10_000)
    expect(reads[2] - reads[1]).toBe(10_000)
  })

  it('a deadline while waiting for Online ends the run as timeout, and the summary names the devices', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { pendingReads: 1_000 })
    const run = await runEngine(sim, { ...verify, 'inventory-wait': '10m', timeout: '1m' }, { clock })
    expect(run.result.status).toBe('timeout')
    // Never past the run's timeout (one request's bound aside).
    expect(clock.now()).toBeLessThanOrEqual(60_000 + 5_000)
    const markdown = summary(sim, run)
    expect(markdown).toContain('3 not yet Online in the appliance&#39;s inventory')
    // Grouped by where each device is: here, all three wait for the inventory.
    expect(markdown).toContain(
      `| 3 | Appliance inventory&#58; lists it Pending | ${[0, 1, 2].map(i => simulatedDevice(i).address).join(', ')} |`
    )
    expect(markdown).toContain('LXCA job 4229 finished, but the deadline came before')
    expect(markdown).not.toContain('keeps running')
  })

  it('a fault that outlasts the retries: error, and the fix names verify-inventory: false', async () => {
    const clock = new VirtualClock()
    const faults = Array.from({ length: 12 }, () => ({ kind: 'status' as const, status: 503 }))
    const sim = await simulator(clock, { inventoryFaults: faults })
    const run = await runEngine(sim, { ...verify, 'max-retries': '3' }, { clock })
    expect(run.result.status).toBe('error')
    expect(inventoryReads(sim)).toHaveLength(4)
    expect(summary(sim, run)).toContain('verify-inventory&#58; false')
    // The job's word alone does not make a device ready when the inventory was to be asked.
    const view = gateView(run.result, new URL(sim.url), noSecrets)
    expect(deviceRecords(view).map(record => [record.state, record.ready])).toEqual([
      ['succeeded', false],
      ['succeeded', false],
      ['succeeded', false]
    ])
    expect(succeededDevices(view)).toBe('[]')
  })
})

describe('verify-inventory after an unmanage job', () => {
  it('the devices the job unmanaged are gone from the inventory: success', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    expect((await runEngine(sim, verify, { clock })).result.status).toBe('success')
    const run = await runEngine(sim, { ...verify, 'job-id': '4240', 'job-type': 'unmanage' }, { clock })
    expect(run.result.status).toBe('success')
    expect(run.result.inventory).toMatchObject({ verified: 3 })
  })

  it('a device still listed once the wait is over fails: the appliance still manages it', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { managed: [{ address: simulatedDevice(1).address }] })
    const run = await runEngine(
      sim,
      { ...verify, 'inventory-wait': '20s', 'job-id': '4240', 'job-type': 'unmanage' },
      { clock }
    )
    expect(run.result.status).toBe('failure')
    const failed = run.result.jobs[0].seen?.assessment.devices.filter(item => item.state !== 'succeeded')
    expect(failed?.map(item => [item.device.address, item.device.result])).toEqual([
      [simulatedDevice(1).address, 'STILL_MANAGED']
    ])
  })
})

describe('skip-managed in the engine', () => {
  it('reads only the lists the rows’ Type needs: servers and a chassis, /nodes and /chassis, once each', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { managed: [{ address: '10.0.5.1', list: 'chassis' }], importPolls: 2 })
    const csv = ['Type,IP Address,User ID,Password', 'server,10.0.5.2,USERID,Pw-1', 'chassis,10.0.5.1,USERID,Pw-2']
    const file = csvFile(`${csv.join('\r\n')}\r\n`)
    const run = await runEngine(sim, { 'job-id': '', 'csv-file': file, 'skip-managed': 'true' }, { clock })
    expect(run.result.inventory?.skipped.map(item => item.row.line)).toEqual([3])
    expect(['/nodes', '/chassis', '/switches', '/storages'].map(list => inventoryReads(sim, list).length)).toEqual([
      1, 1, 0, 0
    ])
  })

  it('450 rows (two parts), 250 of them managed already: the 200 left go in one part, and the step passes', async () => {
    const clock = new VirtualClock()
    const managed = Array.from({ length: 250 }, (_, i) => ({ address: `10.240.9.${i + 1}` }))
    const sim = await simulator(clock, { managed, importPolls: 2 })
    const rows = Array.from(
      { length: 450 },
      (_, i) => `server,10.${240 + Math.floor(i / 250)}.9.${(i % 250) + 1},rack-${i},USERID,Bmc-${i}`
    )
    const file = csvFile(['Type,IP Address,Display Name,User ID,Password', ...rows].join('\r\n') + '\r\n')
    const run = await runEngine(sim, { 'job-id': '', 'csv-file': file, 'skip-managed': 'true' }, { clock })
    expect(run.result.status).toBe('success')
    expect(run.result.inventory?.skipped).toHaveLength(250)
    const uploaded = sim.uploadedFiles.map(
      body => (body ?? Buffer.alloc(0)).toString('utf8').split('\r\n').filter(Boolean).length - 1
    )
    expect(uploaded).toEqual([200])
    expect(run.result.parts).toBeUndefined()
  })

  it('a paged inventory answer (it says it holds more than it lists) is not understood: error, nothing uploaded', async () => {
    const clock = new VirtualClock()
    const page = {
      nodeList: [{ uuid: 'A'.repeat(32), mgmtProcIPaddress: '10.0.0.1', accessState: 'Online' }],
      total: 40
    }
    const sim = await simulator(clock, { inventoryFaults: [{ kind: 'body', body: JSON.stringify(page) }] })
    const run = await runEngine(
      sim,
      { 'job-id': '', 'csv-file': csvFile(serversCsv(2)), 'skip-managed': 'true' },
      {
        clock
      }
    )
    expect(run.result.status).toBe('error')
    expect(sim.uploads()).toBe(0)
    expect(run.result.inventory?.problem?.reason).toMatch(/says it holds 40 devices but lists 1/)
  })
})
