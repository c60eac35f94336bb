// Waits for one job: schedules the requests, and hands every document and
// every fault to outcome/job-outcome.ts, which says whether the wait goes on
// or how it ends. Time comes from the injected clock, so this is tested
// without sleeping; every wait ends early on cancellation and never passes
// the deadline.
import type { Clock } from '../common/clock.js'
import { RequestFault } from '../common/errors.js'
import { nextWait } from '../http/retry-wait.js'
import type { FetchedJob } from '../lxca/client.js'
import { parseJob, type JobDocument } from '../lxca/document.js'
import type { JobRef } from '../lxca/job-ref.js'
import { assess, type Assessment } from '../lxca/verdict.js'
import type { Deadline } from '../outcome/deadline.js'
import { Reachability } from '../outcome/reachability.js'
import {
  afterDocument,
  afterFault,
  atDeadline,
  factsOf,
  settle,
  type Ending,
  type FaultFacts,
  type JobOutcome,
  type Seen
} from '../outcome/job-outcome.js'

export interface PollOptions {
  readonly job: JobRef
  readonly fetchJob: (signal: AbortSignal) => Promise<FetchedJob>
  readonly clock: Clock
  /** A number in [0, 1) for jitter. */
  readonly random: () => number
  readonly signal: AbortSignal
  /** The wait's deadline: no poll starts after `waitEndsAt`. */
  readonly deadline: Deadline
  readonly pollIntervalMs: number
  readonly maxRetries: number
  readonly successResults: readonly string[]
  /** Wait this long before the first poll (spreads several jobs' requests); the deadline stands. */
  readonly startDelayMs?: number
  readonly onUpdate?: (document: JobDocument, assessment: Assessment) => void
  readonly onRetry?: (fault: RequestFault, consecutive: number, waitMs: number) => void
}

/** Either the wait ends so, or the next poll is due after `waitMs`. */
type Step = { end: Ending } | { waitMs: number }

export async function pollJob(options: PollOptions): Promise<JobOutcome> {
  const { clock, signal, deadline } = options
  const run = new PollRun(options)
  if (options.startDelayMs) {
    await clock.sleep(Math.min(options.startDelayMs, deadline.waitEndsAt - clock.now()), signal)
  }
  for (;;) {
    if (signal.aborted) return run.settle({ status: 'cancelled' })
    const step = await run.pollOnce()
    if ('end' in step) return run.settle(step.end)
    const remaining = deadline.waitEndsAt - clock.now()
    if (remaining <= 0) return run.settle(atDeadline(run.seen, run.lastFault))
    // The last wait ends at the deadline, and one last poll follows it.
    await clock.sleep(Math.min(step.waitMs, remaining), signal)
  }
}

/** The state of one wait: counters, the last document and the last problem. */
class PollRun {
  seen?: Seen
  lastFault?: FaultFacts
  private readonly startedAt: number
  private polls = 0
  private retries = 0
  private consecutiveFaults = 0
  private goodPolls = 0
  private body?: Buffer
  private readonly reach = new Reachability()

  constructor(private readonly options: PollOptions) {
    this.startedAt = options.clock.now()
  }

  settle(ending: Ending): JobOutcome {
    const { polls, retries, seen, body } = this
    const wait = { polls, retries, elapsedMs: this.options.clock.now() - this.startedAt }
    return settle(ending, { job: this.options.job, wait, seen, body })
  }

  async pollOnce(): Promise<Step> {
    const { options } = this
    this.polls += 1
    try {
      const fetched = await options.fetchJob(options.signal)
      this.body = fetched.body
      return this.understood(fetched.document)
    } catch (error) {
      if (options.signal.aborted) return { end: { status: 'cancelled' } }
      if (!(error instanceof RequestFault)) throw error
      return this.failed(error)
    }
  }

  private understood(raw: unknown): Step {
    const parsed = parseJob(raw)
    if (!parsed.ok)
      throw new RequestFault('shape', `the job document was not understood: ${parsed.problem}`, !parsed.lasting)
    const { options } = this
    const assessment = assess(parsed.job, options.successResults)
    this.seen = { document: parsed.job, assessment }
    this.consecutiveFaults = 0
    this.lastFault = undefined
    this.goodPolls += 1
    this.reach.heard()
    options.onUpdate?.(parsed.job, assessment)
    const end = afterDocument(assessment)
    if (end) return { end }
    const waitMs = nextWait({ goodPolls: this.goodPolls, faults: 0 }, options.pollIntervalMs, options.random(), 0)
    return { waitMs }
  }

  private failed(fault: RequestFault): Step {
    const { options } = this
    this.consecutiveFaults += 1
    this.lastFault = factsOf(fault)
    const silentFor = this.reach.silentFor(fault, options.clock.now())
    const end = afterFault(fault, this.consecutiveFaults, options.maxRetries, silentFor)
    if (end) return { end }
    this.retries += 1
    const state = { goodPolls: this.goodPolls, faults: this.consecutiveFaults, retryAfter: fault.retryAfter }
    const waitMs = nextWait(state, options.pollIntervalMs, options.random(), options.clock.wallNow())
    options.onRetry?.(fault, this.consecutiveFaults, waitMs)
    return { waitMs }
  }
}
