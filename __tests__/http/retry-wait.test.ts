import { describe, expect, it } from '@jest/globals'
import { nextWait, parseRetryAfter, pollWait } from '../../src/http/retry-wait.js'

describe('pollWait', () => {
  it('starts at 5 s and grows ×1.5 up to the poll interval', () => {
    expect([1, 2, 3, 4, 5].map(n => pollWait(n, 15_000))).toEqual([5_000, 7_500, 11_250, 15_000, 15_000])
  })

  it('starts at the poll interval when it is under 5 s', () => {
    expect([1, 2].map(n => pollWait(n, 2_000))).toEqual([2_000, 2_000])
  })
})

describe('nextWait', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0)
  const wait = (goodPolls: number, faults: number, random = 0.5, retryAfter?: string): number =>
    nextWait({ goodPolls, faults, retryAfter }, 15_000, random, now)

  it('after a good poll: the poll wait, ±20 % jitter', () => {
    expect([1, 2, 3, 4].map(n => wait(n, 0))).toEqual([5_000, 7_500, 11_250, 15_000])
    expect(wait(1, 0, 0)).toBe(4_000)
    expect(wait(1, 0, 0.999_999)).toBeCloseTo(6_000, 0)
  })

  it('before any good poll, from the first poll wait', () => {
    expect(wait(0, 0)).toBe(5_000)
    expect(wait(0, 1)).toBe(5_000)
  })

  it('after faults: doubles from the current poll wait, capped at 4 × poll-interval, jitter included', () => {
    expect([1, 2, 3, 4, 5, 6].map(n => wait(1, n))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000])
    expect(wait(4, 2)).toBe(30_000)
    // Jitter never lifts a wait over the cap.
    expect(wait(1, 9, 0.999_999)).toBe(60_000)
    expect(wait(1, 9, 0)).toBe(48_000)
  })

  it('a Retry-After is a lower bound after a fault, never a reason to wait less', () => {
    expect(wait(1, 1, 0.5, '7')).toBe(7_000)
    expect(wait(1, 3, 0.5, '7')).toBe(20_000)
    expect(wait(1, 1, 0.5, 'Fri, 27 Nov 2026 12:05:00 GMT')).toBe(300_000)
    // After a good poll, a Retry-After of an earlier fault no longer counts.
    expect(wait(1, 0, 0.5, '7')).toBe(5_000)
  })
})

describe('pollWait (before jitter)', () => {
  it('never exceeds the poll interval', () => {
    expect(pollWait(10, 2_000)).toBe(2_000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0)

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
    // Seconds with a unit, or a number with text after it, are neither form.
    expect(parseRetryAfter('7s', now)).toBeUndefined()
    expect(parseRetryAfter('7 days', now)).toBeUndefined()
    // A date names its month: digits alone are not parsed as one.
    expect(parseRetryAfter('2026-11-27', now)).toBeUndefined()
  })
})
