// Waits for one job. Keeps "the job failed" apart from "we could not find
// out": transient faults are retried within a budget and never turn into a
// failure verdict; only a document we understand can end in success or
// failure, and a wait that never understood one ends as error, not timeout.
// Time comes from the injected clock, so this is tested without sleeping;
// every wait ends early on cancellation and never passes the deadline.
import type { Clock } from '../common/clock.js'
import { formatDuration } from '../common/duration.js'
import { PollFault } from '../common/errors.js'
import type { OutcomeStatus, PollOutcome } from '../common/outcome.js'
import { plural } from '../common/text.js'
import type { FetchedJob } from '../lxca/client.js'
import { parseJob, type JobDocument } from '../lxca/job.js'
import { assess, type Assessment } from '../lxca/verdict.js'
import { parseRetryAfter, pollWait, retryWait, withJitter } from './backoff.js'

export interface PollOptions {
  readonly fetchJob: (signal: AbortSignal) => Promise<FetchedJob>
  readonly clock: Clock
  /** A number in [0, 1) for jitter. */
  readonly random: () => number
  readonly signal: AbortSignal
  readonly timeoutMs: number
  readonly pollIntervalMs: number
  readonly maxRetries: number
  readonly successResults: readonly string[]
  /** Wait this long before the first poll (spreads several jobs' requests); the deadline counts from the call. */
  readonly startDelayMs?: number
  readonly onUpdate?: (job: JobDocument, assessment: Assessment) => void
  readonly onRetry?: (fault: PollFault, consecutive: number, waitMs: number) => void
}

const RETRY_CAP_FACTOR = 4

/** Either the wait ends here, or the next poll is due after `waitMs`. */
type Step = { end: PollOutcome } | { waitMs: number }

export async function pollJob(options: PollOptions): Promise<PollOutcome> {
  const { clock, signal } = options
  const run = new PollRun(options)
  if (options.startDelayMs) await clock.sleep(Math.min(options.startDelayMs, options.timeoutMs), signal)
  for (;;) {
    if (signal.aborted) return run.finish('cancelled')
    const step = await run.pollOnce()
    if ('end' in step) return step.end
    const remaining = run.deadline - clock.now()
    if (remaining <= 0) return run.atDeadline()
    // The last wait ends at the deadline, and one last poll follows it.
    await clock.sleep(Math.min(step.waitMs, remaining), signal)
  }
}

/** The state of one wait: counters, the last document and the last problem. */
class PollRun {
  readonly deadline: number
  private readonly startedAt: number
  private polls = 0
  private retries = 0
  private consecutiveFaults = 0
  private goodPolls = 0
  private lastProblem?: PollFault
  private job?: JobDocument
  private assessment?: Assessment
  private lastBody?: Buffer

  constructor(private readonly options: PollOptions) {
    this.startedAt = options.clock.now()
    this.deadline = this.startedAt + options.timeoutMs
  }

  finish(status: OutcomeStatus, fault?: PollFault, reason = fault?.message): PollOutcome {
    const { job, assessment, lastBody, polls, retries } = this
    const elapsedMs = this.options.clock.now() - this.startedAt
    const elapsed = { polls, retries, elapsedMs }
    return { status, job, assessment, lastBody, reason, faultKind: fault?.kind, httpStatus: fault?.status, ...elapsed }
  }

  async pollOnce(): Promise<Step> {
    const { options } = this
    this.polls += 1
    try {
      const fetched = await options.fetchJob(options.signal)
      this.lastBody = fetched.body
      return this.understood(fetched.document)
    } catch (error) {
      if (options.signal.aborted) return { end: this.finish('cancelled') }
      if (!(error instanceof PollFault)) throw error
      return this.failed(error)
    }
  }

  /** The deadline passed: timeout if the job was seen running, error if it was never understood. */
  atDeadline(): PollOutcome {
    const within = formatDuration(this.options.timeoutMs)
    const last = this.lastProblem ? `; the last request failed: ${this.lastProblem.message}` : ''
    if (this.goodPolls === 0) {
      return this.finish('error', this.lastProblem, `no usable answer about the job within ${within}${last}`)
    }
    return this.finish('timeout', this.lastProblem, `the job did not finish within ${within}${last}`)
  }

  private understood(document: unknown): Step {
    const parsed = parseJob(document)
    if (!parsed.ok)
      throw new PollFault('shape', `the job document was not understood: ${parsed.problem}`, !parsed.lasting)
    const { options } = this
    this.job = parsed.job
    this.assessment = assess(parsed.job, options.successResults)
    this.consecutiveFaults = 0
    this.lastProblem = undefined
    this.goodPolls += 1
    options.onUpdate?.(parsed.job, this.assessment)
    switch (this.assessment.verdict) {
      case 'success':
        return { end: this.finish('success') }
      case 'failure':
        return { end: this.finish('failure') }
      case 'empty':
        return {
          end: this.finish(
            'error',
            undefined,
            'the job finished with no device results, so no device can be called ready'
          )
        }
      case 'unreported':
        return { end: this.finish('error', undefined, unreportedReason(this.assessment)) }
      case 'running':
        return { waitMs: withJitter(pollWait(this.goodPolls, options.pollIntervalMs), options.random()) }
    }
  }

  private failed(fault: PollFault): Step {
    const { options } = this
    if (!fault.retryable) return { end: this.finish('error', fault) }
    this.consecutiveFaults += 1
    this.lastProblem = fault
    if (this.consecutiveFaults > options.maxRetries) {
      const reason = `${plural(this.consecutiveFaults, 'request')} in a row failed (max-retries is ${options.maxRetries}); the last: ${fault.message}`
      return { end: this.finish('error', fault, reason) }
    }
    this.retries += 1
    const interval = options.pollIntervalMs
    const currentPollWait = pollWait(Math.max(1, this.goodPolls), interval)
    const backoff = Math.min(
      RETRY_CAP_FACTOR * interval,
      withJitter(retryWait(this.consecutiveFaults, currentPollWait, interval), options.random())
    )
    // Retry-After is a lower bound; the deadline caps every wait, whatever it says.
    const waitMs = Math.max(backoff, parseRetryAfter(fault.retryAfter, options.clock.wallNow()) ?? 0)
    options.onRetry?.(fault, this.consecutiveFaults, waitMs)
    return { waitMs }
  }
}

function unreportedReason(assessment: Assessment): string {
  const missing = assessment.unreported.map(item => item.device.address)
  const named = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '')
  const subject = missing.length === 1 ? `device ${named} has` : `devices ${named} have`
  return `the job finished, but ${subject} no result, so neither success nor failure can be told`
}
