// What an upload and waiting on a job can end in, shared by every layer: the
// engine decides it, the renderers and both entry points report it. Pure types and one table,
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
  /** The HTTP status behind the fault, when there was one. */
  readonly httpStatus?: number
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

/** What came of uploading the bulk-import CSV (csv-file). */
export interface UploadOutcome {
  /** The file's base name. */
  readonly file: string
  /** Device rows in it. */
  readonly rows: number
  readonly validationOnly: boolean
  /**
   * success: the import started (its job is `job`), or validation accepted the
   * file; failure: validation refused it; error: the import could not be
   * started, or it is unknown whether it was; cancelled.
   */
  readonly status: OutcomeStatus
  readonly job?: JobRef
  readonly httpStatus?: number
  /** The appliance's own words about the file. */
  readonly messages: readonly string[]
  readonly reason?: string
  readonly faultKind?: FaultKind
  /** The upload may have reached the appliance although no job came back: look before uploading again. */
  readonly mayHaveStarted: boolean
  readonly attempts: number
  readonly elapsedMs: number
}

export interface GateResult {
  /** The worst outcome: cancelled, then error > timeout > failure > success. */
  readonly status: OutcomeStatus
  readonly jobs: readonly JobOutcome[]
  /** With csv-file: the upload, before any job was watched. */
  readonly upload?: UploadOutcome
}

/**
 * The one table of what each outcome is called and how it is shown and
 * ended, for every renderer and both entry points. `severity` orders them
 * for the `status` output of several jobs; `exitCode` is the command line's.
 */
export const OUTCOMES: Record<
  OutcomeStatus,
  {
    readonly severity: number
    readonly exitCode: number
    /** Markdown (emoji) and terminal marks. */
    readonly icon: string
    readonly mark: string
    readonly tint: 'green' | 'red' | 'yellow'
    /** "LXCA job 4229 … failed". */
    readonly verb: string
  }
> = {
  success: { severity: 0, exitCode: 0, icon: '✅', mark: '✔', tint: 'green', verb: 'succeeded' },
  failure: { severity: 1, exitCode: 1, icon: '❌', mark: '✖', tint: 'red', verb: 'failed' },
  timeout: { severity: 2, exitCode: 2, icon: '⏱️', mark: '⏱', tint: 'yellow', verb: 'timed out' },
  error: { severity: 3, exitCode: 3, icon: '⚠️', mark: '!', tint: 'red', verb: 'could not be checked' },
  cancelled: { severity: 4, exitCode: 130, icon: '🚫', mark: '⊘', tint: 'yellow', verb: 'cancelled' }
}

export function worstStatus(statuses: readonly OutcomeStatus[]): OutcomeStatus {
  return statuses.reduce<OutcomeStatus>(
    (worst, status) => (OUTCOMES[status].severity > OUTCOMES[worst].severity ? status : worst),
    'success'
  )
}
