// Waits for one job: schedules the requests, and hands every document and
// every fault to outcome/job-outcome.ts, which says whether the wait goes on
// or how it ends. Time comes from the injected clock, so this is tested
// without sleeping; every wait ends early on cancellation and never passes
// the deadline.
import type { Clock } from '../common/clock.js'
import { RequestFault } from '../common/errors.js'
import { nextWait } from '../http/retry-wait.js'
import type { FetchedJson } from '../lxca/client.js'
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
  outcomeOfWait,
  type WaitEnding,
  type FaultFacts,
  type JobOutcome,
  type SeenDocument
} from '../outcome/job-outcome.js'

export interface PollOptions {
  readonly job: JobRef
  readonly fetchJob: (signal: AbortSignal) => Promise<FetchedJson>
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
  /**
   * Another part waits for this job: once its verdict is known, go on polling
   * until the job itself reports progress 100 (Lenovo: "wait for the entire
   * management job to complete"). The verdict is the one first reached; a
   * wait that ends otherwise (the deadline, a fault) returns it all the same,
   * and the caller, seeing progress below 100, starts nothing after it.
   */
  readonly untilComplete?: boolean
  /** Called once, when the verdict is known but the job has not reported progress 100 yet (`untilComplete`). */
  readonly onHold?: (assessment: Assessment) => void
  readonly onUpdate?: (document: JobDocument, assessment: Assessment) => void
  /** Called once as the wait ends, with the last JSON document received (for the report file), if any. */
  readonly onLastBody?: (body: Buffer) => void
  readonly onRetry?: (fault: RequestFault, consecutive: number, waitMs: number) => void
}

/** Either the wait ends so, or the next poll is due after `waitMs`. */
type Step = { end: WaitEnding } | { waitMs: number }

export async function pollJob(options: PollOptions): Promise<JobOutcome> {
  const { clock, signal, deadline } = options
  const run = new PollRun(options)
  if (options.startDelayMs) {
    await clock.sleep(Math.min(options.startDelayMs, deadline.waitEndsAt - clock.now()), signal)
  }
  for (;;) {
    if (signal.aborted) return run.finish({ status: 'cancelled' })
    const step = await run.pollOnce()
    if ('end' in step) return run.finish(run.held(step.end))
    const remaining = deadline.waitEndsAt - clock.now()
    if (remaining <= 0) return run.finish(run.held(atDeadline(run.seen, run.lastFault)))
    // The last wait ends at the deadline, and one last poll follows it.
    await clock.sleep(Math.min(step.waitMs, remaining), signal)
  }
}

/** The state of one wait: counters, the last document and the last problem. */
class PollRun {
  seen?: SeenDocument
  lastFault?: FaultFacts
  private readonly startedAt: number
  private polls = 0
  private retries = 0
  private consecutiveFaults = 0
  private goodPolls = 0
  private body?: Buffer
  private readonly reach = new Reachability()
  /** The verdict, reached while the job has not yet reported progress 100 (untilComplete). */
  private verdict?: WaitEnding

  constructor(private readonly options: PollOptions) {
    this.startedAt = options.clock.now()
  }

  finish(ending: WaitEnding): JobOutcome {
    const { polls, retries, seen, body } = this
    const wait = { polls, retries, elapsedMs: this.options.clock.now() - this.startedAt }
    if (body) this.options.onLastBody?.(body)
    this.body = undefined
    return outcomeOfWait(ending, { job: this.options.job, wait, seen, reported: body !== undefined })
  }

  /** How the wait ends: once the verdict is known, by it, however the hold for progress 100 ended (but a cancellation). */
  held(ending: WaitEnding): WaitEnding {
    return this.verdict && ending.status !== 'cancelled' ? this.verdict : ending
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
    const end = afterDocument(assessment)
    // While holding for progress 100, only a document with a verdict replaces the one the verdict rests on.
    if (end || !this.verdict) this.seen = { document: parsed.job, assessment }
    this.consecutiveFaults = 0
    this.lastFault = undefined
    this.goodPolls += 1
    this.reach.heard()
    options.onUpdate?.(parsed.job, assessment)
    if (end && (!options.untilComplete || (parsed.job.progress ?? 0) >= 100)) return { end }
    if (end) {
      if (!this.verdict) options.onHold?.(assessment)
      this.verdict = end
    }
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
