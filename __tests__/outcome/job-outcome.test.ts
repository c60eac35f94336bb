// The one place that decides how a wait ends, and the one table of statuses.
import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { gateOutcome } from '../../src/outcome/gate-outcome.js'
import {
  afterDocument,
  afterFault,
  atDeadline,
  factsOf,
  outcomeOfWait,
  type SeenDocument
} from '../../src/outcome/job-outcome.js'
import { findsNothing, Reachability, UNREACHABLE_GRACE_MS } from '../../src/outcome/reachability.js'
import { STATUSES, worstStatus, type Status } from '../../src/outcome/status.js'
import { mayHaveStarted, type UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { JOB, WAIT, outcomeFor, seenOf } from '../helpers/outcomes.js'

const done = (results: unknown[]): SeenDocument => seenOf({ progress: 100, results })
const ok = { result: 'SUCCESS', progress: 'JOB_DONE' }
const failed = { result: 'OTHER_FAIL', progress: 'JOB_DONE' }

describe('afterDocument', () => {
  it('goes on while the job runs', () => {
    expect(afterDocument(seenOf({ progress: 40, results: [{ result: 'SUCCESS', progress: 40 }] }).assessment)).toBe(
      undefined
    )
  })

  it('ends in success only when every device of a finished job succeeded, and in failure when one did not', () => {
    expect(afterDocument(done([ok, ok]).assessment)).toEqual({ status: 'success' })
    expect(afterDocument(done([ok, failed]).assessment)).toEqual({ status: 'failure' })
  })

  it('ends in error for a finished job with no device, or with a device without a result (naming it)', () => {
    expect(afterDocument(done([]).assessment)).toEqual({ status: 'error', cause: { kind: 'empty' } })
    const unreported = afterDocument(done([ok, { messageParameters: '10.0.0.9', progress: 'JOB_DONE' }]).assessment)
    expect(unreported).toMatchObject({ status: 'error', cause: { kind: 'unreported' } })
    const cause = unreported?.status === 'error' ? unreported.cause : undefined
    expect(cause?.kind === 'unreported' && cause.devices.map(item => item.device.address)).toEqual(['10.0.0.9'])
  })
})

describe('afterFault', () => {
  const reset = new RequestFault('network', 'read ECONNRESET', true, { status: 502 })
  const refused = new RequestFault('auth', 'credentials refused (HTTP 401)', false, { status: 401 })

  it('a fault that asking again cannot mend ends the wait at once, whatever the count', () => {
    expect(afterFault(refused, 1, 8)).toEqual({
      status: 'error',
      cause: { kind: 'fault', fault: { kind: 'auth', message: 'credentials refused (HTTP 401)', httpStatus: 401 } }
    })
  })

  it('a transient fault is retried up to max-retries in a row, and the next one ends the wait', () => {
    expect(afterFault(reset, 1, 2)).toBeUndefined()
    expect(afterFault(reset, 2, 2)).toBeUndefined()
    expect(afterFault(reset, 3, 2)).toEqual({
      status: 'error',
      cause: { kind: 'retries', fault: factsOf(reset), count: 3, maxRetries: 2 }
    })
    expect(afterFault(reset, 1, 0)).toMatchObject({ status: 'error', cause: { kind: 'retries', count: 1 } })
  })
})

describe('atDeadline', () => {
  const lastFault = { kind: 'http' as const, message: 'HTTP 503', httpStatus: 503 }

  it('a job seen running times out; one never understood is an error, never a timeout', () => {
    expect(atDeadline(done([ok]), lastFault)).toEqual({ status: 'timeout', lastFault })
    expect(atDeadline(done([ok]), undefined)).toEqual({ status: 'timeout', lastFault: undefined })
    expect(atDeadline(undefined, lastFault)).toEqual({
      status: 'error',
      cause: { kind: 'never-understood', lastFault }
    })
  })
})

describe('outcomeOfWait', () => {
  const seen = done([ok])
  const facts = { job: JOB, wait: WAIT, seen, reported: true }

  it('carries the facts of the wait into each case', () => {
    expect(outcomeOfWait({ status: 'success' }, facts)).toEqual({ status: 'success', ...facts })
    expect(outcomeOfWait({ status: 'cancelled' }, { job: JOB, wait: WAIT })).toEqual({
      status: 'cancelled',
      job: JOB,
      wait: WAIT,
      seen: undefined
    })
    expect(outcomeOfWait({ status: 'error', cause: { kind: 'empty' } }, facts)).toMatchObject({
      status: 'error',
      cause: { kind: 'empty' },
      seen
    })
    expect(outcomeOfWait({ status: 'timeout' }, facts)).toMatchObject({ status: 'timeout', seen })
  })

  it('refuses a success, failure or timeout that saw no document: that would be a verdict on nothing', () => {
    for (const status of ['success', 'failure', 'timeout'] as const) {
      expect(() => outcomeOfWait({ status }, { job: JOB, wait: WAIT })).toThrow(
        `a ${status} needs a document that was understood`
      )
    }
  })
})

describe('the status table', () => {
  it('orders several jobs worst first: cancelled, then error > timeout > failure > partial > success', () => {
    expect(worstStatus([])).toBe('success')
    expect(worstStatus(['success', 'partial'])).toBe('partial')
    expect(worstStatus(['partial', 'failure'])).toBe('failure')
    expect(worstStatus(['success', 'failure'])).toBe('failure')
    expect(worstStatus(['failure', 'timeout', 'success'])).toBe('timeout')
    expect(worstStatus(['timeout', 'error'])).toBe('error')
    expect(worstStatus(['error', 'cancelled'])).toBe('cancelled')
  })

  it('passes only on success and partial; the command line exits 0, 0, 1, 2, 3 or 130', () => {
    const statuses: Status[] = ['success', 'partial', 'failure', 'timeout', 'error', 'cancelled']
    expect(statuses.map(status => STATUSES[status].passes)).toEqual([true, true, false, false, false, false])
    expect(statuses.map(status => STATUSES[status].exitCode)).toEqual([0, 0, 1, 2, 3, 130])
    expect(statuses.map(status => STATUSES[status].readingOrder)).toEqual([5, 4, 0, 2, 1, 3])
  })
})

describe('the run and its upload', () => {
  const deadline = deadlineFrom(1_000, 60_000, 30_000)
  const base = { file: 'a.csv', rows: 2, validationOnly: false, attempts: 1, elapsedMs: 5, messages: [] }

  it('one deadline: the wait ends at start + timeout, every request by start + timeout + request-timeout', () => {
    expect(deadline).toEqual({ startedAt: 1_000, timeoutMs: 60_000, waitEndsAt: 61_000, hardStopAt: 91_000 })
  })

  it('the status: the worst of the jobs, or the upload’s own when it left no job to wait on', () => {
    const refused: UploadOutcome = { ...base, status: 'failure' }
    expect(gateOutcome([], refused, deadline).status).toBe('failure')
    const jobs = [outcomeFor(done([ok]).document, 'success'), outcomeFor(done([failed]).document, 'failure')]
    expect(gateOutcome(jobs, { ...base, status: 'success', job: JOB }, deadline)).toMatchObject({
      status: 'failure',
      deadline
    })
  })

  it('an upload may have started an import: after a fault past sending, an answer naming no job, a cancel mid-way', () => {
    const reason = 'x'
    expect(mayHaveStarted({ ...base, status: 'error', cause: { kind: 'may-have-started', reason } })).toBe(true)
    expect(mayHaveStarted({ ...base, status: 'error', cause: { kind: 'no-job', reason } })).toBe(true)
    expect(mayHaveStarted({ ...base, status: 'error', cause: { kind: 'not-imported', reason } })).toBe(false)
    expect(mayHaveStarted({ ...base, status: 'error', cause: { kind: 'unreadable', reason } })).toBe(false)
    expect(mayHaveStarted({ ...base, status: 'cancelled', mayHaveStarted: true })).toBe(true)
    expect(mayHaveStarted({ ...base, status: 'cancelled', mayHaveStarted: false })).toBe(false)
    expect(mayHaveStarted({ ...base, status: 'success', job: JOB })).toBe(false)
  })
})

describe('a first run that finds nothing at the address', () => {
  const refused = new RequestFault('network', 'cannot connect to h:9999: connect ECONNREFUSED', true, {
    code: 'ECONNREFUSED',
    endpoint: 'h:9999'
  })
  const reset = new RequestFault('network', 'read ECONNRESET', true, { code: 'ECONNRESET' })

  it('counts the silence from the first refusal, until something answers', () => {
    const reach = new Reachability()
    expect(reach.silentFor(refused, 1_000)).toBe(0)
    expect(reach.silentFor(refused, 31_000)).toBe(30_000)
    expect(reach.silentFor(reset, 32_000)).toBeUndefined()
    reach.heard()
    expect(reach.silentFor(refused, 40_000)).toBeUndefined()
  })

  it('an HTTP status is an answer: the appliance is there', () => {
    const reach = new Reachability()
    expect(reach.silentFor(new RequestFault('http', 'HTTP 503', true, { status: 503 }), 0)).toBeUndefined()
    expect(reach.silentFor(refused, 60_000)).toBeUndefined()
  })

  it('ends the wait once nothing has answered for 30 s; before that, or once answered, it retries', () => {
    expect(afterFault(refused, 3, 8, UNREACHABLE_GRACE_MS - 1)).toBeUndefined()
    expect(afterFault(refused, 4, 8, UNREACHABLE_GRACE_MS)).toEqual({
      status: 'error',
      cause: { kind: 'unreachable', fault: factsOf(refused), count: 4, forMs: UNREACHABLE_GRACE_MS }
    })
    expect(afterFault(refused, 4, 8, undefined)).toBeUndefined()
  })

  it('knows what finds nothing: refused, no route, no name for now; not a reset', () => {
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN']) {
      expect(findsNothing({ kind: 'network', code })).toBe(true)
    }
    expect(findsNothing({ kind: 'network', code: 'ECONNRESET' })).toBe(false)
    expect(findsNothing({ kind: 'timeout', code: 'ECONNREFUSED' })).toBe(false)
  })
})

describe('factsOf', () => {
  it('keeps what the fix depends on: the code and the endpoint, when the fault has them', () => {
    const refused = new RequestFault('network', 'cannot connect', true, { code: 'ECONNREFUSED', endpoint: 'h:1' })
    expect(factsOf(refused)).toEqual({
      kind: 'network',
      message: 'cannot connect',
      httpStatus: undefined,
      code: 'ECONNREFUSED',
      endpoint: 'h:1'
    })
    expect(factsOf(new RequestFault('http', 'HTTP 503', true, { status: 503 }))).toEqual({
      kind: 'http',
      message: 'HTTP 503',
      httpStatus: 503
    })
  })
})
