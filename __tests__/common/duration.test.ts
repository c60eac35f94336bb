import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../../src/common/duration.js'

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['1h 30m 15s', 5_415_000],
    ['2d', 172_800_000],
    ['1.5s', 1_500],
    ['45', 45_000],
    ['0.25', 250],
    ['15M', 900_000]
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', 'abc', '5x', '-5s', '30m1h', '1h1h', 'm', '1.2.3s', 's5', '5 minutes'])('refuses %p', text => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_500, '12.5 s'],
    [21_000, '21 s'],
    [252_000, '4m 12s'],
    [3_900_000, '1h 5m'],
    [90_000_000, '1d 1h']
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
