// The one fix for each fault a request can end in (TLS, credentials, a job
// that is not there, nothing answering at the address…), named the reader's
// way (the Action's inputs, or the command line's flags). The details say
// what happened; these say what to change, once.
import type { FaultFacts } from '../../outcome/job-outcome.js'
import { findsNothing } from '../../outcome/reachability.js'
import { Input } from '../../settings/input-output-names.js'
import type { Naming } from './naming.js'

export interface Problem {
  /** `credentials refused (HTTP 401)`. */
  readonly what: string
  /** One sentence: what to change or check. */
  readonly fix: string
  /** `what` is generic (an answer not understood): the particular reason must be said with it. */
  readonly withReason?: true
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

/**
 * The call a fault ended, for the role it needs: reading a job or the
 * inventory takes any LXCA role; an upload manages devices.
 */
export type Call = 'read' | 'upload'

const ROLE: Readonly<Record<Call, string>> = {
  read: 'any LXCA role may read jobs and the inventory (lxc-operator is enough)',
  upload: 'an upload manages devices, so its account needs a role that may (such as lxc-supervisor)'
}

/** What each fault means for the reader, and its one fix. */
export function faultProblem(fault: FaultFacts, n: Naming, call: Call = 'read'): Problem {
  const http = fault.httpStatus ? ` (HTTP ${fault.httpStatus})` : ''
  switch (fault.kind) {
    case 'auth': {
      const check = `Check ${n.credentials}; ${ROLE[call]}`
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
        withReason: true,
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

export const UNKNOWN: Problem = { what: 'the outcome is unknown', fix: 'The details below say what happened.' }
