// Every cause of "could not check" a reader must act on, with the message the
// lower layers write for it, and the one remedy its Fix line must name: the
// Action's way and the command line's way.
import type { ErrorCause } from '../../src/outcome/job-outcome.js'
import { faultCause } from './outcomes.js'

export interface ErrorCase {
  readonly name: string
  readonly cause: ErrorCause
  /** What the Fix line must say, naming the Action's inputs. */
  readonly action: RegExp
  /** What the command line's Fix line must say, naming its flags and variables. */
  readonly cli: RegExp
}

const TLS = 'TLS verification of lxca.example.com:443 failed: '
const tls = (code: string, text: string): ErrorCause => faultCause('tls', `${TLS}${text}`, undefined, { code })

export const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: 'an expired certificate',
    cause: tls('expired', 'the certificate expired on Jan  1 00:00:00 2021 GMT'),
    action: /^Renew the appliance's certificate, or correct the clock/,
    cli: /^Renew the appliance's certificate, or correct the clock/
  },
  {
    name: 'a certificate not valid yet',
    cause: tls('not-yet-valid', 'the certificate is not valid yet (from Jan  1 00:00:00 2099 GMT)'),
    action: /^Correct the clock of the runner or of the appliance\.$/,
    cli: /^Correct the clock of the runner or of the appliance\.$/
  },
  {
    name: 'an untrusted CA',
    cause: tls('untrusted', 'the certificate was issued by a CA that is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'),
    action: /^Set ca-certificate to the appliance's CA certificate .*, or pin it with tls-fingerprint\.$/,
    cli: /^Set --ca-certificate \(LXCA_CA_CERTIFICATE\) .* --tls-fingerprint \(LXCA_TLS_FINGERPRINT\)\.$/
  },
  {
    name: 'a self-signed certificate',
    cause: tls('self-signed', 'the certificate is self-signed'),
    action: /^Set ca-certificate to .*tls-fingerprint\.$/,
    cli: /^Set --ca-certificate \(LXCA_CA_CERTIFICATE\)/
  },
  {
    name: 'a certificate for another name',
    cause: tls('name', 'the certificate does not name 10.0.0.5 (it names DNS:lxca.internal)'),
    action: /^Set tls-server-name to a name the certificate carries/,
    cli: /^Set --tls-server-name \(LXCA_TLS_SERVER_NAME\) to a name/
  },
  {
    name: 'a wrong pin',
    cause: tls('fingerprint', "the certificate's SHA-256 fingerprint AB:CD does not match tls-fingerprint"),
    action: /^Check tls-fingerprint against the appliance's certificate/,
    cli: /^Check --tls-fingerprint \(LXCA_TLS_FINGERPRINT\) against/
  },
  {
    name: 'http:// to a TLS port',
    cause: faultCause('tls', 'lxca.example.com:443 answered a plain http:// request with TLS', undefined, {
      code: 'plain-to-tls'
    }),
    action: /^Use https:\/\/ in host\.$/,
    cli: /^Use https:\/\/ in --host \(LXCA_HOST\)\.$/
  },
  {
    name: '401 with Basic',
    cause: faultCause(
      'auth',
      'GET /csvRequest/jobs/4229: the appliance refused the credentials (HTTP 401): The request requires user authentication',
      401,
      { code: 'basic' }
    ),
    action:
      /^Check the username and password inputs .*; if they are right, the appliance may take sessions only: set auth-method: session\.$/,
    cli: /^Check LXCA_USERNAME and LXCA_PASSWORD \(or --username and --password\).* set --auth-method session \(LXCA_AUTH_METHOD=session\)\.$/
  },
  {
    name: '401 with a session',
    cause: faultCause(
      'auth',
      'POST /sessions: the appliance refused the credentials (HTTP 401): Invalid credentials',
      401,
      { code: 'session' }
    ),
    action:
      /^Check the username and password inputs \(and the secrets they come from\); any LXCA role may read jobs and the inventory \(lxc-operator is enough\)\.$/,
    cli: /^Check LXCA_USERNAME and LXCA_PASSWORD \(or --username and --password\); any LXCA role may read jobs and the inventory \(lxc-operator is enough\)\.$/
  },
  {
    name: '404',
    cause: faultCause(
      'not-found',
      'job 4229 was not found at https://lxca.example.com/csvRequest/jobs/4229 (HTTP 404)',
      404
    ),
    action: /^Check job-id \(and job-type for a bare ID\)/,
    cli: /^Check --job-id \(LXCA_JOB_ID\) \(and --job-type \(LXCA_JOB_TYPE\) for a bare ID\)/
  },
  {
    name: 'nothing listening',
    cause: {
      kind: 'unreachable',
      count: 4,
      forMs: 30_000,
      fault: {
        kind: 'network',
        message: 'cannot connect to lxca.example.com:8443: connect ECONNREFUSED 10.0.0.5:8443 (ECONNREFUSED)',
        code: 'ECONNREFUSED',
        endpoint: 'lxca.example.com:8443'
      }
    },
    action: /^Check host and its port\.$/,
    cli: /^Check --host \(LXCA_HOST\) and its port\.$/
  }
]
