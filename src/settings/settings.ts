// Every input is read and validated here, once, before any request is made.
// A bad value never reaches the network: all problems are collected and
// reported together, each naming the input and the form it expects.
import { X509Certificate } from 'node:crypto'
import { parseDuration, formatDuration } from '../common/duration.js'
import { InputError } from '../common/errors.js'
import { parseHost } from './host.js'
import { isJobType, parseJobRef, type JobRef, type JobType } from '../lxca/job-ref.js'
import { Input, type InputName } from './names.js'

export type AuthMethod = 'basic' | 'session'

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

export interface Settings {
  readonly baseUrl: URL
  readonly username: string
  readonly password: string
  /** One or more jobs, duplicates removed, in the order given. */
  readonly jobs: readonly JobRef[]
  readonly timeoutMs: number
  readonly pollIntervalMs: number
  readonly requestTimeoutMs: number
  readonly maxRetries: number
  /** Upper-cased; device results are compared case-insensitively. */
  readonly successResults: readonly string[]
  readonly authMethod: AuthMethod
  readonly tls: TlsSettings
}

/** Reads one input's raw value ('' when unset). */
export type InputReader = (name: InputName) => string
/** Reads a file as UTF-8 text (for `ca-certificate` given as a path). */
export type FileReader = (path: string) => string

export const DEFAULTS = {
  timeout: '60m',
  pollInterval: '15s',
  requestTimeout: '30s',
  maxRetries: '8',
  successResults: 'SUCCESS',
  authMethod: 'basic',
  jobType: 'csv'
} as const

const MINUTE = 60_000
/** LXCA takes at most 300 devices per CSV and 1,000 per appliance: 20 imports is already a lot. */
const MAX_JOBS = 20
const DURATION_FORM = 'a duration such as 500ms, 90s, 15m or 1h30m (a bare number is seconds)'

export function readSettings(read: InputReader, readFile: FileReader): Settings {
  const problems: string[] = []
  const fail = (name: InputName, message: string): undefined => {
    problems.push(`Input '${name}' ${message}`)
    return undefined
  }
  const value = (name: InputName, fallback = ''): string => read(name).trim() || fallback
  const required = (name: InputName, form: string): string | undefined => {
    const text = value(name)
    return text === '' ? fail(name, `is required. Expected ${form}.`) : text
  }

  const duration = (name: InputName, fallback: string, minMs: number, maxMs: number): number | undefined => {
    const text = value(name, fallback)
    const ms = parseDuration(text)
    if (ms === undefined) return fail(name, `has an invalid value '${clip(text)}'. Expected ${DURATION_FORM}.`)
    if (ms < minMs || ms > maxMs) {
      return fail(name, `must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)}; got '${clip(text)}'.`)
    }
    return ms
  }

  // --- where and what
  let baseUrl: URL | undefined
  const hostText = required(
    Input.Host,
    'the appliance address, for example lxca.example.com, 10.0.0.5:8443 or https://lxca.example.com'
  )
  if (hostText !== undefined) {
    const host = parseHost(hostText)
    if (host.ok) baseUrl = host.url
    else
      fail(
        Input.Host,
        `has an invalid value '${clip(hostText)}': ${host.reason}. Expected lxca.example.com, 10.0.0.5, host:8443 or https://host[:port].`
      )
  }

  let jobType: JobType = DEFAULTS.jobType
  const jobTypeText = value(Input.JobType, DEFAULTS.jobType).toLowerCase()
  if (isJobType(jobTypeText)) jobType = jobTypeText
  else fail(Input.JobType, `has an invalid value '${clip(jobTypeText)}'. Expected csv, manage or unmanage.`)

  const jobs: JobRef[] = []
  const jobText = required(
    Input.JobId,
    'the job ID returned by POST /csvRequest, for example 4229, or its path /csvRequest/jobs/4229'
  )
  for (const item of jobText?.split(/[\s,]+/).filter(Boolean) ?? []) {
    const job = parseJobRef(item, jobType)
    if (!job) {
      fail(
        Input.JobId,
        `has an invalid value '${clip(item)}'. Expected a job ID of letters, digits, '-' or '_' (for example 4229), or a job path or URL such as /csvRequest/jobs/4229; several are separated by commas, spaces or new lines.`
      )
    } else if (!jobs.some(known => known.id === job.id && known.type === job.type)) {
      jobs.push(job)
    }
  }
  if (jobs.length > MAX_JOBS)
    fail(Input.JobId, `lists ${jobs.length} jobs; at most ${MAX_JOBS} can be watched by one step.`)

  // --- who
  const username = required(Input.Username, 'the LXCA user name')
  if (username !== undefined && (username.includes(':') || hasControl(username))) {
    fail(Input.Username, "must not contain ':' or control characters (HTTP Basic cannot carry them).")
  }
  // The password is never echoed, not even in part.
  const password = required(Input.Password, 'the LXCA password, from a secret')
  if (password !== undefined && hasControl(password))
    fail(Input.Password, 'must not contain control characters such as line breaks.')

  let authMethod: AuthMethod = 'basic'
  const authText = value(Input.AuthMethod, DEFAULTS.authMethod).toLowerCase()
  if (authText === 'basic' || authText === 'session') authMethod = authText
  else fail(Input.AuthMethod, `has an invalid value '${clip(authText)}'. Expected basic or session.`)

  // --- when
  const timeoutMs = duration(Input.Timeout, DEFAULTS.timeout, 1000, 5 * 24 * 60 * MINUTE)
  const pollIntervalMs = duration(Input.PollInterval, DEFAULTS.pollInterval, 100, 60 * MINUTE)
  const requestTimeoutMs = duration(Input.RequestTimeout, DEFAULTS.requestTimeout, 100, 10 * MINUTE)

  let maxRetries: number | undefined
  const retriesText = value(Input.MaxRetries, DEFAULTS.maxRetries)
  if (/^\d{1,3}$/.test(retriesText) && Number(retriesText) <= 100) maxRetries = Number(retriesText)
  else fail(Input.MaxRetries, `has an invalid value '${clip(retriesText)}'. Expected a whole number from 0 to 100.`)

  // --- what counts as success
  const successResults = value(Input.SuccessResults, DEFAULTS.successResults)
    .split(',')
    .map(item => item.trim().toUpperCase())
    .filter(item => item !== '')
  if (successResults.length === 0 || !successResults.every(item => /^[A-Z0-9_]+$/.test(item))) {
    fail(
      Input.SuccessResults,
      `has an invalid value '${clip(value(Input.SuccessResults))}'. Expected comma-separated result names such as SUCCESS or SUCCESS,WARNING.`
    )
  }

  const tls = readTls(value, readFile, fail)

  if (problems.length > 0) throw new InputError(problems)
  return {
    baseUrl: baseUrl as URL,
    username: username as string,
    password: password as string,
    jobs,
    timeoutMs: timeoutMs as number,
    pollIntervalMs: pollIntervalMs as number,
    requestTimeoutMs: requestTimeoutMs as number,
    maxRetries: maxRetries as number,
    successResults,
    authMethod,
    tls
  }
}

type Fail = (name: InputName, message: string) => undefined

function readTls(value: (name: InputName) => string, readFile: FileReader, fail: Fail): TlsSettings {
  const ca = readCa(value(Input.CaCertificate), readFile, fail)

  const serverName = value(Input.TlsServerName) || undefined
  if (serverName !== undefined && !HOST_NAME.test(serverName)) {
    fail(
      Input.TlsServerName,
      `has an invalid value '${clip(serverName)}'. Expected the DNS name in the appliance's certificate, for example lxca.example.com.`
    )
  }

  let fingerprint: string | undefined
  const pinText = value(Input.TlsFingerprint)
  if (pinText) {
    const hex = pinText.replace(/^sha256[:/]?/i, '').replace(/[\s:]/g, '')
    if (/^[0-9a-f]{64}$/i.test(hex)) fingerprint = hex.toUpperCase().match(/../g)!.join(':')
    else
      fail(
        Input.TlsFingerprint,
        `has an invalid value '${clip(pinText)}'. Expected the certificate's SHA-256 fingerprint: 64 hex digits, colons optional (openssl x509 -noout -fingerprint -sha256).`
      )
  }

  let insecure = false
  const insecureText = value(Input.InsecureSkipTlsVerify) || 'false'
  if (/^(true|True|TRUE)$/.test(insecureText)) insecure = true
  else if (!/^(false|False|FALSE)$/.test(insecureText)) {
    fail(Input.InsecureSkipTlsVerify, `has an invalid value '${clip(insecureText)}'. Expected true or false.`)
  }
  return { ca, serverName, fingerprint, insecure }
}

function readCa(text: string, readFile: FileReader, fail: Fail): string | undefined {
  if (text === '') return undefined
  const form = 'Expected PEM text (-----BEGIN CERTIFICATE----- …) or the path of a PEM file.'
  let pem = text
  if (!text.startsWith('-----BEGIN')) {
    try {
      pem = readFile(text)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
      return fail(Input.CaCertificate, `names a file that cannot be read: '${clip(text)}' (${code}). ${form}`)
    }
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)
  if (!blocks) return fail(Input.CaCertificate, `contains no certificate. ${form}`)
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      return fail(Input.CaCertificate, `contains a certificate that cannot be parsed. ${form}`)
    }
  }
  return blocks.join('\n')
}

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/

function hasControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text)
}

/** Echo a bad value back, but never a wall of text. */
function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ')
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine
}
