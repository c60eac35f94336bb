// What a whole run ended in: the upload, if csv-file started one, and every
// job waited on, with the one deadline the wait had.
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
}

/** The run's outcome: the upload's when it left no job to wait on, else the worst of the jobs'. */
export function gateOutcome(
  jobs: readonly JobOutcome[],
  upload: UploadOutcome | undefined,
  deadline: Deadline
): GateOutcome {
  const status = jobs.length === 0 && upload ? upload.status : worstStatus(jobs.map(job => job.status))
  return { status, jobs, upload, deadline }
}
