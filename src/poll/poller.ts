// Waits for the job. Keeps "the job failed" apart from "we could not find
// out": transient faults are retried within a budget and never turn into a
// failure verdict; only a document we understand can end in success or
// failure. Time comes from the injected clock, so this is tested without
// sleeping; every wait ends early on cancellation and never passes the deadline.
import { parseRetryAfter, pollWait, retryWait, withJitter } from './backoff.js'
import type { Clock } from '../common/clock.js'
import { formatDuration } from '../common/duration.js'
import { PollFault } from '../common/errors.js'
import type { OutcomeStatus, PollOutcome } from '../common/outcome.js'
import { parseJob, type JobDocument } from '../lxca/job.js'
import { assess, type Assessment } from '../lxca/verdict.js'

export interface PollOptions {
  readonly fetchJob: (signal: AbortSignal) => Promise<unknown>
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

export async function pollJob(options: PollOptions): Promise<PollOutcome> {
  const { clock, signal, pollIntervalMs } = options
  const startedAt = clock.now()
  const deadline = startedAt + options.timeoutMs
  let polls = 0
  let retries = 0
  let consecutiveFaults = 0
  let goodPolls = 0
  let lastProblem: PollFault | undefined
  let job: JobDocument | undefined
  let assessment: Assessment | undefined
  let lastDocument: unknown

  const finish = (status: OutcomeStatus, fault?: PollFault, reason = fault?.message): PollOutcome => ({
    status,
    job,
    assessment,
    lastDocument,
    reason,
    faultKind: fault?.kind,
    polls,
    retries,
    elapsedMs: clock.now() - startedAt
  })

  if (options.startDelayMs) await clock.sleep(Math.min(options.startDelayMs, options.timeoutMs), signal)
  for (;;) {
    if (signal.aborted) return finish('cancelled')
    let waitMs: number
    polls += 1
    try {
      const raw = await options.fetchJob(signal)
      lastDocument = raw
      const parsed = parseJob(raw)
      if (!parsed.ok) throw new PollFault('shape', `the job document was not understood: ${parsed.problem}`, true)
      job = parsed.job
      assessment = assess(job, options.successResults)
      consecutiveFaults = 0
      lastProblem = undefined
      goodPolls += 1
      options.onUpdate?.(job, assessment)
      switch (assessment.verdict) {
        case 'success':
          return finish('success')
        case 'failure':
          return finish('failure')
        case 'empty':
          return finish('error', undefined, 'the job finished with no device results, so no device can be called ready')
        case 'running':
          waitMs = withJitter(pollWait(goodPolls, pollIntervalMs), options.random())
      }
    } catch (error) {
      if (signal.aborted) return finish('cancelled')
      if (!(error instanceof PollFault)) throw error
      if (!error.retryable) return finish('error', error)
      consecutiveFaults += 1
      lastProblem = error
      if (consecutiveFaults > options.maxRetries) {
        const reason = `${consecutiveFaults} requests in a row failed (max-retries is ${options.maxRetries}); the last: ${error.message}`
        return finish('error', error, reason)
      }
      retries += 1
      const currentPollWait = pollWait(Math.max(1, goodPolls), pollIntervalMs)
      const backoff = Math.min(
        RETRY_CAP_FACTOR * pollIntervalMs,
        withJitter(retryWait(consecutiveFaults, currentPollWait, pollIntervalMs), options.random())
      )
      // Retry-After is a lower bound; the deadline below caps it, whatever it says.
      waitMs = Math.max(backoff, parseRetryAfter(error.retryAfter, clock.wallNow()) ?? 0)
      options.onRetry?.(error, consecutiveFaults, waitMs)
    }
    const remaining = deadline - clock.now()
    if (remaining <= 0) {
      const reason = `the job did not finish within ${formatDuration(options.timeoutMs)}${lastProblem ? `; the last request failed: ${lastProblem.message}` : ''}`
      return finish('timeout', lastProblem, reason)
    }
    // The last wait ends at the deadline, and one last poll follows it.
    await clock.sleep(Math.min(waitMs, remaining), signal)
  }
}
