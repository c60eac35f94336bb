// The one deadline of a wait, computed once when it starts: the poller stops
// polling at `waitEndsAt`, every request (logins and the logout included) is
// cut at `hardStopAt`, and the reports say how long the wait was allowed.

export interface Deadline {
  /** Monotonic milliseconds (the clock of the wait). */
  readonly startedAt: number
  /** The `timeout` input. */
  readonly timeoutMs: number
  /** No poll starts after this. */
  readonly waitEndsAt: number
  /** No request runs past this: the last poll at the deadline gets one request-timeout, no more. */
  readonly hardStopAt: number
}

export function deadlineFrom(now: number, timeoutMs: number, requestTimeoutMs: number): Deadline {
  return { startedAt: now, timeoutMs, waitEndsAt: now + timeoutMs, hardStopAt: now + timeoutMs + requestTimeoutMs }
}
