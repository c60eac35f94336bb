import type { Clock } from '../../src/common/clock.js'

/**
 * A clock for code that waits on several things at once. Sleeps queue up;
 * `drive` lets every task run until all of them wait, then jumps time to the
 * earliest wake-up. Nothing sleeps for real: only `setImmediate` is used, to
 * let pending promise callbacks run.
 */
export class VirtualClock implements Clock {
  time = 0
  private timers: Array<{ at: number; wake: () => void }> = []

  now(): number {
    return this.time
  }

  wallNow(): number {
    return Date.UTC(2026, 10, 27) + this.time
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      if (signal.aborted) return resolve()
      const timer = { at: this.time + ms, wake: resolve }
      this.timers.push(timer)
      signal.addEventListener('abort', () => {
        this.timers = this.timers.filter(t => t !== timer)
        resolve()
      })
    })
  }

  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false
    const result = work.finally(() => (done = true))
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
