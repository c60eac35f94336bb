// The engine with an injected transport and a virtual clock: several jobs at
// once, one shared session, logout on every path, no real sleeps.
import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import { SecretSet } from '../../src/common/secrets.js'
import { worstStatus } from '../../src/outcome/status.js'
import { runGate, type GateLog } from '../../src/gate/run-gate.js'
import type { Settings } from '../../src/settings/settings.js'
import { jobDocument, scriptJob, type JobScript } from '../../src/simulator/documents.js'
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  baseUrl: new URL('https://lxca.example.com'),
  username: 'admin',
  password: 'pw',
  jobs: [{ id: '1', type: 'csv' }],
  timeoutMs: 600_000,
  pollIntervalMs: 15_000,
  requestTimeoutMs: 30_000,
  maxRetries: 8,
  successResults: ['SUCCESS'],
  authMethod: 'basic',
  tls: { insecure: false },
  ...overrides
})

/** An in-memory appliance: job documents advance per request; every request is recorded with the virtual time. */
function appliance(
  clock: VirtualClock,
  scripts: Record<string, JobScript>
): { transport: Transport; sent: Array<HttpRequest & { at: number }> } {
  const sent: Array<HttpRequest & { at: number }> = []
  const polls = new Map<string, number>()
  const json = (status: number, body: unknown, headers = {}): HttpResponse => ({
    status,
    headers,
    body: Buffer.from(JSON.stringify(body))
  })
  return {
    sent,
    transport: async request => {
      sent.push({ ...request, at: clock.now() })
      if (request.url.pathname === '/sessions') {
        return request.method === 'POST' ? json(200, {}, { 'set-cookie': ['JSESSIONID=s1', 'csrf=c1'] }) : json(200, {})
      }
      const id = request.url.pathname.split('/').pop() ?? ''
      const script = scripts[id]
      if (!script) return json(404, { messages: [{ text: 'not found' }] })
      const n = (polls.get(id) ?? 0) + 1
      polls.set(id, n)
      return json(200, jobDocument(script, n))
    }
  }
}

const quiet: GateLog = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined,
  group: (_name, body) => body()
}

function deps(clock: VirtualClock, transport: Transport, signal = new AbortController().signal) {
  return {
    clock,
    random: () => 0.5,
    signal,
    proxyFor: () => undefined,
    secrets: new SecretSet(),
    log: quiet,
    transport
  }
}

describe('runGate', () => {
  it('one job: its outcome is the status', async () => {
    const clock = new VirtualClock()
    const { transport } = appliance(clock, { '1': scriptJob({ devices: 2, pollsToComplete: 3 }) })
    const result = await clock.drive(runGate(settings(), deps(clock, transport)))
    expect(result.status).toBe('success')
    expect(result.jobs).toHaveLength(1)
  })

  it('several jobs: polled concurrently, first polls spread over one poll wait, status the worst', async () => {
    const clock = new VirtualClock()
    const { transport, sent } = appliance(clock, {
      a: scriptJob({ devices: 1, pollsToComplete: 3 }),
      b: scriptJob({ devices: 1, pollsToComplete: 2, failures: [{ device: 0, step: 'LOGIN' }] }),
      c: scriptJob({ devices: 1, pollsToComplete: 4 })
    })
    const jobs = ['a', 'b', 'c'].map(id => ({ id, type: 'csv' as const }))
    const result = await clock.drive(runGate(settings({ jobs }), deps(clock, transport)))
    expect(result.status).toBe('failure')
    expect(result.jobs.map(job => job.status)).toEqual(['success', 'failure', 'success'])
    const first = (id: string): number => sent.find(request => request.url.pathname.endsWith(`/${id}`))?.at ?? -1
    expect([first('a'), first('b'), first('c')]).toEqual([0, 5_000 / 3, 10_000 / 3])
    // Each job keeps its own schedule: 5 s, then 7.5 s, …
    const times = sent
      .filter(request => request.url.pathname.endsWith('/c'))
      .map(request => Math.round(request.at - first('c')))
    expect(times).toEqual([0, 5_000, 12_500, 23_750])
  })

  it('several jobs share one session login, and log out once at the end', async () => {
    const clock = new VirtualClock()
    const { transport, sent } = appliance(clock, {
      a: scriptJob({ devices: 1, pollsToComplete: 2 }),
      b: scriptJob({ devices: 1, pollsToComplete: 2 })
    })
    const jobs = ['a', 'b'].map(id => ({ id, type: 'csv' as const }))
    await clock.drive(runGate(settings({ jobs, authMethod: 'session' }), deps(clock, transport)))
    expect(sent.filter(request => request.method === 'POST')).toHaveLength(1)
    expect(sent.filter(request => request.method === 'DELETE')).toHaveLength(1)
    expect(sent[sent.length - 1].method).toBe('DELETE')
  })

  it('one job timing out and one missing: error beats timeout, and both end by the deadline', async () => {
    const clock = new VirtualClock()
    const { transport } = appliance(clock, { slow: scriptJob({ devices: 1, pollsToComplete: Infinity }) })
    const jobs = [
      { id: 'slow', type: 'csv' as const },
      { id: 'gone', type: 'csv' as const }
    ]
    const result = await clock.drive(runGate(settings({ jobs, timeoutMs: 60_000 }), deps(clock, transport)))
    expect(result.jobs.map(job => job.status)).toEqual(['timeout', 'error'])
    expect(result.status).toBe('error')
    expect(clock.now()).toBe(60_000)
  })

  it('cancellation ends every job as cancelled and still logs out', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const { transport, sent } = appliance(clock, {
      a: scriptJob({ devices: 1, pollsToComplete: Infinity }),
      b: scriptJob({ devices: 1, pollsToComplete: Infinity })
    })
    const jobs = ['a', 'b'].map(id => ({ id, type: 'csv' as const }))
    const running = runGate(settings({ jobs, authMethod: 'session' }), deps(clock, transport, controller.signal))
    const result = await clock.drive(
      (async () => {
        while (sent.filter(request => request.method === 'GET').length < 4)
          await new Promise(resolve => setImmediate(resolve))
        controller.abort()
        return running
      })()
    )
    expect(result.status).toBe('cancelled')
    expect(result.jobs.every(job => job.status === 'cancelled')).toBe(true)
    expect(sent.filter(request => request.method === 'DELETE')).toHaveLength(1)
  })
})

describe('runGate: the run ends within timeout + request-timeout, whatever the appliance does', () => {
  /** A session, a 3 s timeout and 1 s requests: the bound is 4 s. */
  const SHORT_SESSION = settings({
    authMethod: 'session',
    timeoutMs: 3_000,
    requestTimeoutMs: 1_000,
    pollIntervalMs: 1_000
  })

  /**
   * An appliance whose answers take time: `slow(request)` says how long a
   * request would take; the request uses up that virtual time, or all of the
   * time it was given and then fails as a timeout, as the real transport does.
   */
  function slowAppliance(
    clock: VirtualClock,
    slow: (request: HttpRequest, index: number) => number,
    answer: Transport
  ) {
    const sent: Array<{ method: string; path: string; at: number; timeoutMs: number }> = []
    const transport: Transport = async (request, signal, timeoutMs = 1_000) => {
      sent.push({ method: request.method, path: request.url.pathname, at: clock.now(), timeoutMs })
      const takes = slow(request, sent.length - 1)
      clock.time += Math.min(takes, timeoutMs)
      if (takes > timeoutMs) throw new RequestFault('timeout', `no complete response within ${timeoutMs} ms`, true)
      return answer(request, signal, timeoutMs)
    }
    return { transport, sent }
  }

  it('session expiring at the last poll, then a stalled logout: the re-login, the second GET and the logout fit in the bound', async () => {
    const clock = new VirtualClock()
    const never = { '1': scriptJob({ devices: 1, pollsToComplete: Infinity }) }
    const base = appliance(clock, never)
    let expired = false
    const answer: Transport = async (request, signal, timeoutMs) => {
      // From 2.9 s on, the session is refused once: a re-login follows at the very end.
      if (request.method === 'GET' && clock.now() >= 2_900 && !expired) {
        expired = true
        return { status: 401, headers: {}, body: Buffer.from('{}') }
      }
      return base.transport(request, signal, timeoutMs)
    }
    // Every request takes 300 ms; the logout never answers.
    const { transport, sent } = slowAppliance(clock, request => (request.method === 'DELETE' ? Infinity : 300), answer)
    const result = await clock.drive(runGate(SHORT_SESSION, deps(clock, transport)))
    expect(result.status).toBe('timeout')
    expect(sent.filter(request => request.method === 'POST')).toHaveLength(2)
    expect(sent.at(-1)?.method).toBe('DELETE')
    // The bound: 3 s + 1 s. Every request was given at most the time left.
    expect(clock.now()).toBeLessThanOrEqual(4_000)
    for (const request of sent) expect(request.at + request.timeoutMs).toBeLessThanOrEqual(4_000)
  })

  it('a last poll that stalls leaves no time for the logout, which is skipped rather than overrun', async () => {
    const clock = new VirtualClock()
    const never = { '1': scriptJob({ devices: 1, pollsToComplete: Infinity }) }
    const base = appliance(clock, never)
    const { transport, sent } = slowAppliance(
      clock,
      request => (request.method === 'GET' && clock.now() >= 3_000 ? Infinity : 10),
      base.transport
    )
    const result = await clock.drive(runGate(SHORT_SESSION, deps(clock, transport)))
    expect(result.status).toBe('timeout')
    expect(clock.now()).toBe(4_000)
    expect(sent.filter(request => request.method === 'DELETE')).toHaveLength(0)
  })
})

describe('worstStatus', () => {
  it('orders cancelled > error > timeout > failure > success', () => {
    expect(worstStatus([])).toBe('success')
    expect(worstStatus(['success', 'failure'])).toBe('failure')
    expect(worstStatus(['failure', 'timeout', 'success'])).toBe('timeout')
    expect(worstStatus(['timeout', 'error'])).toBe('error')
    expect(worstStatus(['error', 'cancelled', 'success'])).toBe('cancelled')
  })
})
