// After a partial failure, run as the runner runs the bundle, against the
// simulator over real TLS: every device traced to its CSV row (names and
// lines in the summary, the annotations on the file, the outputs), the rows
// to upload again byte for byte, allowed-failures, and the device lists a
// deploy step reads.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import { scriptJob } from '../../src/simulator/documents.js'
import type { Simulator } from '../../src/simulator/server.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'

const simulator = importSimulators()

/** Row n (1-based) of a 4-server CSV: its own BMC password, and what the simulator should make of it. */
const row = (n: number, simulate = ''): string =>
  `server,10.240.9.1${n},rack12-node${n},USERID,Bmc-Secret-${n}-x9,${simulate}`

function csv(simulate: Record<number, string>, eol = '\n', bom = false): Buffer {
  const lines = [HEADER, ...[1, 2, 3, 4].map(n => row(n, simulate[n]))]
  return Buffer.from(`${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`)
}

function run(sim: Simulator, file: Buffer, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    {
      host: sim.url,
      username: 'admin',
      password: PASSWORD,
      'csv-file': 'servers.csv',
      'poll-interval': '200ms',
      'ca-certificate': CA,
      ...inputs
    },
    { files: { 'servers.csv': file } }
  )
}

const devicesFile = (result: ActionRun): Array<Record<string, unknown>> =>
  JSON.parse(readFileSync(result.outputs['devices-file'], 'utf8')) as Array<Record<string, unknown>>

describe('a 4-row CSV whose row 3 fails (line 4 of the file)', () => {
  it.each([
    ['LF', '\n', false],
    ['CRLF', '\r\n', false],
    ['CRLF with a byte-order mark', '\r\n', true]
  ])(
    '%s: names and lines everywhere, failed-csv holds that row byte for byte (0600), no credential shows',
    async (_name, eol, bom) => {
      const sim = await simulator()
      const file = csv({ 3: 'fail:LOGIN:Check the BMC password.' }, eol, bom)
      const result = await run(sim, file)
      expect(result.code).toBe(1)
      expect(result.outputs.status).toBe('failure')
      // The annotation on the CSV itself, at the failed row.
      expect(result.stdout).toContain(
        '::error title=OTHER_FAIL at Login,file=servers.csv,line=4::rack12-node3 (10.240.9.13) servers.csv:4 OTHER_FAIL at Login: Check the BMC password.'
      )
      expect(result.summary).toContain('| ❌ rack12-node3 (10.240.9.13) | OTHER_FAIL | Login |')
      expect(result.summary).toContain('| servers.csv&#58;4 |')
      expect(JSON.parse(result.outputs['failed-devices'])).toEqual([
        expect.objectContaining({ device: '10.240.9.13', name: 'rack12-node3', line: 4, result: 'OTHER_FAIL' })
      ])
      // Exactly the header and that row, as the file has them.
      const failed = result.outputs['failed-csv']
      const expected = Buffer.concat([
        Buffer.from(bom ? '\ufeff' : ''),
        Buffer.from(`${HEADER}${eol}${row(3, 'fail:LOGIN:Check the BMC password.')}${eol}`)
      ])
      expect(readFileSync(failed)).toEqual(expected)
      expect(statSync(failed).mode & 0o777).toBe(0o600)
      // The deploy can go on to these.
      expect(JSON.parse(result.outputs['succeeded-devices'])).toEqual([
        { device: '10.240.9.11', name: 'rack12-node1', line: 2 },
        { device: '10.240.9.12', name: 'rack12-node2', line: 3 },
        { device: '10.240.9.14', name: 'rack12-node4', line: 5 }
      ])
      expect(devicesFile(result).map(item => [item.name, item.line, item.state])).toEqual([
        ['rack12-node1', 2, 'imported'],
        ['rack12-node2', 3, 'imported'],
        ['rack12-node4', 5, 'imported'],
        ['rack12-node3', 4, 'failed']
      ])
      // The JUnit report for test-report views: one case per device, named as the CSV names it.
      const junit = readFileSync(result.outputs['junit-file'], 'utf8')
      expect(junit).toContain('<testsuites name="lxca-job-gate" tests="4" failures="1" errors="0"')
      expect(junit).toContain('<testcase name="rack12-node3 (10.240.9.13) (servers.csv:4)"')
      expect(junit).not.toMatch(/Bmc-Secret/)
      // stdout, stderr, outputs, the summary, the report and devices-file: no BMC password, nor the appliance's.
      expect(result.everything).not.toMatch(/Bmc-Secret/)
      expect(result.everything).not.toContain(PASSWORD)
    }
  )
})

describe('a row whose device the job does not list', () => {
  it('fails the step, is named "not in the job" on its line, and is in failed-csv', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 2: 'missing' }))
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('failure')
    expect(result.summary.split('\n')[0]).toContain('failed&#58; 1 of 4 devices not in the job')
    expect(result.summary).toContain('| ❔ rack12-node2 (10.240.9.12) | not in the job | — | — | servers.csv&#58;3 |')
    expect(result.stdout).toMatch(
      /::error title=not in the job,file=servers\.csv,line=3::rack12-node2 \(10\.240\.9\.12\) servers\.csv:3 is not in the job/
    )
    expect(readFileSync(result.outputs['failed-csv'], 'utf8')).toBe(`${HEADER}\n${row(2, 'missing')}\n`)
    expect(devicesFile(result).find(item => item.name === 'rack12-node2')).toEqual({
      device: '10.240.9.12',
      ready: false,
      name: 'rack12-node2',
      file: 'servers.csv',
      line: 3,
      job: '5001',
      state: 'not in the job'
    })
  })
})

describe('allowed-failures', () => {
  it('1 allowed, 1 of 4 failed → exit 0, status partial, the failure still on the CSV as a warning', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 3: 'fail:LOGIN' }), { 'allowed-failures': '1' })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('partial')
    expect(result.summary.split('\n')[0]).toMatch(
      /^### ☑️ \[LXCA job 5001\]\(\S+\) on \[\S+\]\(\S+\) passed&#58; 1 of 4 devices failed, within allowed-failures&#58; 1 · /
    )
    expect(result.stdout).toMatch(/::warning title=OTHER_FAIL at Login,file=servers\.csv,line=4::/)
    expect(result.stdout).not.toMatch(/::error/)
    expect(readFileSync(result.outputs['failed-csv'], 'utf8')).toBe(`${HEADER}\n${row(3, 'fail:LOGIN')}\n`)
  })

  it('1 allowed, 2 failed → failure', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 2: 'fail:LOGIN', 3: 'fail:LOGIN' }), { 'allowed-failures': '1' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('failure')
  })

  it('50% allowed, a device without a result → error, never excused', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({ 4: 'noresult' }), { 'allowed-failures': '50%' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
  })

  it('100% allowed, the job still running at the deadline → timeout, never excused', async () => {
    const sim = await simulator({ importPolls: Infinity })
    const result = await run(sim, csv({}), { 'allowed-failures': '100%', timeout: '2s' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('timeout')
    // The job may still be running: none of its rows is offered again (that would import them twice);
    // the summary says to wait for the job instead.
    expect(result.outputs['failed-csv']).toBe('')
    expect(result.summary).toMatch(/```yaml\nwith:\n {2}job-id: '5001'\n```/)
  })

  it('a bad value is an input error naming the input and the forms, before any request', async () => {
    const sim = await simulator()
    const result = await run(sim, csv({}), { 'allowed-failures': '101%' })
    expect(result.code).toBe(1)
    // The workflow command escapes % as %25.
    expect(result.stdout.replace(/%25/g, '%')).toContain(
      "Input 'allowed-failures' has an invalid value '101%'. Expected a whole number of devices (0, 5) or a percentage of the devices from 0% to 100% (2%, 0.5%)"
    )
    expect(sim.requests).toHaveLength(0)
  })
})

describe('the devices a deploy reads', () => {
  it('1,500 devices: succeeded-devices lists the first 1,000, devices-file all of them', async () => {
    const sim = await simulator({ jobs: { '4229': scriptJob({ devices: 1_500, pollsToComplete: 1 }) } })
    const result = await runAction(
      { host: sim.url, username: 'admin', password: PASSWORD, 'job-id': '4229', 'ca-certificate': CA },
      { killAfterMs: 60_000 }
    )
    expect(result.code).toBe(0)
    const listed = JSON.parse(result.outputs['succeeded-devices']) as Array<{ device: string }>
    expect(listed).toHaveLength(1_000)
    expect(listed[0]).toEqual({ device: '10.240.72.1' })
    const all = devicesFile(result)
    expect(all).toHaveLength(1_500)
    expect(all.every(item => item.state === 'succeeded' && item.job === '4229')).toBe(true)
    expect(result.outputs['failed-csv']).toBe('')
  })
})
