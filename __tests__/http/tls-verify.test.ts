import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import type { PeerCertificate } from 'node:tls'
import { CERT_DIR } from '../../src/simulator/server.js'
import { chainRejection, tlsPolicy, verifyPeer } from '../../src/http/tls-verify.js'

const pem = (name: string): string => readFileSync(`${CERT_DIR}${name}.pem`, 'utf8')
const LOOPBACK_FP = new X509Certificate(pem('loopback')).fingerprint256

/** The parts of Node's PeerCertificate that verification reads. */
function peer(overrides: Partial<PeerCertificate> = {}): PeerCertificate {
  return {
    subject: { CN: 'localhost' },
    subjectaltname: 'DNS:localhost, IP Address:127.0.0.1, DNS:lxca.internal',
    fingerprint256: LOOPBACK_FP,
    valid_from: 'Nov 27 10:38:38 2026 GMT',
    valid_to: 'Nov  3 10:38:38 2126 GMT',
    ...overrides
  } as PeerCertificate
}

const noTls = { insecure: false }

describe('verifyPeer', () => {
  it('trusts a verified chain that names the host', () => {
    expect(verifyPeer({ chainVerified: true, certificate: peer() }, tlsPolicy(noTls, '127.0.0.1'))).toBeUndefined()
  })

  it('refuses an unverified chain, saying why in facts (the fix is the reader’s)', () => {
    const problem = verifyPeer(
      { chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', certificate: peer() },
      tlsPolicy(noTls, '127.0.0.1')
    )
    expect(problem).toEqual({ problem: 'self-signed', text: 'the certificate is self-signed' })
  })

  it("trusts the appliance's own certificate given as ca-certificate even when its issuer is unknown", () => {
    const policy = tlsPolicy({ insecure: false, ca: pem('loopback') }, '127.0.0.1')
    expect(
      verifyPeer({ chainVerified: false, chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', certificate: peer() }, policy)
    ).toBeUndefined()
  })

  it('refuses a trusted leaf outside its validity period, and says why', () => {
    const policy = tlsPolicy({ insecure: false, ca: pem('loopback') }, '127.0.0.1')
    const facts = { chainVerified: false, chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }
    const expired = peer({ valid_from: 'Jan  1 00:00:00 2020 GMT', valid_to: 'Jan  1 00:00:00 2021 GMT' })
    expect(verifyPeer({ ...facts, certificate: expired }, policy)).toEqual({
      problem: 'expired',
      text: 'the certificate expired on Jan  1 00:00:00 2021 GMT (a certificate given as ca-certificate must be within its validity period)'
    })
    const future = peer({ valid_from: 'Jan  1 00:00:00 2100 GMT', valid_to: 'Jan  1 00:00:00 2200 GMT' })
    expect(verifyPeer({ ...facts, certificate: future }, policy)?.problem).toBe('not-yet-valid')
    // The same instant the certificate becomes valid is inside the period.
    const now = Date.parse('Jan  1 00:00:00 2020 GMT')
    expect(verifyPeer({ ...facts, certificate: expired }, policy, now)).toBeUndefined()
  })

  it('checks the name, listing the names the certificate carries', () => {
    const problem = verifyPeer({ chainVerified: true, certificate: peer() }, tlsPolicy(noTls, '10.0.0.5'))
    expect(problem).toEqual({
      problem: 'name',
      text: 'the certificate does not name 10.0.0.5 (it names DNS:localhost, IP Address:127.0.0.1, DNS:lxca.internal)'
    })
    expect(
      verifyPeer(
        { chainVerified: true, certificate: peer() },
        tlsPolicy({ insecure: false, serverName: 'lxca.internal' }, '10.0.0.5')
      )
    ).toBeUndefined()
  })

  it('enforces a pin in addition to the chain', () => {
    const wrong = Array(32).fill('00').join(':')
    expect(
      verifyPeer(
        { chainVerified: true, certificate: peer() },
        tlsPolicy({ insecure: false, fingerprint: wrong }, '127.0.0.1')
      )?.problem
    ).toBe('fingerprint')
    expect(
      verifyPeer(
        { chainVerified: true, certificate: peer() },
        tlsPolicy({ insecure: false, fingerprint: LOOPBACK_FP }, '127.0.0.1')
      )
    ).toBeUndefined()
  })

  it('with insecure, skips chain and name but still enforces the pin', () => {
    const bad = { chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', certificate: peer() }
    expect(verifyPeer(bad, tlsPolicy({ insecure: true }, '10.0.0.5'))).toBeUndefined()
    expect(
      verifyPeer(bad, tlsPolicy({ insecure: true, fingerprint: Array(32).fill('AB').join(':') }, '10.0.0.5'))?.text
    ).toMatch(/does not match/)
  })

  it('refuses a peer without a certificate', () => {
    expect(
      verifyPeer({ chainVerified: false, certificate: {} as PeerCertificate }, tlsPolicy({ insecure: true }, 'h'))
    ).toEqual({ problem: 'no-certificate', text: 'the server presented no certificate' })
  })
})

describe('chainRejection', () => {
  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', 'untrusted', /issued by a CA that is not trusted/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted', /issued by a CA that is not trusted/],
    ['CERT_HAS_EXPIRED', 'expired', /expired on Nov/],
    ['CERT_NOT_YET_VALID', 'not-yet-valid', /not valid yet/],
    ['SOMETHING_NEW', 'unverified', /could not be verified \(SOMETHING_NEW\)/]
  ])('%s', (code, problem, text) => {
    const rejection = chainRejection(code, peer({ valid_from: 'Nov 1 2026' } as Partial<PeerCertificate>))
    expect(rejection.problem).toBe(problem)
    expect(rejection.text).toMatch(text)
  })
})
