// Every row imported once and accounted for, run as the runner runs the
// bundle against a simulator that misbehaves as probing found appliances may:
// a part answered with an earlier part's job, a job that lists other servers,
// a job at 60 % while its devices are done, a session that ends between parts.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { Simulator } from '../../src/simulator/server.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'

const simulator = importSimulators()

/** `rows` servers at 10.x.y.7; `simulate` scripts some rows' fate (by row number, 1-based). */
function csv(rows: number, simulate: Record<number, string> = {}): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `server,${address(i + 1)},node-${i + 1},USERID,Bmc-${i + 1}-pw,${simulate[i + 1] ?? ''}`
  )
  return `${[HEADER, ...lines].join('\r\n')}\r\n`
}
const address = (row: number): string => `10.${((row - 1) >> 8) & 255}.${(row - 1) & 255}.7`

function run(sim: Simulator, files: Record<string, string>, inputs: Record<string, string> = {}): Promise<ActionRun> {
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
    { files, killAfterMs: 60_000 }
  )
}

const posts = (sim: Simulator): number[] =>
  sim.requests.flatMap((request, index) => (request.method === 'POST' && request.path === '/csvRequest' ? [index] : []))

describe('a new job for each part', () => {
  it('part 2 answered with part 1’s job: an error that names the job, nothing more uploaded, never success', async () => {
    const sim = await simulator({ repeatFirstJob: true })
    const result = await run(sim, { 'servers.csv': csv(650) })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.uploads()).toBe(2)
    expect(result.outputs['job-id']).toBe('5001')
    expect(result.summary).toContain('the appliance answered with job 5001, which an earlier part started')
    expect(result.summary).toMatch(/\| 3 \| servers\.csv \| 602–651 \| 50 \| — \| ⏭️ not uploaded \|/)
    // Part 2 may have been imported under a job we do not know: its rows are not offered again; part 3's are.
    const failed = readFileSync(result.outputs['failed-csv'], 'utf8').split('\r\n').filter(Boolean)
    expect(failed).toHaveLength(1 + 50)
  })
})

describe('rows, not counts', () => {
  it('part 2’s job lists part 1’s devices: part 2 is an error, the run never passes', async () => {
    const sim = await simulator()
    const simulate = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [301 + i, `as:${address(1 + i)}`]))
    const result = await run(sim, { 'servers.csv': csv(400, simulate) })
    expect(result.outputs.status).toBe('error')
    expect(result.code).toBe(1)
    expect(result.summary).toContain('the job lists 100 devices this part did not upload')
    expect(result.summary).toContain('servers.csv&#58;2, a row of another part')
    expect(result.summary).not.toMatch(/all managed/)
  })

  it('three rows, and a job of three successful devices at other addresses: an error, and failed-csv is not written', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'servers.csv': csv(3, { 1: 'as:10.9.9.1', 2: 'as:10.9.9.2', 3: 'as:10.9.9.3' }) })
    expect(result.outputs.status).toBe('error')
    expect(result.outputs['failed-csv']).toBe('')
    expect(result.summary).toContain('the job lists 3 devices this part did not upload')
  })

  it('IPv6 in the file and in the job in different spellings is one server: a success', async () => {
    const sim = await simulator()
    const file = `${HEADER}\r\nserver,fe80::1,a,USERID,pw-1-x,as:FE80:0:0:0:0:0:0:1\r\nserver,2001:db8::7,b,USERID,pw-2-x,\r\n`
    const result = await run(sim, { 'servers.csv': file })
    expect(result.outputs.status).toBe('success')
    expect(result.outputs['failed-csv']).toBe('')
  })
})

describe('the next part waits for the whole job', () => {
  it('every device of part 1 done while the job is at 60 %: part 2 is uploaded only after the job reports 100', async () => {
    const sim = await simulator({ holdProgress: { progress: 60, polls: 3 } })
    const result = await run(sim, { 'servers.csv': csv(400) })
    expect(result.outputs.status).toBe('success')
    const [, second] = posts(sim)
    const polls = sim.requests.slice(0, second).filter(request => request.path === '/csvRequest/jobs/5001')
    // Two polls to finish the devices (importPolls), three more at 60 %, and the one that saw 100.
    expect(polls).toHaveLength(2 + 3)
    expect(result.stdout).toContain(
      'Every device of job 5001 is done, but the job is at 60%: waiting for it to reach 100% before the next part is uploaded.'
    )
  })
})

describe('sessions are renewed for uploads too', () => {
  it('the session expires while part 1’s job runs: one new login, part 2 sent once more and imported once', async () => {
    const sim = await simulator({ auth: 'session', expireSessionsAtUpload: 2 })
    const result = await run(sim, { 'servers.csv': csv(400) }, { 'auth-method': 'session' })
    expect(result.outputs.status).toBe('success')
    expect(result.outputs['job-id']).toBe('5001,5002')
    // The refused POST imported nothing: two jobs for two parts.
    expect(sim.uploads()).toBe(3)
    expect(sim.logins()).toBe(2)
  })

  it('Basic credentials refused at part 2: an error that says nothing was imported, and nothing sent again', async () => {
    const sim = await simulator({ uploadFaults: [undefined, { kind: 'status', status: 401 }] })
    const result = await run(sim, { 'servers.csv': csv(400) })
    expect(result.outputs.status).toBe('error')
    expect(sim.uploads()).toBe(2)
    expect(result.stdout).toMatch(
      /^Part 2 of 2 \(servers\.csv lines \S+\): POST \/csvRequest: .*; nothing was imported$/m
    )
  })
})
