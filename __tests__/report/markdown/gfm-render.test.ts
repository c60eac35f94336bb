// Renders summaries with cmark-gfm, the reference implementation of the
// Markdown GitHub uses for step summaries, and checks the HTML structure:
// what the person on call actually sees.
import { describe, expect, it } from '@jest/globals'
import type { UploadOutcome } from '../../../src/outcome/upload-outcome.js'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { twoCausesPerDevice } from '../../../src/simulator/scenarios.js'
import { renderGateMarkdown } from '../../../src/report/markdown/gate-markdown.js'
import { byteLength } from '../../../src/report/markdown/escape.js'
import { toHtml } from '../../../scripts/render-summary.js'
import { fixture } from '../../helpers/fixtures.js'
import { hostileJob } from '../../helpers/hostile.js'
import { errorOutcome, faultCause, gateOf, outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

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
    expect(html).toContain(
      '<h3>❌ <a href="https://lxca.example.com/csvRequest/jobs/4229">LXCA job 4229</a> on <a href="https://lxca.example.com/">lxca.example.com</a> failed: 1 of 3 devices failed · 4m 12s</h3>'
    )
    expect(html).toContain('<h5>❌ 1 device · OTHER_FAIL at Inventory › Chassis inventory</h5>')
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

  it("Lenovo's example: the progress bar as code, the device in its step's one row", () => {
    const timeout = render(fixture('seed-running.json'), 'timeout')
    expect(count(timeout, /<tr>/g)).toBe(2)
    // The progress is said once, in the headline: the bar only draws it.
    expect(timeout).toContain('<p><code>████░░░░░░░░░░░░░░░░</code></p>')
    expect(count(timeout, /17%/g)).toBe(1)
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

describe('what failed, by cause, at the size of a site (cmark-gfm)', () => {
  /** 1,000 devices, every `failedEvery`-th failed, in two causes worded per device. */
  const site = (failedEvery: number): string =>
    renderGateMarkdown(
      viewOf(
        singleJob(
          outcomeFor(
            jobDocument(
              scriptJob({ devices: 1_000, pollsToComplete: 1, failures: twoCausesPerDevice(1_000, failedEvery) }),
              1
            ),
            'failure'
          )
        )
      )
    )
  const tables = (html: string): string[] => html.match(/<table>[\s\S]*?<\/table>/g) ?? []
  const bodyRows = (table: string): string[] => table.slice(table.indexOf('<tbody>')).match(/<tr>[\s\S]*?<\/tr>/g) ?? []

  describe('1,000 devices, all failed, two causes worded per device', () => {
    const markdown = site(1)
    const html = toHtml(markdown)

    it('the digest has exactly two rows, each with the action once, as a readable template', () => {
      const rows = bodyRows(tables(html)[0])
      expect(rows).toHaveLength(2)
      expect(rows[0]).toContain(
        '<td>Device ‹device› (node ‹n›): verify that the node is powered on and its XCC is reachable from the appliance, then manage it again.</td>'
      )
      expect(rows[1]).toContain('<td>Configuration › Security</td>')
      expect(html).not.toContain('more cause')
    })

    it('one open tree per cause, headed by the cause; no other tree repeats them', () => {
      expect(html.match(/<h5>[^<]*<\/h5>/g)).toEqual([
        '<h5>❌ Cause 1 · 500 devices · OTHER_FAIL at Inventory › Node inventory</h5>',
        '<h5>❌ Cause 2 · 500 devices · OTHER_FAIL at Configuration › Security</h5>'
      ])
      expect(html).not.toContain('Step trees of')
    })

    it('stays within 150 KB', () => {
      expect(byteLength(markdown)).toBeLessThanOrEqual(150_000)
    })

    it('snapshot: the first screen, up to the device table', () => {
      expect(markdown.slice(0, markdown.indexOf('#### Devices'))).toMatchSnapshot()
    })
  })

  describe('1,000 devices, 100 failed in two causes', () => {
    const markdown = site(10)
    const html = toHtml(markdown)

    it('stays within 30 KB', () => {
      expect(byteLength(markdown)).toBeLessThanOrEqual(30_000)
    })

    it('the device table is ordered by cause, then by address', () => {
      const rows = bodyRows(tables(html)[1])
      expect(rows).toHaveLength(100)
      const steps = rows.map(row => row.split('\n')[3])
      expect(steps.slice(0, 50)).toEqual(Array(50).fill('<td>Inventory › Node inventory</td>'))
      expect(steps.slice(50)).toEqual(Array(50).fill('<td>Configuration › Security</td>'))
      expect(rows[0]).toContain('<td>❌ 10.240.72.1</td>')
      expect(rows[1]).toContain('<td>❌ 10.240.72.21</td>')
    })

    it('snapshot', () => {
      expect(markdown).toMatchSnapshot()
    })
  })
})

describe('several jobs: every reason on the first screen (cmark-gfm)', () => {
  const big = scriptJob({ devices: 1_000, pollsToComplete: 1, failures: twoCausesPerDevice(1_000, 10) })
  const markdown = renderGateMarkdown(
    viewOf(
      gateOf([
        outcomeFor(jobDocument(scriptJob({ devices: 3, pollsToComplete: 1 }), 1), 'success', {
          job: { id: '4229', type: 'csv' }
        }),
        outcomeFor(jobDocument(big, 1), 'failure', { job: { id: '4230', type: 'csv' } }),
        outcomeFor(jobDocument(scriptJob({ devices: 2, pollsToComplete: 9 }), 3), 'timeout', {
          job: { id: '77', type: 'manage' }
        }),
        errorOutcome(
          faultCause(
            'not-found',
            'job 78 was not found at https://lxca.example.com/unmanageRequest/jobs/78 (HTTP 404)',
            404
          ),
          { job: { id: '78', type: 'unmanage' } }
        )
      ])
    )
  )
  const firstScreen = Buffer.from(markdown).subarray(0, 4096).toString()
  const html = toHtml(firstScreen)

  it('the jobs table, with its "why" for every job that did not pass, is within the first 4 KB', () => {
    const rows = (html.match(/<table>[\s\S]*?<\/table>/) ?? [''])[0].match(/<tr>[\s\S]*?<\/tr>/g) ?? []
    const why = (id: string): string => {
      const row = rows.find(item => item.includes(`>${id}</a></td>`)) ?? ''
      return row.split('\n').at(-2) ?? ''
    }
    expect(why('4230')).toBe('<td>50 OTHER_FAIL at Inventory › Node inventory; +1 other cause</td>')
    expect(why('77')).toBe('<td>still running at 33%</td>')
    expect(why('78')).toBe('<td>job not found (HTTP 404)</td>')
    expect(why('4229')).toBe('<td>—</td>')
  })

  it('every job is a link to its document on the appliance', () => {
    for (const path of [
      'csvRequest/jobs/4229',
      'csvRequest/jobs/4230',
      'manageRequest/jobs/77',
      'unmanageRequest/jobs/78'
    ]) {
      expect(html).toContain(`<a href="https://lxca.example.com/${path}">`)
    }
  })
})
