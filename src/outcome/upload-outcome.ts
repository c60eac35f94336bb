// What came of uploading the bulk-import CSV (csv-file): an import started
// (its job), a file validated or refused, or why neither can be said. Each
// case carries its own data; `mayHaveStarted` is the one question every
// report asks of a failed upload, answered once here.
import type { JobRef } from '../lxca/job-ref.js'
import type { FaultFacts } from './job-outcome.js'

/** Why an upload neither started an import nor got a verdict on the file. `reason` is the details sentence. */
export type UploadCause =
  /** Nothing was imported (or validated): the appliance refused the request, or it provably never left. */
  | { readonly kind: 'not-imported'; readonly reason: string; readonly fault?: FaultFacts }
  /** It may have reached the appliance, and no answer says what became of it. */
  | { readonly kind: 'may-have-started'; readonly reason: string; readonly fault?: FaultFacts }
  /** The appliance took it but named no job (or two): the import has probably started. */
  | { readonly kind: 'no-job'; readonly reason: string }
  /** The appliance answered with a job this run already waited on: this upload's own job is unknown. */
  | { readonly kind: 'repeated-job'; readonly reason: string; readonly job: JobRef }
  /** The answer to a validation is not one we understand. */
  | { readonly kind: 'unreadable'; readonly reason: string }

interface Base {
  /** The file's base name. */
  readonly file: string
  /** Device rows in it. */
  readonly rows: number
  readonly validationOnly: boolean
  readonly attempts: number
  readonly elapsedMs: number
  readonly httpStatus?: number
  /** The appliance's own words about the file, scrubbed and cut. */
  readonly messages: readonly string[]
}

export type UploadOutcome =
  /** The import started (`job`), or validation accepted the file (no job). */
  | (Base & { readonly status: 'success'; readonly job?: JobRef })
  /** Validation refused the file, saying why. */
  | (Base & { readonly status: 'failure' })
  | (Base & { readonly status: 'error'; readonly cause: UploadCause })
  | (Base & { readonly status: 'cancelled'; readonly mayHaveStarted: boolean })

/** What the appliance's answer says, before the facts of the upload are added. */
export type UploadAnswer =
  | {
      readonly status: 'success'
      readonly job?: JobRef
      readonly httpStatus: number
      readonly messages: readonly string[]
    }
  | { readonly status: 'failure'; readonly httpStatus: number; readonly messages: readonly string[] }
  | {
      readonly status: 'error'
      readonly cause: UploadCause
      readonly httpStatus?: number
      readonly messages: readonly string[]
    }

/** The upload may have imported servers without saying so: look before uploading again. */
export function mayHaveStarted(upload: UploadOutcome): boolean {
  if (upload.status === 'cancelled') return upload.mayHaveStarted
  return upload.status === 'error' && ['may-have-started', 'no-job', 'repeated-job'].includes(upload.cause.kind)
}

/** The appliance took the upload (it answered success) but named no job of its own: the import has probably started. */
export function probablyStarted(upload: UploadOutcome): boolean {
  return upload.status === 'error' && (upload.cause.kind === 'no-job' || upload.cause.kind === 'repeated-job')
}

/**
 * An upload answered with a job this run already started (`earlier`: the
 * jobs so far, in order) is not the start of a new import: it is an error
 * that names the job that came back twice. Any other outcome is as it was.
 */
export function refuseRepeatedJob(upload: UploadOutcome, earlier: readonly JobRef[]): UploadOutcome {
  if (upload.status !== 'success' || !upload.job) return upload
  const { job } = upload
  if (!earlier.some(known => known.id === job.id && known.type === job.type)) return upload
  const { file, rows, validationOnly, attempts, elapsedMs, httpStatus, messages } = upload
  const base = { file, rows, validationOnly, attempts, elapsedMs, ...(httpStatus ? { httpStatus } : {}), messages }
  const reason = `the appliance answered this upload with job ${job.id}, which an earlier upload of this run started, so this upload's own job is unknown; its import has probably started`
  return { ...base, status: 'error', cause: { kind: 'repeated-job', reason, job } }
}
