// The CSV's rows traced to the job's devices, and what allowed-failures may
// excuse: servers the job does not list fail it; only finished jobs' failures
// are ever excused, and never more than asked.
import { describe, expect, it } from '@jest/globals'
import type { Device } from '../../src/lxca/document.js'
import { allowedOf, excuseOf } from '../../src/outcome/allowance.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { gateOutcome } from '../../src/outcome/gate-outcome.js'
import { withSource, type JobOutcome } from '../../src/outcome/job-outcome.js'
import { goesOn, partStatuses, type PartOutcome, type PartRef } from '../../src/outcome/parts.js'
import { traceRows, type Source, type SourceRow } from '../../src/outcome/rows.js'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { errorOutcome, faultCause, outcomeFor } from '../helpers/outcomes.js'

const device = (address: string, uuid?: string): Device => ({ address, uuid, done: true, steps: [] })
const sourceRow = (line: number, identifiers: string[], name?: string): SourceRow => ({ line, identifiers, name })
const source = (rows: SourceRow[]): Source => ({ path: 'servers.csv', rows })

describe('traceRows', () => {
  it('matches by address, serial number or UUID, in any case, trimmed, with or without dashes', () => {
    const rows = [
      sourceRow(2, ['10.0.0.1']),
      sourceRow(3, ['  SRV-Lab-02.example.com ']),
      sourceRow(4, ['7Z01CTO1WW', '123e4567-e89b-12d3-a456-426614174000'])
    ]
    const devices = [
      device('srv-lab-02.EXAMPLE.com'),
      device('J300ABCD', '123E4567E89B12D3A456426614174000'),
      device('10.0.0.1')
    ]
    const trace = traceRows(source(rows), devices)
    expect(devices.map(item => trace.rowOf.get(item)?.line)).toEqual([3, 4, 2])
    expect(trace.notInJob).toEqual([])
    expect(trace.unmatched).toEqual([])
  })

  it('fewer devices than rows: the rows left are servers not in the job', () => {
    const rows = [sourceRow(2, ['10.0.0.1']), sourceRow(3, ['10.0.0.2']), sourceRow(5, ['10.0.0.3'])]
    const trace = traceRows(source(rows), [device('10.0.0.3'), device('10.0.0.1')])
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
    expect(trace.unmatched).toEqual([])
  })

  it('as many devices as rows, named otherwise: nothing is "not in the job", the rows are unmatched', () => {
    const rows = [sourceRow(2, ['rack1.lab']), sourceRow(3, ['rack2.lab'])]
    const trace = traceRows(source(rows), [device('10.0.0.1'), device('10.0.0.2')])
    expect(trace.notInJob).toEqual([])
    expect(trace.unmatched.map(row => row.line)).toEqual([2, 3])
  })

  it('a row is claimed once: two rows of the same address are two servers', () => {
    const rows = [sourceRow(2, ['10.0.0.1']), sourceRow(3, ['10.0.0.1'])]
    const first = device('10.0.0.1')
    const trace = traceRows(source(rows), [first])
    expect(trace.rowOf.get(first)?.line).toBe(2)
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
  })
})

describe('withSource', () => {
  const done = (addresses: string[]): unknown => ({
    progress: 100,
    results: addresses.map(address => ({ messageParameters: address, result: 'SUCCESS', progress: 'JOB_DONE' }))
  })
  const rows = source([sourceRow(2, ['10.0.0.1']), sourceRow(3, ['10.0.0.2'])])

  it('a job that succeeded for every device it lists but lists fewer servers than the file is a failure', () => {
    const outcome = withSource(outcomeFor(done(['10.0.0.1']), 'success'), rows)
    expect(outcome.status).toBe('failure')
    expect(outcome.rows?.notInJob.map(row => row.line)).toEqual([3])
  })

  it('every server listed and managed: still a success, each device on its row', () => {
    const outcome = withSource(outcomeFor(done(['10.0.0.2', '10.0.0.1']), 'success'), rows)
    expect(outcome.status).toBe('success')
    expect(outcome.seen?.document.devices.map(item => outcome.rows?.rowOf.get(item)?.line)).toEqual([3, 2])
  })

  it('a timeout stays a timeout, and an error keeps its cause (with the file, but no trace without a document)', () => {
    expect(withSource(outcomeFor(done(['10.0.0.1']), 'timeout'), rows).status).toBe('timeout')
    const error = withSource(errorOutcome(faultCause('auth', 'refused', 401)), rows)
    expect(error).toMatchObject({ status: 'error', source: rows })
    expect(error.rows).toBeUndefined()
  })
})

describe('allowed-failures', () => {
  const failing = (failed: number, of: number): JobOutcome =>
    outcomeFor(
      {
        progress: 100,
        results: Array.from({ length: of }, (_, i) => ({
          messageParameters: `10.0.0.${i + 1}`,
          result: i < failed ? 'OTHER_FAIL' : 'SUCCESS',
          progress: 'JOB_DONE'
        }))
      },
      failed > 0 ? 'failure' : 'success'
    )
  const deadline = deadlineFrom(0, 60_000, 1_000)

  it('a percentage is of every device, rounded down: never more than asked', () => {
    expect(allowedOf({ percent: 2 }, 300)).toBe(6)
    expect(allowedOf({ percent: 2 }, 49)).toBe(0)
    expect(allowedOf({ percent: 0.5 }, 1_000)).toBe(5)
    expect(allowedOf({ percent: 100 }, 7)).toBe(7)
    expect(allowedOf({ count: 3 }, 1)).toBe(3)
  })

  it('within the allowance → partial, with the excuse; one more → failure', () => {
    expect(gateOutcome([failing(1, 4)], undefined, deadline, { count: 1 })).toMatchObject({
      status: 'partial',
      excuse: { given: '1', allowed: 1, notSucceeded: 1, total: 4 }
    })
    expect(gateOutcome([failing(2, 4)], undefined, deadline, { count: 1 }).status).toBe('failure')
    expect(gateOutcome([failing(2, 4)], undefined, deadline, { percent: 50 })).toMatchObject({
      status: 'partial',
      excuse: { given: '50%: 2' }
    })
    expect(gateOutcome([failing(0, 4)], undefined, deadline, { count: 1 }).status).toBe('success')
  })

  it('servers not in the job count as failed, of every server', () => {
    const missing = withSource(
      outcomeFor(
        { progress: 100, results: [{ messageParameters: '10.0.0.1', result: 'SUCCESS', progress: 'JOB_DONE' }] },
        'success'
      ),
      source([sourceRow(2, ['10.0.0.1']), sourceRow(3, ['10.0.0.2'])])
    )
    expect(excuseOf([missing], { count: 1 })).toEqual({ given: '1', allowed: 1, notSucceeded: 1, total: 2 })
    expect(excuseOf([missing], { percent: 49 })).toBeUndefined()
  })

  it('never excuses a timeout, an error, a cancellation, an empty job or a device without a result', () => {
    const all = { percent: 100 }
    const timeout = outcomeFor(
      {
        progress: 50,
        results: [
          { messageParameters: 'a', result: 'OTHER_FAIL', progress: 'JOB_DONE' },
          { messageParameters: 'b', progress: 40 }
        ]
      },
      'timeout'
    )
    expect(gateOutcome([failing(1, 2), timeout], undefined, deadline, all).status).toBe('timeout')
    expect(gateOutcome([failing(1, 2), errorOutcome({ kind: 'empty' })], undefined, deadline, all).status).toBe('error')
    expect(gateOutcome([errorOutcome({ kind: 'unreported', devices: [] })], undefined, deadline, all).status).toBe(
      'error'
    )
    const cancelled: JobOutcome = { ...failing(1, 2), status: 'cancelled' }
    expect(gateOutcome([cancelled], undefined, deadline, all).status).toBe('cancelled')
  })
})

describe('an import in parts', () => {
  const part = (index: number): PartRef => ({ index, count: 3, path: 's.csv', firstLine: 2, lastLine: 301, rows: 300 })
  const facts = { file: 's.csv', rows: 300, validationOnly: false, attempts: 1, elapsedMs: 1, messages: [] }
  const uploaded = (status: 'success' | 'error'): UploadOutcome =>
    status === 'success'
      ? { ...facts, status, job: { id: '1', type: 'csv' } }
      : { ...facts, status, cause: { kind: 'may-have-started', reason: 'reset' } }
  const done = (status: 'success' | 'failure'): JobOutcome =>
    outcomeFor(
      {
        progress: 100,
        results: [
          { messageParameters: 'a', result: status === 'success' ? 'SUCCESS' : 'OTHER_FAIL', progress: 'JOB_DONE' }
        ]
      },
      status
    )
  const deadline = deadlineFrom(0, 60_000, 1_000)

  it('goes on after a finished job, failed devices or not; stops on anything else; validation checks every part', () => {
    expect(goesOn(uploaded('success'), done('success'))).toBe(true)
    expect(goesOn(uploaded('success'), done('failure'))).toBe(true)
    expect(goesOn(uploaded('success'), { ...done('failure'), status: 'cancelled' })).toBe(false)
    expect(goesOn(uploaded('success'), errorOutcome(faultCause('not-found', 'gone', 404)))).toBe(false)
    expect(goesOn(uploaded('error'), undefined)).toBe(false)
    expect(goesOn({ ...uploaded('error'), validationOnly: true }, undefined)).toBe(true)
  })

  it('a part that started no job, or that the deadline left out, counts in the status; one stopped by another does not', () => {
    const parts: PartOutcome[] = [
      { part: part(1), state: 'uploaded', upload: uploaded('success'), job: { id: '1', type: 'csv' } },
      { part: part(2), state: 'uploaded', upload: uploaded('error') },
      { part: part(3), state: 'not uploaded', because: 'stopped' }
    ]
    expect(partStatuses(parts)).toEqual(['error'])
    expect(partStatuses([{ part: part(3), state: 'not uploaded', because: 'deadline' }])).toEqual(['timeout'])
    expect(gateOutcome([done('failure')], undefined, deadline, { percent: 100 }, parts).status).toBe('error')
    const whole = parts.slice(0, 1)
    expect(gateOutcome([done('failure')], undefined, deadline, { percent: 100 }, whole).status).toBe('partial')
  })
})
