// The transport and client over real sockets on loopback, against the
// simulator: TLS decisions, every transport fault, proxies and cancellation.
import { NO_SECRETS, SecretSet } from '../../src/common/secrets.js'
import { describe, expect, it } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basicAuth } from '../../src/lxca/auth.js'
import { RequestFault } from '../../src/common/errors.js'
import { LxcaClient, type FetchedJson } from '../../src/lxca/client.js'
import type { TlsSettings } from '../../src/settings/settings.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import type { Fault } from '../../src/simulator/faults.js'
import { CERT_DIR, SIMULATOR_CA } from '../../src/simulator/server.js'
import { createTransport, type TransportOptions } from '../../src/http/transport.js'
import { closedPort, startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js'
import { simulators } from '../helpers/simulators.js'

const CA = readFileSync(SIMULATOR_CA, 'utf8')
const JOB = { id: '4229', type: 'csv' as const }
const credentials = { username: 'admin', password: 'Passw0rd!' }

const simulator = simulators({ jobs: { '4229': scriptJob({ devices: 2 }) } })
const running = { push: <T extends { close(): Promise<void> }>(item: T): T => simulator.track(item) }

/** Secrets go nowhere: these tests are about the transport. */
const NO_SINK = new SecretSet()

function client(baseUrl: string, tls: Partial<TlsSettings> = {}, extra: Partial<TransportOptions> = {}): LxcaClient {
  const transport = createTransport({ requestTimeoutMs: 2_000, tls: { insecure: false, ...tls }, ...extra })
  return new LxcaClient(transport, new URL(baseUrl), basicAuth(credentials, NO_SINK), NO_SECRETS)
}

/** The job document as the simulator serves it on its first poll: what every successful request must bring back. */
const FIRST_POLL = jobDocument(scriptJob({ devices: 2 }), 1)

/** The document a request brought back, parsed. */
async function documentOf(fetched: Promise<FetchedJson>): Promise<unknown> {
  const { document, body } = await fetched
  expect(JSON.parse(body.toString('utf8'))).toEqual(document)
  return document
}

/** The fault getJob rejects with (fails the test if it resolves). */
async function faultOf(promise: Promise<unknown>): Promise<RequestFault> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RequestFault) return error
    throw error
  }
  throw new Error('expected a fault')
}

const signal = (): AbortSignal => new AbortController().signal
const fingerprint = (name: string): string => new X509Certificate(readFileSync(`${CERT_DIR}${name}.pem`)).fingerprint256

describe('TLS', () => {
  it('verifies by default: an untrusted certificate fails before any request reaches the server', async () => {
    const sim = await simulator()
    const fault = await faultOf(client(sim.url).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'tls', retryable: false, code: 'untrusted' })
    expect(fault.message).toMatch(
      /^TLS verification of 127\.0\.0\.1:\d+ failed: the certificate was issued by a CA that is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('a self-signed appliance certificate is named as such (its own fix, in report/model/fault-fixes.ts)', async () => {
    const sim = await simulator({ certificate: 'selfsigned' })
    const fault = await faultOf(client(sim.url).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'tls', code: 'self-signed' })
    expect(fault.message).toMatch(/failed: the certificate is self-signed$/)
    expect(sim.requests).toHaveLength(0)
  })

  it('trusts the CA given in ca-certificate', async () => {
    const sim = await simulator()
    expect((await client(sim.url, { ca: CA }).getJob(JOB, signal())).document).toMatchObject({ status: 'INCOMPLETE' })
  })

  it("trusts the appliance's own certificate given in ca-certificate (self-signed, or issued by an unknown CA)", async () => {
    const selfSigned = await simulator({ certificate: 'selfsigned' })
    expect(
      await documentOf(
        client(selfSigned.url, { ca: readFileSync(`${CERT_DIR}selfsigned.pem`, 'utf8') }).getJob(JOB, signal())
      )
    ).toEqual(FIRST_POLL)
    const issued = await simulator()
    expect(
      await documentOf(
        client(issued.url, { ca: readFileSync(`${CERT_DIR}loopback.pem`, 'utf8') }).getJob(JOB, signal())
      )
    ).toEqual(FIRST_POLL)
  })

  it('a certificate that does not name the address fails, and tls-server-name fixes it', async () => {
    const sim = await simulator({ certificate: 'named' })
    const fault = await faultOf(client(sim.url, { ca: CA }).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'tls', code: 'name' })
    expect(fault.message).toMatch(/does not name 127\.0\.0\.1 \(it names DNS:lxca\.internal\)$/)
    expect(sim.requests).toHaveLength(0)
    expect(await documentOf(client(sim.url, { ca: CA, serverName: 'lxca.internal' }).getJob(JOB, signal()))).toEqual(
      FIRST_POLL
    )
  })

  it('a wrong tls-fingerprint fails and no credentials reach the server', async () => {
    const sim = await simulator()
    const fault = await faultOf(
      client(sim.url, { ca: CA, fingerprint: fingerprint('selfsigned') }).getJob(JOB, signal())
    )
    expect(fault).toMatchObject({ kind: 'tls', code: 'fingerprint' })
    expect(fault.message).toMatch(/fingerprint .* does not match tls-fingerprint/)
    expect(sim.requests.filter(request => request.carriedCredentials)).toHaveLength(0)
    expect(sim.requests).toHaveLength(0)
  })

  it('the right tls-fingerprint passes, with the chain or (insecure) without it', async () => {
    const sim = await simulator({ certificate: 'selfsigned' })
    expect(
      await documentOf(
        client(sim.url, { insecure: true, fingerprint: fingerprint('selfsigned') }).getJob(JOB, signal())
      )
    ).toEqual(FIRST_POLL)
    const fault = await faultOf(
      client(sim.url, { insecure: true, fingerprint: fingerprint('loopback') }).getJob(JOB, signal())
    )
    expect(fault.kind).toBe('tls')
  })

  it('insecure-skip-tls-verify accepts any certificate', async () => {
    const sim = await simulator({ certificate: 'named' })
    expect(await documentOf(client(sim.url, { insecure: true }).getJob(JOB, signal()))).toEqual(FIRST_POLL)
  })

  it('an expired certificate is refused, whether its CA or the certificate itself is trusted', async () => {
    const sim = await simulator({ certificate: 'expired' })
    const viaCa = await faultOf(client(sim.url, { ca: CA }).getJob(JOB, signal()))
    expect(viaCa).toMatchObject({ kind: 'tls', retryable: false, code: 'expired' })
    expect(viaCa.message).toMatch(/the certificate expired on Jan {2}1 00:00:00 2021 GMT$/)
    const itself = await faultOf(
      client(sim.url, { ca: readFileSync(`${CERT_DIR}expired.pem`, 'utf8') }).getJob(JOB, signal())
    )
    expect(itself.message).toMatch(
      /the certificate expired on Jan {2}1 00:00:00 2021 GMT \(a certificate given as ca-certificate must be within its validity period\)$/
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('http:// pointed at a TLS port says so at once, instead of retrying resets', async () => {
    const sim = await simulator()
    const fault = await faultOf(client(sim.url.replace('https:', 'http:')).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'tls', retryable: false, code: 'plain-to-tls' })
    expect(fault.message).toBe(`127.0.0.1:${sim.port} answered a plain http:// request with TLS`)
  })

  it('plain http:// to loopback works; TLS to a plain-HTTP port is a readable TLS error', async () => {
    const sim = await simulator({ plainHttp: true })
    expect(await documentOf(client(sim.url).getJob(JOB, signal()))).toEqual(FIRST_POLL)
    const fault = await faultOf(client(sim.url.replace('http:', 'https:')).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'tls', retryable: false, code: 'handshake' })
    expect(fault.message).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ failed \(ERR_SSL_WRONG_VERSION_NUMBER\)/)
  })
})

describe('faults over real sockets', () => {
  const faulty = async (fault: Fault, timeoutMs = 2_000): Promise<{ fault: RequestFault; elapsed: number }> => {
    const sim = await simulator({ faults: [fault] })
    const started = performance.now()
    const result = await faultOf(client(sim.url, { ca: CA }, { requestTimeoutMs: timeoutMs }).getJob(JOB, signal()))
    return { fault: result, elapsed: performance.now() - started }
  }

  it('a reset is a retryable network fault', async () => {
    const { fault } = await faulty({ kind: 'reset' })
    expect(fault).toMatchObject({ kind: 'network', retryable: true })
  })

  it('a refused connection is a retryable network fault', async () => {
    const port = await closedPort()
    const fault = await faultOf(client(`https://127.0.0.1:${port}`, { ca: CA }).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'network', retryable: true })
    expect(fault.message).toMatch(/cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED/)
  })

  it('headers then a stalled body are cut at the request deadline', async () => {
    const { fault, elapsed } = await faulty({ kind: 'stall' }, 400)
    expect(fault).toMatchObject({ kind: 'timeout', retryable: true })
    expect(fault.message).toBe('no complete response within 400 ms (request-timeout)')
    expect(elapsed).toBeGreaterThanOrEqual(390)
    // Wide on purpose (the machine may be busy); the body would otherwise never end.
    expect(elapsed).toBeLessThan(10 * 400)
  })

  it('a body dripped byte by byte is cut at the deadline, not by an idle timer', async () => {
    const { fault, elapsed } = await faulty({ kind: 'drip', intervalMs: 50 }, 600)
    expect(fault.kind).toBe('timeout')
    // The whole body would take minutes at this pace; an idle timer would never fire.
    expect(elapsed).toBeLessThan(10 * 600)
  })

  it.each(['length', 'chunked'] as const)(
    'a body truncated (%s framing) is a transient fault at once, not at the deadline',
    async framing => {
      const { fault, elapsed } = await faulty({ kind: 'truncate', framing }, 60_000)
      expect(fault).toMatchObject({ kind: 'body', retryable: true })
      expect(fault.message).toMatch(/cut off/)
      expect(elapsed).toBeLessThan(10_000)
    }
  )

  it('an HTML 200 is a retryable body fault, never a document', async () => {
    const { fault } = await faulty({
      kind: 'body',
      body: '<html><body>Maintenance</body></html>',
      contentType: 'text/html'
    })
    expect(fault).toMatchObject({ kind: 'body', retryable: true })
  })

  it('503 carries its Retry-After', async () => {
    const { fault } = await faulty({ kind: 'status', status: 503, retryAfter: '7' })
    expect(fault).toMatchObject({ kind: 'http', retryable: true, retryAfter: '7' })
  })

  it('a redirect is not followed', async () => {
    const { fault } = await faulty({ kind: 'status', status: 307, location: 'https://evil.example/steal' })
    expect(fault).toMatchObject({ kind: 'redirect', retryable: false })
    expect(fault.message).toMatch(/redirected to https:\/\/evil\.example\/steal/)
  })

  it('refuses a body larger than the limit', async () => {
    const sim = await simulator({ faults: [{ kind: 'body', body: JSON.stringify({ pad: 'x'.repeat(100_000) }) }] })
    const fault = await faultOf(client(sim.url, { ca: CA }, { maxBodyBytes: 10_000 }).getJob(JOB, signal()))
    expect(fault).toMatchObject({ kind: 'body', retryable: true })
    expect(fault.message).toMatch(/larger than 10000 bytes/)
  })

  it('a 10 MB document is read whole', async () => {
    const big = {
      progress: 100,
      results: Array.from({ length: 20_000 }, () => ({ result: 'SUCCESS', pad: 'p'.repeat(480) }))
    }
    const body = JSON.stringify(big)
    const sim = await simulator({ faults: [{ kind: 'body', body }] })
    const fetched = await client(sim.url, { ca: CA }, { requestTimeoutMs: 10_000 }).getJob(JOB, signal())
    expect((fetched.document as typeof big).results).toHaveLength(20_000)
    expect(fetched.body.toString()).toBe(body)
  })

  it('404 names the job ID and the URL', async () => {
    const sim = await simulator()
    const fault = await faultOf(client(sim.url, { ca: CA }).getJob({ id: '77', type: 'csv' }, signal()))
    expect(fault).toMatchObject({ kind: 'not-found', retryable: false })
    expect(fault.message).toMatch(new RegExp(`^job 77 was not found at ${sim.url}/csvRequest/jobs/77`))
  })

  it('cancellation aborts a stalled request at once', async () => {
    const sim = await simulator({ faults: [{ kind: 'stall' }] })
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(), 100)
    const fault = await faultOf(
      client(sim.url, { ca: CA }, { requestTimeoutMs: 60_000 }).getJob(JOB, controller.signal)
    )
    expect(fault.kind).toBe('cancelled')
    // Far below the 60 s deadline: the abort, not the deadline, ended it.
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe('whether a request may have reached the appliance (what decides if an upload may be sent again)', () => {
  it('a refused connection, a TLS refusal and a proxy that will not tunnel: provably not sent', async () => {
    const port = await closedPort()
    expect((await faultOf(client(`https://127.0.0.1:${port}`, { ca: CA }).getJob(JOB, signal()))).sent).toBe(false)
    const sim = await simulator({ certificate: 'selfsigned' })
    expect((await faultOf(client(sim.url, { ca: CA }).getJob(JOB, signal()))).sent).toBe(false)
    const tunnel = await startConnectProxy({ refuse: 502 })
    running.push(tunnel)
    const viaProxy = { proxy: new URL(`http://127.0.0.1:${tunnel.port}`) }
    expect(
      (await faultOf(client(`https://lxca.internal:${sim.port}`, { ca: CA }, viaProxy).getJob(JOB, signal()))).sent
    ).toBe(false)
  })

  it('a reset after the request, a stall, a truncated body: it may have been sent', async () => {
    for (const fault of [{ kind: 'reset' }, { kind: 'stall' }, { kind: 'truncate', framing: 'chunked' }] as const) {
      const sim = await simulator({ faults: [fault] })
      const result = await faultOf(client(sim.url, { ca: CA }, { requestTimeoutMs: 500 }).getJob(JOB, signal()))
      expect([fault.kind, result.sent]).toEqual([fault.kind, true])
    }
  })
})

describe('proxies', () => {
  const proxy = async (options?: { refuse?: number }): Promise<ConnectProxy> => {
    const started = await startConnectProxy(options)
    running.push(started)
    return started
  }
  const through = (tunnel: ConnectProxy, credentials = ''): Partial<TransportOptions> => ({
    proxy: new URL(`http://${credentials}127.0.0.1:${tunnel.port}`)
  })

  it('tunnels with CONNECT to the appliance name, and TLS is verified end to end', async () => {
    const sim = await simulator()
    const tunnel = await proxy()
    const url = `https://lxca.internal:${sim.port}`
    expect(await documentOf(client(url, { ca: CA }, through(tunnel)).getJob(JOB, signal()))).toEqual(FIRST_POLL)
    expect((await faultOf(client(url, {}, through(tunnel)).getJob(JOB, signal()))).kind).toBe('tls')
    expect(tunnel.connects).toEqual([`lxca.internal:${sim.port}`, `lxca.internal:${sim.port}`])
    expect(sim.requests).toHaveLength(1)
  })

  it('sends the proxy credentials, percent-decoded, as Proxy-Authorization', async () => {
    const sim = await simulator()
    const tunnel = await proxy()
    const url = `https://lxca.internal:${sim.port}`
    await client(url, { ca: CA }, through(tunnel, 'svc%2Dgate:p%40ss%25word@')).getJob(JOB, signal())
    expect(tunnel.authorizations).toEqual([`Basic ${Buffer.from('svc-gate:p@ss%word').toString('base64')}`])
  })

  it('a proxy that refuses is a retryable proxy fault', async () => {
    const sim = await simulator()
    const tunnel = await proxy({ refuse: 403 })
    const fault = await faultOf(
      client(`https://lxca.internal:${sim.port}`, { ca: CA }, through(tunnel)).getJob(JOB, signal())
    )
    expect(fault).toMatchObject({ kind: 'proxy', retryable: true })
    expect(fault.message).toMatch(/proxy 127\.0\.0\.1:\d+ refused to connect to lxca\.internal:\d+ \(HTTP 403\)/)
  })

  it('407 from the proxy is fatal at once: the proxy requires authentication', async () => {
    const sim = await simulator()
    const tunnel = await proxy({ refuse: 407 })
    const fault = await faultOf(
      client(`https://lxca.internal:${sim.port}`, { ca: CA }, through(tunnel)).getJob(JOB, signal())
    )
    expect(fault).toMatchObject({ kind: 'proxy', retryable: false })
    expect(fault.message).toMatch(/requires authentication \(HTTP 407\): put them in the proxy URL/)
  })

  it('a proxy that is down is a retryable fault, not a hang', async () => {
    const port = await closedPort()
    const transport = { proxy: new URL(`http://127.0.0.1:${port}`) }
    const fault = await faultOf(client('https://lxca.internal:443', { ca: CA }, transport).getJob(JOB, signal()))
    // A proxy fault, not the appliance's: its fix is HTTPS_PROXY, and a wrong appliance port's grace is not for it.
    expect(fault).toMatchObject({ kind: 'proxy', retryable: true, code: 'ECONNREFUSED' })
    expect(fault.message).toMatch(/cannot reach proxy 127\.0\.0\.1:\d+/)
  })
})
