// What waiting on one job ended in, decided here: the poller only schedules
// requests and hands each document and each fault to the functions below,
// which say whether the wait goes on or how it ends; withSource then holds
// the job to the CSV rows that started it (rows.ts). The run's outcome over
// all jobs and parts is gate-outcome.ts's. The reports never decide again.
//
// "The job failed" is kept apart from "we could not find out": only a
// document that was understood can end in success or failure; transient
// faults are retried within a budget and never become a failure verdict; a
// wait that never understood a document ends as error, not timeout.
import type { FaultKind, RequestFault } from '../common/errors.js'
import type { JobDocument } from '../lxca/document.js'
import type { JobRef } from '../lxca/job-ref.js'
import type { Assessment, DeviceAssessment } from '../lxca/verdict.js'
import { UNREACHABLE_GRACE_MS } from './reachability.js'
import { traceRows, type ForeignDevice, type RowIndex, type RowTrace, type Source } from './rows.js'

/** A job document that was understood, and what it says. */
export interface SeenDocument {
  readonly document: JobDocument
  readonly assessment: Assessment
}

/** A fault as the reports need it. */
export interface FaultFacts {
  readonly kind: FaultKind
  readonly message: string
  /** The HTTP status behind it, when there was one. */
  readonly httpStatus?: number
  /** What exactly went wrong, when the fix depends on it (`ECONNREFUSED`, `expired`, `basic`). */
  readonly code?: string
  /** `host:port`, for a request that got no answer. */
  readonly endpoint?: string
}

/** Why a job could not be checked. */
export type ErrorCause =
  /** A fault asking again cannot mend: credentials refused, job not found, TLS, a redirect, a document too big… */
  | { readonly kind: 'fault'; readonly fault: FaultFacts }
  /** More transient faults in a row than max-retries allows. */
  | { readonly kind: 'retries'; readonly fault: FaultFacts; readonly count: number; readonly maxRetries: number }
  /** Nothing ever answered at the address (refused, no route) for the grace a first run gets. */
  | { readonly kind: 'unreachable'; readonly fault: FaultFacts; readonly count: number; readonly forMs: number }
  /** The deadline passed and no document was ever understood. */
  | { readonly kind: 'never-understood'; readonly lastFault?: FaultFacts }
  /** The job finished listing no device: no device can be called ready. */
  | { readonly kind: 'empty' }
  /** The job finished, but these devices have no result. */
  | { readonly kind: 'unreported'; readonly devices: readonly DeviceAssessment[] }
  /** The job lists devices this part did not upload (another part's, or none of the file's): it cannot be judged. */
  | { readonly kind: 'foreign'; readonly devices: readonly ForeignDevice[] }
  /** The job finished, but the appliance's inventory could not confirm the devices it calls successful. */
  | { readonly kind: 'inventory'; readonly problem: InventoryProblem }

/** Why the inventory could not be used, and at which point: before the upload, or after the jobs. */
export interface InventoryProblem {
  readonly phase: 'skip' | 'verify'
  /** A fault that outlasted the retries, an answer not understood, the run's deadline, or a cancellation. */
  readonly kind: 'fault' | 'not-understood' | 'deadline' | 'cancelled'
  /** The details sentence. */
  readonly reason: string
  readonly fault?: FaultFacts
}

/** How the wait went. */
export interface WaitFacts {
  /** Requests made for the job document. */
  readonly polls: number
  /** Transient faults that were retried. */
  readonly retries: number
  readonly elapsedMs: number
}

interface Base {
  readonly job: JobRef
  readonly wait: WaitFacts
  /**
   * A JSON document of the job came, understood or not: its last one was
   * handed to the report file as the wait ended (the outcome does not keep it:
   * ten parts' documents of up to 64 MiB each would not fit in memory).
   */
  readonly reported?: boolean
  /** The CSV this step uploaded to start the job (see rows.ts). */
  readonly source?: Source
  /** Its rows, traced to the devices of the last document understood. */
  readonly rows?: RowTrace
}

export type JobOutcome =
  | (Base & { readonly status: 'success'; readonly seen: SeenDocument })
  | (Base & { readonly status: 'failure'; readonly seen: SeenDocument })
  /** The job was seen running, and the deadline passed; `lastFault`, when the last request failed. */
  | (Base & { readonly status: 'timeout'; readonly seen: SeenDocument; readonly lastFault?: FaultFacts })
  | (Base & { readonly status: 'cancelled'; readonly seen?: SeenDocument })
  | (Base & { readonly status: 'error'; readonly cause: ErrorCause; readonly seen?: SeenDocument })

/** How a wait ends, before the facts of the wait are added. */
export type WaitEnding =
  | { readonly status: 'success' | 'failure' }
  | { readonly status: 'timeout'; readonly lastFault?: FaultFacts }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly cause: ErrorCause }

export function factsOf(fault: RequestFault): FaultFacts {
  const { kind, message, status, code, endpoint } = fault
  return { kind, message, httpStatus: status, ...(code ? { code } : {}), ...(endpoint ? { endpoint } : {}) }
}

/** After a document was understood: how the wait ends, or undefined while the job runs. */
export function afterDocument(assessment: Assessment): WaitEnding | undefined {
  switch (assessment.verdict) {
    case 'running':
      return undefined
    case 'success':
    case 'failure':
      return { status: assessment.verdict }
    case 'empty':
      return { status: 'error', cause: { kind: 'empty' } }
    case 'unreported':
      return { status: 'error', cause: { kind: 'unreported', devices: assessment.unreported } }
  }
}

/**
 * After a request failed (`consecutive` faults in a row, this one included;
 * nothing has answered at the address for `silentForMs`, when that is the
 * question): how the wait ends, or undefined to retry.
 */
export function afterFault(
  fault: RequestFault,
  consecutive: number,
  maxRetries: number,
  silentForMs?: number
): WaitEnding | undefined {
  if (!fault.retryable) return { status: 'error', cause: { kind: 'fault', fault: factsOf(fault) } }
  if (silentForMs !== undefined && silentForMs >= UNREACHABLE_GRACE_MS) {
    return {
      status: 'error',
      cause: { kind: 'unreachable', fault: factsOf(fault), count: consecutive, forMs: silentForMs }
    }
  }
  if (consecutive > maxRetries) {
    return { status: 'error', cause: { kind: 'retries', fault: factsOf(fault), count: consecutive, maxRetries } }
  }
  return undefined
}

/** The deadline passed: timeout if the job was seen running, error if no document was ever understood. */
export function atDeadline(seen: SeenDocument | undefined, lastFault: FaultFacts | undefined): WaitEnding {
  if (!seen) return { status: 'error', cause: { kind: 'never-understood', lastFault } }
  return { status: 'timeout', lastFault }
}

/** The outcome of a wait that ended so, with what it saw. A success, failure or timeout always saw the job. */
export function outcomeOfWait(
  ending: WaitEnding,
  facts: { job: JobRef; wait: WaitFacts; seen?: SeenDocument; reported?: boolean }
): JobOutcome {
  const { job, wait, seen, reported } = facts
  const base = { job, wait, ...(reported ? { reported } : {}) }
  switch (ending.status) {
    case 'cancelled':
      return { ...base, status: 'cancelled', seen }
    case 'error':
      return { ...base, status: 'error', cause: ending.cause, seen }
    case 'timeout':
      return { ...base, status: 'timeout', seen: seenOf(seen, ending.status), lastFault: ending.lastFault }
    case 'success':
    case 'failure':
      return { ...base, status: ending.status, seen: seenOf(seen, ending.status) }
  }
}

function seenOf(seen: SeenDocument | undefined, status: string): SeenDocument {
  if (!seen) throw new Error(`a ${status} needs a document that was understood`)
  return seen
}

/**
 * The job's outcome, with the rows of the CSV part that started it (`all`:
 * every part's rows). Every row must be accounted for: a job that succeeded
 * for every device it lists, but does not list a server of the part, did not
 * manage it (a failure); a job that lists a device of another part, or of no
 * part, is not understood (an error), whatever it says of its devices.
 */
export function withSource(outcome: JobOutcome, source: Source, all?: RowIndex): JobOutcome {
  if (!outcome.seen) return { ...outcome, source }
  const rows = traceRows(source, outcome.seen.document.devices, all)
  if (rows.foreign.length > 0 && outcome.status !== 'cancelled' && outcome.status !== 'error') {
    const { job, wait, reported, seen } = outcome
    const cause: ErrorCause = { kind: 'foreign', devices: rows.foreign }
    return { job, wait, ...(reported ? { reported } : {}), status: 'error', cause, seen, source, rows }
  }
  if (outcome.status === 'success' && rows.notInJob.length > 0) return { ...outcome, status: 'failure', source, rows }
  return { ...outcome, source, rows }
}
