// What a whole run ended in: the upload, if csv-file started one, and every
// job waited on, with the one deadline the wait had; `partial` when the
// devices that did not succeed are within allowed-failures.
import { excuseOf, type Allowance, type Excuse } from './allowance.js'
import type { Deadline } from './deadline.js'
import type { JobOutcome } from './job-outcome.js'
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
  allowance?: Allowance
): GateOutcome {
  if (jobs.length === 0 && upload) return { status: upload.status, jobs, upload, deadline }
  const excuse = excuseOf(jobs, allowance)
  if (excuse) return { status: 'partial', jobs, upload, deadline, excuse }
  const status: Status = worstStatus(jobs.map(job => job.status))
  return { status, jobs, upload, deadline }
}
