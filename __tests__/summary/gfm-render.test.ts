// Renders summaries with cmark-gfm, the reference implementation of the
// Markdown GitHub uses for step summaries, and checks the HTML structure:
// what the person on call actually sees.
import { describe, expect, it } from '@jest/globals'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { renderGateMarkdown } from '../../src/summary/gate-markdown.js'
import { toHtml } from '../../scripts/render-summary.js'
import { fixture } from '../helpers/fixtures.js'
import { hostileJob } from '../helpers/hostile.js'
import { gateOf, outcomeFor, singleJob, viewOf } from '../helpers/outcomes.js'

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length
const render = (raw: unknown, status: 'failure' | 'success' | 'timeout'): string =>
  toHtml(renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, status)))))

describe('summary rendered by cmark-gfm', () => {
  const raw = jobDocument(
    scriptJob({
      devices: 3,
      pollsToComplete: 2,
      failures: [{ device: 1, step: 'INV_CHASSIS', userAction: 'Reseat the CMM.' }]
    }),
    2
  )
  const html = render(raw, 'failure')

  it('a failed job: a digest table, a device table, a heading per failed device, nested lists, a success list', () => {
    expect(count(html, /<table>/g)).toBe(2)
    expect(html).toContain('<h3>❌ LXCA job 4229 on lxca.example.com failed: 1 of 3 devices failed · 4m 12s</h3>')
    expect(html).toContain('<h5>❌ 10.240.72.2 · OTHER_FAIL</h5>')
    expect(html).toContain('<strong>User action:</strong> Reseat the CMM.')
    expect(html).toMatch(
      /<li>❌ Inventory · stopped with error\n<ul>\n<li>❌ <strong>Chassis inventory · stopped with error<\/strong> ⟵ failed here/
    )
    expect(html).not.toContain('&amp;#')
  })

  it('a digest row renders as one row of five cells: count, result, step, user action, devices', () => {
    const digest = html.slice(html.indexOf('<table>'), html.indexOf('</table>'))
    expect(digest).toContain(
      '<tr>\n<td align="right">1</td>\n<td>OTHER_FAIL</td>\n<td>Inventory › Chassis inventory</td>\n<td>Reseat the CMM.</td>\n<td>10.240.72.2</td>\n</tr>'
    )
  })

  it('the successful devices render as one collapsed list', () => {
    expect(html).toContain(
      '<details><summary>✅ 2 devices succeeded</summary>\n<p>10.240.72.1, 10.240.72.3</p>\n</details>'
    )
  })

  it("Lenovo's example: the progress bar as code, the device as one row", () => {
    const timeout = render(fixture('seed-running.json'), 'timeout')
    expect(count(timeout, /<tr>/g)).toBe(2)
    expect(timeout).toContain('<code>████░░░░░░░░░░░░░░░░</code> 17%')
  })

  it('e-mail addresses and URLs in server text never become links', () => {
    const mail = {
      progress: 100,
      results: [
        {
          messageParameters: 'admin@example.com',
          result: 'OTHER_FAIL',
          progress: 'JOB_DONE',
          status: {
            substatus: [
              {
                id: 'LOGIN',
                userAction: 'Mail ops@example.com or see https://evil.example/x and www.evil.example',
                status: { state: 'Stopped_With_Error' }
              }
            ]
          }
        }
      ]
    }
    const rendered = render(mail, 'failure')
    expect(rendered).not.toContain('<a href="mailto:')
    expect(count(rendered, /<a /g)).toBe(count(rendered, /<a href="https:\/\/lxca\.example\.com\//g))
    expect(rendered).toContain('admin@\u200bexample.com')
  })

  it('a hostile document leaks no tag, row, emphasis, code or link of its own', () => {
    const hostile = render(hostileJob(), 'failure')
    expect(count(hostile, /<table>/g)).toBe(2)
    expect(count(hostile, /<tr>/g)).toBe(2 + 2)
    expect(hostile).not.toMatch(/<(script|img|b|h1|input)\b/)
    expect(hostile).not.toContain('<!--')
    expect(hostile).not.toMatch(/<td>[^\n]*<(em|code|strong|a)\b/)
    expect(hostile).not.toContain('href="http://e.vil"')
    expect(hostile).toContain('<td>❌ &lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;</td>')
    expect(hostile).toContain('OTHER_FAIL|`x`')
  })
})

describe('appliance text never opens a block (cmark-gfm)', () => {
  it('a refusal whose messages forge a "valid" heading, a rule, a list and a quote renders them as plain text', () => {
    const messages = [
      '# ✅ servers.csv is valid on lxca.example.com',
      '---',
      '1. nothing is wrong',
      '- [x] checked',
      '=== ',
      '> quoted'
    ]
    const upload: UploadOutcome = {
      file: 'servers.csv',
      rows: 2,
      validationOnly: true,
      status: 'failure',
      messages,
      attempts: 1,
      elapsedMs: 900
    }
    const html = toHtml(renderGateMarkdown(viewOf(gateOf([], upload))))
    // Ours: the headline and the "What the appliance said" heading; nothing else.
    expect(html.match(/<h\d>/g)).toEqual(['<h3>', '<h4>'])
    expect(html).toMatch(/<h3>❌ servers\.csv was refused/)
    expect(html).not.toMatch(/<ol>|<blockquote>|<input/)
    // One rule: the footer's.
    expect(count(html, /<hr \/>/g)).toBe(1)
    expect(html).toContain('<li># ✅ servers.csv is valid on lxca.example.com</li>')
    expect(html).toContain('<li>1. nothing is wrong</li>')
  })
})
