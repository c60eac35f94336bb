// The engine shared by the GitHub Action (action/main.ts) and the command
// line (cli/main.ts): from validated settings to the upload's outcome, if any,
// and one outcome per job. It never touches @actions/core, the process or the
// environment; its callers hand it a log, a clock, a cancel signal and the
// run's secrets (which they mask and scrub).
//
// Time bound: every request, logins and the logout included, ends by
// timeout + request-timeout after the wait starts (with an upload, once its
// job exists), whatever the appliance does.
import type { Clock } from './common/clock.js'
import { formatDuration } from './common/duration.js'
import { PollFault } from './common/errors.js'
import type { Secrets } from './common/secrets.js'
import { worstStatus, type GateResult, type JobOutcome, type UploadOutcome } from './common/outcome.js'
import { percent, plural } from './common/text.js'
import { createTransport, type Transport } from './http/transport.js'
import { basicAuth, sessionAuth, type Authenticator } from './lxca/auth.js'
import { importUrl, LxcaClient } from './lxca/client.js'
import { jobUrl, type JobRef } from './lxca/job-ref.js'
import { pollJob } from './poll/poller.js'
import { startImport } from './poll/upload.js'
import { createChangeLog } from './poll/progress-log.js'
import type { Settings, Upload } from './settings/settings.js'

export interface GateLog {
  info(message: string): void
  warning(message: string, title: string): void
  debug(message: string): void
  /** Runs `body` as one foldable phase of the log. */
  group<T>(name: string, body: () => Promise<T>): Promise<T>
}

export interface GateDeps {
  readonly clock: Clock
  /** A number in [0, 1) for jitter. */
  readonly random: () => number
  /** Aborts every wait and request (workflow cancelled, Ctrl-C). */
  readonly signal: AbortSignal
  /** Every secret the run learns is added here before it can reach a log; the engine scrubs server text it cuts. */
  readonly secrets: Secrets
  /** Called as soon as an upload has started a job, before waiting for it (the Action writes the job-id output). */
  readonly onJobStarted?: (job: JobRef) => void
  /** Called once, when the first request has been answered or has failed (the Action loads @actions/core then). */
  readonly onFirstAnswer?: () => void
  readonly log: GateLog
  /** Replaces the network (tests). */
  readonly transport?: Transport
}

/** Logging out is a courtesy: it gets this long, and less when the run's time is nearly up. */
const LOGOUT_TIMEOUT_MS = 5_000
/** After a cancellation it must fit in the runner's grace period (SIGTERM follows SIGINT after 7.5 s). */
const LOGOUT_TIMEOUT_CANCELLED_MS = 500
/** Several jobs' first polls are spread over this much time (at most one poll interval). */
const SPREAD_MS = 5_000

export async function runGate(settings: Settings, deps: GateDeps): Promise<GateResult> {
  const { log, clock } = deps
  warnIfInsecure(settings, log)
  maskProxyCredentials(settings.proxy, deps.secrets)
  for (const secret of settings.upload?.file.secrets ?? []) deps.secrets.add(secret)
  // Nothing may run past this moment: the last poll at the deadline gets one request-timeout, no more.
  // With an upload, the wait (and so the moment) starts once the job exists.
  let hardStop = clock.now() + settings.timeoutMs + settings.requestTimeoutMs
  const network =
    deps.transport ??
    createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxy: settings.proxy })
  const transport = bounded(network, settings.requestTimeoutMs, () => hardStop - clock.now(), deps.onFirstAnswer)
  const client = new LxcaClient(transport, settings.baseUrl, authenticator(settings, transport, deps), deps.secrets)
  try {
    let jobs = settings.jobs
    let upload: UploadOutcome | undefined
    if (settings.upload) {
      upload = await uploadCsv(settings, settings.upload, client, deps)
      if (!upload.job || settings.upload.validationOnly) return { status: upload.status, jobs: [], upload }
      jobs = [upload.job]
      hardStop = clock.now() + settings.timeoutMs + settings.requestTimeoutMs
    }
    log.info(startLine(settings, jobs))
    const outcomes = await log.group(jobs.length > 1 ? `Polling ${jobs.length} jobs` : 'Polling the job', () =>
      Promise.all(jobs.map((job, index) => watchJob(job, index, jobs.length, client, settings, deps)))
    )
    return { status: worstStatus(outcomes.map(item => item.outcome.status)), jobs: outcomes, upload }
  } finally {
    // A fresh signal: logging out must still be tried after a cancellation, briefly.
    const budget = deps.signal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS
    await client.close(new AbortController().signal, budget)
  }
}

/** POST /csvRequest: the import's job (logged as soon as it is known), or why there is none. */
async function uploadCsv(
  settings: Settings,
  upload: Upload,
  client: LxcaClient,
  deps: GateDeps
): Promise<UploadOutcome> {
  const { log } = deps
  const { file, validationOnly } = upload
  const url = importUrl(settings.baseUrl, validationOnly).href
  log.info(
    `${validationOnly ? 'Validating' : 'Uploading'} ${file.name} (${plural(file.rows.length, 'device')}): POST ${url}`
  )
  const outcome = await log.group(validationOnly ? 'Validating the CSV' : 'Starting the import', () =>
    startImport({
      client,
      file: { name: file.name, bytes: file.bytes, rows: file.rows.length },
      validationOnly,
      clock: deps.clock,
      random: deps.random,
      signal: deps.signal,
      secrets: deps.secrets,
      maxRetries: settings.maxRetries,
      pollIntervalMs: settings.pollIntervalMs,
      onRetry: (fault, attempt, waitMs) =>
        log.info(
          `The upload never reached the appliance (${fault.message}); sending it again in ${formatDuration(waitMs)} (retry ${attempt} of at most ${settings.maxRetries}).`
        )
    })
  )
  if (outcome.job) {
    // Before anything else is said: whoever reads the log knows the job is in the outputs.
    deps.onJobStarted?.(outcome.job)
    log.info(`Import started: ${jobUrl(settings.baseUrl, outcome.job).href}`)
  } else if (validationOnly && outcome.status !== 'error')
    log.info(
      `Validation: ${outcome.status === 'success' ? 'the appliance accepted the file' : 'the appliance refused the file'}`
    )
  else if (outcome.reason) log.info(`The import was not started: ${outcome.reason}`)
  return outcome
}

/** Polls one job; with several, job k starts k/N of a poll wait later, so the appliance never sees bursts. */
async function watchJob(
  job: JobRef,
  index: number,
  count: number,
  client: LxcaClient,
  settings: Settings,
  deps: GateDeps
): Promise<JobOutcome> {
  const { log } = deps
  const several = count > 1
  const prefix = several ? `[job ${job.id}] ` : ''
  const changes = createChangeLog(deps.secrets, { now: () => deps.clock.now(), timeoutMs: settings.timeoutMs })
  const outcome = await pollJob({
    fetchJob: signal => client.getJob(job, signal),
    clock: deps.clock,
    random: deps.random,
    signal: deps.signal,
    timeoutMs: settings.timeoutMs,
    pollIntervalMs: settings.pollIntervalMs,
    maxRetries: settings.maxRetries,
    successResults: settings.successResults,
    startDelayMs: (index * Math.min(SPREAD_MS, settings.pollIntervalMs)) / count,
    onUpdate: (_job, assessment) => {
      log.debug(`${prefix}progress ${percent(assessment.progress)}, verdict ${assessment.verdict}`)
      for (const line of changes(assessment)) log.info(`${prefix}${line}`)
    },
    onRetry: (fault, consecutive, waitMs) =>
      log.info(
        `${prefix}Request failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}. Retrying in ${formatDuration(waitMs)}.`
      )
  })
  log.debug(`${prefix}outcome ${outcome.status} after ${outcome.polls} requests and ${outcome.retries} retries`)
  return { job, outcome }
}

/**
 * Every request's own deadline, cut to the time left before the hard stop:
 * a re-login at the last poll, or a slow logout, cannot stretch the run.
 */
function bounded(
  transport: Transport,
  requestTimeoutMs: number,
  timeLeft: () => number,
  onFirstAnswer?: () => void
): Transport {
  let answered = false
  return async (request, signal, timeoutMs = requestTimeoutMs) => {
    const left = Math.floor(timeLeft())
    if (left <= 0) {
      const what = `${request.method} ${request.url.pathname}`
      throw new PollFault('timeout', `${what}: no time left before the deadline`, false)
    }
    try {
      return await transport(request, signal, Math.min(timeoutMs, left))
    } finally {
      if (!answered) {
        answered = true
        onFirstAnswer?.()
      }
    }
  }
}

function authenticator(settings: Settings, transport: Transport, deps: GateDeps): Authenticator {
  const credentials = { username: settings.username, password: settings.password }
  if (settings.authMethod === 'basic') return basicAuth(credentials, deps.secrets)
  return sessionAuth(credentials, {
    transport,
    baseUrl: settings.baseUrl,
    secrets: deps.secrets,
    onLogin: () => deps.log.debug('Logging in (POST /sessions)')
  })
}

function warnIfInsecure(settings: Settings, log: GateLog): void {
  if (!settings.tls.insecure) return
  log.warning(
    settings.tls.fingerprint
      ? 'insecure-skip-tls-verify is on: the certificate chain and name are not verified; only the tls-fingerprint pin protects the credentials.'
      : "insecure-skip-tls-verify is on: the appliance's certificate is not verified, so anyone on the network path can read the credentials. Set ca-certificate or tls-fingerprint instead.",
    'TLS verification is off'
  )
}

/** The proxy password, raw and decoded, and the token built from it never reach a log. */
function maskProxyCredentials(proxy: URL | undefined, secrets: Secrets): void {
  if (!proxy?.password) return
  secrets.add(proxy.password)
  try {
    const password = decodeURIComponent(proxy.password)
    secrets.add(password)
    secrets.add(Buffer.from(`${decodeURIComponent(proxy.username)}:${password}`).toString('base64'))
  } catch {
    // Settings refuse a password that does not decode; nothing more to mask.
  }
}

function startLine(settings: Settings, jobs: readonly JobRef[]): string {
  const { baseUrl } = settings
  const what = jobs.length > 1 ? `${jobs.length} jobs on ${baseUrl.host}` : jobUrl(baseUrl, jobs[0]).href
  return (
    `Waiting for ${what}: timeout ${formatDuration(settings.timeoutMs)}, ` +
    `poll interval up to ${formatDuration(settings.pollIntervalMs)}, ${settings.authMethod} authentication` +
    (settings.proxy ? `, through proxy ${settings.proxy.host}` : '')
  )
}
