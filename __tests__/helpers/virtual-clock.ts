import type { Clock } from '../../src/common/clock.js'

/**
 * The one clock of the tests. Nothing sleeps for real: sleeps queue up, and
 * `drive(work)` lets every task run until all of them wait, then jumps time to
 * the earliest wake-up (only `setImmediate` is used, to let pending callbacks
 * and I/O run). Works for one task (the poller) and for several at once (the
 * engine's jobs). `sleeps` records every wait asked for; `onSleep` lets a test
 * act "during" a wait, for example cancel it.
 */
export class VirtualClock implements Clock {
  time = 0
  readonly wallStart = Date.UTC(2026, 10, 27, 12, 0, 0)
  readonly sleeps: number[] = []
  onSleep?: (ms: number) => void
  private timers: Array<{ at: number; wake: () => void }> = []

  now(): number {
    return this.time
  }

  wallNow(): number {
    return this.wallStart + this.time
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    this.onSleep?.(ms)
    return new Promise(resolve => {
      if (signal.aborted) return resolve()
      const abort = (): void => {
        this.timers = this.timers.filter(t => t !== timer)
        resolve()
      }
      // As the system clock: the listener goes when the wait ends, however it ends.
      const timer = {
        at: this.time + ms,
        wake: () => {
          signal.removeEventListener('abort', abort)
          resolve()
        }
      }
      this.timers.push(timer)
      signal.addEventListener('abort', abort, { once: true })
    })
  }

  /** Runs `work` to completion in virtual time. */
  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false
    const result = work.finally(() => (done = true))
    // Handled by the caller once returned; until then, not an unhandled rejection.
    result.catch(() => undefined)
    while (!done) {
      await new Promise(resolve => setImmediate(resolve))
      if (done) break
      this.timers.sort((a, b) => a.at - b.at)
      const next = this.timers.shift()
      if (!next) continue
      this.time = Math.max(this.time, next.at)
      next.wake()
    }
    return result
  }
}
