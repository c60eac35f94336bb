// The built bundle (dist/index.js) run as the runner runs it, against the
// simulator over real TLS on loopback with the test CA. Only what the bundle
// alone can show is here: one run per outcome, signals, secrets in every
// channel, and the INPUT_*/GITHUB_* contract. The fault matrix runs in-process
// on the virtual clock (gate-simulator.test.ts). Real time is only bounded
// from below, or from above with a wide margin: the machine may be busy.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scriptJob } from '../../src/simulator/documents.js'
import { text } from '../../src/summary/markdown.js'
import { SIMULATOR_CA, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { serversCsv } from '../helpers/engine.js'

const PASSWORD = 'Sup3r-S3cret-Pa55'
const SIMULATOR_CA_PEM = readFileSync(SIMULATOR_CA, 'utf8')
const BASIC_TOKEN = Buffer.from(`admin:${PASSWORD}`).toString('base64')

let running: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(running.map(item => item.close()))
  running = []
})

/** Every run's text, to check no secret ever shows. */
const seen: ActionRun[] = []
afterAll(() => {
  for (const run of seen) {
    expect(run.everything).not.toContain(PASSWORD)
    expect(run.everything).not.toContain(BASIC_TOKEN)
  }
})

async function simulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const sim = await startSimulator({
    jobs: {
      '4229': scriptJob({ devices: 3, pollsToComplete: 3 }),
      '4230': scriptJob({
        devices: 3,
        pollsToComplete: 2,
        failures: [{ device: 2, step: 'INV_CHASSIS', userAction: 'Reseat the chassis management module.' }]
      }),
      '4231': scriptJob({ devices: 2, pollsToComplete: Infinity })
    },
    password: PASSWORD,
    ...options
  })
  running.push(sim)
  return sim
}

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

/** A secret as typed, as our Markdown writes it, and as the simulator's echo encodes it (written out here, not taken from the code under test). */
const echoedForms = (secret: string): string[] => [
  secret,
  text(secret, 1_000),
  JSON.stringify(secret).slice(1, -1),
  encodeURIComponent(secret),
  [...secret].map(char => `&#${char.codePointAt(0)};`).join(''),
  Buffer.from(secret).toString('base64'),
  secret.toUpperCase()
]

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
      /^### ✅ LXCA job 4229 on 127\.0\.0\.1&#58;\d+ succeeded&#58; all 3 devices managed · /
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
      '::error title=Device 10.240.72.3%3A OTHER_FAIL::10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory. Reseat the chassis management module.'
    )
    expect(result.summary).toContain('| ❌ 10.240.72.3 | OTHER_FAIL | Inventory › Chassis inventory |')
    expect(result.summary).toContain('Inventory › Chassis inventory')
    expect(JSON.parse(result.outputs['failed-devices'])).toEqual([
      expect.objectContaining({ device: '10.240.72.3', result: 'OTHER_FAIL' })
    ])
  })

  it('timeout → exit 1 after the timeout (and not hours later), with a summary', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'job-id': '4231', timeout: '2s' }, { killAfterMs: 60_000 })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('timeout')
    expect(result.durationMs).toBeGreaterThanOrEqual(2_000)
    // The exact bound (timeout + request-timeout) is asserted on the virtual clock; here only "it ends".
    expect(result.durationMs).toBeLessThan(5 * (2_000 + 2_000))
    expect(result.summary).toMatch(/^### ⏱️ LXCA job 4231 on \S+ timed out after 2 s&#58; 0% done · 2 not finished/)
  })

  it('401 → exit 1 after one request, without retrying', async () => {
    const sim = await simulator({ password: 'another-password' })
    const result = await run(sim)
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.requests).toHaveLength(1)
    expect(errors(result.stdout)).toEqual([expect.stringMatching(/refused the credentials \(HTTP 401\)/)])
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

  it('a CSV that partly fails: upload → wait → failure at the scripted step', async () => {
    const sim = await simulator()
    const csv = serversCsv(3, { 2: 'fail:CFG_SECURITY:Reset the BMC security settings.' })
    const result = await run(sim, { 'job-id': '', 'csv-file': 'servers.csv' }, { files: { 'servers.csv': csv } })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'failure', 'job-id': '5001', failed: '1' })
    expect(result.stdout).toContain('::error::1 of 3 devices failed: 10.240.9.3 OTHER_FAIL at Configuration › Security')
    expect(sim.uploads()).toBe(1)
  })

  it('validation-only, refused: exit 1, the appliance messages in the summary, nothing imported', async () => {
    const sim = await simulator()
    const files = { 'servers.csv': 'Type,IP Address,User ID\r\nmainframe,10.240.9.1,USERID\r\n' }
    const result = await run(sim, { 'job-id': '', 'csv-file': 'servers.csv', 'validation-only': 'true' }, { files })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'failure', 'job-id': '' })
    expect(result.summary).toMatch(/^### ❌ servers\.csv was refused by 127\.0\.0\.1&#58;\d+&#58; 1 problem · /)
    expect(result.summary).toContain('- FQXHMDI0204M&#58; Line 2&#58; the device type is not known.')
    expect(sim.requests.map(request => `${request.method} ${request.path}`)).toEqual(['POST /csvRequest'])
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

  it('validation-only answered by an HTML page → error, never "valid"', async () => {
    const sim = await simulator({
      uploadFaults: [{ kind: 'body', body: '<html><title>Log in</title></html>', contentType: 'text/html' }]
    })
    const result = await run(
      sim,
      { 'job-id': '', 'csv-file': 'servers.csv', 'validation-only': 'true' },
      { files: { 'servers.csv': serversCsv(2) } }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.summary).toMatch(
      /^### ⚠️ Could not validate servers\.csv on \S+&#58; the appliance&#39;s answer could not be read/
    )
    expect(result.summary).not.toContain('is valid')
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
    expect(result.summary).not.toBe('')
  })
})

describe('the bundled action: cancellation', () => {
  /** How long a bare `node` script takes from spawn to handling a signal: the earliest any script can. */
  async function bareSignalReadyMs(): Promise<number> {
    const script = "process.on('SIGINT', () => {}); process.stdout.write('ready')"
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
      await new Promise(resolve => child.stdout.once('data', resolve))
      times.push(performance.now() - started)
      child.kill('SIGKILL')
      await new Promise(resolve => child.once('close', resolve))
    }
    return times.sort((a, b) => a - b)[1]
  }

  it('SIGINT as early as a bare node script could handle one → cancelled, with outputs and a summary', async () => {
    const sim = await simulator()
    // Before the fix, the handlers came after ~1 MB of bundle: SIGINT killed the run up to ~2x this.
    const at = await bareSignalReadyMs()
    const result = await run(
      sim,
      { 'job-id': '4231', 'poll-interval': '1m' },
      { interrupt: { signal: 'SIGINT', afterMs: at } }
    )
    expect(result.signal).toBeNull()
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('cancelled')
    expect(result.summary).toMatch(/^### 🚫 Cancelled while waiting for LXCA job 4231/)
  })

  // A wait of 5 s or a request deadline of 60 s would each outlast the bound
  // below: ending under it proves the signal cut them short.
  it.each(['SIGINT', 'SIGTERM'] as const)('%s during a wait → cancelled at once, with a summary', async signal => {
    const sim = await simulator()
    const result = await run(
      sim,
      { 'job-id': '4231', 'poll-interval': '1m' },
      { interrupt: { signal, whenStdout: /Job progress/ } }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('cancelled')
    expect(result.interruptedAt).toBeDefined()
    expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(4_000)
    expect(result.summary).toMatch(
      /^### 🚫 Cancelled while waiting for LXCA job 4231 on \S+&#58; 0% done · 2 not finished after /
    )
    expect(sim.requests).toHaveLength(1)
  })

  it('SIGINT during a stalled request → cancelled at once, no further request', async () => {
    const sim = await simulator({ faults: [{ kind: 'stall' }] })
    const result = await run(
      sim,
      { 'request-timeout': '1m' },
      { interrupt: { signal: 'SIGINT', when: () => sim.requests.length === 1 } }
    )
    expect(result.outputs.status).toBe('cancelled')
    expect(result.interruptedAt).toBeDefined()
    expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(4_000)
    expect(result.summary).toMatch(/^### 🚫 Cancelled while waiting for LXCA job 4229/)
    expect(sim.requests).toHaveLength(1)
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
