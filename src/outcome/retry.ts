// What is safe to upload again after an import, and what is not yet. The one
// mistake a re-run must never make is importing servers twice, so a row is
// offered again (failed-csv) only when it is certain that no import of it is
// still going on or was taken without our knowing:
//   - rows of a job that finished (success or failure) whose device did not
//     succeed, or that the job does not list;
//   - rows of a part that was never uploaded, or whose upload the appliance
//     refused before importing anything.
// Rows of a job that may still be running (a timeout, a cancellation, an
// error while polling) wait for that job (`running`: job-id); rows of an
// upload that may have started an import no job names, or of a job that
// lists other servers, are not offered either (`unknown`: look in Monitoring).
import type { JobRef } from '../lxca/job-ref.js'
import type { GateOutcome } from './gate-outcome.js'
import type { JobOutcome } from './job-outcome.js'
import type { PartRef } from './part-outcome.js'
import type { Source, SourceRow } from './rows.js'
import { mayHaveStarted, type UploadOutcome } from './upload-outcome.js'

export interface RetryPlan {
  /** Rows to upload again: not managed, and in no import that may still be going on. */
  readonly rows: ReadonlySet<SourceRow>
  /** Jobs that may still be running: wait for them (job-id) before anything is uploaded again. */
  readonly running: readonly JobRef[]
  /** Parts whose import may have started without a job we know of: look for it before uploading them again. */
  readonly unknown: readonly Source[]
  /** Parts never uploaded (their rows are in `rows`). */
  readonly notUploaded: readonly PartRef[]
}

export function retryPlan(outcome: GateOutcome): RetryPlan {
  const rows = new Set<SourceRow>()
  const running: JobRef[] = []
  const unknown: Source[] = []
  const notUploaded: PartRef[] = []
  const jobOf = new Map(outcome.jobs.flatMap(job => (job.source ? [[job.source, job] as const] : [])))
  const uploaded = (source: Source, upload: UploadOutcome | undefined): void => {
    const job = jobOf.get(source)
    if (job) return jobRows(job, rows, running, unknown)
    if (upload && refusedBeforeImport(upload)) source.rows.forEach(row => rows.add(row))
    else if (upload && mayHaveStarted(upload)) unknown.push(source)
  }
  // Rows managed here but not Online were never uploaded: once their stale entry is dealt with, they are to import.
  if (outcome.inventory && !outcome.inventory.planOnly) outcome.inventory.notOnline.forEach(({ row }) => rows.add(row))
  if (outcome.parts) {
    for (const part of outcome.parts) {
      if (part.state === 'not uploaded') {
        notUploaded.push(part.part)
        part.part.source.rows.forEach(row => rows.add(row))
      } else uploaded(part.part.source, part.upload)
    }
  } else {
    for (const job of outcome.jobs) if (job.source) uploaded(job.source, outcome.upload)
  }
  return { rows, running, unknown, notUploaded }
}

/** The rows of a finished job not known to have succeeded; or why none of its rows can be offered yet. */
function jobRows(job: JobOutcome, rows: Set<SourceRow>, running: JobRef[], unknown: Source[]): void {
  const source = job.source as Source
  if (job.status === 'error' && job.cause.kind === 'foreign') return void unknown.push(source)
  // A job that finished but whose devices the inventory could not confirm is as finished as any.
  const finished =
    job.status === 'success' || job.status === 'failure' || (job.status === 'error' && job.cause.kind === 'inventory')
  if (!finished || !job.seen) return void running.push(job.job)
  const trace = job.rows
  const succeeded = new Set<SourceRow>()
  for (const item of job.seen.assessment.devices) {
    const row = item.state === 'succeeded' ? trace?.rowOf.get(item.device) : undefined
    if (row) succeeded.add(row)
  }
  const states = new Map(job.seen.assessment.devices.map(item => [item.device, item.state]))
  if (trace && trace.countedDevices.every(device => states.get(device) === 'succeeded'))
    trace.byCount.forEach(row => succeeded.add(row))
  for (const row of source.rows) if (!succeeded.has(row)) rows.add(row)
}

/** The appliance refused the upload, or it provably never reached it: nothing of it was imported. */
function refusedBeforeImport(upload: UploadOutcome): boolean {
  if (upload.validationOnly) return false
  if (upload.status === 'cancelled') return !upload.mayHaveStarted
  return upload.status === 'error' && upload.cause.kind === 'not-imported'
}
