// Time as the engine sees it: every wait between requests and every deadline
// it decides goes through a Clock, so tests drive time by hand and never sleep
// for real. (The one real timer outside it is the transport's per-request
// deadline, which must cut a real socket in real time.)

export interface Clock {
  /** Monotonic milliseconds, for deadlines and elapsed times. */
  now(): number
  /** Wall-clock milliseconds since the epoch, for HTTP dates (`Retry-After`). */
  wallNow(): number
  /** Resolves after `ms`, or as soon as `signal` aborts (it never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

/** Node clamps longer timers to 1 ms, which would turn a long wait into a busy loop. */
const MAX_TIMER_MS = 2_147_483_647

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>(resolve => {
      if (signal.aborted || ms <= 0) return resolve()
      const finish = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', finish)
        resolve()
      }
      const timer = setTimeout(finish, Math.min(ms, MAX_TIMER_MS))
      signal.addEventListener('abort', finish, { once: true })
    })
}
