// The unhappy runs as GitHub shows them (cmark-gfm): a timeout of 1,000
// devices is a few rows grouped by the step each device is at, with progress
// said once and under 40 KB; what is left out is said; LXCA's own user
// action comes before its generic description; every status has its icon.
import { describe, expect, it } from '@jest/globals'
import { renderGateMarkdown } from '../../../src/report/markdown/gate-markdown.js'
import { byteLength } from '../../../src/report/markdown/escape.js'
import { STATUSES } from '../../../src/outcome/status.js'
import { toHtml } from '../../../scripts/render-summary.js'
import { outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length
const address = (i: number): string => `10.${(i >> 8) & 255}.${i & 255}.9`

/** A running device at `at` (0: Login, 1: Chassis inventory, 2: NTP), each step before it complete. */
function running(i: number, at: number): Record<string, unknown> {
  const state = (step: number): string => (step < at ? 'Complete' : step === at ? 'Running' : 'Pending')
  const step = (id: string, shortDescription: string, n: number, children?: unknown[]) => ({
    id,
    shortDescription,
    status: { state: state(n), ...(children ? { substatus: children } : {}) }
  })
  return {
    messageParameters: address(i),
    progress: 40,
    status: {
      substatus: [
        step('LOGIN', 'Login', 0),
        step('INVENTORY', 'Inventory', 1, [step('INV_CHASSIS', 'Chassis inventory', 1)]),
        step('CONFIGURATION', 'Configuration', 2, [step('CFG_NTP', 'NTP', 2)])
      ]
    }
  }
}

function failed(i: number, step: string, userAction: string, description?: string): Record<string, unknown> {
  return {
    messageParameters: address(i),
    result: 'OTHER_FAIL',
    progress: 'JOB_DONE',
    ...(description ? { resultLongDescription: description } : {}),
    status: { substatus: [{ id: step, userAction, status: { state: 'Stopped_With_Error' } }] }
  }
}

describe('a timeout of 1,000 devices, rendered', () => {
  // 600 at Login, 300 at Chassis inventory, 100 at NTP.
  const raw = {
    progress: 42,
    results: Array.from({ length: 1_000 }, (_, i) => running(i, i < 600 ? 0 : i < 900 ? 1 : 2))
  }
  const markdown = renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, 'timeout'))))
  const html = toHtml(markdown)

  it('stays at or under 40 KB', () => {
    expect(byteLength(markdown)).toBeLessThanOrEqual(40 * 1024)
  })

  it('groups the unfinished devices by the step they are at, largest first, one row each', () => {
    const rows = markdown.split('\n').filter(line => /^\| [\d,]+ \| /.test(line))
    expect(rows.map(row => row.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| 600 | Login',
      '| 300 | Inventory › Chassis inventory',
      '| 100 | Configuration › NTP'
    ])
    expect(html).toContain('<h4>Not finished, by the step each device is at (1,000 devices, 3 steps)</h4>')
    // No device-by-device row, and one step tree per step.
    expect(count(markdown, /⏳ \*\*/g)).toBe(3)
    expect(markdown).not.toContain(`| ⏳ ${address(5)}`)
  })

  it('says the progress once, with the timeout icon in the headline', () => {
    expect(count(markdown, /42%/g)).toBe(1)
    expect(html).toMatch(new RegExp(`^<h3>${STATUSES.timeout.icon} `))
  })
})

describe('many causes, rendered', () => {
  const steps = ['LOGIN', 'INV_CHASSIS', 'CONFIG_NTP', 'DUPLICATE_CHECK', 'SECURITY', 'FINISHING', 'DESCRIPTOR']
  const raw = {
    progress: 100,
    results: steps.flatMap((step, s) =>
      Array.from({ length: 7 - s }, (_, k) => failed(s * 10 + k, step, `Fix ${step.toLowerCase()}.`))
    )
  }
  const markdown = renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, 'failure'))))

  it('says which step trees are shown and that the others are left out', () => {
    expect(toHtml(markdown)).toContain(
      "<h4>How the 5 largest causes failed (2 more causes in the table above; every device's steps are in the report file)</h4>"
    )
    expect(count(markdown, /^##### ❌ Cause /gm)).toBe(5)
  })
})

describe("LXCA's own user action before its generic text", () => {
  const generic =
    'An internal error occurred during the management process. Attempt the management operation again. If the problem persists, contact Support.'
  const raw = { progress: 100, results: [failed(1, 'LOGIN', 'Check the BMC account USERID.', generic)] }
  const html = toHtml(renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, 'failure')))))

  it('shows the user action first, then the description', () => {
    const action = html.indexOf('<strong>User action:</strong> Check the BMC account USERID.')
    expect(action).toBeGreaterThan(0)
    expect(html.indexOf('An internal error occurred')).toBeGreaterThan(action)
  })
})

describe('icons', () => {
  it('every status has its own icon', () => {
    const icons = Object.values(STATUSES).map(status => status.icon)
    expect(new Set(icons).size).toBe(icons.length)
  })
})
