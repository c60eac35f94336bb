// Why a job could not be checked (or an upload started no job), in a few
// words, the one fix for that cause, and the details: the first thing the
// person on call reads on "error". Read from the outcome's cause, never
// decided again. A fix is written once, for its cause, and names what to
// change the reader's way (the Action's inputs, or the command line's flags);
// the details say what happened and what the appliance said, never the fix.
import { formatDuration } from '../common/duration.js'
import { MONITORING, plural } from '../common/text.js'
import type { ErrorCause, FaultFacts, JobOutcome } from '../outcome/job-outcome.js'
import { findsNothing } from '../outcome/reachability.js'
import type { UploadOutcome } from '../outcome/upload-outcome.js'
import { Input } from '../settings/names.js'
import type { Naming } from './naming.js'

export interface Problem {
  /** `credentials refused (HTTP 401)`. */
  readonly what: string
  /** One sentence: what to change or check. */
  readonly fix: string
}

/** What a rejected certificate needs, by why it was rejected. */
function tlsProblem(code: string | undefined, n: Naming): Problem {
  const trust = `Set ${n.input(Input.CaCertificate)} to the appliance's CA certificate (or its own certificate), or pin it with ${n.input(Input.TlsFingerprint)}.`
  switch (code) {
    case 'expired':
    case 'unreadable-validity':
      return {
        what: "the appliance's certificate was rejected: it has expired",
        fix: "Renew the appliance's certificate, or correct the clock of the runner or of the appliance if it is wrong."
      }
    case 'not-yet-valid':
      return {
        what: "the appliance's certificate was rejected: it is not valid yet",
        fix: 'Correct the clock of the runner or of the appliance.'
      }
    case 'name':
      return {
        what: "the appliance's certificate was rejected: it does not name the host",
        fix: `Set ${n.input(Input.TlsServerName)} to a name the certificate carries (the details list them).`
      }
    case 'fingerprint':
      return {
        what: "the appliance's certificate was rejected: its fingerprint is not the pinned one",
        fix: `Check ${n.input(Input.TlsFingerprint)} against the appliance's certificate (openssl x509 -noout -fingerprint -sha256).`
      }
    case 'handshake':
      return { what: 'the TLS handshake failed', fix: `Point ${n.input(Input.Host)} at the appliance's HTTPS port.` }
    case 'plain-to-tls':
      return { what: 'the appliance answered http:// with TLS', fix: `Use https:// in ${n.input(Input.Host)}.` }
    case 'self-signed':
      return { what: "the appliance's certificate was rejected: it is self-signed", fix: trust }
    default:
      return { what: "the appliance's certificate was rejected: it is not trusted", fix: trust }
  }
}

/** What each fault means for the reader, and its one fix. */
function faultProblem(fault: FaultFacts, n: Naming): Problem {
  const http = fault.httpStatus ? ` (HTTP ${fault.httpStatus})` : ''
  switch (fault.kind) {
    case 'auth': {
      const check = `Check ${n.credentials}, and that this LXCA account may read jobs`
      const session =
        fault.code === 'basic'
          ? `; if they are right, the appliance may take sessions only: set ${n.input(Input.AuthMethod, 'session')}`
          : ''
      return { what: `credentials refused${http}`, fix: `${check}${session}.` }
    }
    case 'not-found':
      return {
        what: `job not found${http}`,
        fix: `Check ${n.input(Input.JobId)} (and ${n.input(Input.JobType)} for a bare ID): the job may belong to another appliance, or be too old to be kept.`
      }
    case 'tls':
      return tlsProblem(fault.code, n)
    case 'redirect':
      return {
        what: `the appliance redirected the request${http}`,
        fix: `Set ${n.input(Input.Host)} to the appliance's own HTTPS address; redirects are never followed with credentials.`
      }
    case 'proxy':
      return { what: 'the proxy did not let the request through', fix: 'Check HTTPS_PROXY and NO_PROXY on the runner.' }
    case 'network':
      return findsNothing(fault)
        ? nothingThere(fault, n)
        : {
            what: 'the appliance could not be reached',
            fix: `Check ${n.input(Input.Host)}, and the network path from the runner (DNS, firewall, proxy).`
          }
    case 'timeout':
      return {
        what: 'the appliance did not answer in time',
        fix: `The appliance may be overloaded: raise ${n.input(Input.RequestTimeout)}, or ${n.input(Input.MaxRetries)} for a flaky link.`
      }
    case 'http':
      return {
        what: `the appliance kept failing${http}`,
        fix: `The appliance may be restarting: run again later, or raise ${n.input(Input.MaxRetries)}.`
      }
    case 'body':
    case 'shape':
      return {
        what: 'its answers were not understood',
        fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator and ${n.input(Input.JobType)} matches the job; the last answer is in the report file.`
      }
    case 'cancelled':
      return { what: 'the wait was cancelled', fix: 'Run the workflow again.' }
  }
}

/** Refused, no route: nothing answers at the address. */
function nothingThere(fault: FaultFacts, n: Naming): Problem {
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    EHOSTUNREACH: 'no route to the host',
    ENETUNREACH: 'no route to the network',
    EHOSTDOWN: 'the host is down',
    EAI_AGAIN: 'the name does not resolve for now',
    ENOTFOUND: 'the name does not resolve'
  }
  return {
    what: `nothing answers at ${fault.endpoint ?? 'the address'} (${why[fault.code ?? ''] ?? fault.code})`,
    fix: `Check ${n.input(Input.Host)} and its port.`
  }
}

/** `startedByUpload`: the job is the one this step's upload started (job-id was not given). */
export function problemOf(cause: ErrorCause, startedByUpload: boolean, n: Naming): Problem {
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
      return cause.lastFault ? faultProblem(cause.lastFault, n) : UNKNOWN
    case 'fault':
      if (startedByUpload && cause.fault.kind === 'not-found') {
        return {
          what: 'the job the upload started was not found',
          fix: `The import has probably started: find it in ${MONITORING} and pass its job as ${n.input(Input.JobId)}; do not upload the file again.`
        }
      }
      return faultProblem(cause.fault, n)
    case 'retries':
    case 'unreachable':
      return faultProblem(cause.fault, n)
  }
}

const UNKNOWN: Problem = { what: 'the outcome is unknown', fix: 'The details below say what happened.' }

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
    case 'unreachable':
      return `nothing answered ${plural(cause.count, 'request')} in ${formatDuration(cause.forMs)}; the last: ${cause.fault.message}`
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

/** What became of an upload that may have reached the appliance but got no usable answer. */
const UNANSWERED: Partial<Record<FaultFacts['kind'], string>> = {
  network: 'the connection broke before the appliance answered',
  timeout: 'the appliance did not answer in time',
  body: 'the answer was cut off',
  cancelled: 'the upload was cancelled'
}

/** Why the upload did not start an import, or the file was not validated. */
export function uploadProblemOf(upload: UploadOutcome, n: Naming): Problem | undefined {
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
        fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator; its answer is quoted in the details below.`
      }
    case 'no-job':
      return {
        what: 'the appliance named no job',
        fix: `Find the import in ${MONITORING} and pass its job as ${n.input(Input.JobId)}; do not upload the file again.`
      }
    case 'may-have-started':
      return {
        what: upload.httpStatus
          ? `the appliance answered HTTP ${upload.httpStatus}`
          : (UNANSWERED[cause.fault?.kind ?? 'network'] ?? 'the upload got no answer'),
        fix: `Look for the import in ${MONITORING} before uploading again; if it is there, pass its job as ${n.input(Input.JobId)}.`
      }
    case 'not-imported':
      return notImportedProblem(cause.fault, upload.httpStatus, n)
  }
}

function notImportedProblem(fault: FaultFacts | undefined, httpStatus: number | undefined, n: Naming): Problem {
  if (fault?.kind === 'not-found') {
    return {
      what: `the appliance has no bulk import here${httpStatus ? ` (HTTP ${httpStatus})` : ''}`,
      fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator.`
    }
  }
  const refused = httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500
  if (refused && fault?.kind === 'http') {
    return {
      what: `the appliance refused the upload (HTTP ${httpStatus})`,
      fix: `Check the CSV against what the appliance says below; ${n.input(Input.ValidationOnly, 'true')} checks a CSV without importing it.`
    }
  }
  return fault ? faultProblem({ ...fault, httpStatus }, n) : UNKNOWN
}
