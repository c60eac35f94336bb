// What may be uploaded again: rows that were not managed and that no import
// still holds. Rows of a job that may still run, or of an upload that may
// have started an import no job names, are never offered (that would import
// them twice); the run says what to wait for instead.
import { describe, expect, it } from '@jest/globals'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import type { GateOutcome } from '../../src/outcome/gate-outcome.js'
import { withSource, type JobOutcome } from '../../src/outcome/job-outcome.js'
import type { PartOutcome, PartRef } from '../../src/outcome/part-outcome.js'
import { unconfirmedJob } from '../../src/outcome/inventory.js'
import { retryPlan } from '../../src/outcome/retry.js'
import type { Source } from '../../src/outcome/rows.js'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { errorOutcome, faultCause, gateOf, outcomeFor } from '../helpers/outcomes.js'
import { rowsOf, source, sourceRow } from '../helpers/rows.js'

const job = (devices: Record<string, string>, status: 'success' | 'failure' | 'timeout', id = '1'): JobOutcome =>
  outcomeFor(
    {
      progress: status === 'timeout' ? 50 : 100,
      results: Object.entries(devices).map(([address, result]) => ({
        messageParameters: address,
        result,
        progress: result === 'INCOMPLETE' ? 40 : 'JOB_DONE'
      }))
    },
    status,
    { job: { id, type: 'csv' } }
  )
const lines = (outcome: GateOutcome): number[] =>
  [...retryPlan(outcome).rows].map(row => row.line).sort((a, b) => a - b)
const facts = { file: 's.csv', rows: 1, validationOnly: false, attempts: 1, elapsedMs: 1, messages: [] }
const partRef = (part: Source, index: number): PartRef => ({
  index,
  count: 3,
  path: part.path,
  firstLine: part.rows[0].line,
  lastLine: part.rows[part.rows.length - 1].line,
  rows: part.rows.length,
  source: part
})
const withParts = (jobs: JobOutcome[], parts: PartOutcome[]): GateOutcome => ({
  status: 'failure',
  jobs,
  deadline: deadlineFrom(0, 1, 1),
  parts
})

describe('retryPlan: one job', () => {
  const rows = rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3'])

  it('a finished job: the rows whose device failed, and the rows it does not list; never a row that succeeded', () => {
    const done = withSource(job({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'OTHER_FAIL' }, 'failure'), rows)
    expect(lines(gateOf([done]))).toEqual([3, 4])
    expect(retryPlan(gateOf([done]))).toMatchObject({ running: [], unknown: [], notUploaded: [] })
  })

  it('a job that may still be running (a timeout, an error while polling): none of its rows, and it is named to wait for', () => {
    const timeout = withSource(job({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'INCOMPLETE' }, 'timeout', '7'), rows)
    expect(lines(gateOf([timeout]))).toEqual([])
    expect(retryPlan(gateOf([timeout])).running).toEqual([{ id: '7', type: 'csv' }])
    const error = withSource(errorOutcome(faultCause('http', 'HTTP 503', 503)), rows)
    expect(retryPlan(gateOf([error])).running).toEqual([{ id: '4229', type: 'csv' }])
  })

  it('a job that lists servers this part did not upload: none of its rows; the part is one to look for', () => {
    const foreign = withSource(job({ '10.9.9.9': 'SUCCESS' }, 'success'), rows)
    expect(foreign.status).toBe('error')
    expect(lines(gateOf([foreign]))).toEqual([])
    expect(retryPlan(gateOf([foreign])).unknown).toEqual([rows])
  })

  it('rows accounted for by count are offered unless every device they stand for succeeded', () => {
    const byName = source([sourceRow(2, ['10.0.0.1']), sourceRow(3, ['rack2.lab']), sourceRow(4, ['rack3.lab'])])
    const allGood = withSource(
      job({ '10.0.0.1': 'OTHER_FAIL', '10.0.5.5': 'SUCCESS', '10.0.5.6': 'SUCCESS' }, 'failure'),
      byName
    )
    expect(lines(gateOf([allGood]))).toEqual([2])
    const oneBad = withSource(
      job({ '10.0.0.1': 'SUCCESS', '10.0.5.5': 'SUCCESS', '10.0.5.6': 'OTHER_FAIL' }, 'failure'),
      byName
    )
    expect(lines(gateOf([oneBad]))).toEqual([3, 4])
  })
})

describe('retryPlan: an import in parts', () => {
  const part1 = rowsOf(['10.0.0.1', '10.0.0.2'], 's.csv', 2)
  const part2 = rowsOf(['10.0.1.1'], 's.csv', 4)
  const part3 = rowsOf(['10.0.2.1'], 's.csv', 5)
  const started: UploadOutcome = { ...facts, status: 'success', job: { id: '1', type: 'csv' } }
  const first = withSource(job({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'OTHER_FAIL' }, 'failure'), part1)

  it('a part never uploaded: its rows, and it is named', () => {
    const outcome = withParts(
      [first],
      [
        { part: partRef(part1, 1), state: 'uploaded', upload: started, job: started.job },
        { part: partRef(part2, 2), state: 'not uploaded', because: 'deadline' }
      ]
    )
    expect(lines(outcome)).toEqual([3, 4])
    expect(retryPlan(outcome).notUploaded.map(part => part.index)).toEqual([2])
  })

  it('a part the appliance refused (nothing imported) is offered; one that may have started is looked for instead', () => {
    const refused: UploadOutcome = { ...facts, status: 'error', cause: { kind: 'not-imported', reason: 'HTTP 400' } }
    const unknown: UploadOutcome = { ...facts, status: 'error', cause: { kind: 'may-have-started', reason: 'reset' } }
    const outcome = withParts(
      [first],
      [
        { part: partRef(part1, 1), state: 'uploaded', upload: started, job: started.job },
        { part: partRef(part2, 2), state: 'uploaded', upload: refused },
        { part: partRef(part3, 3), state: 'uploaded', upload: unknown }
      ]
    )
    expect(lines(outcome)).toEqual([3, 4])
    expect(retryPlan(outcome).unknown).toEqual([part3])
  })

  it('a validation that refused a part offers nothing: nothing was to be imported', () => {
    const validated: UploadOutcome = {
      ...facts,
      status: 'error',
      validationOnly: true,
      cause: { kind: 'not-imported', reason: 'x' }
    }
    const outcome = withParts([], [{ part: partRef(part2, 1), state: 'uploaded', upload: validated }])
    expect(lines(outcome)).toEqual([])
  })

  it('an upload cancelled before it was sent is offered; one that may have reached the appliance is looked for', () => {
    const notSent: UploadOutcome = { ...facts, status: 'cancelled', mayHaveStarted: false }
    const maybe: UploadOutcome = { ...facts, status: 'cancelled', mayHaveStarted: true }
    const outcome = withParts(
      [],
      [
        { part: partRef(part2, 1), state: 'uploaded', upload: notSent },
        { part: partRef(part3, 2), state: 'uploaded', upload: maybe }
      ]
    )
    expect(lines(outcome)).toEqual([4])
    expect(retryPlan(outcome).unknown).toEqual([part3])
  })
})

describe('retryPlan with the inventory', () => {
  const rows = rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3'])
  const problem = { phase: 'verify' as const, kind: 'not-understood' as const, reason: 'not understood' }

  it('a job whose devices the inventory could not confirm has finished: its failed rows are offered, nothing to wait for', () => {
    const done = withSource(job({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'OTHER_FAIL' }, 'failure'), rows)
    const success = withSource(
      job({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'SUCCESS', '10.0.0.3': 'SUCCESS' }, 'success'),
      rows
    )
    const unconfirmed = unconfirmedJob(success, problem)
    expect(unconfirmed.status).toBe('error')
    expect(retryPlan(gateOf([unconfirmed]))).toMatchObject({ running: [], unknown: [] })
    expect(lines(gateOf([unconfirmed]))).toEqual([])
    // A failure stays one: its verdict needs no confirmation.
    expect(unconfirmedJob(done, problem)).toBe(done)
  })

  it('rows managed here but not Online are offered (once the stale entry is dealt with); rows skipped as Online never', () => {
    const uploaded = rowsOf(['10.0.0.3'], 's.csv', 4)
    const done = withSource(job({ '10.0.0.3': 'SUCCESS' }, 'success'), uploaded)
    const entry = { list: 'nodes' as const, addresses: [], names: [] }
    const [online, offline] = rowsOf(['10.0.0.1', '10.0.0.2']).rows
    const outcome: GateOutcome = {
      ...gateOf([done]),
      inventory: {
        skipped: [{ row: online, path: 's.csv', entry: { ...entry, accessState: 'Online' } }],
        notOnline: [{ row: offline, path: 's.csv', entry: { ...entry, accessState: 'Offline' } }],
        verified: 1,
        checked: true,
        verify: true,
        skipManaged: true
      }
    }
    expect(lines(outcome)).toEqual([3])
  })
})
