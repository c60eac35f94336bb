import { describe, expect, it } from '@jest/globals'
import { parseRetryAfter, pollWait, retryWait, withJitter } from '../../src/poll/backoff.js'

describe('pollWait', () => {
  it('starts at 5 s and grows ×1.5 up to the poll interval', () => {
    expect([1, 2, 3, 4, 5].map(n => pollWait(n, 15_000))).toEqual([5_000, 7_500, 11_250, 15_000, 15_000])
  })

  it('starts at the poll interval when it is under 5 s', () => {
    expect([1, 2].map(n => pollWait(n, 2_000))).toEqual([2_000, 2_000])
  })
})

describe('retryWait', () => {
  it('doubles from the current poll wait and caps at 4 × poll-interval', () => {
    expect([1, 2, 3, 4, 5].map(n => retryWait(n, 5_000, 15_000))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000])
  })
})

describe('withJitter', () => {
  it('stays within ±20 %', () => {
    expect(withJitter(10_000, 0)).toBe(8_000)
    expect(withJitter(10_000, 0.5)).toBe(10_000)
    expect(withJitter(10_000, 0.999_999)).toBeCloseTo(12_000, 0)
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
  })
})
