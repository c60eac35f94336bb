// The built bundle (dist/index.js) run as the runner runs it, against the
// simulator over real TLS on loopback with the test CA.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { scriptJob } from '../../src/simulator/documents.js'
import {
  CERT_DIR,
  SIMULATOR_CA,
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../src/simulator/server.js'
import { startConnectProxy } from '../helpers/connect-proxy.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'

const PASSWORD = 'Sup3r-S3cret-Pa55'
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
      'ca-certificate': SIMULATOR_CA,
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
    expect(result.summary).toMatch(/^### ✅ LXCA job 4229 succeeded: all 3 devices managed/)
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
    expect(result.summary).toContain('| ❌ | 10.240.72.3 |')
    expect(result.summary).toContain('Inventory › Chassis inventory')
    expect(JSON.parse(result.outputs['failed-devices'])).toEqual([
      expect.objectContaining({ device: '10.240.72.3', result: 'OTHER_FAIL' })
    ])
  })

  it('timeout → exit 1 within timeout + one request timeout, with a summary', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'job-id': '4231', timeout: '2s' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('timeout')
    expect(result.durationMs).toBeLessThan(2_000 + 2_000 + 1_000)
    expect(result.durationMs).toBeGreaterThanOrEqual(2_000)
    expect(result.summary).toMatch(/^### ⏱️ LXCA job 4231 timed out after 2 s/)
  })

  it('401 → exit 1 after one request, without retrying', async () => {
    const sim = await simulator({ password: 'another-password' })
    const result = await run(sim)
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.requests).toHaveLength(1)
    expect(errors(result.stdout)).toEqual([expect.stringMatching(/refused the credentials \(HTTP 401\)/)])
  })

  it('404 → exit 1 naming the job ID and the URL', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'job-id': '999' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`job 999 was not found at ${sim.url}/csvRequest/jobs/999`)
    expect(sim.requests).toHaveLength(1)
  })

  it('bad inputs → exit 1 before any request, naming each input', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'job-id': '../sessions', timeout: 'forever' })
    expect(result.code).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(result.stdout).toMatch(/Input 'job-id' has an invalid value/)
    expect(result.stdout).toMatch(/Input 'timeout' has an invalid value 'forever'/)
    expect(result.summary).toContain('invalid inputs')
    expect(result.stderr).toBe('')
  })

  it('an untrusted certificate → error before any credentials are sent', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'ca-certificate': '' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.stdout).toMatch(/certificate was issued by a CA that is not trusted/)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('the bundled action: faults', () => {
  it('3 resets then success → success', async () => {
    const sim = await simulator({ faults: [{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }] })
    const result = await run(sim, { 'poll-interval': '100ms' })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('success')
    expect(result.stdout.match(/Request failed \(\d of at most 8 retries in a row\)/g)).toHaveLength(3)
  })

  it('max-retries + 1 consecutive faults → error, never failure', async () => {
    const sim = await simulator({
      faults: Array.from({ length: 10 }, () => ({ kind: 'status' as const, status: 503 }))
    })
    const result = await run(sim, { 'poll-interval': '100ms', 'max-retries': '3', 'job-id': '4230' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.requests).toHaveLength(4)
    expect(result.stdout).toMatch(/4 requests in a row failed \(max-retries is 3\)/)
  })

  it('503 with Retry-After → the next request waits at least that long', async () => {
    const sim = await simulator({ faults: [{ kind: 'status', status: 503, retryAfter: '1' }] })
    const result = await run(sim, { 'poll-interval': '100ms' })
    expect(result.code).toBe(0)
    expect(sim.requests[1].at - sim.requests[0].at).toBeGreaterThanOrEqual(1_000)
  })

  it('429 without Retry-After is backed off, not hammered', async () => {
    const sim = await simulator({
      faults: [
        { kind: 'status', status: 429 },
        { kind: 'status', status: 429 }
      ]
    })
    const result = await run(sim, { 'poll-interval': '200ms' })
    expect(result.code).toBe(0)
    const gaps = sim.requests.slice(1, 3).map((request, i) => request.at - sim.requests[i].at)
    // Backoff from the first poll wait (200 ms), doubling, with at most -20 % jitter.
    expect(gaps[0]).toBeGreaterThanOrEqual(160)
    expect(gaps[1]).toBeGreaterThanOrEqual(320)
  })

  it('an absurd Retry-After does not spin: the run waits to the deadline and ends as timeout', async () => {
    const sim = await simulator({
      faults: Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, retryAfter: '99999999' }))
    })
    const result = await run(sim, { timeout: '1500ms' })
    expect(result.outputs.status).toBe('timeout')
    expect(sim.requests).toHaveLength(2)
    expect(result.durationMs).toBeLessThan(1_500 + 2_000)
  })

  it('a stalled body is cut at request-timeout and retried', async () => {
    const sim = await simulator({ faults: [{ kind: 'stall' }] })
    const result = await run(sim, { 'request-timeout': '500ms', 'poll-interval': '100ms' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('no complete response within 500 ms (request-timeout)')
  })

  it('HTML and truncated bodies are never taken for a result', async () => {
    const sim = await simulator({
      faults: [
        { kind: 'body', body: '<html>Service Unavailable</html>', contentType: 'text/html' },
        { kind: 'truncate', framing: 'chunked' },
        { kind: 'body', body: '{}' }
      ]
    })
    const result = await run(sim, { 'poll-interval': '100ms', 'job-id': '4230' })
    expect(result.outputs.status).toBe('failure')
    expect(result.stdout.match(/Request failed/g)).toHaveLength(3)
  })
})

describe('the bundled action: cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s during a wait → cancelled within 1 s, with a summary', async signal => {
    const sim = await simulator()
    const result = await run(
      sim,
      { 'job-id': '4231', 'poll-interval': '5s' },
      { interrupt: { signal, whenStdout: /Job progress/ } }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('cancelled')
    expect(result.interruptedAt).toBeDefined()
    expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(1_000)
    expect(result.summary).toMatch(/^### 🚫 Waiting for LXCA job 4231 was cancelled/)
    expect(sim.requests).toHaveLength(1)
  })

  it('SIGINT during a stalled request → cancelled within 1 s, no further request', async () => {
    const sim = await simulator({ faults: [{ kind: 'stall' }] })
    const result = await run(sim, { 'request-timeout': '30s' }, { interrupt: { signal: 'SIGINT', afterMs: 700 } })
    expect(result.outputs.status).toBe('cancelled')
    expect(result.interruptedAt).toBeDefined()
    expect(result.durationMs - (result.interruptedAt ?? 0)).toBeLessThan(1_000)
    expect(result.summary).toContain('was cancelled')
    expect(sim.requests).toHaveLength(1)
  })
})

describe('the bundled action: sessions', () => {
  it('logs in, sends cookie and CSRF token, logs out, and masks the session', async () => {
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

  it('an expired session → one re-login, and the job goes on', async () => {
    const sim = await simulator({ auth: 'session', sessionLifetime: 2 })
    const result = await run(sim, { 'auth-method': 'session' })
    expect(result.outputs.status).toBe('success')
    expect(sim.logins()).toBe(2)
  })

  it('401 right after a fresh login → error, no login storm', async () => {
    const sim = await simulator({ auth: 'session', sessionLifetime: 0 })
    const result = await run(sim, { 'auth-method': 'session' })
    expect(result.outputs.status).toBe('error')
    expect(sim.logins()).toBeLessThanOrEqual(2)
  })

  it('logs out when cancelled', async () => {
    const sim = await simulator({ auth: 'session' })
    const result = await run(
      sim,
      { 'auth-method': 'session', 'job-id': '4231', 'poll-interval': '5s' },
      { interrupt: { signal: 'SIGINT', whenStdout: /Job progress/ } }
    )
    expect(result.outputs.status).toBe('cancelled')
    expect(sim.logouts()).toBe(1)
  })
})

describe('the bundled action: TLS and proxies', () => {
  const pin = (name: string): string => new X509Certificate(readFileSync(`${CERT_DIR}${name}.pem`)).fingerprint256

  it('a wrong tls-fingerprint → error, and the simulator receives no credentials', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'tls-fingerprint': pin('selfsigned') })
    expect(result.outputs.status).toBe('error')
    expect(result.stdout).toMatch(/does not match tls-fingerprint/)
    expect(sim.requests.filter(request => request.carriedCredentials)).toHaveLength(0)
  })

  it('insecure-skip-tls-verify works and warns on the run page', async () => {
    const sim = await simulator({ certificate: 'selfsigned' })
    const result = await run(sim, { 'ca-certificate': '', 'insecure-skip-tls-verify': 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').filter(line => line.startsWith('::warning'))).toEqual([
      expect.stringMatching(/title=TLS verification is off::insecure-skip-tls-verify is on/)
    ])
  })

  it('a pinned self-signed certificate works without a CA', async () => {
    const sim = await simulator({ certificate: 'selfsigned' })
    const result = await run(sim, {
      'ca-certificate': '',
      'insecure-skip-tls-verify': 'true',
      'tls-fingerprint': pin('selfsigned').replace(/:/g, '')
    })
    expect(result.code).toBe(0)
  })

  it('tls-server-name verifies a certificate that does not list the address', async () => {
    const sim = await simulator({ certificate: 'named' })
    expect((await run(sim)).outputs.status).toBe('error')
    expect((await run(sim, { 'tls-server-name': 'lxca.internal' })).outputs.status).toBe('success')
  })

  it('HTTPS_PROXY → traffic goes through the CONNECT proxy', async () => {
    const sim = await simulator()
    const proxy = await startConnectProxy()
    running.push(proxy)
    const result = await run(sim, { host: `lxca.internal:${sim.port}` }, { env: { HTTPS_PROXY: proxy.url } })
    expect(result.code).toBe(0)
    expect(proxy.connects.length).toBeGreaterThanOrEqual(3)
    expect(new Set(proxy.connects)).toEqual(new Set([`lxca.internal:${sim.port}`]))
    expect(result.stdout).toContain(`through proxy 127.0.0.1:${proxy.port}`)
  })

  it('a proxy that refuses → retried, then error (not a hang)', async () => {
    const sim = await simulator()
    const proxy = await startConnectProxy({ refuse: 403 })
    running.push(proxy)
    const result = await run(
      sim,
      { host: `lxca.internal:${sim.port}`, 'max-retries': '2', 'poll-interval': '100ms' },
      { env: { HTTPS_PROXY: proxy.url } }
    )
    expect(result.outputs.status).toBe('error')
    expect(proxy.connects).toHaveLength(3)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('the bundled action: several jobs and job types', () => {
  const jobs = {
    '4229': scriptJob({ devices: 2, pollsToComplete: 2 }),
    '4230': scriptJob({ devices: 3, pollsToComplete: 2, failures: [{ device: 0, step: 'CFG_NTP' }] }),
    '4231': scriptJob({ devices: 1, pollsToComplete: Infinity }),
    '77': scriptJob({ devices: 2, pollsToComplete: 2, type: 'manage' }),
    '78': scriptJob({ devices: 1, pollsToComplete: 2, type: 'unmanage' })
  }

  it('success + failure → failure, one verdict line per job, outputs added up', async () => {
    const sim = await simulator({ jobs })
    const result = await run(sim, { 'job-id': '4229, 4230' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      status: 'failure',
      devices: '5',
      succeeded: '4',
      failed: '1',
      result: 'OTHER_FAIL'
    })
    expect(JSON.parse(result.outputs['failed-devices'])).toEqual([
      expect.objectContaining({ job: '4230', device: '10.240.72.1', step: 'Configuration › NTP' })
    ])
    expect(result.summary.split('\n').slice(0, 4)).toEqual([
      '## ❌ 2 LXCA jobs: 1 succeeded, 1 failed',
      '',
      '- ✅ LXCA job 4229 succeeded: all 2 devices managed',
      '- ❌ LXCA job 4230 failed: 1 of 3 devices failed'
    ])
    expect(result.summary).toContain('### ✅ LXCA job 4229 succeeded')
    expect(result.summary).toContain('### ❌ LXCA job 4230 failed')
    expect(Object.keys(JSON.parse(readFileSync(result.outputs.report, 'utf8')))).toEqual([
      'csvRequest/jobs/4229',
      'csvRequest/jobs/4230'
    ])
    expect(result.stdout).toMatch(
      /::error::1 of 2 LXCA jobs did not succeed\. LXCA job 4230: 1 of 3 devices failed: 10\.240\.72\.1 OTHER_FAIL at Configuration › NTP/
    )
  })

  it('success + timeout → timeout', async () => {
    const sim = await simulator({ jobs })
    const result = await run(sim, { 'job-id': '4229 4231', timeout: '2s' })
    expect(result.outputs.status).toBe('timeout')
    expect(result.summary).toMatch(/^## ⏱️ 2 LXCA jobs: 1 succeeded, 1 timed out/)
  })

  it('success + a job that does not exist → error, and the other job is still reported', async () => {
    const sim = await simulator({ jobs })
    const result = await run(sim, { 'job-id': '4229\n999' })
    expect(result.outputs).toMatchObject({ status: 'error', succeeded: '2' })
    expect(result.stdout).toContain(`job 999 was not found at ${sim.url}/csvRequest/jobs/999`)
  })

  it('duplicates are polled once', async () => {
    const sim = await simulator({ jobs })
    const result = await run(sim, { 'job-id': `4229, /csvRequest/jobs/4229, ${'https://x'}/csvRequest/jobs/4229` })
    expect(result.outputs.status).toBe('success')
    expect(result.summary).toMatch(/^### ✅ LXCA job 4229/)
    expect(sim.requests).toHaveLength(2)
  })

  it('three jobs: each job keeps its poll schedule, and their requests are spread, not fired together', async () => {
    const sim = await simulator({
      jobs: {
        a: scriptJob({ devices: 1, pollsToComplete: 5 }),
        b: scriptJob({ devices: 1, pollsToComplete: 5 }),
        c: scriptJob({ devices: 1, pollsToComplete: 5 })
      }
    })
    const result = await run(sim, { 'job-id': 'a,b,c', 'poll-interval': '600ms' })
    expect(result.outputs.status).toBe('success')
    const times = (id: string): number[] =>
      sim.requests.filter(request => request.path.endsWith(`/${id}`)).map(request => request.at)
    for (const id of ['a', 'b', 'c']) {
      const at = times(id)
      expect(at).toHaveLength(5)
      at.slice(1).forEach((t, i) => expect(t - at[i]).toBeGreaterThanOrEqual(0.8 * 600 - 5))
    }
    const firsts = ['a', 'b', 'c'].map(id => times(id)[0])
    expect(firsts[1] - firsts[0]).toBeGreaterThanOrEqual(150)
    expect(firsts[2] - firsts[1]).toBeGreaterThanOrEqual(150)
  })

  it('job-type routes a bare ID, and a path or URL selects its own type', async () => {
    const sim = await simulator({ jobs })
    const result = await run(sim, { 'job-id': `77, ${sim.url}/unmanageRequest/jobs/78`, 'job-type': 'manage' })
    expect(result.outputs.status).toBe('success')
    expect(new Set(sim.requests.map(request => request.path))).toEqual(
      new Set(['/manageRequest/jobs/77', '/unmanageRequest/jobs/78'])
    )
  })
})
