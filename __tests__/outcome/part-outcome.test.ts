// An import in parts: the next part is uploaded only after the job before it
// has finished, devices and job both (progress 100); a part that started no
// job, or that was never uploaded, counts in the run's status.
import { describe, expect, it } from '@jest/globals'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { gateOutcome } from '../../src/outcome/gate-outcome.js'
import type { JobOutcome } from '../../src/outcome/job-outcome.js'
import { nextPart, partStatuses, type PartOutcome, type PartRef } from '../../src/outcome/part-outcome.js'
import { refuseRepeatedJob, type UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { errorOutcome, faultCause, outcomeFor } from '../helpers/outcomes.js'
import { rowsOf } from '../helpers/rows.js'

const part = (index: number): PartRef => ({
  index,
  count: 3,
  path: 's.csv',
  firstLine: 2,
  lastLine: 301,
  rows: 300,
  source: rowsOf(['10.0.0.1'], 's.csv')
})
const facts = { file: 's.csv', rows: 300, validationOnly: false, attempts: 1, elapsedMs: 1, messages: [] }
const uploaded = (status: 'success' | 'error', id = '1'): UploadOutcome =>
  status === 'success'
    ? { ...facts, status, job: { id, type: 'csv' } }
    : { ...facts, status, cause: { kind: 'may-have-started', reason: 'reset' } }
const done = (status: 'success' | 'failure', progress = 100): JobOutcome =>
  outcomeFor(
    {
      progress,
      results: [
        { messageParameters: 'a', result: status === 'success' ? 'SUCCESS' : 'OTHER_FAIL', progress: 'JOB_DONE' }
      ]
    },
    status
  )
const deadline = deadlineFrom(0, 60_000, 1_000)

describe('nextPart', () => {
  it('goes on after a finished job, failed devices or not; stops on anything else; validation checks every part', () => {
    expect(nextPart(uploaded('success'), done('success'))).toBe('go')
    expect(nextPart(uploaded('success'), done('failure'))).toBe('go')
    expect(nextPart(uploaded('success'), { ...done('failure'), status: 'cancelled' })).toBe('stop')
    expect(nextPart(uploaded('success'), errorOutcome(faultCause('not-found', 'gone', 404)))).toBe('stop')
    expect(nextPart(uploaded('success'), undefined)).toBe('stop')
    expect(nextPart(uploaded('error'), undefined)).toBe('stop')
    expect(nextPart({ ...uploaded('error'), validationOnly: true }, undefined)).toBe('go')
    // Only an upload that started a job, and that job's end, let the next part go.
    expect(nextPart(uploaded('error'), done('success'))).toBe('stop')
    expect(nextPart({ ...facts, status: 'success' }, done('success'))).toBe('stop')
  })

  it('waits for the whole job: every device done while the job is at 60 % is not finished', () => {
    expect(nextPart(uploaded('success'), done('success', 60))).toBe('unfinished')
    expect(nextPart(uploaded('success'), done('failure', 99.9))).toBe('unfinished')
    expect(nextPart(uploaded('success'), done('success', 100))).toBe('go')
  })
})

describe('a job that comes back twice', () => {
  it('an upload answered with a job this run already started is an error naming that job; a new job is not', () => {
    const again = refuseRepeatedJob(uploaded('success', '777'), [{ id: '777', type: 'csv' }])
    expect(again).toMatchObject({ status: 'error', cause: { kind: 'repeated-job', job: { id: '777' } } })
    expect(again.status === 'error' && again.cause.reason).toMatch(
      /job 777, which an earlier upload of this run started/
    )
    expect(refuseRepeatedJob(uploaded('success', '778'), [{ id: '777', type: 'csv' }])).toMatchObject({
      status: 'success',
      job: { id: '778' }
    })
    expect(refuseRepeatedJob(uploaded('error'), [{ id: '1', type: 'csv' }]).status).toBe('error')
  })
})

describe('partStatuses', () => {
  it('a part that started no job, or that the deadline left out, counts in the status; one stopped by another does not', () => {
    const parts: PartOutcome[] = [
      { part: part(1), state: 'uploaded', upload: uploaded('success'), job: { id: '1', type: 'csv' } },
      { part: part(2), state: 'uploaded', upload: uploaded('error') },
      { part: part(3), state: 'not uploaded', because: 'stopped' }
    ]
    expect(partStatuses(parts)).toEqual(['error'])
    expect(partStatuses([{ part: part(3), state: 'not uploaded', because: 'deadline' }])).toEqual(['timeout'])
    expect(partStatuses([{ part: part(3), state: 'not uploaded', because: 'unfinished' }])).toEqual(['error'])
    expect(gateOutcome([done('failure')], undefined, deadline, { percent: 100 }, parts).status).toBe('error')
    const whole = parts.slice(0, 1)
    expect(gateOutcome([done('failure')], undefined, deadline, { percent: 100 }, whole).status).toBe('partial')
  })

  it('parts never uploaded because the job before never reached 100 % fail the run, even when every job passed', () => {
    const parts: PartOutcome[] = [
      { part: part(1), state: 'uploaded', upload: uploaded('success'), job: { id: '1', type: 'csv' } },
      { part: part(2), state: 'not uploaded', because: 'unfinished' }
    ]
    expect(gateOutcome([done('success', 60)], undefined, deadline, undefined, parts).status).toBe('error')
  })
})
