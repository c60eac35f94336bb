// An import in several parts, as the reports show it: each part in order
// (its file and lines, its job's view or its upload's), and all their jobs
// seen as one, which the causes table across parts reads.
import type { Scrub } from '../../common/secrets.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import type { NotUploadedBecause, PartOutcome } from '../../outcome/part-outcome.js'
import { worstStatus, type Status } from '../../outcome/status.js'
import type { JobRef } from '../../lxca/job-ref.js'
import { causesOf } from './causes.js'
import type { JobView } from './job-view.js'
import { uploadView, type UploadView } from './upload-view.js'
import type { Naming } from './naming.js'

export interface PartView {
  readonly index: number
  readonly count: number
  readonly file: string
  /** `2–301`. */
  readonly lines: string
  readonly rows: number
  readonly job?: JobRef
  /** What came of it; undefined when it was never uploaded. */
  readonly status?: Status
  /** Its job's view, when it started one. */
  readonly jobView?: JobView
  /** Its upload's, when it started no job. */
  readonly upload?: UploadView
  /** Why it was never uploaded. */
  readonly notUploaded?: NotUploadedBecause
}

export function partViews(
  parts: readonly PartOutcome[],
  jobs: readonly JobView[],
  scrub: Scrub,
  naming: Naming
): PartView[] {
  return parts.map(outcome => {
    const { part } = outcome
    const base = {
      index: part.index,
      count: part.count,
      file: scrub(part.path),
      lines: part.firstLine === part.lastLine ? String(part.firstLine) : `${part.firstLine}–${part.lastLine}`,
      rows: part.rows
    }
    if (outcome.state === 'not uploaded') return { ...base, notUploaded: outcome.because }
    const job = outcome.job && jobs.find(view => view.job.id === outcome.job?.id && view.job.type === outcome.job?.type)
    if (job) return { ...base, job: job.job, status: job.status, jobView: job }
    const upload = uploadView(outcome.upload, scrub, naming)
    return { ...base, status: upload.status, upload }
  })
}

/** Every job of the run seen as one: the digest across parts reads it. */
export function acrossJobs(jobs: readonly JobView[], naming: Naming, scrub: Scrub): JobView {
  const owner = new Map<DeviceAssessment, JobView>()
  for (const job of jobs) for (const item of [...job.failed, ...job.pending, ...job.succeeded]) owner.set(item, job)
  const failed = jobs.flatMap(job => job.failed)
  const [first] = jobs
  return {
    ...first,
    status: worstStatus(jobs.map(job => job.status)),
    total: jobs.reduce((sum, job) => sum + job.total, 0),
    failed,
    pending: jobs.flatMap(job => job.pending),
    succeeded: jobs.flatMap(job => job.succeeded),
    causes: causesOf(failed, scrub, item => (owner.get(item) ?? first).namesOf(item)),
    notInJob: jobs.flatMap(job => job.notInJob),
    byCount: jobs.reduce((sum, job) => sum + job.byCount, 0),
    naming,
    device: item => (owner.get(item) ?? first).device(item)
  }
}
