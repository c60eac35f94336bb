// Starting the bulk import: POST /csvRequest, once. The worst mistake a gate
// that starts imports can make is importing the same servers twice because a
// retry re-sent the upload, so the upload is sent again only when it provably
// never reached the appliance (a refused connection, DNS, TLS or a proxy that
// would not open the tunnel, or a failed login before it). Once it may have
// been sent (a timeout, a reset, a 5xx), the outcome is an error that says
// the import may or may not have started, and where to look.
import type { Clock } from '../common/clock.js'
import { RequestFault } from '../common/errors.js'
import type { Scrubber } from '../common/secrets.js'
import { clause } from '../common/text.js'
import { nextWait } from '../http/retry-wait.js'
import type { LxcaClient } from '../lxca/client.js'
import { factsOf } from '../outcome/job-outcome.js'
import { Reachability, UNREACHABLE_GRACE_MS } from '../outcome/reachability.js'
import type { UploadAnswer, UploadCause, UploadOutcome } from '../outcome/upload-outcome.js'
import { importOf, validationOf } from './upload-answer.js'
import { csvMultipart } from './multipart.js'

/** Where the bulk import is started (or, with `validationOnly`, where the file is only checked). */
export function importUrl(baseUrl: URL, validationOnly: boolean): URL {
  return new URL(`/csvRequest${validationOnly ? '?validationOnly=true' : ''}`, baseUrl)
}

export interface ImportOptions {
  readonly client: LxcaClient
  readonly baseUrl: URL
  readonly file: { readonly name: string; readonly bytes: Buffer; readonly rows: number }
  readonly validationOnly: boolean
  readonly clock: Clock
  readonly random: () => number
  readonly signal: AbortSignal
  /** The appliance's words are scrubbed before they are cut. */
  readonly secrets: Scrubber
  readonly maxRetries: number
  readonly pollIntervalMs: number
  readonly onRetry?: (fault: RequestFault, attempt: number, waitMs: number) => void
}

export async function startImport(options: ImportOptions): Promise<UploadOutcome> {
  const { clock, signal, file, validationOnly } = options
  const startedAt = clock.now()
  const base = (attempts: number, httpStatus?: number) => ({
    file: file.name,
    rows: file.rows,
    validationOnly,
    attempts,
    elapsedMs: clock.now() - startedAt,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    messages: [] as readonly string[]
  })
  const reach = new Reachability()
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) return { ...base(attempt - 1), status: 'cancelled', mayHaveStarted: false }
    try {
      const answer = await post(options, signal)
      return { ...base(attempt), ...answer }
    } catch (error) {
      if (!(error instanceof RequestFault)) throw error
      const neverSent = error.sent === false
      if (signal.aborted) {
        return { ...base(attempt), status: 'cancelled', mayHaveStarted: !validationOnly && !neverSent }
      }
      const silentFor = reach.silentFor(error, clock.now()) ?? 0
      if (error.retryable && neverSent && attempt <= options.maxRetries && silentFor < UNREACHABLE_GRACE_MS) {
        const waitMs = nextWait(
          { goodPolls: 0, faults: attempt },
          options.pollIntervalMs,
          options.random(),
          clock.wallNow()
        )
        options.onRetry?.(error, attempt, waitMs)
        await clock.sleep(waitMs, signal)
        continue
      }
      return { ...base(attempt, error.status), status: 'error', cause: failedUpload(error, neverSent, validationOnly) }
    }
  }
}

/** One POST of the file as multipart/form-data, and what its answer means. */
async function post(options: ImportOptions, signal: AbortSignal): Promise<UploadAnswer> {
  const { contentType, body } = csvMultipart(options.file.name, options.file.bytes)
  const url = importUrl(options.baseUrl, options.validationOnly)
  const response = await options.client.sendOnce(
    { method: 'POST', url, headers: { 'content-type': contentType }, body },
    signal
  )
  const { secrets, client } = options
  return options.validationOnly
    ? validationOf(response, secrets, client.scheme)
    : importOf(response, secrets, client.scheme)
}

function failedUpload(fault: RequestFault, neverSent: boolean, validationOnly: boolean): UploadCause {
  const facts = factsOf(fault)
  if (validationOnly)
    return { kind: 'not-imported', reason: `${clause(fault.message)}; the file was not validated`, fault: facts }
  if (neverSent) {
    const reason = `${clause(fault.message)}; the upload never reached the appliance, so nothing was imported`
    return { kind: 'not-imported', reason, fault: facts }
  }
  return { kind: 'may-have-started', reason: `${clause(fault.message)}; the import may have started`, fault: facts }
}
