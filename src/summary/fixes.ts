// Why a job could not be checked (or an upload started no job), in a few words,
// what to do about it, and the details: the first thing the person on call
// reads on "error". Read from the outcome's cause, never decided again.
import { formatDuration } from '../common/duration.js'
import type { FaultKind } from '../common/errors.js'
import { MONITORING, plural } from '../common/text.js'
import type { ErrorCause, FaultFacts, JobOutcome } from '../outcome/job-outcome.js'
import type { UploadOutcome } from '../outcome/upload-outcome.js'

export interface Problem {
  /** `credentials refused (HTTP 401)`. */
  readonly what: string
  /** One sentence: what to change or check. */
  readonly fix: string
}

/** What each kind of fault means for the reader; `http` is the HTTP status, when there was one. */
const BY_FAULT: Record<FaultKind, (http: string) => Problem> = {
  auth: http => ({
    what: `credentials refused${http}`,
    fix: 'Check the username and password inputs (and the secrets they come from), and that this LXCA account may read jobs.'
  }),
  'not-found': http => ({
    what: `job not found${http}`,
    fix: 'Check job-id (and job-type for a bare ID): the job may belong to another appliance, or be too old to be kept.'
  }),
  tls: () => ({
    what: 'the TLS connection was refused',
    fix: "Set ca-certificate to the appliance's CA certificate (or its own certificate), or pin it with tls-fingerprint; the details say what was wrong."
  }),
  redirect: http => ({
    what: `the appliance redirected the request${http}`,
    fix: "Set host to the appliance's own HTTPS address; redirects are never followed with credentials."
  }),
  proxy: () => ({
    what: 'the proxy did not let the request through',
    fix: 'Check HTTPS_PROXY and NO_PROXY on the runner.'
  }),
  network: () => ({
    what: 'the appliance could not be reached',
    fix: 'Check host, and the network path from the runner (DNS, firewall, proxy).'
  }),
  timeout: () => ({
    what: 'the appliance did not answer in time',
    fix: 'The appliance may be overloaded: raise request-timeout, or max-retries for a flaky link.'
  }),
  http: http => ({
    what: `the appliance kept failing${http}`,
    fix: 'The appliance may be restarting: run again later, or raise max-retries.'
  }),
  body: () => NOT_UNDERSTOOD,
  shape: () => NOT_UNDERSTOOD,
  cancelled: () => ({ what: 'the wait was cancelled', fix: 'Run the workflow again.' })
}

/** What became of an upload that may have reached the appliance but got no usable answer. */
const UNANSWERED: Partial<Record<FaultKind, string>> = {
  network: 'the connection broke before the appliance answered',
  timeout: 'the appliance did not answer in time',
  body: 'the answer was cut off',
  cancelled: 'the upload was cancelled'
}

const NOT_UNDERSTOOD: Problem = {
  what: 'its answers were not understood',
  fix: 'Check that host is an XClarity Administrator and job-type matches the job; the last answer is in the report file.'
}

/** `startedByUpload`: the job is the one this step's upload started (job-id was not given). */
export function problemOf(cause: ErrorCause, startedByUpload = false): Problem {
  switch (cause.kind) {
    case 'empty':
      return {
        what: 'the job finished with no devices',
        fix: `LXCA reported no device for this job: check the import in ${MONITORING}.`
      }
    case 'unreported':
      return {
        what: 'a device finished without a result',
        fix: `Look at the job in ${MONITORING}; run again once every device has a result.`
      }
    case 'never-understood':
      return cause.lastFault ? faultProblem(cause.lastFault) : UNKNOWN
    case 'fault':
      if (startedByUpload && cause.fault.kind === 'not-found') {
        return {
          what: 'the job the upload started was not found',
          fix: `The import has probably started: find it in ${MONITORING} and pass its job as job-id; do not upload the file again.`
        }
      }
      return faultProblem(cause.fault)
    case 'retries':
      return faultProblem(cause.fault)
  }
}

const UNKNOWN: Problem = { what: 'the outcome is unknown', fix: 'The details below say what happened.' }

function faultProblem(fault: Pick<FaultFacts, 'kind' | 'httpStatus'>): Problem {
  return BY_FAULT[fault.kind](fault.httpStatus ? ` (HTTP ${fault.httpStatus})` : '')
}

/** Why a job could not be checked, or what the last request said before a timeout: the details line. */
export function reasonOf(outcome: JobOutcome, timeoutMs: number): string | undefined {
  const within = formatDuration(timeoutMs)
  const last = (fault: FaultFacts | undefined): string => (fault ? `; the last request failed: ${fault.message}` : '')
  if (outcome.status === 'timeout') return `the job did not finish within ${within}${last(outcome.lastFault)}`
  if (outcome.status !== 'error') return undefined
  const { cause } = outcome
  switch (cause.kind) {
    case 'fault':
      return cause.fault.message
    case 'retries':
      return `${plural(cause.count, 'request')} in a row failed (max-retries is ${cause.maxRetries}); the last: ${cause.fault.message}`
    case 'never-understood':
      return `no usable answer about the job within ${within}${last(cause.lastFault)}`
    case 'empty':
      return 'the job finished with no device results, so no device can be called ready'
    case 'unreported': {
      const missing = cause.devices.map(item => item.device.address)
      const named = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '')
      const subject = missing.length === 1 ? `device ${named} has` : `devices ${named} have`
      return `the job finished, but ${subject} no result, so neither success nor failure can be told`
    }
  }
}

/** Why the upload did not start an import, or the file was not validated. */
export function uploadProblemOf(upload: UploadOutcome): Problem | undefined {
  if (upload.status === 'failure') {
    return {
      what: 'the appliance refused the file',
      fix: 'Correct the CSV as the appliance says below, then validate it again.'
    }
  }
  if (upload.status !== 'error') return undefined
  const { cause } = upload
  switch (cause.kind) {
    case 'unreadable':
      return {
        what: "the appliance's answer could not be read",
        fix: 'Check that host is an XClarity Administrator; its answer is quoted in the details below.'
      }
    case 'no-job':
      return {
        what: 'the appliance named no job',
        fix: `Find the import in ${MONITORING} and pass its job as job-id; do not upload the file again.`
      }
    case 'may-have-started':
      return {
        what: upload.httpStatus
          ? `the appliance answered HTTP ${upload.httpStatus}`
          : (UNANSWERED[cause.fault?.kind ?? 'network'] ?? 'the upload got no answer'),
        fix: `Look for the import in ${MONITORING} before uploading again; if it is there, pass its job as job-id.`
      }
    case 'not-imported':
      return notImportedProblem(cause.fault, upload.httpStatus)
  }
}

function notImportedProblem(fault: FaultFacts | undefined, httpStatus: number | undefined): Problem {
  const refused = httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500
  if (refused && fault?.kind === 'http') {
    return {
      what: `the appliance refused the upload (HTTP ${httpStatus})`,
      fix: 'Check the CSV against what the appliance says below; validation-only: true checks a CSV without importing it.'
    }
  }
  return fault ? faultProblem({ kind: fault.kind, httpStatus }) : UNKNOWN
}
