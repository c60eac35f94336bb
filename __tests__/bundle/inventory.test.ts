// Running the step again is safe, and "ready" is the appliance's word as well
// as the job's: the built bundle against a simulator that keeps an inventory
// of managed devices (every device a finished job managed, and those seeded).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { Simulator, SimulatorOptions } from '../../src/simulator/server.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { echoedForms } from '../helpers/echo-forms.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'

const simulator = importSimulators()

/** Four servers, 10.0.0.1 to 10.0.0.4; `simulate` scripts a row's fate (by row number, 1-based). */
function csv(simulate: Record<number, string> = {}, rows = 4): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `server,10.0.0.${i + 1},node-${i + 1},USERID,Bmc-${i + 1}-pw,${simulate[i + 1] ?? ''}`
  )
  return `${[HEADER, ...lines].join('\r\n')}\r\n`
}

function run(sim: Simulator, file: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    {
      host: sim.url,
      username: 'admin',
      password: PASSWORD,
      'poll-interval': '200ms',
      'ca-certificate': CA,
      'csv-file': 'servers.csv',
      ...inputs
    },
    { files: { 'servers.csv': file }, killAfterMs: 60_000 }
  )
}

const rowsOf = (file: Buffer | undefined): string[] =>
  (file ?? Buffer.alloc(0)).toString('utf8').split('\r\n').filter(Boolean).slice(1)
const devicesFile = (result: ActionRun) =>
  JSON.parse(readFileSync(result.outputs['devices-file'], 'utf8')) as Array<Record<string, unknown>>

describe('running the step again', () => {
  it('a partial failure, then the same step again: only the failed row is uploaded, and the step passes', async () => {
    const sim = await simulator()
    const file = csv({ 3: 'failonce:INV_CHASSIS:Reseat the chassis management module.' })
    const first = await run(sim, file)
    expect(first.outputs.status).toBe('failure')
    expect(first.summary).toContain('run this step again&#58; rows the appliance manages by then are skipped')
    const second = await run(sim, file)
    expect(second.outputs.status).toBe('success')
    expect(sim.uploadedFiles.map(rowsOf).map(rows => rows.length)).toEqual([4, 1])
    expect(rowsOf(sim.uploadedFiles[1])[0]).toContain('10.0.0.3,node-3')
    expect(second.outputs['already-managed']).toBe('3')
    expect(second.outputs.devices).toBe('1')
    expect(second.summary).toContain(
      '🗂️ 4 servers&#58; 3 already managed · 1 imported · Online in the appliance&#39;s inventory'
    )
    expect(JSON.parse(second.outputs['succeeded-devices'])).toHaveLength(4)
    const devices = devicesFile(second)
    expect(devices.map(item => [item.name, item.state, item.ready])).toEqual([
      ['node-1', 'already-managed', true],
      ['node-2', 'already-managed', true],
      ['node-4', 'already-managed', true],
      ['node-3', 'imported', true]
    ])
    expect(devices[3].inventory).toMatchObject({ accessState: 'Online', machineType: '7X06' })
    expect(String((devices[0].inventory as { uuid: string }).uuid)).toMatch(/^[0-9A-F]{32}$/)
  })

  it('every row managed already: nothing is uploaded, and the step passes', async () => {
    const managed = [1, 2, 3, 4].map(i => ({ address: `10.0.0.${i}` }))
    const sim = await simulator({ managed })
    const result = await run(sim, csv())
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('success')
    expect(sim.uploads()).toBe(0)
    expect(result.outputs['already-managed']).toBe('4')
    expect(result.summary.split('\n')[0]).toBe(
      '### ✅ 4 servers on 127.0.0.1&#58;' + sim.port + '&#58; all already managed here and Online, nothing to import'
    )
    // No job: the footer offers the appliance, not a job to follow.
    expect(result.summary).toContain(`---\n<sub>[XClarity Administrator](${sim.url}/)</sub>`)
    expect(result.summary).not.toContain('Jobs to follow')
    expect(JSON.parse(result.outputs['succeeded-devices'])).toHaveLength(4)
  })

  it('a row whose device is managed here but Offline is a failed row, not uploaded and never "ready"', async () => {
    const sim = await simulator({ managed: [{ address: '10.0.0.2', accessState: 'Offline' }] })
    const result = await run(sim, csv())
    expect(result.outputs.status).toBe('failure')
    expect(rowsOf(sim.uploadedFiles[0])).toHaveLength(3)
    expect(result.summary).toContain('#### Managed here, but not Online (1 row, not uploaded)')
    // The job passed; the run did not: its verdict comes first, in the summary and the message.
    expect(result.summary.split('\n')[0]).toBe(
      '### ❌ Not every server is ready on 127.0.0.1&#58;' +
        sim.port +
        '&#58; 1 row managed here but not Online (not uploaded)'
    )
    expect(result.stdout).toMatch(/^::error::1 row managed here but not Online, not uploaded: node-2/m)
    expect(result.stdout).toMatch(/::error title=Managed here but not Online,file=servers\.csv,line=3::/)
    expect(readFileSync(result.outputs['failed-csv'], 'utf8')).toContain('10.0.0.2,node-2')
    expect(devicesFile(result).find(item => item.name === 'node-2')).toMatchObject({
      ready: false,
      state: 'managed, not Online'
    })
  })

  it('skip-managed: false uploads every row, as before', async () => {
    const sim = await simulator({ managed: [{ address: '10.0.0.1' }] })
    await run(sim, csv(), { 'skip-managed': 'false' })
    expect(rowsOf(sim.uploadedFiles[0])).toHaveLength(4)
    expect(sim.requests.filter(request => request.path === '/nodes' && request.method === 'GET')).toHaveLength(1)
  })
})

describe('the inventory says who is ready', () => {
  it('a device the job calls successful but the inventory lists Offline fails, on its CSV line, in failed-csv and JUnit', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 4: 'offline' }))
    expect(result.outputs.status).toBe('failure')
    expect(result.summary).toContain('NOT_ONLINE')
    expect(result.summary).toContain('The job managed it, but the appliance lists it Offline, not Online.')
    expect(readFileSync(result.outputs['failed-csv'], 'utf8')).toContain('10.0.0.4,node-4')
    expect(readFileSync(result.outputs['junit-file'], 'utf8')).toContain(
      '<failure message="NOT_ONLINE at Appliance inventory"'
    )
    expect(result.stdout).toMatch(/::error title=NOT_ONLINE at Appliance inventory,file=servers\.csv,line=5::/)
  })

  it('Pending for a few reads, then Online: read again at the poll interval, and the step passes', async () => {
    const sim = await simulator({ pendingReads: 3 })
    const result = await run(sim, csv())
    expect(result.outputs.status).toBe('success')
    const reads = sim.requests.filter(request => request.path === '/nodes')
    // One read before the upload, then one a round until Online.
    expect(reads.length).toBeGreaterThanOrEqual(1 + 3)
  })

  it('a device never in the inventory fails once inventory-wait is over', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 1: 'noinventory' }), { 'inventory-wait': '1s' })
    expect(result.outputs.status).toBe('failure')
    expect(result.summary).toContain('The job managed it, but it is not in the appliance&#39;s inventory.')
  })

  it('an inventory answer it does not understand: error, nothing uploaded, and the fix names skip-managed: false', async () => {
    const faults: SimulatorOptions['inventoryFaults'] = [{ kind: 'body', body: '{"nodeList": [1, 2]}' }]
    const sim = await simulator({ inventoryFaults: faults })
    const result = await run(sim, csv())
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.uploads()).toBe(0)
    expect(result.summary).toContain(
      'Nothing was uploaded to 127.0.0.1&#58;' + sim.port + '&#58; the appliance&#39;s inventory was not understood'
    )
    expect(result.summary).toContain('skip-managed&#58; false')
  })

  it('verify-inventory: false takes the job’s word', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 4: 'offline' }), { 'verify-inventory': 'false' })
    expect(result.outputs.status).toBe('success')
  })
})

describe('inventory text is appliance text', () => {
  it('an inventory that echoes the password and carries markup: scrubbed everywhere, escaped in the summary', async () => {
    const entry = {
      uuid: 'A'.repeat(32),
      name: `<img src=x onerror=alert(1)> [x](https://evil.example) ${PASSWORD}`,
      mgmtProcIPaddress: '10.0.0.2',
      accessState: `Offline|${PASSWORD}`
    }
    const body = JSON.stringify({ nodeList: [entry] })
    const sim = await simulator({ inventoryFaults: [{ kind: 'body', body }] })
    const result = await run(sim, csv())
    expect(result.outputs.status).toBe('failure')
    const written = [
      result.summary,
      // The runner is told what to mask, in its own command: everything else must hold no secret.
      result.stdout.replace(/^::add-mask::.*$/gm, ''),
      result.stderr,
      readFileSync(result.outputs['devices-file'], 'utf8'),
      readFileSync(result.outputs['junit-file'], 'utf8'),
      JSON.stringify(result.outputs)
    ]
    for (const text of written) for (const form of echoedForms(PASSWORD)) expect(text).not.toContain(form)
    expect(result.summary).not.toContain('<img')
    expect(result.summary).not.toContain('](https://evil')
    const row = result.summary.split('\n').find(line => line.startsWith('| node-2'))
    expect(row?.split('|')).toHaveLength(5)
  })
})

describe('validation on a pull request', () => {
  it('validates the whole file and adds the plan: rows managed here, rows a real run would import', async () => {
    const sim = await simulator({ managed: [{ address: '10.0.0.1' }, { address: '10.0.0.2' }] })
    const result = await run(sim, csv(), { 'validation-only': 'true' })
    expect(result.outputs.status).toBe('success')
    expect(rowsOf(sim.uploadedFiles[0])).toHaveLength(4)
    expect(result.summary).toContain(
      '**Plan:** 2 rows of 4 already managed here (a real run skips them); 2 would be imported.'
    )
    expect(result.summary).toContain('<summary>Rows a real run would import (2)</summary>')
    expect(result.summary).toContain('| node-3 (10.0.0.3) | servers.csv&#58;4 |')
    expect(result.summary).not.toContain('| node-1 (10.0.0.1) | servers.csv&#58;2 |\n| node-3')
  })
})
