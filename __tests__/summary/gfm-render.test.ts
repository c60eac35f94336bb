// Renders summaries with cmark-gfm, the reference implementation of the
// Markdown GitHub uses for step summaries, and checks the HTML structure:
// what the person on call actually sees.
import { describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { renderSummary } from '../../src/summary/job-summary.js'
import { fixture } from '../helpers/fixtures.js'
import { hostileJob } from '../helpers/hostile.js'
import { outcomeFor, summaryInput } from '../helpers/outcomes.js'

const cmark = createRequire(import.meta.url)('cmark-gfm') as {
  renderHtmlSync(markdown: string, options: Record<string, unknown>): string
}

/** As GitHub does: GFM extensions, raw HTML allowed through the tag filter (GitHub then sanitises). */
function toHtml(markdown: string): string {
  return cmark.renderHtmlSync(markdown, {
    unsafe: true,
    extensions: { table: true, strikethrough: true, autolink: true, tagfilter: true, tasklist: true }
  })
}

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length

describe('summary rendered by cmark-gfm', () => {
  it('a failed job renders as one table, a heading per failed device, nested lists and a details block', () => {
    const raw = jobDocument(
      scriptJob({
        devices: 3,
        pollsToComplete: 2,
        failures: [{ device: 1, step: 'INV_CHASSIS', userAction: 'Reseat the CMM.' }]
      }),
      2
    )
    const html = toHtml(renderSummary(summaryInput(outcomeFor(raw, 'failure'))))
    expect(count(html, /<table>/g)).toBe(1)
    expect(count(html, /<tr>/g)).toBe(4)
    expect(count(html, /<td>/g)).toBe(3 * 7)
    expect(html).toContain('<h4>❌ 10.240.72.2 · OTHER_FAIL</h4>')
    expect(html).toContain('<strong>User action:</strong> Reseat the CMM.')
    expect(count(html, /<details>/g)).toBe(1)
    expect(html).toContain('<summary>✅ 2 devices succeeded</summary>')
    // Nested list: Inventory's children are a list inside its item.
    expect(html).toMatch(
      /<li>❌ <strong>Inventory · Stopped_With_Error<\/strong> ⟵ failed here<br>Collecting device inventory\n<ul>\n<li>❌ <strong>Chassis inventory/
    )
    expect(html).not.toContain('&amp;#')
  })

  it("Lenovo's example renders with the progress bar as code and the device as one row", () => {
    const html = toHtml(renderSummary(summaryInput(outcomeFor(fixture('seed-running.json'), 'timeout'))))
    expect(count(html, /<tr>/g)).toBe(2)
    expect(html).toContain('<code>████░░░░░░░░░░░░░░░░</code> 17%')
  })

  it('a hostile document leaks no tag, row or list of its own', () => {
    const html = toHtml(renderSummary(summaryInput(outcomeFor(hostileJob(), 'failure'))))
    expect(count(html, /<table>/g)).toBe(1)
    expect(count(html, /<\/table>/g)).toBe(1)
    expect(count(html, /<tr>/g)).toBe(3)
    expect(count(html, /<td>/g)).toBe(2 * 7)
    expect(html).not.toMatch(/<(script|img|b|h1|input)\b/)
    expect(html).not.toContain('<!--')
    expect(count(html, /<details>/g)).toBe(1)
    expect(count(html, /<\/details>/g)).toBe(1)
    // Server text makes no emphasis, code or link of its own.
    expect(html).not.toMatch(/<td>[^\n]*<(em|code|strong|a)\b/)
    expect(html).not.toContain('href="http://e.vil"')
    expect(html).toContain('<td>&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;</td>')
    expect(html).toContain('<td>a|b|c</td>')
    expect(html).toContain('OTHER_FAIL|`x`')
  })
})
