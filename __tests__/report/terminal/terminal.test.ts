// The command line's summary: the same view and wording as the step summary,
// as plain text, safe on a terminal.
import { describe, expect, it } from '@jest/globals'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { renderTerminal } from '../../../src/report/terminal/terminal.js'
import { CLI_NAMING } from '../../../src/report/model/naming.js'
import { ERROR_CASES } from '../../helpers/error-causes.js'
import { fixture } from '../../helpers/fixtures.js'
import { errorOutcome, gateOf, outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

const ESC = String.fromCharCode(27)
const plain = (text: string): string => text.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')

describe('renderTerminal', () => {
  const failed = viewOf(singleJob(outcomeFor(fixture('failed-job.json'), 'failure')))

  it('leads with the same headline as the step summary, and the facts in counts that agree in number', () => {
    const lines = renderTerminal(failed, false).split('\n')
    expect(lines[0]).toBe('✖ LXCA job 4229 on lxca.example.com failed: 1 of 1 device failed · 4m 12s')
    expect(lines[1]).toBe(
      '  Job /csvRequest/jobs/4229 · Progress 100% · LXCA status INCOMPLETE (LXCA marks finished jobs with failures INCOMPLETE) · 12 polls, 1 retry'
    )
  })

  it('digests failures by cause, lists the device, and tells the truth about the steps', () => {
    const text = renderTerminal(failed, false)
    expect(text).toContain(
      '    1 × OTHER_FAIL at Inventory › Chassis inventory — Verify the chassis management module is reachable, then manage the chassis again. (10.240.72.172)'
    )
    expect(text).toMatch(/ {2}✖ 10\.240\.72\.172 {2}OTHER_FAIL {2}Inventory › Chassis inventory {2}1m 8s/)
    expect(text).toContain('      ✖ Chassis inventory (stopped with error)  ← failed here')
    expect(text).toContain('      · Node inventory (not run)')
    expect(text).toContain('    · Finishing (not run)')
    expect(text.match(/User action:/g)).toHaveLength(1)
  })

  it('colours only when asked', () => {
    expect(renderTerminal(failed, false)).not.toContain(ESC)
    const coloured = renderTerminal(failed, true)
    expect(coloured).toContain(`${ESC}[31m✖ LXCA job 4229`)
    expect(plain(coloured)).toBe(renderTerminal(failed, false))
  })

  it('never lets server text move the cursor or add a line', () => {
    const raw = {
      progress: 100,
      results: [{ messageParameters: `evil${ESC}[2J\nnext`, result: `X${ESC}[31m`, progress: 'JOB_DONE' }]
    }
    const text = renderTerminal(viewOf(singleJob(outcomeFor(raw, 'failure'))), false)
    expect(text).not.toContain(ESC)
    expect(text).not.toMatch(/^next/m)
  })

  it('does not print 100,000 rows: the table stops, and says how many more there are', () => {
    const raw = {
      progress: 100,
      results: Array.from({ length: 5_000 }, (_, i) => ({
        messageParameters: `d${i}`,
        result: 'OTHER_FAIL',
        progress: 'JOB_DONE'
      }))
    }
    const text = renderTerminal(viewOf(singleJob(outcomeFor(raw, 'failure'))), false)
    expect(text).toContain('    … and 4,800 more devices (all in the report file)')
    expect(text.split('\n').length).toBeLessThan(400)
  })

  it('several jobs: a headline that counts outcomes, failing jobs first, the appliance named once', () => {
    const ok = outcomeFor(jobDocument(scriptJob({ devices: 2, pollsToComplete: 1 }), 1), 'success', {
      job: { id: '1', type: 'csv' }
    })
    const bad = outcomeFor(
      jobDocument(scriptJob({ devices: 2, pollsToComplete: 1, failures: [{ device: 0, step: 'LOGIN' }] }), 1),
      'failure',
      { job: { id: '2', type: 'csv' } }
    )
    const text = renderTerminal(viewOf(gateOf([ok, bad])), false)
    const headlines = text.split('\n').filter(line => /^\S/.test(line))
    expect(headlines).toEqual([
      '✖ 1 of 2 LXCA jobs on lxca.example.com did not pass: 1 failed',
      '✖ LXCA job 2 failed: 1 of 2 devices failed · 4m 12s',
      '✔ LXCA job 1 succeeded: all 2 devices managed · 4m 12s'
    ])
  })
})

describe('the command line names its flags and LXCA_* variables, never the Action’s inputs', () => {
  it.each(ERROR_CASES.map(item => [item.name, item] as const))('%s', (_name, item) => {
    const text = renderTerminal(viewOf(singleJob(errorOutcome(item.cause)), undefined, CLI_NAMING), false)
    const fixes = text.split('\n').filter(line => line.startsWith('  Fix: '))
    expect(fixes).toHaveLength(1)
    expect(fixes[0].replace('  Fix: ', '')).toMatch(item.cli)
    expect(text).not.toMatch(/\binputs?\b/)
  })

  it('a timeout tells the command line user which flag raises it', () => {
    const view = viewOf(singleJob(outcomeFor(fixture('seed-running.json'), 'timeout')), undefined, CLI_NAMING)
    expect(renderTerminal(view, false)).toContain('raise --timeout (LXCA_TIMEOUT) and run again')
  })
})
