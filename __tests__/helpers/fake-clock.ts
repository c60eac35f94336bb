import type { Clock } from '../../src/common/clock.js'

/**
 * A clock that never waits: `sleep` advances time at once and records how
 * long it was asked to wait. `onSleep` lets a test act "during" a wait (for
 * example, cancel).
 */
export class FakeClock implements Clock {
  time = 0
  wall = Date.UTC(2026, 10, 27, 12, 0, 0)
  readonly sleeps: number[] = []
  onSleep?: (ms: number) => void

  now(): number {
    return this.time
  }

  wallNow(): number {
    return this.wall + this.time
  }

  advance(ms: number): void {
    this.time += ms
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    this.onSleep?.(ms)
    if (signal.aborted) return
    this.time += ms
  }
}
