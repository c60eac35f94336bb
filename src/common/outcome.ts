// What waiting on a job can end in, shared by every layer: the engine decides
// it, the renderers and both entry points report it. Pure types and one table,
// so the layers below the engine can use them without pulling in the network.
import type { FaultKind } from './errors.js'
import type { JobDocument } from '../lxca/job.js'
import type { JobRef } from '../lxca/job-ref.js'
import type { Assessment } from '../lxca/verdict.js'

export type OutcomeStatus = 'success' | 'failure' | 'timeout' | 'error' | 'cancelled'

export interface PollOutcome {
  readonly status: OutcomeStatus
  /** The last document understood, and what it says. */
  readonly job?: JobDocument
  readonly assessment?: Assessment
  /** The exact bytes of the last JSON document received, understood or not: what the `report` file holds. */
  readonly lastBody?: Buffer
  /** For error: why we could not tell. For timeout: the last problem seen, if any. */
  readonly reason?: string
  readonly faultKind?: FaultKind
  /** Requests made for the job document. */
  readonly polls: number
  /** Transient faults that were retried. */
  readonly retries: number
  readonly elapsedMs: number
}

export interface JobOutcome {
  readonly job: JobRef
  readonly outcome: PollOutcome
}

export interface GateResult {
  /** The worst outcome: cancelled, then error > timeout > failure > success. */
  readonly status: OutcomeStatus
  readonly jobs: readonly JobOutcome[]
}

const SEVERITY: Record<OutcomeStatus, number> = { success: 0, failure: 1, timeout: 2, error: 3, cancelled: 4 }

export function worstStatus(statuses: readonly OutcomeStatus[]): OutcomeStatus {
  return statuses.reduce<OutcomeStatus>(
    (worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst),
    'success'
  )
}
