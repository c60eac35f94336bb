// Why a job could not be checked (or an upload started no job), in a few words,
// and what to do about it: the first thing the person on call reads on "error".
import type { FaultKind } from '../common/errors.js'
import type { PollOutcome, UploadOutcome } from '../common/outcome.js'
import { MONITORING } from '../common/text.js'

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
export function problemOf(outcome: PollOutcome, startedByUpload = false): Problem {
  const verdict = outcome.assessment?.verdict
  if (startedByUpload && outcome.faultKind === 'not-found') {
    return {
      what: 'the job the upload started was not found',
      fix: `The import has probably started: find it in ${MONITORING} and pass its job as job-id; do not upload the file again.`
    }
  }
  if (verdict === 'empty') {
    return {
      what: 'the job finished with no devices',
      fix: `LXCA reported no device for this job: check the import in ${MONITORING}.`
    }
  }
  if (verdict === 'unreported') {
    return {
      what: 'a device finished without a result',
      fix: `Look at the job in ${MONITORING}; run again once every device has a result.`
    }
  }
  const describe = outcome.faultKind && BY_FAULT[outcome.faultKind]
  if (!describe) return { what: 'the outcome is unknown', fix: 'The details below say what happened.' }
  return describe(outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : '')
}

/** Why the upload did not start an import, or the file was not validated. */
export function uploadProblemOf(upload: UploadOutcome): Problem {
  const http = upload.httpStatus ? ` (HTTP ${upload.httpStatus})` : ''
  if (upload.status === 'failure') {
    return {
      what: 'the appliance refused the file',
      fix: 'Correct the CSV as the appliance says below, then validate it again.'
    }
  }
  if (upload.faultKind === 'shape' && upload.validationOnly) {
    return {
      what: "the appliance's answer could not be read",
      fix: 'Check that host is an XClarity Administrator; its answer is quoted in the details below.'
    }
  }
  if (upload.faultKind === 'shape') {
    return {
      what: 'the appliance named no job',
      fix: `Find the import in ${MONITORING} and pass its job as job-id; do not upload the file again.`
    }
  }
  if (upload.mayHaveStarted) {
    return {
      what: upload.httpStatus
        ? `the appliance answered HTTP ${upload.httpStatus}`
        : (UNANSWERED[upload.faultKind ?? 'network'] ?? 'the upload got no answer'),
      fix: `Look for the import in ${MONITORING} before uploading again; if it is there, pass its job as job-id.`
    }
  }
  const refused = upload.httpStatus !== undefined && upload.httpStatus >= 400 && upload.httpStatus < 500
  if (refused && upload.faultKind === 'http') {
    return {
      what: `the appliance refused the upload${http}`,
      fix: 'Check the CSV against what the appliance says below; validation-only: true checks a CSV without importing it.'
    }
  }
  return problemOf({
    status: 'error',
    faultKind: upload.faultKind,
    httpStatus: upload.httpStatus,
    polls: 0,
    retries: 0,
    elapsedMs: 0
  })
}
