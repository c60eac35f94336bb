// The TLS inputs, in the forms people paste: a CA or the appliance's own
// certificate as PEM text (with `subject=…` lines or `openssl x509 -text`
// output around it) or as a file path; a SHA-256 fingerprint as openssl
// prints it. Error messages never echo certificate text.
import { X509Certificate } from 'node:crypto'
import type { TlsSettings } from '../http/tls-verify.js'
import { FileRefused, type FileReader } from './input-file.js'
import { Input } from './input-output-names.js'
import { shortValue } from '../common/text.js'
import type { InputReader } from './input-reader.js'

/** A CA bundle is a few kilobytes; a file larger than this is not one. */
const MAX_CA_BYTES = 1024 * 1024

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/

export function readTls(inputs: InputReader, readFile: FileReader): TlsSettings {
  const ca = readCa(inputs, readFile)
  const serverName = inputs.value(Input.TlsServerName) || undefined
  if (serverName !== undefined && !HOST_NAME.test(serverName)) {
    inputs.fail(
      Input.TlsServerName,
      `has an invalid value '${shortValue(serverName)}'. Expected the DNS name in the appliance's certificate, for example lxca.example.com.`
    )
  }
  const fingerprint = readFingerprint(inputs)
  const insecure = inputs.boolean(Input.InsecureSkipTlsVerify, false) ?? false
  return { ca, serverName, fingerprint, insecure }
}

/** The PEM blocks of the certificates given, joined; every one must parse. */
function readCa(inputs: InputReader, readFile: FileReader): string | undefined {
  const text = inputs.value(Input.CaCertificate)
  if (text === '') return undefined
  const form = 'Expected PEM text (-----BEGIN CERTIFICATE----- …) or the path of a PEM file.'
  let pem = text
  if (!text.includes('-----BEGIN')) {
    // Certificate-like text without a PEM block is not a path: never echo it.
    if (/[\r\n]/.test(text)) return inputs.fail(Input.CaCertificate, `contains no PEM certificate. ${form}`)
    try {
      pem = readFile(text, MAX_CA_BYTES).bytes.toString('utf8')
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error
      return inputs.fail(Input.CaCertificate, `names '${shortValue(text)}', which ${error.reason}. ${form}`)
    }
  }
  const blocks = pem.match(PEM_BLOCK)
  if (!blocks) return inputs.fail(Input.CaCertificate, `contains no certificate. ${form}`)
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      return inputs.fail(Input.CaCertificate, `contains a certificate that cannot be parsed. ${form}`)
    }
  }
  return blocks.join('\n')
}

/** 64 hex digits in any case, colons optional, or openssl's `sha256 Fingerprint=AB:…` line. */
function readFingerprint(inputs: InputReader): string | undefined {
  const text = inputs.value(Input.TlsFingerprint)
  if (!text) return undefined
  const hex = text.replace(/^sha-?256(?:\s*fingerprint)?\s*[=:/]?\s*/i, '').replace(/[\s:]/g, '')
  if (/^[0-9a-f]{64}$/i.test(hex)) return hex.toUpperCase().match(/../g)!.join(':')
  return inputs.fail(
    Input.TlsFingerprint,
    `has an invalid value '${shortValue(text)}'. Expected the certificate's SHA-256 fingerprint: 64 hex digits, colons optional, as openssl x509 -noout -fingerprint -sha256 prints it.`
  )
}
