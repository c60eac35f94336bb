// An import of more than one part (more than 300 servers, or several files):
// one upload and one job per part, one at a time, as Lenovo asks ("wait for
// the entire management job to complete before initiating another"). A part
// whose job finished (the job itself at progress 100, not only its devices),
// failed devices or not, lets the next go on: the servers are independent.
// Anything else stops the sequence: an error, a timeout, a cancellation, or
// an upload that may or may not have reached the appliance. Validation
// changes nothing on the appliance, so it checks every part.
import type { JobRef } from '../lxca/job-ref.js'
import type { JobOutcome } from './job-outcome.js'
import type { Source } from './rows.js'
import type { Status } from './status.js'
import type { UploadOutcome } from './upload-outcome.js'

/** Where a part is: its file, its lines there, and its place in the run. */
export interface PartRef {
  /** 1-based, of `count`. */
  readonly index: number
  readonly count: number
  /** The file as the user named it. */
  readonly path: string
  readonly firstLine: number
  readonly lastLine: number
  /** Device rows in it (at most 300). */
  readonly rows: number
  /** The part's rows, to trace and to upload again. */
  readonly source: Source
}

/**
 * Why a part was never uploaded: an earlier part stopped the sequence, the
 * deadline came first, or the job before it never reported progress 100
 * (its devices were done, but the appliance stopped answering first).
 */
export type NotUploadedBecause = 'stopped' | 'deadline' | 'unfinished'

export type PartOutcome =
  | { readonly part: PartRef; readonly state: 'uploaded'; readonly upload: UploadOutcome; readonly job?: JobRef }
  /** Never uploaded: an earlier part stopped the sequence, or the deadline came first. */
  | { readonly part: PartRef; readonly state: 'not uploaded'; readonly because: NotUploadedBecause }

/** Whether the part after this one may be uploaded (`go`), or why not. */
export function nextPart(upload: UploadOutcome, job: JobOutcome | undefined): 'go' | 'stop' | 'unfinished' {
  if (upload.validationOnly) return 'go'
  if (upload.status !== 'success' || !upload.job || !job) return 'stop'
  if (job.status !== 'success' && job.status !== 'failure') return 'stop'
  return (job.seen.document.progress ?? 0) >= 100 ? 'go' : 'unfinished'
}

/** What the parts add to the jobs' statuses: an upload that started no job, parts the deadline left out. */
export function partStatuses(parts: readonly PartOutcome[]): Status[] {
  return parts.flatMap(part => {
    if (part.state === 'not uploaded') {
      if (part.because === 'deadline') return ['timeout' as const]
      return part.because === 'unfinished' ? ['error' as const] : []
    }
    // An upload that started a job counts through its job; one that validated a file, as the success it is.
    return part.upload.status === 'success' ? [] : [part.upload.status]
  })
}
