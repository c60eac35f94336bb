import { describe, expect, it } from '@jest/globals'
import { clause, singleLine, oneLine, plural, thousands } from '../../src/common/text.js'

describe('clean', () => {
  it('makes one line without control characters, cut with … at the limit', () => {
    expect(singleLine('a\r\n\tb\u001b[31m c')).toBe('a b [31m c')
    expect(singleLine('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`)
  })

  it('reads no more of a long text than the output can hold, and still marks the cut', () => {
    expect(singleLine(`a${' '.repeat(5_000)}b`, 10)).toBe('a…')
    expect(singleLine('y'.repeat(1_000_000), 300)).toHaveLength(300)
  })
})

describe('plural and clause', () => {
  it('agree in number', () => {
    expect([
      plural(1, 'poll'),
      plural(2, 'poll'),
      plural(1, 'retry'),
      plural(3, 'retry'),
      plural(1_000, 'device')
    ]).toEqual(['1 poll', '2 polls', '1 retry', '3 retries', '1,000 devices'])
  })

  it('drops a final full stop so that ours never doubles it', () => {
    expect(`${clause('The job was not found. ')}.`).toBe('The job was not found.')
  })
})

describe('oneLine', () => {
  it('shows every control character escaped: a file name cannot start a workflow command or move a cursor', () => {
    expect(oneLine('a\n::stop-commands::x\r\tb')).toBe('a\\n::stop-commands::x\\r\\tb')
    expect(oneLine('\u001b[31mred\u009b2J\u2028')).toBe('\\u001b[31mred\\u009b2J\\u2028')
    expect(oneLine('servers.csv lines 2–301')).toBe('servers.csv lines 2–301')
  })
})

describe('thousands', () => {
  it('writes what toLocaleString("en-US") writes, for integers of every size and sign, and the rest', () => {
    const values = [0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 123_456_789, -1, -1_000, -98_765_432, 2 ** 53 - 1]
    for (const n of [...values, 1.5, 1e21, NaN, Infinity, -0])
      expect([n, thousands(n)]).toEqual([n, n.toLocaleString('en-US')])
  })
})
