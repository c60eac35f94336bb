// Starting the bulk import: POST /csvRequest, once. The worst mistake a gate
// that starts imports can make is importing the same servers twice because a
// retry re-sent the upload, so the upload is sent again only when it provably
// never reached the appliance (a refused connection, DNS, TLS or a proxy that
// would not open the tunnel, or a failed login before it). Once it may have
// been sent (a timeout, a reset, a 5xx), the outcome is an error that says
// the import may or may not have started, and where to look.
import type { Clock } from '../common/clock.js'
import { PollFault } from '../common/errors.js'
import type { Scrubber } from '../common/secrets.js'
import type { OutcomeStatus, UploadOutcome } from '../common/outcome.js'
import { clause, MAY_HAVE_STARTED } from '../common/text.js'
import type { LxcaClient } from '../lxca/client.js'
import { importOf, validationOf } from '../lxca/import.js'
import { pollWait, retryWait, withJitter } from './backoff.js'

export interface ImportOptions {
  readonly client: LxcaClient
  readonly file: { readonly name: string; readonly bytes: Buffer; readonly rows: number }
  readonly validationOnly: boolean
  readonly clock: Clock
  readonly random: () => number
  readonly signal: AbortSignal
  /** The appliance's words are scrubbed before they are cut. */
  readonly secrets: Scrubber
  readonly maxRetries: number
  readonly pollIntervalMs: number
  readonly onRetry?: (fault: PollFault, attempt: number, waitMs: number) => void
}

export async function startImport(options: ImportOptions): Promise<UploadOutcome> {
  const { clock, signal } = options
  const startedAt = clock.now()
  const base = {
    file: options.file.name,
    rows: options.file.rows,
    validationOnly: options.validationOnly,
    messages: []
  }
  const end = (status: OutcomeStatus, extra: Partial<UploadOutcome>, attempts: number): UploadOutcome => ({
    ...base,
    status,
    mayHaveStarted: false,
    attempts,
    elapsedMs: clock.now() - startedAt,
    ...extra
  })
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) return end('cancelled', {}, attempt - 1)
    try {
      const response = await options.client.uploadCsv(
        options.file.name,
        options.file.bytes,
        options.validationOnly,
        signal
      )
      const answer = options.validationOnly
        ? validationOf(response, options.secrets)
        : importOf(response, options.secrets)
      return end(answer.status, answer, attempt)
    } catch (error) {
      if (!(error instanceof PollFault)) throw error
      if (signal.aborted)
        return end('cancelled', { mayHaveStarted: !options.validationOnly && error.sent !== false }, attempt)
      const neverSent = error.sent === false
      if (error.retryable && neverSent && attempt <= options.maxRetries) {
        const first = pollWait(1, options.pollIntervalMs)
        const waitMs = withJitter(retryWait(attempt, first, options.pollIntervalMs), options.random())
        options.onRetry?.(error, attempt, waitMs)
        await clock.sleep(waitMs, signal)
        continue
      }
      return end('error', failedUpload(error, neverSent, options.validationOnly), attempt)
    }
  }
}

function failedUpload(fault: PollFault, neverSent: boolean, validationOnly: boolean): Partial<UploadOutcome> {
  const mayHaveStarted = !validationOnly && !neverSent
  const what = validationOnly
    ? 'the file was not validated'
    : neverSent
      ? 'the upload never reached the appliance, so nothing was imported'
      : MAY_HAVE_STARTED
  return {
    reason: `${clause(fault.message)}; ${what}`,
    faultKind: fault.kind,
    httpStatus: fault.status,
    mayHaveStarted
  }
}
