// What the summary advises after a run that did not import everything: with
// skip-managed, running the step again (rows managed by then are skipped);
// never before a job that may still be running has been waited for with
// job-id; without skip-managed, failed-csv.
import { describe, expect, it } from '@jest/globals'
import { noSecrets } from '../../../src/common/secrets.js'
import { deadlineFrom } from '../../../src/outcome/deadline.js'
import type { GateOutcome } from '../../../src/outcome/gate-outcome.js'
import { withSource, type JobOutcome } from '../../../src/outcome/job-outcome.js'
import type { PartOutcome, PartRef } from '../../../src/outcome/part-outcome.js'
import type { Source } from '../../../src/outcome/rows.js'
import type { UploadOutcome } from '../../../src/outcome/upload-outcome.js'
import { ACTION_NAMING, CLI_NAMING } from '../../../src/report/model/naming.js'
import { nextStepsOf } from '../../../src/report/model/next-steps.js'
import { outcomeFor } from '../../helpers/outcomes.js'
import { rowsOf } from '../../helpers/rows.js'

const part1 = rowsOf(['10.0.0.1', '10.0.0.2'], 's.csv', 2)
const part2 = rowsOf(['10.0.1.1'], 's.csv', 4)
const ref = (part: Source, index: number): PartRef => ({
  index,
  count: 2,
  path: part.path,
  firstLine: part.rows[0].line,
  lastLine: part.rows[part.rows.length - 1].line,
  rows: part.rows.length,
  source: part
})
const upload: UploadOutcome = {
  file: 's.csv',
  rows: 2,
  validationOnly: false,
  attempts: 1,
  elapsedMs: 1,
  messages: [],
  status: 'success',
  job: { id: '61', type: 'csv' }
}
const jobOf = (status: 'failure' | 'timeout'): JobOutcome =>
  withSource(
    outcomeFor(
      {
        progress: status === 'timeout' ? 50 : 100,
        results: [
          { messageParameters: '10.0.0.1', result: 'SUCCESS', progress: 'JOB_DONE' },
          {
            messageParameters: '10.0.0.2',
            ...(status === 'timeout' ? { progress: 40 } : { result: 'OTHER_FAIL', progress: 'JOB_DONE' })
          }
        ]
      },
      status,
      { job: { id: '61', type: 'csv' } }
    ),
    part1
  )
function run(status: 'failure' | 'timeout', skipManaged: boolean): GateOutcome {
  const job = jobOf(status)
  const parts: PartOutcome[] = [
    { part: ref(part1, 1), state: 'uploaded', upload, job: job.job },
    { part: ref(part2, 2), state: 'not uploaded', because: status === 'timeout' ? 'deadline' : 'unfinished' }
  ]
  return {
    status,
    jobs: [job],
    deadline: deadlineFrom(0, 1, 1),
    parts,
    inventory: { skipped: [], notOnline: [], verified: 1, checked: true, verify: true, skipManaged }
  }
}

describe('nextStepsOf', () => {
  it('a failed row and a part never uploaded, with skip-managed: run the step again, nothing to wait for', () => {
    const next = nextStepsOf(run('failure', true), ACTION_NAMING, noSecrets)
    expect(next?.wait).toBeUndefined()
    expect(next?.rest).toBe(
      'Once the failures are fixed, run this step again: rows the appliance manages by then are skipped, so it imports only what is left.'
    )
  })

  it('a job that may still be running: wait for it with job-id first; only then run the step again', () => {
    const next = nextStepsOf(run('timeout', true), ACTION_NAMING, noSecrets)
    expect(next?.wait?.sentence).toContain('LXCA job 61 may still be running: before anything is uploaded again')
    expect(next?.wait?.snippet).toBe("with:\n  job-id: '61'")
    expect(next?.rest).toBe(
      'Run this step again once the jobs above have finished: rows the appliance manages by then are skipped, so it imports only what is left.'
    )
  })

  it('without skip-managed: failed-csv, in the command line’s words there', () => {
    expect(nextStepsOf(run('failure', false), ACTION_NAMING, noSecrets)?.rest).toBe(
      'The failed-csv output holds the rows to import again (fix the failed ones first): upload it.'
    )
    expect(nextStepsOf(run('failure', false), CLI_NAMING, noSecrets)?.rest).toMatch(
      /^The file --failed-csv writes holds/
    )
  })
})
