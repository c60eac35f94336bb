// How long to wait before the next request, in one function for the poller
// and the upload. The first poll is at once, so a job that is already
// finished (or unknown) is seen at once; poll waits start at
// min(5 s, poll-interval) and grow ×1.5 up to poll-interval, as Google's
// long-running operations do; after transient faults the wait doubles from
// the current poll wait, capped at 4 × poll-interval; every wait carries
// ±20 % jitter so many runners do not poll in lock-step; a Retry-After the
// server sent is a lower bound. Whether a request may be sent again at all
// (the upload's never-twice rule) is the caller's question, not this one.

/** The schedule's numbers (see above). */
const SCHEDULE = { firstWaitMs: 5_000, growth: 1.5, retryCapFactor: 4, jitter: 0.2 } as const

export interface WaitState {
  /** Documents understood so far (0 before the first). */
  readonly goodPolls: number
  /** Transient faults in a row, the last one included (0 after a good poll). */
  readonly faults: number
  /** The last fault's Retry-After header, as sent. */
  readonly retryAfter?: string
}

/**
 * Milliseconds to wait before the next request. `random` is in [0, 1). The
 * caller cuts the wait at its deadline: an absurd Retry-After ends the wait
 * at the deadline instead of overflowing a timer.
 */
export function nextWait(state: WaitState, pollIntervalMs: number, random: number, wallNowMs: number): number {
  const pollWaitMs = pollWait(Math.max(1, state.goodPolls), pollIntervalMs)
  if (state.faults === 0) return withJitter(pollWaitMs, random)
  const doubled = pollWaitMs * 2 ** Math.max(0, state.faults - 1)
  const cap = SCHEDULE.retryCapFactor * pollIntervalMs
  const backoff = Math.min(cap, withJitter(Math.min(cap, doubled), random))
  return Math.max(backoff, parseRetryAfter(state.retryAfter, wallNowMs) ?? 0)
}

/** Wait before good poll number `n + 1` (n ≥ 1), before jitter. */
export function pollWait(n: number, pollIntervalMs: number): number {
  const first = Math.min(SCHEDULE.firstWaitMs, pollIntervalMs)
  return Math.min(pollIntervalMs, first * SCHEDULE.growth ** Math.max(0, n - 1))
}

/** ±20 %, from a random number in [0, 1). */
function withJitter(ms: number, random: number): number {
  return ms * (1 - SCHEDULE.jitter + 2 * SCHEDULE.jitter * random)
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, wallNowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP-date always names its month ("Fri, 27 Nov 2026 12:00:30 GMT").
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - wallNowMs)
}
