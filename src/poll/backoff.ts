// How long to wait between requests. The first poll is at once, so a job that
// is already finished (or unknown) is seen at once; poll waits start at
// min(5 s, poll-interval) and grow ×1.5 up to poll-interval, as Google's
// long-running operations do; transient faults back off exponentially from the
// current poll wait, capped at 4 × poll-interval; every wait carries ±20 %
// jitter so many runners do not poll in lock-step.

const FIRST_WAIT_MS = 5_000
const POLL_GROWTH = 1.5
const RETRY_CAP_FACTOR = 4
const JITTER = 0.2

/** Wait before good poll number `n + 1` (n ≥ 1), before jitter. */
export function pollWait(n: number, pollIntervalMs: number): number {
  const first = Math.min(FIRST_WAIT_MS, pollIntervalMs)
  return Math.min(pollIntervalMs, first * POLL_GROWTH ** Math.max(0, n - 1))
}

/** Wait after the `faults`-th consecutive transient fault, before jitter. */
export function retryWait(faults: number, currentPollWaitMs: number, pollIntervalMs: number): number {
  return Math.min(RETRY_CAP_FACTOR * pollIntervalMs, currentPollWaitMs * 2 ** Math.max(0, faults - 1))
}

/** ±20 %, from a random number in [0, 1). */
export function withJitter(ms: number, random: number): number {
  return ms * (1 - JITTER + 2 * JITTER * random)
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable. Callers cap it by the time left, so an
 * absurd value ends the wait at the deadline instead of overflowing a timer.
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
