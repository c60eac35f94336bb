// Why a job could not be checked, in a few words, and what to do about it:
// the first thing the person on call reads when the gate says "error".
import type { PollOutcome, UploadOutcome } from '../common/outcome.js'
import { MONITORING } from '../common/text.js'

export interface Problem {
  /** `credentials refused (HTTP 401)`. */
  readonly what: string
  /** One sentence: what to change or check. */
  readonly fix: string
}

export function problemOf(outcome: PollOutcome): Problem {
  const http = outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''
  const verdict = outcome.assessment?.verdict
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
  switch (outcome.faultKind) {
    case 'auth':
      return {
        what: `credentials refused${http}`,
        fix: 'Check the username and password inputs (and the secrets they come from), and that this LXCA account may read jobs.'
      }
    case 'not-found':
      return {
        what: `job not found${http}`,
        fix: 'Check job-id (and job-type for a bare ID): the job may belong to another appliance, or be too old to be kept.'
      }
    case 'tls':
      return {
        what: 'the TLS connection was refused',
        fix: "Set ca-certificate to the appliance's CA certificate (or its own certificate), or pin it with tls-fingerprint; the details say what was wrong."
      }
    case 'redirect':
      return {
        what: `the appliance redirected the request${http}`,
        fix: "Set host to the appliance's own HTTPS address; redirects are never followed with credentials."
      }
    case 'proxy':
      return { what: 'the proxy did not let the request through', fix: 'Check HTTPS_PROXY and NO_PROXY on the runner.' }
    case 'network':
      return {
        what: 'the appliance could not be reached',
        fix: 'Check host, and the network path from the runner (DNS, firewall, proxy).'
      }
    case 'timeout':
      return {
        what: 'the appliance did not answer in time',
        fix: 'The appliance may be overloaded: raise request-timeout, or max-retries for a flaky link.'
      }
    case 'http':
      return {
        what: `the appliance kept failing${http}`,
        fix: 'The appliance may be restarting: run again later, or raise max-retries.'
      }
    case 'body':
    case 'shape':
      return {
        what: 'its answers were not understood',
        fix: 'Check that host is an XClarity Administrator and job-type matches the job; the last answer is in the report file.'
      }
    default:
      return { what: 'the outcome is unknown', fix: 'The details below say what happened.' }
  }
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
  if (upload.faultKind === 'shape') {
    return { what: 'the appliance named no job', fix: `Find the import in ${MONITORING} and pass its job as job-id.` }
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
