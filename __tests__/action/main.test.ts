// The Action's composition root in-process: run() with its own environment,
// a recording stand-in for @actions/core and the virtual clock, against the
// simulator over real TLS on loopback. What only a real process can show
// (signals, the INPUT_* contract through the runner, masking on stdout) is in
// the bundle tests.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { SIMULATOR_CA, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'
import { serversCsv } from '../helpers/engine.js'
import { fakeCore, type Recorded } from '../helpers/fake-core.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { STANDARD_JOBS, simulators } from '../helpers/simulators.js'

const PASSWORD = 'In-Pr0cess-Secret'
const started = simulators({ jobs: STANDARD_JOBS, password: PASSWORD })

/** A simulator that records its requests on the test's virtual clock. */
function simulator(clock: VirtualClock, options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return started({ now: () => clock.now(), ...options })
}

interface InProcess {
  readonly recorded: Recorded
  readonly summary: string
  readonly failedStep: string[]
}

/** run() as index.ts calls it, with the step's environment made here. */
async function runStep(
  sim: Simulator,
  clock: VirtualClock,
  inputs: Record<string, string>,
  options: { files?: Record<string, string>; failOutputs?: boolean } = {}
): Promise<InProcess> {
  const workspace = mkdtempSync(join(tmpdir(), 'lxca-step-'))
  const temp = mkdtempSync(join(tmpdir(), 'lxca-temp-'))
  for (const [path, content] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, path), content)
  const summaryPath = join(temp, 'step-summary.md')
  writeFileSync(summaryPath, '')
  const all: Record<string, string> = {
    host: sim.url,
    username: 'admin',
    password: PASSWORD,
    'job-id': '4229',
    'poll-interval': '1s',
    'ca-certificate': readFileSync(SIMULATOR_CA, 'utf8'),
    ...inputs
  }
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_STEP_SUMMARY: summaryPath
  }
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value
  const { core, recorded } = fakeCore({ failOutputs: options.failOutputs })
  const failedStep: string[] = []
  await clock.drive(
    run({
      signal: new AbortController().signal,
      env,
      cwd: workspace,
      loadCore: async () => core,
      clock,
      random: () => 0.5,
      failStep: line => void failedStep.push(line)
    })
  )
  return { recorded, summary: readFileSync(summaryPath, 'utf8'), failedStep }
}

describe('run(): the Action in-process', () => {
  it('success: every output, the summary and its file, no failure, the password masked first', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded, summary } = await runStep(sim, clock, {})
    expect(Object.fromEntries(recorded.outputs)).toMatchObject({
      status: 'success',
      'job-id': '4229',
      result: 'SUCCESS',
      devices: '3',
      succeeded: '3',
      failed: '0',
      'failed-devices': '[]'
    })
    expect(recorded.failed).toEqual([])
    expect(summary).toMatch(
      /^### ✅ \[LXCA job 4229\]\(https:\/\/127\.0\.0\.1:\d+\/csvRequest\/jobs\/4229\) on \[127\.0\.0\.1&#58;\d+\]\(https:\/\/127\.0\.0\.1:\d+\/\) succeeded&#58; all 3 devices managed · /
    )
    expect(readFileSync(recorded.outputs.get('summary-file') as string, 'utf8')).toBe(summary)
    expect(JSON.parse(readFileSync(recorded.outputs.get('report') as string, 'utf8'))).toMatchObject({ progress: 100 })
    expect(recorded.calls[0]).toBe('setSecret')
    expect(recorded.secrets[0]).toBe(PASSWORD)
  })

  it('failure: the one failure message, and an annotation per cause', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded } = await runStep(sim, clock, { 'job-id': '4230' })
    expect(recorded.outputs.get('status')).toBe('failure')
    expect(recorded.failed).toEqual(['1 of 3 devices failed: 10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory'])
    expect(recorded.errors).toEqual([
      {
        title: 'OTHER_FAIL at Inventory › Chassis inventory',
        message: '10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory. Reseat the chassis management module.'
      }
    ])
  })

  it('timeout: at the deadline of the virtual clock, with a summary that says the job keeps running', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded, summary } = await runStep(sim, clock, { 'job-id': '4231', timeout: '2m' })
    expect(recorded.outputs.get('status')).toBe('timeout')
    expect(clock.now()).toBeGreaterThanOrEqual(120_000)
    expect(clock.now()).toBeLessThanOrEqual(120_000 + 30_000)
    expect(summary).toContain('The LXCA job keeps running on the appliance')
  })

  it('credentials refused: error after one request, the fix in the failure message', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded } = await runStep(sim, clock, { password: 'wrong-password' })
    expect(recorded.outputs.get('status')).toBe('error')
    expect(sim.requests).toHaveLength(1)
    expect(recorded.failed[0]).toMatch(/credentials refused \(HTTP 401\)\. Check the username and password inputs/)
  })

  it('invalid inputs: nothing sent, every problem named, the status error', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded, summary } = await runStep(sim, clock, { 'job-id': '../x', timeout: 'forever' })
    expect(sim.requests).toHaveLength(0)
    expect(recorded.failed[0]).toMatch(
      /^Invalid inputs, nothing was sent to the appliance:\nInput 'job-id' has an invalid value/
    )
    expect(recorded.failed[0]).toContain("Input 'timeout' has an invalid value 'forever'")
    expect(recorded.outputs.get('status')).toBe('error')
    expect(summary).toContain('invalid inputs')
  })

  it('an upload: the job-id output is written before the log says the import started', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { recorded } = await runStep(
      sim,
      clock,
      { 'job-id': '', 'csv-file': 'servers.csv' },
      { files: { 'servers.csv': serversCsv(2) } }
    )
    expect(recorded.outputs.get('status')).toBe('success')
    const output = recorded.calls.indexOf('setOutput job-id')
    const started = recorded.calls.findIndex(call => call.startsWith('info Import started'))
    expect(output).toBeGreaterThanOrEqual(0)
    expect(output).toBeLessThan(started)
  })

  it('a runner file that cannot be written: one line on stdout, and the step fails', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { failedStep } = await runStep(sim, clock, {}, { failOutputs: true })
    expect(failedStep).toEqual([
      "::error::Could not write the step's results to the runner: ENOSPC: no space left on device, write"
    ])
  })

  it('a CSV that partly fails: upload, wait, failure at the scripted step', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const csv = serversCsv(3, { 2: 'fail:CFG_SECURITY:Reset the BMC security settings.' })
    const { recorded } = await runStep(
      sim,
      clock,
      { 'job-id': '', 'csv-file': 'servers.csv' },
      { files: { 'servers.csv': csv } }
    )
    expect(recorded.outputs.get('status')).toBe('failure')
    expect(recorded.outputs.get('job-id')).toBe('5001')
    expect(recorded.failed).toEqual([
      '1 of 3 devices failed: rack-3 (10.240.9.3) servers.csv:4 OTHER_FAIL at Configuration › Security'
    ])
    expect(sim.uploads()).toBe(1)
  })

  it('validation-only refused: failure, with the appliance messages in the summary, nothing imported', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const files = { 'servers.csv': 'Type,IP Address,User ID\r\nmainframe,10.240.9.1,USERID\r\n' }
    const { recorded, summary } = await runStep(
      sim,
      clock,
      { 'job-id': '', 'csv-file': 'servers.csv', 'validation-only': 'true' },
      { files }
    )
    expect(Object.fromEntries(recorded.outputs)).toMatchObject({ status: 'failure', 'job-id': '' })
    expect(summary).toMatch(/^### ❌ servers\.csv was refused by 127\.0\.0\.1&#58;\d+&#58; 1 problem · /)
    expect(summary).toContain('- FQXHMDI0204M&#58; Line 2&#58; the device type is not known.')
    // The inventory is read for the plan a reviewer sees; nothing is imported.
    expect(sim.requests.map(request => `${request.method} ${request.path}`)).toEqual(['GET /nodes', 'POST /csvRequest'])
  })

  it('validation-only answered by an HTML page: error, never "valid"', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      uploadFaults: [{ kind: 'body', body: '<html><title>Log in</title></html>', contentType: 'text/html' }]
    })
    const { recorded, summary } = await runStep(
      sim,
      clock,
      { 'job-id': '', 'csv-file': 'servers.csv', 'validation-only': 'true' },
      { files: { 'servers.csv': serversCsv(2) } }
    )
    expect(recorded.outputs.get('status')).toBe('error')
    expect(summary).toMatch(
      /^### ⚠️ Could not validate servers\.csv on \S+&#58; the appliance&#39;s answer could not be read/
    )
    expect(summary).not.toContain('is valid')
  })
})
