// The engine in-process against the simulator over real TLS on loopback, on
// the virtual clock: the fault matrix, sessions, TLS, proxies and several
// jobs, with every schedule asserted exactly and no real sleep. (The bundle
// tests keep only what the bundle alone can show.)
import { describe, expect, it } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { StepNode } from '../../src/lxca/document.js'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { mayHaveStarted } from '../../src/outcome/upload-outcome.js'
import { scriptJob, simulatedDevice } from '../../src/simulator/documents.js'
import { noSecrets } from '../../src/common/secrets.js'
import { reasonOf, uploadProblemOf } from '../../src/report/model/fixes.js'
import { ACTION_NAMING } from '../../src/report/model/naming.js'
import { renderGateMarkdown } from '../../src/report/markdown/gate-markdown.js'
import { gateView } from '../../src/report/model/gate-view.js'
import { CERT_DIR, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'
import { closedPort, startConnectProxy } from '../helpers/connect-proxy.js'
import { csvFile, runEngine, serversCsv } from '../helpers/engine.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { simulators, STANDARD_JOBS } from '../helpers/simulators.js'

const JOBS = {
  ...STANDARD_JOBS,
  '77': scriptJob({ devices: 2, pollsToComplete: 2, type: 'manage' }),
  '78': scriptJob({ devices: 1, pollsToComplete: 2, type: 'unmanage' })
}

const started = simulators({ jobs: JOBS })
const running = { push: <T extends { close(): Promise<void> }>(item: T): T => started.track(item) }

/** A simulator that records its requests on the test's virtual clock. */
function simulator(clock: VirtualClock, options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return started({ now: () => clock.now(), ...options })
}

/** The details sentence of an upload that ended in an error. */
const uploadReason = (upload: UploadOutcome | undefined): string | undefined =>
  upload?.status === 'error' ? upload.cause.reason : undefined

const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i])
const jobRequests = (sim: Simulator): number[] =>
  sim.requests.filter(request => request.method === 'GET').map(request => request.at)

describe('the engine against the simulator: transient faults', () => {
  it('3 resets then success → success, each retry logged with its cause', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { faults: [{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }] })
    const { result, logs } = await runEngine(sim, {}, { clock })
    expect(result.status).toBe('success')
    expect(
      logs.filter(line => /^Request failed \(\d of at most 8 retries in a row\): .*ECONNRESET/.test(line))
    ).toHaveLength(3)
  })

  it('max-retries + 1 consecutive faults → error, never failure', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      faults: Array.from({ length: 10 }, () => ({ kind: 'status' as const, status: 503 }))
    })
    const { result } = await runEngine(sim, { 'max-retries': '3', 'job-id': '4230' }, { clock })
    expect(result.status).toBe('error')
    expect(sim.requests).toHaveLength(4)
    expect(reasonOf(result.jobs[0], result.deadline.timeoutMs)).toMatch(
      /^4 requests in a row failed \(max-retries is 3\)/
    )
  })

  it('503 with Retry-After: 7 → the next request 7 s later, not before', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { faults: [{ kind: 'status', status: 503, retryAfter: '7' }] })
    const { result } = await runEngine(sim, {}, { clock })
    expect(result.status).toBe('success')
    expect(gaps(jobRequests(sim))[0]).toBe(7_000)
  })

  it('429 without Retry-After is backed off from the poll wait, doubling', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      faults: [
        { kind: 'status', status: 429 },
        { kind: 'status', status: 429 }
      ]
    })
    const { result } = await runEngine(sim, { 'poll-interval': '2s' }, { clock })
    expect(result.status).toBe('success')
    // random is 0.5: no jitter. First wait min(5 s, 2 s) = 2 s, then ×2.
    expect(gaps(jobRequests(sim)).slice(0, 2)).toEqual([2_000, 4_000])
  })

  it('an absurd Retry-After does not spin: the next request is at the deadline, and the end is timeout', async () => {
    const clock = new VirtualClock()
    const absurd = { kind: 'status' as const, status: 503, retryAfter: '99999999' }
    // The first answer shows the job running; then the appliance asks for 3 years of patience.
    const sim = await simulator(clock, { faults: [undefined, absurd, absurd, absurd] })
    const { result } = await runEngine(sim, { 'job-id': '4231', timeout: '90s' }, { clock })
    expect(result.status).toBe('timeout')
    expect(jobRequests(sim)).toEqual([0, 1_000, 90_000])
  })

  it('an appliance that answers nothing usable until the deadline → error (the job was never seen), not timeout', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      faults: Array.from({ length: 50 }, () => ({ kind: 'body' as const, body: '[]' }))
    })
    const { result } = await runEngine(sim, { timeout: '2m', 'max-retries': '100' }, { clock })
    expect(result.status).toBe('error')
    expect(reasonOf(result.jobs[0], result.deadline.timeoutMs)).toMatch(
      /^no usable answer about the job within 2m 0s; the last request failed: the job document was not understood: expected a JSON object, got a list/
    )
  })

  it('a stalled body is cut at request-timeout and retried', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { faults: [{ kind: 'stall' }] })
    const { result, logs } = await runEngine(sim, { 'request-timeout': '300ms' }, { clock })
    expect(result.status).toBe('success')
    expect(logs.join('\n')).toContain('no complete response within 300 ms (request-timeout)')
  })

  it('HTML, truncated and empty-object bodies are never taken for a result', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      faults: [
        { kind: 'body', body: '<html>Service Unavailable</html>', contentType: 'text/html' },
        { kind: 'truncate', framing: 'chunked' },
        { kind: 'body', body: '{}' }
      ]
    })
    const { result, logs } = await runEngine(sim, { 'job-id': '4230' }, { clock })
    expect(result.status).toBe('failure')
    expect(logs.filter(line => line.startsWith('Request failed'))).toHaveLength(3)
  })
})

describe('the engine against the simulator: pathological documents', () => {
  const deepTree = (levels: number): string =>
    `${'{"id":"L","status":{"state":"Complete","substatus":['.repeat(levels)}{"id":"LEAF"}${']}}'.repeat(levels)}`

  it('a substatus tree 3,000 levels deep still gives the true verdict (success)', async () => {
    const clock = new VirtualClock()
    const body = `{"progress":100,"results":[{"result":"SUCCESS","progress":"JOB_DONE","status":{"substatus":[${deepTree(3000)}]}}]}`
    const sim = await simulator(clock, { faults: [{ kind: 'body', body }] })
    const { result, documents } = await runEngine(sim, {}, { clock })
    expect(result.status).toBe('success')
    expect(documents.get('4229')?.toString()).toBe(body)
  })

  it('an extra field nested 5,000 levels deep still gives the true verdict (failure for the failed device)', async () => {
    const clock = new VirtualClock()
    const extra = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const body = `{"progress":100,"x":${extra},"results":[{"messageParameters":"10.0.0.7","result":"OTHER_FAIL","progress":"JOB_DONE"}]}`
    const sim = await simulator(clock, { faults: [{ kind: 'body', body }] })
    const { result } = await runEngine(sim, {}, { clock })
    expect(result.status).toBe('failure')
    expect(result.jobs[0].seen?.assessment.devices[0].device.address).toBe('10.0.0.7')
  })
})

describe('the engine against the simulator: answers that end the wait', () => {
  it('404 → error naming the job ID and the URL, after one request', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { 'job-id': '999' }, { clock })
    expect(result.status).toBe('error')
    expect(reasonOf(result.jobs[0], result.deadline.timeoutMs)).toContain(
      `job 999 was not found at ${sim.url}/csvRequest/jobs/999`
    )
    expect(sim.requests).toHaveLength(1)
  })

  it('a job that never finishes → timeout exactly at the deadline, after a last poll there', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { 'job-id': '4231', timeout: '2m' }, { clock })
    expect(result.status).toBe('timeout')
    expect(jobRequests(sim).at(-1)).toBe(120_000)
    expect(clock.now()).toBe(120_000)
  })
})

describe('the engine against the simulator: sessions', () => {
  it('logs in, sends the cookie and the CSRF token (no Basic), logs out, and reports every session secret', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { auth: 'session' })
    const { result, secrets } = await runEngine(sim, { 'auth-method': 'session' }, { clock })
    expect(result.status).toBe('success')
    expect([sim.logins(), sim.logouts()]).toEqual([1, 1])
    const get = sim.requests.find(request => request.method === 'GET')
    expect(get?.headers.authorization).toBeUndefined()
    expect(get?.headers['x-csrf-token']).toMatch(/^[0-9a-f]{32}$/)
    const sessionId = /JSESSIONID=([0-9a-f]+)/.exec(String(get?.headers.cookie))?.[1] ?? 'missing'
    expect(secrets).toEqual(expect.arrayContaining([sessionId, get?.headers['x-csrf-token']]))
  })

  it('an expired session → one re-login, and the job goes on', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { auth: 'session', sessionLifetime: 2 })
    const { result } = await runEngine(sim, { 'auth-method': 'session' }, { clock })
    expect(result.status).toBe('success')
    expect(sim.logins()).toBe(2)
  })

  it('401 right after a fresh login → error, no login storm', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { auth: 'session', sessionLifetime: 0 })
    const { result } = await runEngine(sim, { 'auth-method': 'session' }, { clock })
    expect(result.status).toBe('error')
    expect(sim.logins()).toBeLessThanOrEqual(2)
  })

  it('logs out when cancelled during a wait', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { auth: 'session' })
    const { result } = await runEngine(
      sim,
      { 'auth-method': 'session', 'job-id': '4231' },
      { clock, control: cancel => (clock.onSleep = () => cancel.abort()) }
    )
    expect(result.status).toBe('cancelled')
    expect(sim.logouts()).toBe(1)
  })
})

describe('the engine against the simulator: TLS and proxies', () => {
  const pin = (name: string): string => new X509Certificate(readFileSync(`${CERT_DIR}${name}.pem`)).fingerprint256

  it('an untrusted certificate → error before any request reaches the appliance', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { 'ca-certificate': '' }, { clock })
    expect(result.status).toBe('error')
    expect(reasonOf(result.jobs[0], result.deadline.timeoutMs)).toMatch(
      /certificate was issued by a CA that is not trusted/
    )
    expect(sim.requests).toHaveLength(0)
  })

  it.each([
    ['an untrusted CA', {}, { 'ca-certificate': '' }, /^\*\*Fix:\*\* Set ca-certificate to /],
    [
      'a self-signed certificate',
      { certificate: 'selfsigned' },
      { 'ca-certificate': '' },
      /^\*\*Fix:\*\* Set ca-certificate to /
    ],
    ['an expired certificate', { certificate: 'expired' }, {}, /^\*\*Fix:\*\* Renew the appliance&#39;s certificate/],
    ['a certificate for another name', { certificate: 'named' }, {}, /^\*\*Fix:\*\* Set tls-server-name to /],
    ['http:// to the TLS port', {}, { host: 'http://127.0.0.1:PORT' }, /^\*\*Fix:\*\* Use https&#58;\/\/ in host\.$/]
  ] as const)(
    '%s → one Fix line with its own remedy; the details say what happened, not what to do',
    async (_name, sim0, inputs, fix) => {
      const clock = new VirtualClock()
      const sim = await simulator(clock, sim0)
      const given = Object.fromEntries(
        Object.entries(inputs).map(([key, value]) => [key, value.replace('PORT', String(sim.port))])
      )
      const { result } = await runEngine(sim, given, { clock })
      expect(result.status).toBe('error')
      const lines = renderGateMarkdown(gateView(result, new URL(sim.url), noSecrets)).split('\n')
      expect(lines.filter(line => line.startsWith('**Fix:**'))).toEqual([expect.stringMatching(fix)])
      const details = lines.find(line => line.startsWith('> **Details:**'))
      expect(details).toBeDefined()
      expect(details).not.toMatch(/\b(set|renew|use https|check)\b/i)
      expect(lines[0]).not.toContain('refused')
      expect(sim.requests).toHaveLength(0)
    }
  )

  it('a wrong tls-fingerprint → error, and the simulator receives no credentials', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { 'tls-fingerprint': pin('selfsigned') }, { clock })
    expect(result.status).toBe('error')
    expect(reasonOf(result.jobs[0], result.deadline.timeoutMs)).toMatch(/does not match tls-fingerprint/)
    expect(sim.requests).toHaveLength(0)
  })

  it('insecure-skip-tls-verify works and warns once', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { certificate: 'selfsigned' })
    const { result, logs } = await runEngine(
      sim,
      { 'ca-certificate': '', 'insecure-skip-tls-verify': 'true' },
      { clock }
    )
    expect(result.status).toBe('success')
    expect(logs.filter(line => line.startsWith('warning:'))).toEqual([
      expect.stringMatching(/^warning: TLS verification is off: insecure-skip-tls-verify is on/)
    ])
  })

  it('a pinned self-signed certificate works without a CA', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { certificate: 'selfsigned' })
    const inputs = {
      'ca-certificate': '',
      'insecure-skip-tls-verify': 'true',
      'tls-fingerprint': pin('selfsigned').replace(/:/g, '')
    }
    expect((await runEngine(sim, inputs, { clock })).result.status).toBe('success')
  })

  it('tls-server-name verifies a certificate that does not list the address', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { certificate: 'named' })
    expect((await runEngine(sim, {}, { clock })).result.status).toBe('error')
    expect((await runEngine(sim, { 'tls-server-name': 'lxca.internal' }, { clock })).result.status).toBe('success')
  })

  it('through a CONNECT proxy: every request tunnels to the appliance name, and the log says so', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const proxy = await startConnectProxy()
    running.push(proxy)
    // HTTPS_PROXY without a scheme means http://, as curl reads it.
    const environment = {
      variable: (name: string) => (name === 'HTTPS_PROXY' ? `127.0.0.1:${proxy.port}` : undefined),
      bypass: () => false
    }
    const { result, logs } = await runEngine(sim, { host: `lxca.internal:${sim.port}` }, { clock, environment })
    expect(result.status).toBe('success')
    expect(proxy.connects).toHaveLength(3)
    expect(new Set(proxy.connects)).toEqual(new Set([`lxca.internal:${sim.port}`]))
    expect(logs[0]).toContain(`through proxy 127.0.0.1:${proxy.port}`)
  })

  it('a proxy that refuses → retried, then error (not a hang)', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const proxy = await startConnectProxy({ refuse: 403 })
    running.push(proxy)
    const environment = {
      variable: (name: string) => (name === 'https_proxy' ? proxy.url : undefined),
      bypass: () => false
    }
    const inputs = { host: `lxca.internal:${sim.port}`, 'max-retries': '2' }
    const { result } = await runEngine(sim, inputs, { clock, environment })
    expect(result.status).toBe('error')
    expect(proxy.connects).toHaveLength(3)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('the engine against the simulator: a wrong host or port fails fast', () => {
  it('nothing listening → error within 45 s (virtual), after a few quick retries, naming host:port and what to check', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const port = await closedPort()
    const host = `https://127.0.0.1:${port}`
    // The defaults a first run has: before this, max-retries took 303 s to give up here.
    const { result } = await runEngine(sim, { host, 'poll-interval': '30s' }, { clock })
    expect(result.status).toBe('error')
    expect(result.jobs[0]).toMatchObject({ cause: { kind: 'unreachable', fault: { code: 'ECONNREFUSED' } } })
    expect(clock.now()).toBeGreaterThanOrEqual(30_000)
    expect(clock.now()).toBeLessThanOrEqual(45_000)
    expect(result.jobs[0].wait.polls).toBeGreaterThanOrEqual(3)
    const markdown = renderGateMarkdown(gateView(result, new URL(host), noSecrets))
    const [headline, , fix] = markdown.split('\n\n')
    expect(headline).toContain(`nothing answers at 127.0.0.1&#58;${port} (connection refused) · `)
    expect(fix).toBe('**Fix:** Check host and its port.')
  })

  it('the same for an upload: nothing was sent, nothing imported, and it says so within 45 s', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const port = await closedPort()
    const inputs = {
      host: `https://127.0.0.1:${port}`,
      'job-id': '',
      'csv-file': csvFile(serversCsv(2)),
      'poll-interval': '30s'
    }
    const { result } = await runEngine(sim, inputs, { clock })
    expect(result.status).toBe('error')
    expect(result.upload).toMatchObject({ status: 'error', cause: { kind: 'not-imported' } })
    expect(result.upload && mayHaveStarted(result.upload)).toBe(false)
    expect(clock.now()).toBeLessThanOrEqual(45_000)
  })

  it('refused once the appliance has answered (a restart) → the whole fault budget, as before', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    // The appliance answers the first poll, then goes away: every later connection is refused.
    clock.onSleep = () => void sim.close()
    const { result } = await runEngine(sim, { 'job-id': '4231', 'poll-interval': '30s' }, { clock })
    expect(jobRequests(sim)).toHaveLength(1)
    expect(result.status).toBe('error')
    expect(result.jobs[0]).toMatchObject({ cause: { kind: 'retries', count: 9, fault: { code: 'ECONNREFUSED' } } })
    expect(result.jobs[0].wait.polls).toBe(10)
    // Eight retry waits, far past the first-run grace of 30 s.
    expect(clock.now()).toBeGreaterThan(120_000)
  })
})

describe('the engine against the simulator: several jobs and job types', () => {
  it('success + failure → failure, with both outcomes', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { 'job-id': '4229, 4230' }, { clock })
    expect(result.status).toBe('failure')
    expect(result.jobs.map(outcome => [outcome.job.id, outcome.status])).toEqual([
      ['4229', 'success'],
      ['4230', 'failure']
    ])
  })

  it('success + timeout → timeout; success + a job that does not exist → error, the other still reported', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    expect((await runEngine(sim, { 'job-id': '4229 4231', timeout: '1m' }, { clock })).result.status).toBe('timeout')
    const { result } = await runEngine(sim, { 'job-id': '4229\n999' }, { clock })
    expect(result.status).toBe('error')
    expect(result.jobs[0].status).toBe('success')
  })

  it('duplicates are polled once', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(
      sim,
      { 'job-id': `4229, /csvRequest/jobs/4229, ${sim.url}/csvRequest/jobs/4229` },
      { clock }
    )
    expect(result.jobs).toHaveLength(1)
    expect(sim.requests).toHaveLength(3)
  })

  it('job-type routes a bare ID, and a path or URL selects its own type', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(
      sim,
      { 'job-id': `77, ${sim.url}/unmanageRequest/jobs/78`, 'job-type': 'manage' },
      { clock }
    )
    expect(result.status).toBe('success')
    expect(new Set(sim.requests.map(request => request.path))).toEqual(
      new Set(['/manageRequest/jobs/77', '/unmanageRequest/jobs/78'])
    )
  })
})

describe('the engine against the simulator: starting the import (csv-file)', () => {
  const upload = (rows = 3, simulate: Record<number, string> = {}) => ({
    'csv-file': csvFile(serversCsv(rows, simulate)),
    'job-id': ''
  })

  it('uploads the CSV once, logs the job, then waits for it: a CSV that succeeds', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result, logs, secrets } = await runEngine(sim, upload(3), { clock })
    expect(result.status).toBe('success')
    expect(result.upload).toMatchObject({ status: 'success', job: { id: '5001', type: 'csv' }, rows: 3, attempts: 1 })
    expect(result.jobs.map(({ job }) => job.id)).toEqual(['5001'])
    expect(result.jobs[0].seen?.assessment.devices.map(item => item.device.address)).toEqual([
      '10.240.9.1',
      '10.240.9.2',
      '10.240.9.3'
    ])
    expect(sim.uploads()).toBe(1)
    expect(logs).toContain(`Import started: ${sim.url}/csvRequest/jobs/5001`)
    // The CSV's device passwords are secrets from the start.
    expect(secrets).toEqual(expect.arrayContaining(['Bmc-Passw0rd-0', 'Bmc-Passw0rd-2']))
    const post = sim.requests.find(request => request.method === 'POST')
    expect(post?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=lxca-job-gate-[0-9a-f]{32}$/)
  })

  it('a CSV that partly fails: the verdict is failure, at the scripted step', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, upload(3, { 1: 'fail:INV_CHASSIS:Reseat the CMM.' }), { clock })
    expect(result.status).toBe('failure')
    const failed = result.jobs[0].seen?.assessment.devices.filter(item => item.state === 'failed')
    expect(failed?.map(item => [item.device.address, item.stepPath.map(step => step.id).join('/')])).toEqual([
      ['10.240.9.2', 'INVENTORY/INV_CHASSIS']
    ])
  })

  it.each(['location-url', 'body'] as const)(
    'finds the job when the appliance names it in the %s form',
    async answer => {
      const clock = new VirtualClock()
      const sim = await simulator(clock, { uploadAnswer: answer })
      const { result } = await runEngine(sim, upload(2), { clock })
      expect(result.status).toBe('success')
      expect(result.upload).toMatchObject({ status: 'success', job: { id: '5001' } })
    }
  )

  it('an answer that names no job → error that says to pass job-id, and no second POST', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { uploadAnswer: 'nothing' })
    const { result } = await runEngine(sim, upload(2), { clock })
    expect(result.status).toBe('error')
    expect(uploadReason(result.upload)).toMatch(
      /^the appliance accepted the upload \(HTTP 201\) but named no job .*, so the import has probably started$/
    )
    expect(sim.uploads()).toBe(1)
    expect(result.jobs).toEqual([])
  })

  it.each([
    ['stalls past the request timeout', { kind: 'hang' as const }],
    ['resets after the request was written', { kind: 'reset' as const }],
    ['answers 503', { kind: 'status' as const, status: 503 }]
  ])(
    'the upload %s → exactly one POST, and an error that the import may have started, with where to look',
    async (_name, fault) => {
      const clock = new VirtualClock()
      const sim = await simulator(clock, { uploadFaults: [fault] })
      const { result } = await runEngine(sim, { ...upload(2), 'request-timeout': '300ms' }, { clock })
      expect(result.status).toBe('error')
      expect(result.upload).toMatchObject({ status: 'error', cause: { kind: 'may-have-started' }, attempts: 1 })
      expect(uploadReason(result.upload)).toMatch(/; the import may have started$/)
      expect(result.upload && uploadProblemOf(result.upload, ACTION_NAMING)?.fix).toMatch(
        /^Look for the import in XClarity Administrator › Monitoring › Jobs before uploading again/
      )
      expect(sim.uploads()).toBe(1)
    }
  )

  it('with a session: logs in, uploads with the cookie and CSRF token, waits, logs out', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { auth: 'session' })
    const { result } = await runEngine(sim, { ...upload(2), 'auth-method': 'session' }, { clock })
    expect(result.status).toBe('success')
    expect([sim.logins(), sim.uploads(), sim.logouts()]).toEqual([1, 1, 1])
  })

  it('validation-only: accepted → success, nothing imported, nothing waited for', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const { result } = await runEngine(sim, { ...upload(3), 'validation-only': 'true' }, { clock })
    expect(result).toMatchObject({
      status: 'success',
      jobs: [],
      upload: { status: 'success', validationOnly: true, messages: ['FQXHMDI0200I: The file is valid: 3 devices.'] }
    })
    expect(sim.requests.map(request => `${request.method} ${request.path}`)).toEqual(['POST /csvRequest'])
  })

  it("validation-only: refused → failure, with the appliance's messages", async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const csv = 'Type,IP Address,User ID\r\nserver,10.240.9.1,USERID\r\nmainframe,10.240.9.2,USERID\r\n'
    const { result } = await runEngine(
      sim,
      { 'csv-file': csvFile(csv), 'job-id': '', 'validation-only': 'true' },
      { clock }
    )
    expect(result).toMatchObject({
      status: 'failure',
      upload: { status: 'failure', messages: ['FQXHMDI0204M: Line 3: the device type is not known.'] }
    })
  })
})

describe('the engine against the simulator: the upload answer is never guessed', () => {
  // The rows of job 4229's three devices: a job is only ever judged on the rows that started it.
  const rows = [0, 1, 2].map(i => `server,${simulatedDevice(i).address},rack-${i + 1},USERID,Bmc-Passw0rd-${i}`)
  const upload = {
    'csv-file': csvFile(['Type,IP Address,Display Name,User ID,Password', ...rows].join('\n')),
    'job-id': ''
  }
  const answered = (status: number, body: unknown, location?: string) => ({
    kind: 'status' as const,
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    location
  })
  const gets = (sim: Simulator): number => sim.requests.filter(request => request.method === 'GET').length

  it.each([
    [
      'a refusal quoting the old job 41',
      {
        result: 'failed',
        messages: [{ text: 'Import /csvRequest/jobs/41 is still running; this file was not imported.' }]
      }
    ],
    [
      'LXCA usual answer with a message ID',
      { result: 'success', messages: [{ id: 'FQXHMDM0163I', text: 'Accepted.' }] }
    ],
    ['device IDs', { result: 'success', devices: [{ id: '4229' }] }],
    ['a job that is a word', { job: 'running' }],
    ['job number 0', { jobid: 0 }],
    ['a manage job path', { jobId: '/manageRequest/jobs/4229' }]
  ])('%s → error that points to Monitoring › Jobs, no job polled, one POST', async (_name, body) => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { uploadFaults: [answered(200, body)] })
    const { result } = await runEngine(sim, upload, { clock })
    expect(result.status).toBe('error')
    expect(result.jobs).toEqual([])
    expect(result.upload && mayHaveStarted(result.upload)).toBe(true)
    expect(uploadReason(result.upload)).toMatch(/(, so the import has probably started|; the import may have started)$/)
    expect(result.upload && uploadProblemOf(result.upload, ACTION_NAMING)?.fix).toMatch(
      /XClarity Administrator › Monitoring › Jobs/
    )
    expect(gets(sim)).toBe(0)
    expect(sim.uploads()).toBe(1)
  })

  it('202 with a Location → the job it names is polled on the configured host', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, {
      uploadFaults: [answered(202, '', 'https://lxca-behind-a-proxy.internal/csvRequest/jobs/4229')]
    })
    const { result } = await runEngine(sim, upload, { clock })
    expect(result.status).toBe('success')
    expect(result.jobs.map(job => job.job.id)).toEqual(['4229'])
    expect(sim.requests.filter(request => request.method === 'GET')[0].path).toBe('/csvRequest/jobs/4229')
  })

  it('429 on the upload → error that says the import may have started; never a second POST', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { uploadFaults: [{ kind: 'status', status: 429, retryAfter: '1' }] })
    const { result } = await runEngine(sim, upload, { clock })
    expect(result.upload).toMatchObject({ status: 'error', cause: { kind: 'may-have-started' }, httpStatus: 429 })
    expect(sim.uploads()).toBe(1)
  })
})

describe('the engine against the simulator: an import in parts, one job at a time', () => {
  it('one deadline for the whole sequence: the part running when it passes times out, the rest are not uploaded', async () => {
    const clock = new VirtualClock()
    // Each job takes 4 good polls: at 0, 5, 12.5 and 22.5 s (waits of 5 s growing by half up to 10 s).
    const sim = await simulator(clock, { importPolls: 4 })
    const inputs = {
      'job-id': '',
      'csv-file': csvFile(serversCsv(700)),
      'poll-interval': '10s',
      timeout: '35s'
    }
    const { result, logs } = await runEngine(sim, inputs, { clock })
    expect(result.status).toBe('timeout')
    expect(result.jobs.map(job => job.status)).toEqual(['success', 'timeout'])
    expect(result.parts?.map(part => part.state)).toEqual(['uploaded', 'uploaded', 'not uploaded'])
    expect(sim.uploads()).toBe(2)
    // The deadline counts from the first job: 35 s after it, never restarted by the second.
    const firstJob = sim.requests.findIndex(request => request.path === '/csvRequest/jobs/5001')
    expect(clock.now() - sim.requests[firstJob].at).toBeLessThanOrEqual(35_000 + 5_000)
    expect(logs).toContainEqual(
      expect.stringMatching(
        /^Part 2 of 3 \(\S+servers\.csv lines 302–601\): job 5002 started \(https:\S+\/csvRequest\/jobs\/5002\)$/
      )
    )
  })

  it('each part after the job before it: its place, its group, how it ended, and the jobs started as each starts', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 2 })
    const run = await runEngine(
      sim,
      { 'job-id': '', 'csv-file': csvFile(serversCsv(400, { 350: 'fail:LOGIN' })) },
      { clock }
    )
    expect(run.result.status).toBe('failure')
    expect(run.result.parts?.map(part => [part.part.firstLine, part.part.lastLine, part.part.rows])).toEqual([
      [2, 301, 300],
      [302, 401, 100]
    ])
    expect(run.result.parts?.map(part => (part.state === 'uploaded' ? part.job?.id : undefined))).toEqual([
      '5001',
      '5002'
    ])
    expect(run.groups).toEqual(['Part 1 of 2: polling job 5001', 'Part 2 of 2: polling job 5002'])
    expect(run.started).toEqual([['5001'], ['5001', '5002']])
    expect(run.logs).toContainEqual(
      expect.stringMatching(/^✔ Part 1 of 2 \(\S+ lines 2–301\): job 5001 succeeded · all 300 devices managed$/)
    )
    expect(run.logs).toContainEqual(
      expect.stringMatching(/^✖ Part 2 of 2 \(\S+ lines 302–401\): job 5002 failed · 1 of 100 devices failed$/)
    )
  })

  it('a finished part keeps, of a device that succeeded, only what the reports show; a failed one keeps its texts', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 2 })
    const { result } = await runEngine(
      sim,
      { 'job-id': '', 'csv-file': csvFile(serversCsv(400, { 350: 'fail:LOGIN' })) },
      { clock }
    )
    const texts = (nodes: readonly StepNode[]): unknown[] =>
      nodes.flatMap(node => [node.longDescription, node.userAction, ...texts(node.children)]).filter(Boolean)
    const devices = result.jobs.flatMap(job => job.seen?.assessment.devices ?? [])
    expect(devices).toHaveLength(400)
    for (const { device, state } of devices) {
      const kept = [device.longDescription, ...texts(device.steps)].filter(Boolean)
      if (state === 'succeeded') expect(kept).toEqual([])
      else expect(kept.length).toBeGreaterThan(1)
    }
    expect(devices.filter(item => item.state === 'failed')).toHaveLength(1)
  })

  it('one part: the plain case, no part in the group title or the log', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 2 })
    const run = await runEngine(sim, { 'job-id': '', 'csv-file': csvFile(serversCsv(3)) }, { clock })
    expect(run.result.status).toBe('success')
    expect(run.result.parts).toBeUndefined()
    expect(run.groups).toEqual(['Polling the job'])
    expect(run.logs.filter(line => /Part \d/.test(line))).toEqual([])
  })

  it('the job a part started comes back for the next part: refused, nothing more uploaded, an error', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 1, repeatFirstJob: true })
    const { result } = await runEngine(sim, { 'job-id': '', 'csv-file': csvFile(serversCsv(700)) }, { clock })
    expect(result.status).toBe('error')
    expect(sim.uploads()).toBe(2)
    expect(result.jobs.map(job => job.job.id)).toEqual(['5001'])
    expect(result.parts?.map(part => part.state)).toEqual(['uploaded', 'uploaded', 'not uploaded'])
    const second = result.parts?.[1]
    expect(second?.state === 'uploaded' ? second.upload.status : undefined).toBe('error')
  })

  it('waits for the whole job before the next part: devices done at 60 % hold part 2 back until the job says 100', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 1, holdProgress: { progress: 60, polls: 3 } })
    const { result } = await runEngine(sim, { 'job-id': '', 'csv-file': csvFile(serversCsv(400)) }, { clock })
    expect(result.status).toBe('success')
    const paths = sim.requests.map(request => `${request.method} ${request.path.split('?')[0]}`)
    const secondUpload = paths.lastIndexOf('POST /csvRequest')
    // Part 1's job polled until it said 100 (1 good poll, 3 held), and only then part 2 uploaded.
    expect(paths.slice(0, secondUpload).filter(path => path === 'GET /csvRequest/jobs/5001')).toHaveLength(4)
    // The last part's job is waited for as a single job is: its devices done is its end.
    expect(paths.filter(path => path === 'GET /csvRequest/jobs/5002')).toHaveLength(1)
  })

  it('a job that never says 100 before the deadline: the next parts are left for the deadline, the run a timeout', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 1, holdProgress: { progress: 60, polls: 1_000 } })
    const inputs = { 'job-id': '', 'csv-file': csvFile(serversCsv(400)), timeout: '30s' }
    const { result } = await runEngine(sim, inputs, { clock })
    expect(result.status).toBe('timeout')
    expect(sim.uploads()).toBe(1)
    const second = result.parts?.[1]
    expect(second?.state === 'not uploaded' ? second.because : undefined).toBe('deadline')
  })

  it('validation of several parts checks each, and says a refused row by its line in the file', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock)
    const csv = serversCsv(400).replace('server,10.240.9.350,', 'toaster,10.240.9.350,')
    const inputs = { 'job-id': '', 'csv-file': csvFile(csv), 'validation-only': 'true' }
    const { result } = await runEngine(sim, inputs, { clock })
    expect(result.status).toBe('failure')
    expect(sim.uploads()).toBe(2)
    const second = result.parts?.[1]
    const upload = second?.state === 'uploaded' ? second.upload : undefined
    expect(upload?.file).toMatch(/servers\.csv lines 302–401$/)
    expect(upload?.messages.join(' ')).toMatch(/servers\.csv:351\b/)
  })

  it('a part whose job could not be checked stops the sequence; never twice holds per part', async () => {
    const clock = new VirtualClock()
    const sim = await simulator(clock, { importPolls: 1, faults: [{ kind: 'status', status: 404 }] })
    const { result } = await runEngine(sim, { 'job-id': '', 'csv-file': csvFile(serversCsv(400)) }, { clock })
    expect(result.status).toBe('error')
    expect(result.parts?.map(part => part.state)).toEqual(['uploaded', 'not uploaded'])
    const second = result.parts?.[1]
    expect(second?.state === 'not uploaded' ? second.because : undefined).toBe('stopped')
    expect(sim.uploads()).toBe(1)
  })

  it('a job whose devices are done but that stops answering before it says 100: the next part is left, as unfinished', async () => {
    const clock = new VirtualClock()
    // Its devices are done at the first poll; it holds at 60 %, then the job is gone (404) before it says 100.
    const sim = await simulator(clock, {
      importPolls: 1,
      holdProgress: { progress: 60, polls: 1_000 },
      faults: [undefined, undefined, { kind: 'status', status: 404 }]
    })
    const { result } = await runEngine(sim, { 'job-id': '', 'csv-file': csvFile(serversCsv(400)) }, { clock })
    expect(sim.uploads()).toBe(1)
    const second = result.parts?.[1]
    expect(second?.state === 'not uploaded' ? second.because : undefined).toBe('unfinished')
    expect(result.status).toBe('error')
  })
})
