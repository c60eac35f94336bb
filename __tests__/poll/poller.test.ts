import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import { MAX_DEVICES } from '../../src/lxca/document.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import type { JobOutcome } from '../../src/outcome/job-outcome.js'
import { pollJob, type PollOptions } from '../../src/poll/poller.js'
import { reasonOf } from '../../src/report/model/fixes.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

type Step = unknown | RequestFault | ((signal: AbortSignal) => unknown)

/** A fetchJob that plays `steps` in order and records when each request was made. */
function script(clock: VirtualClock, steps: Step[]): { fetchJob: PollOptions['fetchJob']; times: number[] } {
  const times: number[] = []
  let index = 0
  return {
    times,
    fetchJob: async signal => {
      times.push(clock.now())
      const step = steps[Math.min(index++, steps.length - 1)]
      if (step instanceof RequestFault) throw step
      const document = typeof step === 'function' ? (step as (s: AbortSignal) => unknown)(signal) : step
      return { document, body: Buffer.from(JSON.stringify(document) ?? '') }
    }
  }
}

/** Options of a wait that starts now, with `timeoutMs` to its deadline (1 hour unless said). */
function options(
  clock: VirtualClock,
  fetchJob: PollOptions['fetchJob'],
  extra: Partial<PollOptions> & { timeoutMs?: number } = {}
): PollOptions {
  const { timeoutMs = 3_600_000, ...rest } = extra
  return {
    job: { id: '4229', type: 'csv' },
    fetchJob,
    clock,
    random: () => 0.5,
    signal: new AbortController().signal,
    deadline: deadlineFrom(clock.now(), timeoutMs, 30_000),
    pollIntervalMs: 15_000,
    maxRetries: 8,
    successResults: ['SUCCESS'],
    ...rest
  }
}

/** The details sentence the reports show for this outcome. */
const reason = (outcome: JobOutcome, timeoutMs = 3_600_000): string | undefined => reasonOf(outcome, timeoutMs)

const job = scriptJob({ devices: 2, pollsToComplete: 4 })
const running = (n: number): unknown => jobDocument(job, n)
const done = jobDocument(job, 4)
const failedJob = jobDocument(
  scriptJob({ devices: 3, pollsToComplete: 2, failures: [{ device: 1, step: 'INV_CHASSIS' }] }),
  2
)
const reset = (): RequestFault => new RequestFault('network', 'GET: read ECONNRESET', true)

describe('pollJob: schedule', () => {
  it('polls at once, then waits 5 s growing ×1.5 to the poll interval, and passes on success', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [running(1), running(2), running(3), done])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { random: () => 0 })))
    expect(outcome.status).toBe('success')
    expect(outcome.wait.polls).toBe(4)
    expect(times[0]).toBe(0)
    // random 0 → −20 % jitter: the shortest waits the schedule allows.
    expect(clock.sleeps).toEqual([4_000, 6_000, 9_000])
  })

  it('never polls closer than 0.8 × the scheduled wait (Running ×N then success)', async () => {
    const clock = new VirtualClock()
    const steps = [...Array.from({ length: 8 }, (_, i) => running(Math.min(i + 1, 3))), done]
    const { fetchJob, times } = script(clock, steps)
    let seed = 1
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { random })))
    expect(outcome.status).toBe('success')
    const gaps = times.slice(1).map((t, i) => t - times[i])
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.8 * Math.min(15_000, 5_000 * 1.5 ** i)))
  })

  it('ends as failure on a finished job with a failed device', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [failedJob])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.status).toBe('failure')
    expect(outcome.seen?.assessment.failed).toBe(1)
  })

  it('ends as error, not success, when the finished job has no results', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [{ progress: 100, results: [] }])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.status).toBe('error')
    expect(reason(outcome)).toMatch(/no device results/)
  })

  it('times out at the deadline after one last poll, and no wait passes the deadline', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [running(1)])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { timeoutMs: 60_000 })))
    expect(outcome.status).toBe('timeout')
    expect(times[times.length - 1]).toBe(60_000)
    expect(clock.now()).toBe(60_000)
    expect(reason(outcome, 60_000)).toMatch(/did not finish within 1m 0s/)
  })

  it('reports updates for each understood document', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [running(1), done])
    const seen: string[] = []
    await clock.drive(pollJob(options(clock, fetchJob, { onUpdate: (_job, a) => seen.push(a.verdict) })))
    expect(seen).toEqual(['running', 'success'])
  })
})

describe('pollJob: transient faults', () => {
  it('3 consecutive resets then success → success', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [reset(), reset(), reset(), done])
    const retried: number[] = []
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { onRetry: (_f, n) => retried.push(n) })))
    expect(outcome.status).toBe('success')
    expect(outcome.wait.retries).toBe(3)
    expect(retried).toEqual([1, 2, 3])
  })

  it('max-retries + 1 consecutive faults → error, never failure or success', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [reset()])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 8 })))
    expect(outcome.status).toBe('error')
    expect(times).toHaveLength(9)
    expect(reason(outcome)).toMatch(/^9 requests in a row failed \(max-retries is 8\); the last: GET: read ECONNRESET/)
  })

  it('any good poll resets the fault count', async () => {
    const clock = new VirtualClock()
    const steps = [reset(), reset(), running(1), reset(), reset(), running(2), reset(), reset(), done]
    const { fetchJob } = script(clock, steps)
    expect((await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 2 })))).status).toBe('success')
  })

  it('backs off exponentially from the current poll wait, capped at 4 × poll-interval', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [...Array.from({ length: 6 }, reset), done])
    await clock.drive(pollJob(options(clock, fetchJob)))
    expect(clock.sleeps).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000])
  })

  it('treats Retry-After as a lower bound (seconds)', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [new RequestFault('http', 'HTTP 503', true, { retryAfter: '7' }), done])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { pollIntervalMs: 1_000 })))
    expect(outcome.status).toBe('success')
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(7_000)
  })

  it('honours a Retry-After HTTP-date in the future', async () => {
    const clock = new VirtualClock()
    const at = new Date(clock.wallNow() + 42_000).toUTCString()
    const { fetchJob, times } = script(clock, [new RequestFault('http', 'HTTP 429', true, { retryAfter: at }), done])
    await clock.drive(pollJob(options(clock, fetchJob, { pollIntervalMs: 1_000 })))
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(41_000)
  })

  it('a huge Retry-After does not spin: it waits to the deadline, polls once more, and ends without a verdict', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [new RequestFault('http', 'HTTP 503', true, { retryAfter: '99999999' })])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { timeoutMs: 120_000 })))
    // Never seen running: not a timeout of the job, but "we could not tell".
    expect(outcome.status).toBe('error')
    expect(times).toEqual([0, 120_000])
    expect(reason(outcome, 120_000)).toMatch(
      /^no usable answer about the job within 2m 0s; the last request failed: HTTP 503/
    )
  })

  it('an unknown document shape is retried, then ends as error naming the problem', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [{ progress: 100, results: 'n/a' }])
    const bodies: string[] = []
    const onLastBody = (body: Buffer): void => void bodies.push(body.toString())
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 2, onLastBody })))
    expect(outcome.status).toBe('error')
    expect(reason(outcome)).toMatch(/not understood: "results" should be a list/)
    expect(bodies).toEqual(['{"progress":100,"results":"n/a"}'])
    expect(outcome.reported).toBe(true)
  })

  it.each([[{}], [[]], [null], [{ progress: 100, results: 'none' }], [{ progress: 50, results: [{ result: 7 }] }]])(
    'a document never understood until the deadline ends as error with the last problem, not timeout: %p',
    async raw => {
      const clock = new VirtualClock()
      const { fetchJob } = script(clock, [raw])
      // max-retries is never reached: the deadline comes first.
      const outcome = await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 100, timeoutMs: 120_000 })))
      expect(outcome.status).toBe('error')
      expect(reason(outcome, 120_000)).toMatch(
        /^no usable answer about the job within 2m 0s; the last request failed: the job document was not understood/
      )
      expect(clock.now()).toBe(120_000)
    }
  )

  it('a job seen running and then unreadable until the deadline is a timeout (it was running when last seen)', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [running(1), {}])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 100, timeoutMs: 120_000 })))
    expect(outcome.status).toBe('timeout')
    expect(reason(outcome, 120_000)).toMatch(
      /did not finish within 2m 0s; the last request failed: the job document was not understood/
    )
  })

  it('a job listing more devices than supported ends as error at once, naming both numbers', async () => {
    const clock = new VirtualClock()
    const huge = { progress: 100, results: Array.from({ length: MAX_DEVICES + 1 }, () => ({ result: 'SUCCESS' })) }
    const { fetchJob, times } = script(clock, [huge])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.status).toBe('error')
    expect(reason(outcome)).toBe(
      'the job document was not understood: the job lists 100,001 devices; at most 100,000 are supported'
    )
    expect(outcome).toMatchObject({ cause: { kind: 'fault', fault: { kind: 'shape' } } })
    expect(times).toHaveLength(1)
  })

  it.each([{}, null, 'html', { progress: 'done' }])('never passes on %p', async raw => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [raw])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { maxRetries: 1, timeoutMs: 60_000 })))
    expect(outcome.status).toBe('error')
  })
})

describe('pollJob: devices without a result', () => {
  const device = (extra: Record<string, unknown>): Record<string, unknown> => ({
    messageParameters: '10.0.0.9',
    ...extra
  })

  it('a device still at work without a result is pending, and the wait goes on', async () => {
    const clock = new VirtualClock()
    const finished = { progress: 100, results: [device({ result: 'SUCCESS', progress: 'JOB_DONE' })] }
    const { fetchJob, times } = script(clock, [
      { progress: 40, results: [device({ progress: 40 })] },
      { progress: 60, results: [device({ result: null, progress: 60 })] },
      finished
    ])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.status).toBe('success')
    expect(times).toHaveLength(3)
  })

  it.each([
    ['missing', {}],
    ['null', { result: null }],
    ['empty', { result: '' }]
  ])(
    'a finished job with a device whose result is %s → error naming the device, never success or failure',
    async (_name, extra) => {
      const clock = new VirtualClock()
      const raw = {
        progress: 100,
        results: [
          { messageParameters: '10.0.0.1', result: 'SUCCESS', progress: 'JOB_DONE' },
          { messageParameters: '10.0.0.2', result: 'OTHER_FAIL', progress: 'JOB_DONE' },
          device({ progress: 'JOB_DONE', ...extra })
        ]
      }
      const { fetchJob } = script(clock, [raw])
      const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
      expect(outcome.status).toBe('error')
      expect(reason(outcome)).toBe(
        'the job finished, but device 10.0.0.9 has no result, so neither success nor failure can be told'
      )
    }
  )
})

describe('pollJob: fatal faults and cancellation', () => {
  it.each([
    ['auth', 'refused the credentials (HTTP 401)'],
    ['not-found', 'job 4229 was not found (HTTP 404)'],
    ['tls', 'certificate is self-signed']
  ] as const)('stops at once on %s', async (kind, message) => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [new RequestFault(kind, message, false), done])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome).toMatchObject({
      status: 'error',
      cause: { kind: 'fault', fault: { kind, message } },
      wait: { polls: 1 }
    })
    expect(reason(outcome)).toBe(message)
    expect(times).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('cancelled during a wait → cancelled, with no further request', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    clock.onSleep = () => controller.abort()
    const { fetchJob, times } = script(clock, [running(1), done])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { signal: controller.signal })))
    expect(outcome.status).toBe('cancelled')
    expect(times).toHaveLength(1)
    expect(outcome.seen?.assessment.verdict).toBe('running')
  })

  it('cancelled during a request → cancelled, not error', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const { fetchJob } = script(clock, [
      () => {
        controller.abort()
        throw new RequestFault('cancelled', 'the request was cancelled', false)
      }
    ])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { signal: controller.signal })))
    expect(outcome.status).toBe('cancelled')
    // Nothing waits after the cancellation.
    expect(clock.sleeps).toEqual([])
  })

  it('the wait’s facts: its requests, its retries, its time from the start of this wait (not of the clock)', async () => {
    const clock = new VirtualClock()
    clock.time = 1_000_000
    const { fetchJob } = script(clock, [reset(), running(1), done])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.wait).toEqual({ polls: 3, retries: 1, elapsedMs: 5_000 + 5_000 })
  })

  it('a start delay longer than the time left ends at the deadline, with one poll there', async () => {
    const clock = new VirtualClock()
    clock.time = 500_000
    const { fetchJob, times } = script(clock, [running(1)])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { timeoutMs: 10_000, startDelayMs: 60_000 })))
    expect(clock.sleeps[0]).toBe(10_000)
    expect(times).toEqual([510_000])
    expect(outcome.status).toBe('timeout')
  })

  it('does not swallow our own bugs', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [
      () => {
        throw new TypeError('bug')
      }
    ])
    await expect(clock.drive(pollJob(options(clock, fetchJob)))).rejects.toThrow('bug')
  })
})

describe('pollJob: untilComplete (another part waits for this job)', () => {
  const devicesDone = (progress: number, result = 'SUCCESS'): unknown => ({
    progress,
    results: [{ messageParameters: '10.0.0.1', result, progress: 'JOB_DONE' }]
  })

  it('every device done while the job is at 60 %: polls on until the job reports 100, says so once', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [devicesDone(60), devicesDone(60), devicesDone(100)])
    const held: number[] = []
    const outcome = await clock.drive(
      pollJob(options(clock, fetchJob, { untilComplete: true, onHold: a => void held.push(a.progress ?? -1) }))
    )
    expect(outcome.status).toBe('success')
    expect(times).toHaveLength(3)
    expect(held).toEqual([60])
    expect(outcome.seen?.document.progress).toBe(100)
  })

  it('without it, the verdict is the devices’: the wait ends at the first document', async () => {
    const clock = new VirtualClock()
    const { fetchJob, times } = script(clock, [devicesDone(60), devicesDone(100)])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob)))
    expect(outcome.status).toBe('success')
    expect(times).toHaveLength(1)
  })

  it('the deadline reached while holding ends with the verdict, on the document at 60 %', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [devicesDone(60, 'OTHER_FAIL')])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { untilComplete: true, timeoutMs: 60_000 })))
    expect(outcome.status).toBe('failure')
    expect(outcome.seen?.document.progress).toBe(60)
    expect(clock.now()).toBeGreaterThanOrEqual(60_000)
  })

  it('faults while holding end with the verdict too; a cancellation is a cancellation', async () => {
    const clock = new VirtualClock()
    const { fetchJob } = script(clock, [devicesDone(60), reset(), reset(), reset()])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { untilComplete: true, maxRetries: 2 })))
    expect(outcome.status).toBe('success')
    const cancel = new AbortController()
    const other = new VirtualClock()
    const held = script(other, [devicesDone(60)])
    const cancelled = await other.drive(
      pollJob(
        options(other, held.fetchJob, { untilComplete: true, signal: cancel.signal, onHold: () => cancel.abort() })
      )
    )
    expect(cancelled.status).toBe('cancelled')
    // Cancelled in the middle of a request while holding: still a cancellation, never the verdict.
    const midway = new AbortController()
    const third = new VirtualClock()
    const abortMidRequest = (): never => {
      midway.abort()
      throw reset()
    }
    const during = script(third, [devicesDone(60), abortMidRequest])
    const outcome3 = await third.drive(
      pollJob(options(third, during.fetchJob, { untilComplete: true, signal: midway.signal }))
    )
    expect(outcome3.status).toBe('cancelled')
  })

  it('a document that runs again while holding does not replace the one the verdict rests on', async () => {
    const clock = new VirtualClock()
    const runningAgain = { progress: 70, results: [{ messageParameters: '10.0.0.1', progress: 50 }] }
    const { fetchJob } = script(clock, [devicesDone(60), runningAgain])
    const outcome = await clock.drive(pollJob(options(clock, fetchJob, { untilComplete: true, timeoutMs: 60_000 })))
    expect(outcome.status).toBe('success')
    expect(outcome.seen?.assessment.succeeded).toBe(1)
    expect(outcome.wait.polls).toBeGreaterThan(2)
  })
})
