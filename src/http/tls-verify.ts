// The TLS decision, made by us on the handshake's result and before a single
// byte of HTTP (and so any credential) is written. Node's own verification is
// not used to reject, because it cannot (a) trust the appliance's own leaf
// certificate when it was issued by a CA the user does not have, nor (b)
// enforce a pin when chain checks are off: with `rejectUnauthorized: false`
// Node ignores `checkServerIdentity`'s verdict.
import { X509Certificate } from 'node:crypto'
import { checkServerIdentity, type PeerCertificate } from 'node:tls'

export interface TlsSettings {
  /** PEM certificates to trust instead of the system store (a CA or the appliance's own certificate). */
  readonly ca?: string
  /** Name to verify the certificate against, when `host` is an address the certificate does not list. */
  readonly serverName?: string
  /** Expected SHA-256 of the server certificate, `AB:CD:…` upper-case (Node's `fingerprint256` form). */
  readonly fingerprint?: string
  /** Skip chain and name verification (a `fingerprint`, when set, is still enforced). */
  readonly insecure: boolean
}

export interface TlsPolicy {
  /** PEM certificates to trust instead of the system store. */
  readonly ca?: string
  readonly insecure: boolean
  /** The name the certificate must carry: `tls-server-name`, else the host. */
  readonly verifyName: string
  /** Fingerprints of the `ca-certificate` certificates: a leaf among them is trusted as is. */
  readonly trustedCertificates: ReadonlySet<string>
  readonly fingerprint?: string
}

export function tlsPolicy(tls: TlsSettings, host: string): TlsPolicy {
  const trusted = new Set<string>()
  for (const block of tls.ca?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
    trusted.add(new X509Certificate(block).fingerprint256)
  }
  return {
    ca: tls.ca,
    insecure: tls.insecure,
    verifyName: tls.serverName ?? host,
    trustedCertificates: trusted,
    fingerprint: tls.fingerprint
  }
}

/** What the handshake established about the peer. */
export interface PeerFacts {
  /** The chain verified against the trusted CAs (names are checked separately). */
  readonly chainVerified: boolean
  /** OpenSSL's code when the chain did not verify, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  readonly chainError?: string
  readonly certificate: PeerCertificate
}

/** Why a certificate was rejected: each has its own fix. */
export type TlsProblem =
  | 'no-certificate'
  | 'self-signed'
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'unreadable-validity'
  | 'name'
  | 'fingerprint'
  | 'unverified'

/** What is wrong with the peer's certificate, in facts (the fix is the reader's: see report/model/fault-fixes.ts). */
export interface TlsRejection {
  readonly problem: TlsProblem
  readonly text: string
}

/** Undefined when the peer may be trusted; otherwise why not. */
export function verifyPeer(peer: PeerFacts, policy: TlsPolicy, nowMs = Date.now()): TlsRejection | undefined {
  const cert = peer.certificate
  if (!cert || !cert.fingerprint256) return { problem: 'no-certificate', text: 'the server presented no certificate' }
  if (!policy.insecure) {
    const pinnedByCa = policy.trustedCertificates.has(cert.fingerprint256)
    if (!peer.chainVerified && !pinnedByCa) return chainRejection(peer.chainError ?? 'UNKNOWN', cert)
    // Trusted as itself, the leaf skipped OpenSSL's checks: its validity period is ours to check.
    if (!peer.chainVerified) {
      const expired = validityRejection(cert, nowMs)
      if (expired) return expired
    }
    if (checkServerIdentity(policy.verifyName, cert)) {
      const names = cert.subjectaltname || cert.subject?.CN || 'nothing'
      return { problem: 'name', text: `the certificate does not name ${policy.verifyName} (it names ${names})` }
    }
  }
  if (policy.fingerprint && cert.fingerprint256 !== policy.fingerprint) {
    const text = `the certificate's SHA-256 fingerprint ${cert.fingerprint256} does not match tls-fingerprint`
    return { problem: 'fingerprint', text }
  }
  return undefined
}

function validityRejection(cert: PeerCertificate, nowMs: number): TlsRejection | undefined {
  const from = Date.parse(cert.valid_from)
  const to = Date.parse(cert.valid_to)
  const given = '(a certificate given as ca-certificate must be within its validity period)'
  const period = (rejection: TlsRejection): TlsRejection => ({ ...rejection, text: `${rejection.text} ${given}` })
  if (Number.isFinite(to) && nowMs > to) return period(chainRejection('CERT_HAS_EXPIRED', cert))
  if (Number.isFinite(from) && nowMs < from) return period(chainRejection('CERT_NOT_YET_VALID', cert))
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return { problem: 'unreadable-validity', text: `the certificate's validity period cannot be read ${given}` }
  return undefined
}

/** OpenSSL's verdict on the chain, as a problem and a sentence. */
export function chainRejection(code: string, cert?: PeerCertificate): TlsRejection {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return { problem: 'self-signed', text: 'the certificate is self-signed' }
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return { problem: 'untrusted', text: `the certificate was issued by a CA that is not trusted (${code})` }
    case 'CERT_HAS_EXPIRED':
      return { problem: 'expired', text: `the certificate expired${cert?.valid_to ? ` on ${cert.valid_to}` : ''}` }
    case 'CERT_NOT_YET_VALID':
      return {
        problem: 'not-yet-valid',
        text: `the certificate is not valid yet${cert?.valid_from ? ` (from ${cert.valid_from})` : ''}`
      }
    default:
      return { problem: 'unverified', text: `the certificate could not be verified (${code})` }
  }
}
