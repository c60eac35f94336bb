// Every input is read and validated here, once, before any request is made.
// A bad value never reaches the network: all problems are collected and
// reported together, each naming the input and the form it expects.
import { InputError } from '../common/errors.js'
import { jobTextHost, parseJobRef, type JobRef, type JobType } from '../lxca/job-ref.js'
import { parseHost } from './host.js'
import { Input } from './input-output-names.js'
import type { CsvFile } from '../import/csv.js'
import { partsOf, type CsvPart } from '../import/csv-parts.js'
import { MAX_PARTS, readCsvFiles } from './csv-file.js'
import { shortValue } from '../common/text.js'
import { InputReader, type InputSource } from './input-reader.js'
import { readProxy, type ProxyEnvironment } from './proxy.js'
import type { InputFiles } from './input-file.js'
import type { TlsSettings } from '../http/tls-verify.js'
import { readTls } from './tls-inputs.js'
import type { Allowance } from '../outcome/allowance.js'
import { readAllowance } from './allowance-input.js'

export type { FileFinder, FileReader, InputFiles } from './input-file.js'
export type { TlsSettings } from '../http/tls-verify.js'
export type { InputSource } from './input-reader.js'

export type AuthMethod = 'basic' | 'session'

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
  /** The CONNECT proxy to the appliance, from the environment; undefined to connect directly. */
  readonly proxy?: URL
  /** With csv-file: the import to start (or only validate) instead of jobs to watch. */
  readonly upload?: Upload
  /** allowed-failures: devices that may fail while the step passes as `partial`; undefined for none. */
  readonly allowance?: Allowance
  /** What the appliance's inventory decides; undefined: nothing (as a test's hand-made settings). */
  readonly inventory?: InventorySettings
}

export interface InventorySettings {
  /** skip-managed: with csv-file, rows whose device is managed here (and Online) are not uploaded. */
  readonly skipManaged: boolean
  /** verify-inventory: a device the job calls successful must be in the inventory, Online. */
  readonly verify: boolean
  /** inventory-wait: how long a device may take to appear Online after its job. */
  readonly waitMs: number
}

export interface Upload {
  /** The files, in order: each pattern's matches sorted. */
  readonly files: readonly CsvFile[]
  /** Their rows cut into parts of at most 300, in order: one upload and one job each. */
  readonly parts: readonly CsvPart[]
  /** POST /csvRequest?validationOnly=true: check the CSV, import nothing, wait for nothing. */
  readonly validationOnly: boolean
}

export const DEFAULTS = {
  timeout: '60m',
  pollInterval: '15s',
  requestTimeout: '30s',
  maxRetries: '8',
  successResults: 'SUCCESS',
  authMethod: 'basic',
  jobType: 'csv',
  inventoryWait: '5m'
} as const

const MINUTE = 60_000
/** LXCA takes at most 300 devices per CSV and 1,000 per appliance: 20 imports is already a lot. */
const MAX_JOBS = 20
const HOST_FORM = 'Expected lxca.example.com, 10.0.0.5, host:8443 or https://host[:port].'

/** `files` reads the files inputs name (and, with `find`, expands glob patterns in csv-file). */
export function readSettings(source: InputSource, files: InputFiles, environment?: ProxyEnvironment): Settings {
  const inputs = new InputReader(source)
  const baseUrl = readBaseUrl(inputs)
  const upload = readUpload(inputs, files)
  const jobs = upload || inputs.value(Input.CsvFile) ? [] : readJobs(inputs, baseUrl)
  const username = readUsername(inputs)
  // The password is never echoed, not even in part.
  const password = inputs.required(Input.Password, 'the LXCA password, from a secret')
  if (password !== undefined && hasControl(password)) {
    inputs.fail(Input.Password, 'must not contain control characters such as line breaks.')
  }
  const authMethod = inputs.choice<AuthMethod>(Input.AuthMethod, 'basic', ['basic', 'session'])
  const timeoutMs = inputs.duration(Input.Timeout, DEFAULTS.timeout, 1000, 5 * 24 * 60 * MINUTE)
  const pollIntervalMs = inputs.duration(Input.PollInterval, DEFAULTS.pollInterval, 100, 60 * MINUTE)
  const requestTimeoutMs = inputs.duration(Input.RequestTimeout, DEFAULTS.requestTimeout, 100, 10 * MINUTE)
  const maxRetries = readMaxRetries(inputs)
  const successResults = readSuccessResults(inputs)
  const tls = readTls(inputs, files.readTrusted)
  const proxy = baseUrl && environment ? readProxy(baseUrl, environment, inputs) : undefined
  const allowance = readAllowance(inputs)
  const inventory = readInventorySettings(inputs)

  if (inputs.problems.length > 0) throw new InputError(inputs.problems)
  // Every value below was checked: a problem would have been thrown above.
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
    authMethod: authMethod as AuthMethod,
    tls,
    proxy,
    upload,
    allowance,
    inventory: inventory as InventorySettings
  }
}

function readInventorySettings(inputs: InputReader): InventorySettings | undefined {
  const skipManaged = inputs.boolean(Input.SkipManaged, true)
  const verify = inputs.boolean(Input.VerifyInventory, true)
  const waitMs = inputs.duration(Input.InventoryWait, DEFAULTS.inventoryWait, 0, 24 * 60 * MINUTE)
  if (skipManaged === undefined || verify === undefined || waitMs === undefined) return undefined
  return { skipManaged, verify, waitMs }
}

/** Exactly one of csv-file and job-id says what to wait for; validation-only goes with csv-file. */
function readUpload(inputs: InputReader, files: InputFiles): Upload | undefined {
  const csvGiven = inputs.value(Input.CsvFile) !== ''
  const jobGiven = inputs.value(Input.JobId) !== ''
  const validationOnly = inputs.boolean(Input.ValidationOnly, false)
  if (csvGiven && jobGiven) {
    inputs.fail(
      Input.CsvFile,
      'and job-id are both set. Expected one of them: csv-file to start the import here, or job-id to wait for one started elsewhere.'
    )
    return undefined
  }
  if (!csvGiven && !jobGiven) {
    inputs.fail(
      Input.JobId,
      'is required, or csv-file. Expected csv-file (the bulk-import CSV to upload) or job-id (the job of an import started elsewhere, for example 4229).'
    )
    return undefined
  }
  if (validationOnly && !csvGiven) {
    inputs.fail(Input.ValidationOnly, 'needs csv-file: it validates a CSV file on the appliance without importing it.')
  }
  const csvFiles = csvGiven ? readCsvFiles(inputs, files) : undefined
  if (!csvFiles || validationOnly === undefined) return undefined
  const parts = partsOf(csvFiles)
  if (parts.length > MAX_PARTS) {
    const devices = csvFiles.reduce((sum, file) => sum + file.rows.length, 0)
    inputs.fail(
      Input.CsvFile,
      `lists ${devices.toLocaleString('en-US')} devices: ${parts.length} parts of at most 300, one job each; at most ${MAX_PARTS} parts (${(MAX_PARTS * 300).toLocaleString('en-US')} devices) can be imported by one step.`
    )
    return undefined
  }
  return { files: csvFiles, parts, validationOnly }
}

function readBaseUrl(inputs: InputReader): URL | undefined {
  const text = inputs.required(
    Input.Host,
    'the appliance address, for example lxca.example.com, 10.0.0.5:8443 or https://lxca.example.com'
  )
  if (text === undefined) return undefined
  const host = parseHost(text)
  if (host.ok) return host.url
  return inputs.fail(Input.Host, `has an invalid value '${shortValue(text)}': ${host.reason}. ${HOST_FORM}`)
}

function readJobs(inputs: InputReader, baseUrl: URL | undefined): JobRef[] {
  const jobType = inputs.choice<JobType>(Input.JobType, DEFAULTS.jobType, ['csv', 'manage', 'unmanage'])
  const text = inputs.value(Input.JobId)
  const jobs: JobRef[] = []
  for (const item of text?.split(/[\s,]+/).filter(Boolean) ?? []) {
    const job = parseJobRef(item, jobType ?? DEFAULTS.jobType)
    const host = jobTextHost(item)
    if (!job) {
      inputs.fail(
        Input.JobId,
        `has an invalid value '${shortValue(item)}'. Expected a job ID of letters, digits, '-' or '_' (for example 4229), or a job path or URL such as /csvRequest/jobs/4229; several are separated by commas, spaces or new lines.`
      )
    } else if (baseUrl && host !== undefined && host !== baseUrl.host) {
      // Only the ID is used, on `host`: a URL naming another appliance would watch the wrong job.
      inputs.fail(
        Input.JobId,
        `names the appliance ${shortValue(host)} in '${shortValue(item)}', but host is ${baseUrl.host}. Give the job of the appliance in host, or its bare ID.`
      )
    } else if (!jobs.some(known => known.id === job.id && known.type === job.type)) {
      jobs.push(job)
    }
  }
  if (jobs.length > MAX_JOBS) {
    inputs.fail(Input.JobId, `lists ${jobs.length} jobs; at most ${MAX_JOBS} can be watched by one step.`)
  }
  return jobs
}

function readUsername(inputs: InputReader): string | undefined {
  const username = inputs.required(Input.Username, 'the LXCA user name')
  if (username !== undefined && (username.includes(':') || hasControl(username))) {
    return inputs.fail(Input.Username, "must not contain ':' or control characters (HTTP Basic cannot carry them).")
  }
  return username
}

function readMaxRetries(inputs: InputReader): number | undefined {
  const text = inputs.value(Input.MaxRetries, DEFAULTS.maxRetries)
  if (/^\d{1,3}$/.test(text) && Number(text) <= 100) return Number(text)
  return inputs.fail(
    Input.MaxRetries,
    `has an invalid value '${shortValue(text)}'. Expected a whole number from 0 to 100.`
  )
}

function readSuccessResults(inputs: InputReader): string[] {
  const text = inputs.value(Input.SuccessResults, DEFAULTS.successResults)
  const results = text
    .split(',')
    .map(item => item.trim().toUpperCase())
    .filter(item => item !== '')
  if (results.length === 0 || !results.every(item => /^[A-Z0-9_]+$/.test(item))) {
    inputs.fail(
      Input.SuccessResults,
      `has an invalid value '${shortValue(text)}'. Expected comma-separated result names such as SUCCESS or SUCCESS,WARNING.`
    )
  }
  return results
}

function hasControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text)
}
