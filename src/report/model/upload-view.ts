// The upload of csv-file as the reports show it, scrubbed: the file, what the
// appliance said, why it started no import and the one fix, and whether the
// import may have started all the same.
import type { Scrub } from '../../common/secrets.js'
import type { JobRef } from '../../lxca/job-ref.js'
import type { Status } from '../../outcome/status.js'
import { mayHaveStarted, probablyStarted, type UploadOutcome } from '../../outcome/upload-outcome.js'
import { uploadProblemOf, type Problem } from './fixes.js'
import type { Naming } from './naming.js'

export interface UploadView {
  readonly file: string
  readonly rows: number
  readonly validationOnly: boolean
  readonly status: Status
  readonly job?: JobRef
  readonly messages: readonly string[]
  readonly reason?: string
  /** Why it did not start an import or validate the file, and what to do. */
  readonly problem?: Problem
  readonly mayHaveStarted: boolean
  /** The appliance took it but named no job of its own: the import has probably started. */
  readonly probablyStarted: boolean
  readonly elapsedMs: number
}

export function uploadView(upload: UploadOutcome, scrub: Scrub, naming: Naming): UploadView {
  return {
    file: scrub(upload.file),
    rows: upload.rows,
    validationOnly: upload.validationOnly,
    status: upload.status,
    job: upload.status === 'success' ? upload.job : undefined,
    messages: upload.messages.map(scrub),
    reason: upload.status === 'error' ? scrub(upload.cause.reason) : undefined,
    problem: uploadProblemOf(upload, naming),
    mayHaveStarted: mayHaveStarted(upload),
    probablyStarted: probablyStarted(upload),
    elapsedMs: upload.elapsedMs
  }
}
