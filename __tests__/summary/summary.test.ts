import { describe, expect, it } from '@jest/globals'
import { byteLength } from '../../src/summary/markdown.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { renderInputErrorSummary, renderSummary, SUMMARY_BUDGET_BYTES } from '../../src/summary/job-summary.js'
import { fixture } from '../helpers/fixtures.js'
import { hostileJob } from '../helpers/hostile.js'
import { outcomeFor, summaryInput } from '../helpers/outcomes.js'

const render = (raw: unknown, status: Parameters<typeof outcomeFor>[1], extra = {}): string =>
  renderSummary(summaryInput(outcomeFor(raw, status, extra)))

/** Unescaped pipes delimit cells: every row of a table must have as many as its header. */
function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter(line => line.startsWith('| '))
}

describe('renderSummary: snapshots', () => {
  it("the seed document (Lenovo's example) after a timeout", () => {
    expect(
      render(fixture('seed-running.json'), 'timeout', { reason: 'the job did not finish within 1h 0m' })
    ).toMatchSnapshot()
  })

  it('a failed job', () => {
    expect(render(fixture('failed-job.json'), 'failure')).toMatchSnapshot()
  })

  it('a timed-out job with several devices', () => {
    const raw = jobDocument(
      scriptJob({
        devices: 3,
        pollsToComplete: 10,
        failures: [{ device: 2, step: 'LOGIN', userAction: 'Check the BMC password.' }]
      }),
      4
    )
    expect(render(raw, 'timeout', { reason: 'the job did not finish within 1h 0m' })).toMatchSnapshot()
  })

  it('a hostile document', () => {
    expect(render(hostileJob(), 'failure')).toMatchSnapshot()
  })
})

describe('renderSummary: content', () => {
  it('puts the verdict first, then the facts', () => {
    const lines = render(fixture('failed-job.json'), 'failure').split('\n')
    expect(lines[0]).toBe('### ❌ LXCA job 4229 failed: 1 of 1 device failed')
    expect(lines[2]).toContain('**Appliance** lxca.example.com')
    expect(lines[2]).toContain('**LXCA status** INCOMPLETE')
    expect(lines[2]).toContain('**Elapsed** 4m 12s')
  })

  it('shows the failed step path, the user action and marks the failing nodes', () => {
    const markdown = render(fixture('failed-job.json'), 'failure')
    expect(markdown).toContain(
      '| ❌ | 10.240.72.172 | 48331a223bf34fba90732b379b837b9c | OTHER_FAIL | Other failure | Inventory › Chassis inventory | 1m 8s |'
    )
    expect(markdown).toContain(
      '👉 **User action:** Verify the chassis management module is reachable, then manage the chassis again.'
    )
    expect(markdown).toContain('- ❌ **Inventory · Stopped_With_Error** ⟵ failed here')
    expect(markdown).toContain('  - ❌ **Chassis inventory · Stopped_With_Error** ⟵ failed here')
  })

  it('sorts failures first and collapses successful devices', () => {
    const raw = jobDocument(
      scriptJob({ devices: 4, pollsToComplete: 2, failures: [{ device: 3, step: 'CFG_NTP' }] }),
      2
    )
    const markdown = render(raw, 'failure')
    const rows = tableRows(markdown).slice(1)
    expect(rows[0]).toMatch(/^\| ❌ \| 10\.240\.72\.4 /)
    expect(markdown).toContain('<details><summary>✅ 3 devices succeeded</summary>')
  })

  it('shows a progress bar for an unfinished job', () => {
    expect(render(fixture('seed-running.json'), 'timeout')).toContain('`████░░░░░░░░░░░░░░░░` 17%')
  })

  it('says why when the outcome is unknown, even without a document', () => {
    const markdown = renderSummary(
      summaryInput({
        status: 'error',
        reason: 'GET /csvRequest/jobs/4229: the appliance refused the credentials (HTTP 401)',
        polls: 1,
        retries: 0,
        elapsedMs: 80
      })
    )
    expect(markdown).toContain('### ⚠️ LXCA job 4229: outcome unknown')
    expect(markdown).toContain(
      '> **Why:** GET /csvRequest/jobs/4229&#58; the appliance refused the credentials (HTTP 401)'
    )
    expect(markdown).toContain('No job document was understood')
  })

  it('lists invalid inputs', () => {
    expect(renderInputErrorSummary(["Input 'host' is required."])).toContain('- Input &#39;host&#39; is required.')
  })
})

describe('renderSummary: hostile strings stay in their place', () => {
  const markdown = render(hostileJob(), 'failure')

  it('lets no raw HTML from the server through', () => {
    expect(markdown).not.toMatch(/<\/?(table|script|img|b|ul|li)\b/i)
    expect(markdown).not.toContain('<!--')
    expect(markdown.match(/<details>/g)).toHaveLength(1)
    expect(markdown.match(/<\/details>/g)).toHaveLength(1)
    expect(markdown).toContain('&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;')
  })

  it('keeps every table row at the header’s cell count', () => {
    const rows = tableRows(markdown)
    const cells = (row: string): number => row.split('|').length
    expect(rows.length).toBe(3)
    rows.forEach(row => expect(cells(row)).toBe(cells(rows[0])))
  })

  it('keeps multi-line server text on one line', () => {
    expect(markdown).not.toMatch(/^\| injected/m)
    expect(markdown).not.toMatch(/^# heading/m)
    expect(markdown).toContain('line one line two &#124; injected &#124; row')
  })
})

describe('renderSummary: size budget', () => {
  const longAction = 'Check the management network, the BMC credentials and the firmware level, then retry. '.repeat(20)
  const cases: Array<[string, number, (i: number) => boolean]> = [
    ['all succeeded', 300, () => false],
    ['10 % failed', 300, i => i % 10 === 0],
    ['all failed', 300, () => true],
    ['all succeeded', 1000, () => false],
    ['10 % failed', 1000, i => i % 10 === 0],
    ['all failed', 1000, () => true]
  ]

  it.each(cases)(
    '%s, %i devices, long user actions: fits in 900 KiB and keeps every failed device in the table',
    (_name, devices, fails) => {
      const failures = Array.from({ length: devices }, (_, device) => device)
        .filter(fails)
        .map(device => ({ device, step: 'INV_NODES', userAction: longAction }))
      const raw = jobDocument(scriptJob({ devices, pollsToComplete: 1, failures }), 1)
      const markdown = render(raw, failures.length > 0 ? 'failure' : 'success')
      expect(byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
      const failedRows = tableRows(markdown).filter(row => row.startsWith('| ❌ |'))
      expect(failedRows).toHaveLength(failures.length)
      if (failures.length === devices && devices === 1000) {
        expect(markdown).toMatch(
          /leaves out .*the step trees of \d+ of 1,000 failed devices \(the first \d+ are shown\)/
        )
        expect(markdown).toContain('`report` output')
      }
    }
  )

  it('drops successful trees first, keeps every failed tree, and says so', () => {
    const failures = Array.from({ length: 100 }, (_, i) => ({
      device: i * 10,
      step: 'INV_NODES',
      userAction: longAction
    }))
    const raw = jobDocument(scriptJob({ devices: 1000, pollsToComplete: 1, failures }), 1)
    const markdown = render(raw, 'failure')
    expect(markdown).toContain('leaves out the step trees of 900 successful devices.')
    expect(markdown).not.toContain('devices succeeded</summary>')
    expect(markdown.match(/^#### ❌ /gm)).toHaveLength(100)
    expect(tableRows(markdown)).toHaveLength(1001)
  })

  it('stays whole when it fits', () => {
    expect(render(fixture('failed-job.json'), 'failure')).not.toContain('leaves out')
  })

  it('a hostile 1,000-device job of huge strings still fits', () => {
    const huge = '<|>`*_'.repeat(5000)
    const raw = {
      progress: 100,
      results: Array.from({ length: 1000 }, () => ({
        messageParameters: huge,
        uuid: huge,
        result: huge,
        resultShortDescription: huge,
        status: {
          substatus: [
            {
              id: huge,
              shortDescription: huge,
              longDescription: huge,
              userAction: huge,
              status: { state: 'Stopped_With_Error' }
            }
          ]
        }
      }))
    }
    const markdown = render(raw, 'failure')
    expect(byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(tableRows(markdown).filter(row => row.startsWith('| ❌ |'))).toHaveLength(1000)
  })
})
