// What a whole run ended in: the upload, if csv-file started one, and every
// job waited on, with the one deadline the wait had; `partial` when the
// devices that did not succeed are within allowed-failures.
import { excuseOf, type Allowance, type Excuse } from './allowance.js'
import type { Deadline } from './deadline.js'
import type { JobOutcome } from './job-outcome.js'
import { partStatuses, type PartOutcome } from './part-outcome.js'
import { worstStatus, type Status } from './status.js'
import type { UploadOutcome } from './upload-outcome.js'

export interface GateOutcome {
  /** The worst of the jobs' statuses (an upload that started no job: its own). */
  readonly status: Status
  readonly jobs: readonly JobOutcome[]
  /** With csv-file: the upload, before any job was waited on. */
  readonly upload?: UploadOutcome
  readonly deadline: Deadline
  /** With status `partial`: the failures allowed-failures excused. */
  readonly excuse?: Excuse
  /** An import of several parts: each part, in order, uploaded or not. */
  readonly parts?: readonly PartOutcome[]
}

/**
 * The run's outcome: the upload's when it left no job to wait on, else the
 * worst of the jobs', and `partial` instead of `failure` when allowed-failures
 * excuses every device that did not succeed.
 */
export function gateOutcome(
  jobs: readonly JobOutcome[],
  upload: UploadOutcome | undefined,
  deadline: Deadline,
  allowance?: Allowance,
  parts?: readonly PartOutcome[]
): GateOutcome {
  const base = { jobs, upload, deadline, ...(parts ? { parts } : {}) }
  if (jobs.length === 0 && upload && !parts) return { ...base, status: upload.status }
  // Parts that started no job (an upload error, validation's verdicts, the deadline) count as much as jobs.
  const beside = parts ? partStatuses(parts) : []
  const excuse = worstStatus(beside) === 'success' ? excuseOf(jobs, allowance) : undefined
  if (excuse) return { ...base, status: 'partial', excuse }
  const status: Status = worstStatus([...jobs.map(job => job.status), ...beside])
  return { ...base, status }
}
