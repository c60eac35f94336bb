// The step summary as the person on call reads it: snapshots of the layout,
// what comes first, what is grouped, and how it fits GitHub's size limit.
import { describe, expect, it } from '@jest/globals'
import type { JobOutcome } from '../../../src/outcome/job-outcome.js'
import type { UploadOutcome } from '../../../src/outcome/upload-outcome.js'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { SUMMARY_BUDGET_BYTES } from '../../../src/report/markdown/budget.js'
import { renderGateMarkdown } from '../../../src/report/markdown/gate-markdown.js'
import { byteLength } from '../../../src/report/markdown/escape.js'
import { ERROR_CASES } from '../../helpers/error-causes.js'
import { fixture } from '../../helpers/fixtures.js'
import { hostileJob } from '../../helpers/hostile.js'
import { errorOutcome, faultCause, gateOf, outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

const render = (outcome: JobOutcome): string => renderGateMarkdown(viewOf(singleJob(outcome)))
const three = (failures: Parameters<typeof scriptJob>[0]['failures'] = []): unknown =>
  jobDocument(scriptJob({ devices: 3, pollsToComplete: 2, failures }), 2)
const authRefused: JobOutcome = errorOutcome(
  faultCause(
    'auth',
    'GET /csvRequest/jobs/4229: the appliance refused the credentials (HTTP 401): The request requires user authentication',
    401,
    { code: 'basic' }
  )
)

/** Every row of every table has as many cells as its header: no server text made a cell of its own. */
function expectWellFormedTables(markdown: string): void {
  const cells = (row: string): number => row.split('|').length
  let header = 0
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) header = 0
    else if (header === 0) header = cells(line)
    else expect(cells(line)).toBe(header)
  }
}

describe('the step summary: snapshots of the layout', () => {
  it('3 devices, all succeeded', () => {
    expect(render(outcomeFor(three(), 'success'))).toMatchSnapshot()
  })

  it('3 devices, one failed at a named step', () => {
    const raw = three([{ device: 1, step: 'INV_CHASSIS', userAction: 'Reseat the chassis management module.' }])
    expect(render(outcomeFor(raw, 'failure'))).toMatchSnapshot()
  })

  it('a timeout with a failed device', () => {
    const raw = jobDocument(
      scriptJob({
        devices: 4,
        pollsToComplete: 10,
        failures: [{ device: 2, step: 'LOGIN', userAction: 'Check the BMC password.' }]
      }),
      4
    )
    const lastFault = { kind: 'http' as const, message: 'GET /csvRequest/jobs/4229: HTTP 503', httpStatus: 503 }
    expect(render(outcomeFor(raw, 'timeout', { lastFault, wait: { elapsedMs: 3_600_000 } }))).toMatchSnapshot()
  })

  it('credentials refused (HTTP 401)', () => {
    expect(render(authRefused)).toMatchSnapshot()
  })

  it('several jobs, mixed', () => {
    const result = gateOf([
      outcomeFor(three(), 'success', { job: { id: '4229', type: 'csv' } }),
      outcomeFor(three([{ device: 0, step: 'CFG_NTP' }]), 'failure', { job: { id: '4230', type: 'csv' } }),
      outcomeFor(jobDocument(scriptJob({ devices: 2, pollsToComplete: 9 }), 3), 'timeout', {
        job: { id: '77', type: 'manage' }
      }),
      errorOutcome(faultCause('not-found', 'job 78 was not found (HTTP 404)', 404), {
        job: { id: '78', type: 'unmanage' }
      })
    ])
    expect(renderGateMarkdown(viewOf(result))).toMatchSnapshot()
  })

  it('a hostile document', () => {
    expect(render(outcomeFor(hostileJob(), 'failure'))).toMatchSnapshot()
  })
})

describe('the step summary of an upload', () => {
  const base = { file: 'servers.csv', rows: 12, validationOnly: true, messages: [], attempts: 1, elapsedMs: 1_200 }
  const render = (outcome: UploadOutcome): string => renderGateMarkdown(viewOf(gateOf([], outcome)))

  it('validation refused: a snapshot', () => {
    const messages = [
      'FQXHMDI0202M: Line 3: the device address is missing.',
      'FQXHMDI0202M: Line 7: the device address is missing.'
    ]
    expect(render({ ...base, status: 'failure', messages, httpStatus: 400 })).toMatchSnapshot()
  })

  it('validation accepted: one line says so, and that nothing was imported', () => {
    const markdown = render({ ...base, status: 'success' })
    expect(markdown.split('\n')[0]).toBe(
      '### ✅ servers.csv is valid on lxca.example.com&#58; the appliance accepted its 12 devices · 1.2 s'
    )
    expect(markdown).toContain('**Validation only:** nothing was imported')
  })

  it('an import that may have started says so once: in the headline; the fix says where to look, the details what happened', () => {
    const reason = 'no complete response within 30 s (request-timeout); the import may have started'
    const fault = { kind: 'timeout' as const, message: 'no complete response within 30 s (request-timeout)' }
    const markdown = render({
      ...base,
      validationOnly: false,
      status: 'error',
      cause: { kind: 'may-have-started', reason, fault }
    })
    expect(markdown.split('\n')[0]).toBe(
      '### ⚠️ The import of servers.csv on lxca.example.com may have started&#58; the appliance did not answer in time · 1.2 s'
    )
    expect(markdown).toContain(
      '**Fix:** Look for the import in XClarity Administrator › Monitoring › Jobs before uploading again; if it is there, pass its job as job-id.'
    )
    expect(markdown.match(/Monitoring › Jobs/g)).toHaveLength(1)
    expect(markdown.match(/may have started/g)).toHaveLength(2) // the headline, and the details' own words
    expect(markdown).not.toContain('**Import**')
  })

  it('an upload the appliance took without naming a job: probably started, said once; a refusal: nothing was imported', () => {
    const reason = 'the appliance accepted the upload (HTTP 201) but named no job, so the import has probably started'
    const taken = render({ ...base, validationOnly: false, status: 'error', cause: { kind: 'no-job', reason } })
    expect(taken.split('\n')[0]).toBe(
      '### ⚠️ The import of servers.csv on lxca.example.com has probably started, but the appliance named no job · 1.2 s'
    )
    expect(taken).not.toMatch(/may (or may not )?have started/)
    const fault = { kind: 'http' as const, message: 'POST /csvRequest: HTTP 400', httpStatus: 400 }
    const refused = render({
      ...base,
      validationOnly: false,
      status: 'error',
      httpStatus: 400,
      cause: { kind: 'not-imported', reason: 'POST /csvRequest: HTTP 400; nothing was imported', fault }
    })
    expect(refused.split('\n')[0]).toBe(
      '### ⚠️ Nothing was imported from servers.csv on lxca.example.com&#58; the appliance refused the upload (HTTP 400) · 1.2 s'
    )
  })
})

describe('the step summary: the first screen', () => {
  it('line one: icon, outcome, the job and the appliance linked, failed of total, elapsed', () => {
    const raw = three([{ device: 1, step: 'INV_CHASSIS' }])
    expect(render(outcomeFor(raw, 'failure')).split('\n')[0]).toBe(
      '### ❌ [LXCA job 4229](https://lxca.example.com/csvRequest/jobs/4229) on [lxca.example.com](https://lxca.example.com/) failed&#58; 1 of 3 devices failed · 4m 12s'
    )
  })

  it('the facts line: no poll count (it is in the collapsed details), LXCA status only where it would mislead', () => {
    const failed = render(outcomeFor(three([{ device: 1, step: 'INV_CHASSIS' }]), 'failure')).split('\n\n')
    expect(failed[1]).toBe(
      '**Job** /csvRequest/jobs/4229 · **Progress** 100% · **LXCA status** INCOMPLETE (LXCA marks finished jobs with failures INCOMPLETE)'
    )
    const passed = render(outcomeFor(three(), 'success'))
    expect(passed.split('\n\n')[1]).toBe('**Job** /csvRequest/jobs/4229 · **Progress** 100%')
    expect(passed).toContain(
      '<details><summary>About this wait</summary>\n\nPolled 12 times, 1 retry in 4m 12s · timeout 1h 0m · LXCA status COMPLETE'
    )
  })

  it('an error names its cause in the headline, then a plain Fix line', () => {
    const lines = render(authRefused).split('\n\n')
    expect(lines[0]).toBe(
      '### ⚠️ Could not check [LXCA job 4229](https://lxca.example.com/csvRequest/jobs/4229) on [lxca.example.com](https://lxca.example.com/)&#58; credentials refused (HTTP 401) · 80 ms'
    )
    expect(lines[2]).toBe(
      '**Fix:** Check the username and password inputs (and the secrets they come from); any LXCA role may read jobs and the inventory (lxc-operator is enough); if they are right, the appliance may take sessions only&#58; set auth-method&#58; session.'
    )
    expect(render(authRefused)).not.toMatch(/\.\.|outcome unknown/)
  })

  it('a timeout says what was known, that a device already failed, and that the job keeps running', () => {
    const raw = jobDocument(scriptJob({ devices: 5, pollsToComplete: 10, failures: [{ device: 2, step: 'LOGIN' }] }), 4)
    const markdown = render(outcomeFor(raw, 'timeout'))
    expect(markdown.split('\n')[0]).toBe(
      '### ⏱️ [LXCA job 4229](https://lxca.example.com/csvRequest/jobs/4229) on [lxca.example.com](https://lxca.example.com/) timed out after 1h 0m&#58; 52% done of 5 devices&#58; 0 succeeded, 1 failed, 4 not finished'
    )
    expect(markdown).toContain('**The LXCA job keeps running on the appliance&#58; raise timeout and run again')
  })

  it('a timeout of a job this step’s upload started: wait for it with job-id, never “run again” (that would import twice)', () => {
    const raw = jobDocument(scriptJob({ devices: 5, pollsToComplete: 10 }), 4)
    const upload: UploadOutcome = {
      status: 'success',
      job: { id: '4229', type: 'csv' },
      file: 'servers.csv',
      rows: 5,
      validationOnly: false,
      attempts: 1,
      elapsedMs: 300,
      messages: []
    }
    const markdown = renderGateMarkdown(viewOf(gateOf([outcomeFor(raw, 'timeout')], upload)))
    expect(markdown).toContain(
      '**LXCA job 4229 keeps running on the appliance&#58; to wait for it, run this step with job-id in place of csv-file (job-id&#58; 4229); do not upload the file again.**'
    )
    expect(markdown).toContain("```yaml\nwith:\n  job-id: '4229'\n```")
    expect(markdown).not.toContain('run again')
    const cancelled = renderGateMarkdown(viewOf(gateOf([outcomeFor(raw, 'cancelled')], upload)))
    expect(cancelled).toContain('do not upload the file again')
  })

  it('an error while polling a job this step’s upload started: the fix says to wait for it, not to upload again', () => {
    const upload: UploadOutcome = {
      status: 'success',
      job: { id: '4229', type: 'csv' },
      file: 'servers.csv',
      rows: 5,
      validationOnly: false,
      attempts: 1,
      elapsedMs: 300,
      messages: []
    }
    const retries = errorOutcome({
      kind: 'retries',
      fault: { kind: 'http', message: 'HTTP 503', httpStatus: 503 },
      count: 9,
      maxRetries: 8
    })
    const markdown = renderGateMarkdown(viewOf(gateOf([retries], upload)))
    expect(markdown).toContain(
      '**Fix:** The import was started and may still be running&#58; wait for it with job-id&#58; 4229; do not upload the file again (raise max-retries if the appliance keeps failing).'
    )
    expect(markdown).not.toContain('run again')
  })

  it('says at the top when something was left out for size', () => {
    const failures = Array.from({ length: 2000 }, (_, device) => ({
      device,
      step: 'INV_NODES',
      userAction: `${device % 2 ? 'Reseat' : 'Replace'} the node. ${'x'.repeat(2000)}`
    }))
    const raw = jobDocument(scriptJob({ devices: 2000, pollsToComplete: 1, failures }), 1)
    const parts = render(outcomeFor(raw, 'failure')).split('\n\n')
    expect(parts[1]).toMatch(
      /^> ℹ️ Shortened to stay within GitHub's 1 MiB summary limit: it leaves out the table rows of 1,000 devices\./
    )
    expect(parts[1]).toContain('the file named by the `report` output')
  })
})

describe('the step summary: failures by cause', () => {
  const failures = [
    ...Array.from({ length: 50 }, (_, i) => ({ device: i * 20, step: 'INV_NODES', userAction: 'Check the node.' })),
    ...Array.from({ length: 30 }, (_, i) => ({
      device: i * 20 + 10,
      step: 'CFG_SECURITY',
      userAction: 'Reset security.'
    })),
    { device: 7, step: 'LOGIN', userAction: 'Check the BMC password.' }
  ]
  const markdown = render(
    outcomeFor(jobDocument(scriptJob({ devices: 1000, pollsToComplete: 1, failures }), 1), 'failure')
  )

  it('one row per cause, largest first, the user action once, the first addresses and a count of the rest', () => {
    const digest = markdown.slice(markdown.indexOf('#### Failures by cause'), markdown.indexOf('#### Devices'))
    expect(digest).toContain('#### Failures by cause (81 devices, 3 causes)')
    const rows = digest.split('\n').filter(line => /^\| \d/.test(line))
    expect(rows).toEqual([
      '| 50 | OTHER_FAIL | Inventory › Node inventory | Check the node. | 10.240.72.1, 10.240.72.21, 10.240.72.41, … +47 |',
      '| 30 | OTHER_FAIL | Configuration › Security | Reset security. | 10.240.72.11, 10.240.72.31, 10.240.72.51, … +27 |',
      '| 1 | OTHER_FAIL | Login | Check the BMC password. | 10.240.72.8 |'
    ])
  })

  it('lists only the devices that did not succeed, by cause (largest first) then address, narrow, without the UUID; successes collapse into one list', () => {
    const table = markdown.slice(markdown.indexOf('#### Devices'), markdown.indexOf('#### How'))
    expect(table).toContain('| Device | Result | Step | Time |')
    const rows = table.split('\n').filter(line => line.startsWith('| ❌'))
    expect(rows).toHaveLength(81)
    const steps = rows.map(row => row.split(' | ')[2])
    expect(steps.slice(0, 50).every(step => step === 'Inventory › Node inventory')).toBe(true)
    expect(steps.slice(50, 80).every(step => step === 'Configuration › Security')).toBe(true)
    expect(steps[80]).toBe('Login')
    const addresses = rows.slice(0, 50).map(row => row.slice(4, row.indexOf(' |')))
    const ordered = [...addresses].sort((a, b) => {
      const [x, y] = [a, b].map(address => address.split('.').map(Number))
      return x.reduce((order, part, i) => order || part - y[i], 0)
    })
    expect(addresses).toEqual(ordered)
    expect(table).not.toMatch(/[0-9A-F]{32}/)
    expect(markdown).toContain('<details><summary>✅ 919 devices succeeded</summary>')
  })

  it('opens one tree per cause, headed by the cause and its device count; devices that failed the same way add no tree', () => {
    expect(markdown.match(/^##### ❌ .*/gm)).toEqual([
      '##### ❌ Cause 1 · 50 devices · OTHER_FAIL at Inventory › Node inventory',
      '##### ❌ Cause 2 · 30 devices · OTHER_FAIL at Configuration › Security',
      '##### ❌ Cause 3 · 1 device · OTHER_FAIL at Login'
    ])
    expect(markdown).not.toContain('Step trees of')
    // The user action is said in the digest and once over its tree, not again in the tree.
    expect(markdown.match(/Check the BMC password\./g)).toHaveLength(2)
  })
})

describe('the step summary: step trees that tell the truth (the real failed-job shape)', () => {
  const markdown = render(outcomeFor(fixture('failed-job.json'), 'failure'))
  const tree = markdown.split('\n').filter(line => /^\s*- /.test(line))

  it('marks only the deepest failed step, and its parent as failed without a marker', () => {
    expect(tree.filter(line => line.includes('⟵'))).toEqual([
      '  - ❌ **Chassis inventory · stopped with error** ⟵ failed here<br>Collecting chassis inventory'
    ])
    expect(tree).toContain('- ❌ Inventory · stopped with error')
  })

  it('shows the steps after the failure as not run, and no step of the finished job as running', () => {
    expect(tree).toContain('  - ⏭️ Node inventory · not run')
    expect(tree).toContain('- ⏭️ Configuration · not run')
    expect(tree).toContain('- ⏭️ Finishing · not run')
    expect(tree.filter(line => /Stopped_With_Error|Running|🔄/.test(line))).toEqual([])
    expect(tree.filter(line => line.includes('❌'))).toHaveLength(2)
  })
})

describe('the step summary: the size limit, at the extremes', () => {
  const succeeded = (devices: number): unknown => ({
    progress: 100,
    results: Array.from({ length: devices }, (_, i) => ({
      messageParameters: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      result: 'SUCCESS',
      progress: 'JOB_DONE'
    }))
  })

  it.each([
    ['1,500 successful devices with full trees', jobDocument(scriptJob({ devices: 1500, pollsToComplete: 1 }), 1)],
    ['100,000 successful devices', succeeded(100_000)],
    [
      '50,000 failures with 2 KB user actions',
      {
        progress: 100,
        results: Array.from({ length: 50_000 }, (_, i) => ({
          messageParameters: `d${i}`,
          result: 'OTHER_FAIL',
          progress: 'JOB_DONE',
          status: {
            substatus: [
              { id: 'LOGIN', userAction: `${i % 7} ${'x'.repeat(2000)}`, status: { state: 'Stopped_With_Error' } }
            ]
          }
        }))
      }
    ]
  ])('%s: under 900 KiB, every device counted, the cut said', (_name, raw) => {
    const outcome = outcomeFor(raw, 'failure')
    const failed = outcome.status === 'failure' && outcome.seen.assessment.failed > 0
    const markdown = render(failed ? outcome : outcomeFor(raw, 'success'))
    expect(byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    const total = outcome.seen?.assessment.devices.length ?? 0
    expect(markdown.split('\n')[0]).toContain(total.toLocaleString('en-US'))
    expectWellFormedTables(markdown)
  })

  it('20 jobs of 300 devices share the budget: under 900 KiB, each job present', () => {
    const jobs = Array.from({ length: 20 }, (_, i) =>
      outcomeFor(
        jobDocument(
          scriptJob({
            devices: 300,
            pollsToComplete: 1,
            failures: i % 2 ? [{ device: 3, step: 'LOGIN', userAction: 'y'.repeat(2000) }] : []
          }),
          1
        ),
        i % 2 ? 'failure' : 'success',
        { job: { id: String(5000 + i), type: 'csv' } }
      )
    )
    const markdown = renderGateMarkdown(viewOf(gateOf(jobs)))
    expect(byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    for (let i = 0; i < 20; i++) expect(markdown).toContain(`[LXCA job ${5000 + i}](`)
  })

  it('several jobs split one budget: each part fits its share, and a small budget is never exceeded', () => {
    const jobs = Array.from({ length: 4 }, (_, i) =>
      outcomeFor(
        jobDocument(
          scriptJob({
            devices: 200,
            pollsToComplete: 1,
            failures: Array.from({ length: 200 }, (_, device) => ({ device, step: 'LOGIN' }))
          }),
          1
        ),
        'failure',
        { job: { id: String(i), type: 'csv' } }
      )
    )
    const markdown = renderGateMarkdown(viewOf(gateOf(jobs)), 40 * 1024)
    expect(byteLength(markdown)).toBeLessThanOrEqual(40 * 1024)
    expect(markdown.match(/^### ❌ \[LXCA job \d\]/gm)).toHaveLength(4)
    expect(markdown.match(/> ℹ️ Shortened/g)).toHaveLength(4)
  })

  it('stays whole when it fits', () => {
    expect(render(outcomeFor(fixture('failed-job.json'), 'failure'))).not.toContain('Shortened')
  })
})

describe('the step summary: hostile strings stay in their place', () => {
  const markdown = render(outcomeFor(hostileJob(), 'failure'))

  it('lets no raw HTML from the server through', () => {
    expect(markdown).not.toMatch(/<\/?(table|script|img|b|ul|li)\b/i)
    expect(markdown).not.toContain('<!--')
    expect(markdown).toContain('&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;')
  })

  it('keeps every table row at its header’s cell count, and multi-line text on one line', () => {
    expectWellFormedTables(markdown)
    expect(markdown).not.toMatch(/^\| injected/m)
    expect(markdown).not.toMatch(/^# heading/m)
  })
})

describe('the step summary: one fix per cause, and it is right', () => {
  /** Words that give advice: the details say what happened, never what to do. */
  const ADVICE = /\b(check|set|renew|correct|use https|raise|pin|run again)\b/i

  it.each(ERROR_CASES.map(item => [item.name, item] as const))('%s', (_name, item) => {
    const markdown = render(errorOutcome(item.cause))
    const fixes = markdown.split('\n').filter(line => line.startsWith('**Fix:**'))
    expect(fixes).toHaveLength(1)
    const fix = fixes[0].replace('**Fix:** ', '').replace(/&#58;/g, ':').replace(/&#39;/g, "'")
    expect(fix).toMatch(item.action)
    const details = markdown.split('\n').find(line => line.startsWith('> **Details:**')) ?? ''
    expect(details).not.toBe('')
    expect(details).not.toMatch(ADVICE)
    // Only the Fix line names what to change.
    expect(markdown.match(/Fix/g)).toHaveLength(1)
  })

  it('a TLS failure is said as a rejected certificate, never as a refused connection', () => {
    for (const item of ERROR_CASES.filter(entry => entry.name.includes('certificate') || entry.name.includes('CA'))) {
      const headline = render(errorOutcome(item.cause)).split('\n')[0]
      expect(headline).toContain('certificate was rejected&#58; ')
      expect(headline).not.toMatch(/refused/)
    }
  })
})
