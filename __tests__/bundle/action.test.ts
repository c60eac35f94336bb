// The built bundle (dist/index.js) run as the runner runs it, against the
// simulator over real TLS on loopback with the test CA. Only what a real
// process alone can show is here: the INPUT_*/GITHUB_* contract and the
// workflow commands on stdout, signals, secrets masked in the log and kept out
// of every file, the memory bound, and the files a step is handed. Outcomes
// run in-process (action/main.test.ts), the fault matrix on the virtual clock
// (gate-simulator.test.ts). Real time is only bounded from below, or from
// above with a wide margin: the machine may be busy.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SIMULATOR_CA, type Simulator } from '../../src/simulator/server.js'
import { BUNDLE, runAction, type ActionRun } from '../../scripts/run-action.js'
import { serversCsv } from '../helpers/engine.js'
import { STANDARD_JOBS, simulators } from '../helpers/simulators.js'
import { echoedForms } from '../helpers/echo-forms.js'

const PASSWORD = 'Sup3r-S3cret-Pa55'
const SIMULATOR_CA_PEM = readFileSync(SIMULATOR_CA, 'utf8')
const BASIC_TOKEN = Buffer.from(`admin:${PASSWORD}`).toString('base64')

const simulator = simulators({ jobs: STANDARD_JOBS, password: PASSWORD })

/** Every run's text, to check no secret ever shows. */
const seen: ActionRun[] = []
afterAll(() => {
  for (const run of seen) {
    expect(run.everything).not.toContain(PASSWORD)
    expect(run.everything).not.toContain(BASIC_TOKEN)
  }
})

async function run(
  sim: Simulator,
  inputs: Record<string, string> = {},
  options?: Parameters<typeof runAction>[1]
): Promise<ActionRun> {
  const result = await runAction(
    {
      host: sim.url,
      username: 'admin',
      password: PASSWORD,
      'job-id': '4229',
      'poll-interval': '200ms',
      'request-timeout': '2s',
      // As PEM text, as from a secret: the bundle runs in a workspace of its own, and the CA file is not in it.
      'ca-certificate': SIMULATOR_CA_PEM,
      ...inputs
    },
    options
  )
  seen.push(result)
  return result
}

const errors = (stdout: string): string[] => stdout.split('\n').filter(line => line.startsWith('::error'))

describe('the bundled action', () => {
  it('success → exit 0 and every output', async () => {
    const sim = await simulator()
    const result = await run(sim)
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      status: 'success',
      result: 'SUCCESS',
      progress: '100',
      devices: '3',
      succeeded: '3',
      failed: '0',
      'failed-devices': '[]'
    })
    expect(JSON.parse(readFileSync(result.outputs.report, 'utf8'))).toMatchObject({ progress: 100 })
    expect(readFileSync(result.outputs['summary-file'], 'utf8')).toBe(result.summary)
    expect(result.summary).toMatch(
      /^### ✅ \[LXCA job 4229\]\(https:\/\/127\.0\.0\.1:\d+\/csvRequest\/jobs\/4229\) on \[127\.0\.0\.1&#58;\d+\]\(https:\/\/127\.0\.0\.1:\d+\/\) succeeded&#58; all 3 devices managed · /
    )
    expect(errors(result.stdout)).toEqual([])
    expect(result.stderr).toBe('')
  })

  it('failure → exit 1, the device and step in the message and the summary', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'job-id': '/csvRequest/jobs/4230' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'failure', result: 'OTHER_FAIL', failed: '1', succeeded: '2' })
    expect(result.stdout).toContain(
      '::error::1 of 3 devices failed: 10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory'
    )
    expect(result.stdout).toContain(
      '::error title=OTHER_FAIL at Inventory › Chassis inventory::10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory. Reseat the chassis management module.'
    )
    expect(result.summary).toContain('| ❌ 10.240.72.3 | OTHER_FAIL | Inventory › Chassis inventory |')
    expect(result.summary).toContain('Inventory › Chassis inventory')
    expect(JSON.parse(result.outputs['failed-devices'])).toEqual([
      expect.objectContaining({ device: '10.240.72.3', result: 'OTHER_FAIL' })
    ])
  })

  it('bad inputs → exit 1 before any request, naming each input', async () => {
    const sim = await simulator()
    const result = await run(
      sim,
      { 'job-id': '../sessions', timeout: 'forever', host: 'lxca.example.com' },
      { env: { HTTPS_PROXY: 'http://svc:hunter2@[bad' } }
    )
    expect(result.code).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(result.stdout).toMatch(/Input 'job-id' has an invalid value/)
    expect(result.stdout).toMatch(/Input 'timeout' has an invalid value 'forever'/)
    expect(result.stdout).toMatch(/Environment variable HTTPS_PROXY has an invalid value 'http:\/\/svc:\*\*\*@\[bad'/)
    expect(result.everything).not.toContain('hunter2')
    expect(result.stdout).not.toContain('Unexpected error')
    expect(result.summary).toContain('invalid inputs')
    expect(result.stderr).toBe('')
  })
})

describe('the bundled action: starting the import (csv-file)', () => {
  it('a CSV that succeeds: upload → wait → success; the job-id output names the job', async () => {
    const sim = await simulator()
    const result = await run(
      sim,
      { 'job-id': '', 'csv-file': 'inventory/servers.csv' },
      { files: { 'inventory/servers.csv': serversCsv(3) } }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ status: 'success', 'job-id': '5001', devices: '3', succeeded: '3' })
    expect(result.stdout).toContain(`Import started: ${sim.url}/csvRequest/jobs/5001`)
    expect(result.summary).toContain('📤 Uploaded servers.csv (3 devices)&#58; it started LXCA job 5001.')
    expect(sim.uploads()).toBe(1)
    // The CSV's BMC passwords reach no log, output, summary or file.
    expect(result.everything).not.toMatch(/Bmc-Passw0rd/)
  })
})

describe('the bundled action: what the workspace and the appliance hand over', () => {
  it.each([
    ['a FIFO (it would block the step forever)', (dir: string) => execFileSync('mkfifo', [join(dir, 'servers.csv')])],
    [
      'a link to /proc/self/environ (it would upload the runner environment)',
      (dir: string) => symlinkSync('/proc/self/environ', join(dir, 'servers.csv'))
    ]
  ])('csv-file naming %s is refused at once: no request, the input named', async (_name, make) => {
    const sim = await simulator()
    const workspace = mkdtempSync(join(tmpdir(), 'lxca-workspace-'))
    make(workspace)
    const result = await run(sim, { 'job-id': '', 'csv-file': 'servers.csv' }, { workspace })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.requests).toHaveLength(0)
    expect(result.stdout).toMatch(
      /::error::Invalid inputs.*\n?.*Input 'csv-file' names 'servers\.csv', which (is a named pipe|leads to \/proc)/
    )
    // Only that it ends: a FIFO opened the ordinary way never would (the guard kills it at 20 s).
    expect(result.durationMs).toBeLessThan(15_000)
    expect(result.everything).not.toContain(PASSWORD)
  })

  it('the job-id output is written as soon as the upload names the job: a step killed while it waits still names it', async () => {
    const sim = await simulator({ importPolls: Infinity })
    const result = await run(
      sim,
      { 'job-id': '', 'csv-file': 'servers.csv', 'poll-interval': '1m' },
      { files: { 'servers.csv': serversCsv(2) }, interrupt: { signal: 'SIGKILL', whenStdout: /Import started/ } }
    )
    expect(result.signal).toBe('SIGKILL')
    expect(result.outputs['job-id']).toBe('5001')
    expect(result.outputs.status).toBeUndefined()
  })
})

describe('the bundled action: bounds', () => {
  it('a 30 MB document of 1.5 million tiny devices ends as a clear error within a 512 MB heap, with outputs', async () => {
    const devices = 1_500_000
    const body = `{"progress":100,"results":[${Array(devices).fill('{"result":"SUCCESS"}').join(',')}]}`
    const sim = await simulator({ faults: [{ kind: 'body', body }] })
    // Before the bound, such a document took gigabytes and the run died out of memory, with no outputs.
    const result = await run(
      sim,
      { 'request-timeout': '1m' },
      { env: { NODE_OPTIONS: '--max-old-space-size=512' }, killAfterMs: 60_000 }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.stdout).toContain('the job lists 1,500,000 devices; at most 100,000 are supported')
    expect(result.summary).toMatch(
      /^### ⚠️ Could not check \[LXCA job 4229\]\(\S+\) on \S+&#58; its answers were not understood · /
    )
    expect(result.summary).toContain('the job lists 1,500,000 devices; at most 100,000 are supported')
  })
})

describe('the bundled action: cancellation', () => {
  // The appliance asks for a minute's pause (503, Retry-After: 60): a signal that did not cut the wait short
  // would end the run a minute later, far past the 10-second bound below.
  const pause = { faults: [{ kind: 'status' as const, status: 503, retryAfter: '60' }] }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during a one-minute wait → cancelled at once, with a summary',
    async signal => {
      const sim = await simulator(pause)
      const result = await run(sim, {}, { interrupt: { signal, whenStdout: /Retrying in 1m/ }, killAfterMs: 25_000 })
      expect(result.code).toBe(1)
      expect(result.outputs.status).toBe('cancelled')
      expect(result.interruptedAt).toBeDefined()
      expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(10_000)
      expect(result.summary).toMatch(/^### 🚫 Cancelled while waiting for \[LXCA job 4229\]\(/)
      expect(sim.requests).toHaveLength(1)
    }
  )

  it('SIGINT during a request that stalls for a minute → cancelled at once, no further request', async () => {
    const sim = await simulator({ faults: [{ kind: 'stall' }] })
    const result = await run(
      sim,
      { 'request-timeout': '1m' },
      { interrupt: { signal: 'SIGINT', when: () => sim.requests.length === 1 }, killAfterMs: 25_000 }
    )
    expect(result.outputs.status).toBe('cancelled')
    expect(result.interruptedAt).toBeDefined()
    expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(10_000)
    expect(result.summary).toMatch(/^### 🚫 Cancelled while waiting for \[LXCA job 4229\]\(/)
    expect(sim.requests).toHaveLength(1)
  })

  it("the entry file listens for the runner's signals before it loads anything else", () => {
    const entry = readFileSync(BUNDLE, 'utf8')
    const listens = entry.indexOf("process.on('SIGTERM', onSignal)")
    // The first chunk load of the entry (one chunk, or several at once: `await Promise.all([__nccwpck_require__.e(…`).
    const loads = entry.search(/await (Promise\.all\(\/\* import\(\) \*\/\[)?__nccwpck_require__\.e\(/)
    expect(listens).toBeGreaterThan(0)
    expect(loads).toBeGreaterThan(listens)
    // Nothing but the bundler's own preamble runs before it: no module of ours is evaluated first.
    expect(entry.slice(0, listens)).not.toMatch(/@actions|runGate|readSettings/)
  })
})

describe('the bundled action: secrets', () => {
  it.each(['basic', 'session'] as const)(
    '%s auth: credentials echoed in an HTML title, an error body and the job document appear nowhere, escaped or not',
    async auth => {
      const password = 'P@ss:w0rd<&>!x'
      const faults = [
        { kind: 'echo' as const, as: 'html' as const },
        { kind: 'echo' as const, as: 'error' as const },
        { kind: 'echo' as const, as: 'document' as const }
      ]
      const sim = await simulator({ password, auth: auth === 'session' ? 'session' : 'basic', faults })
      const result = await run(sim, { password, 'auth-method': auth, 'poll-interval': '100ms' })
      expect(result.outputs.status).toBe('failure')
      const get = sim.requests.find(request => request.method === 'GET')
      const secrets = [
        password,
        Buffer.from(`admin:${password}`).toString('base64'),
        /JSESSIONID=([0-9a-f]+)/.exec(String(get?.headers.cookie))?.[1],
        get?.headers['x-csrf-token'] as string | undefined
      ].filter((value): value is string => Boolean(value))
      expect(secrets).toHaveLength(auth === 'session' ? 4 : 2)
      for (const secret of secrets) {
        // As is, as the Markdown escaping would write it, and in the encodings the simulator echoes it in.
        for (const form of echoedForms(secret)) {
          expect([secret, form, result.everything.includes(form)]).toEqual([secret, form, false])
        }
      }
      // The echo did reach the reports, scrubbed.
      expect(result.summary).toContain('Retry with password &#42;&#42;&#42;')
      expect(result.stdout).toContain('Proxy error for password ***')
    }
  )

  it.each(['org.json', 'gson'] as const)(
    'an appliance whose JSON encoder escapes as %s: no string of the report file holds the password',
    async encoder => {
      const password = 'P@ss/w0rd<&>=x'
      const sim = await simulator({ password, faults: [{ kind: 'echo', as: 'document', encoder }] })
      const result = await run(sim, { password })
      expect(result.outputs.status).toBe('failure')
      const report = readFileSync(result.outputs.report, 'utf8')
      const strings: string[] = []
      const walk = (value: unknown): void => {
        if (typeof value === 'string') strings.push(value)
        else if (value && typeof value === 'object') {
          for (const [key, item] of Object.entries(value)) {
            walk(key)
            walk(item)
          }
        }
      }
      walk(JSON.parse(report))
      expect(strings.some(value => value.includes('***'))).toBe(true)
      for (const value of strings) for (const form of echoedForms(password)) expect(value).not.toContain(form)
      expect(result.everything).not.toContain(password)
    }
  )

  it('session auth: the session cookie is masked before it could be printed, and shows nowhere', async () => {
    const sim = await simulator({ auth: 'session' })
    const result = await run(sim, { 'auth-method': 'session' })
    expect(result.code).toBe(0)
    expect(sim.logins()).toBe(1)
    expect(sim.logouts()).toBe(1)
    const get = sim.requests.find(request => request.method === 'GET')
    expect(get?.headers.authorization).toBeUndefined()
    expect(get?.headers['x-csrf-token']).toMatch(/^[0-9a-f]{32}$/)
    const sessionId = /JSESSIONID=([0-9a-f]+)/.exec(String(get?.headers.cookie))?.[1] ?? 'missing'
    expect(result.stdout).toContain(`::add-mask::${sessionId}`)
    expect(result.everything).not.toContain(sessionId)
  })
})
