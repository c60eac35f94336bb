import { describe, expect, it } from '@jest/globals'
import { byteLength, escapeMarkdown } from '../../../src/report/markdown/escape.js'

describe('text: server strings made safe for Markdown', () => {
  it('passes plain LXCA words through, underscores inside words too', () => {
    expect(escapeMarkdown('OTHER_FAIL')).toBe('OTHER_FAIL')
    expect(escapeMarkdown('Inventory › Chassis inventory')).toBe('Inventory › Chassis inventory')
  })

  it('escapes what Markdown or HTML would read as syntax', () => {
    expect(escapeMarkdown('<b>a|b</b> `c` *d* _e_ [f](g)')).toBe(
      '&lt;b&gt;a&#124;b&lt;/b&gt; &#96;c&#96; &#42;d&#42; &#95;e&#95; &#91;f&#93;(g)'
    )
  })

  it('breaks links: URLs, www. and e-mail addresses (a zero-width space after @)', () => {
    expect(escapeMarkdown('https://x.example www.x.example ops@x.example')).toBe(
      'https&#58;//x.example www&#46;x.example ops@\u200bx.example'
    )
  })

  it('makes one line of many and says — for nothing', () => {
    expect(escapeMarkdown('a\n\nb\r\tc')).toBe('a b c')
    expect(escapeMarkdown('  ')).toBe('—')
    expect(escapeMarkdown(undefined)).toBe('—')
  })

  it('cuts at the byte budget, never inside an entity or a character, and marks the cut', () => {
    const cut = escapeMarkdown('<'.repeat(100), 50)
    expect(byteLength(cut)).toBeLessThanOrEqual(50)
    expect(cut).toMatch(/^(&lt;)+…$/)
    const emoji = escapeMarkdown('😀'.repeat(100), 50)
    expect(byteLength(emoji)).toBeLessThanOrEqual(50)
    expect(emoji).toMatch(/^(😀)+…$/u)
    expect(escapeMarkdown('abcd|', 8)).toBe('abcd…')
    expect(escapeMarkdown('abc|', 9)).toBe('abc&#124;')
  })

  it('a 300 KB hostile string still comes out within its budget (its speed is in npm run bench)', () => {
    expect(byteLength(escapeMarkdown('<|>`*_@: '.repeat(35_000), 160))).toBeLessThanOrEqual(160)
  })
})
