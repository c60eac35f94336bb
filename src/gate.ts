// The engine shared by the GitHub Action (action/main.ts) and the command
// line (cli/main.ts): from validated settings to the upload's outcome, if
// any, and one outcome per job. It never touches @actions/core, the process
// or the environment; its callers hand it what gate-deps.ts lists.
//
// Time bound: every request, logins and the logout included, ends by
// timeout + request-timeout after the wait starts (with an upload, once its
// job exists), whatever the appliance does.
import { formatDuration } from './common/duration.js'
import { percent, plural } from './common/text.js'
import { boundedTransport } from './http/bounded.js'
import { createTransport } from './http/transport.js'
import { importUrl, startImport } from './import/upload.js'
import { LxcaClient } from './lxca/client.js'
import { jobUrl, type JobRef } from './lxca/job-ref.js'
import { deadlineFrom, type Deadline } from './outcome/deadline.js'
import { gateOutcome, type GateOutcome } from './outcome/gate-outcome.js'
import { withSource, type JobOutcome } from './outcome/job-outcome.js'
import type { UploadOutcome } from './outcome/upload-outcome.js'
import { pollJob } from './poll/poller.js'
import { createChangeLog } from './poll/progress-log.js'
import type { Settings, Upload } from './settings/settings.js'
import type { GateDeps } from './gate-deps.js'
import { addSettingsSecrets, authenticator, warnIfInsecure } from './gate-setup.js'

export type { GateDeps, GateLog } from './gate-deps.js'

/** Logging out is a courtesy: it gets this long, and less when the run's time is nearly up. */
const LOGOUT_TIMEOUT_MS = 5_000
/** After a cancellation it must fit in the runner's grace period (SIGTERM follows SIGINT after 7.5 s). */
const LOGOUT_TIMEOUT_CANCELLED_MS = 500
/** Several jobs' first polls are spread over this much time (at most one poll interval). */
const SPREAD_MS = 5_000

export async function runGate(settings: Settings, deps: GateDeps): Promise<GateOutcome> {
  const { log, clock } = deps
  warnIfInsecure(settings, log)
  addSettingsSecrets(settings, deps.secrets)
  // With an upload, the wait (and so its deadline) starts once the job exists; until then the upload
  // and the login before it are bounded as if the wait had started now.
  let deadline = deadlineFrom(clock.now(), settings.timeoutMs, settings.requestTimeoutMs)
  const network =
    deps.transport ??
    createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxy: settings.proxy })
  const left = (): number => deadline.hardStopAt - clock.now()
  const transport = boundedTransport(network, settings.requestTimeoutMs, left, deps.onFirstAnswer)
  const auth = authenticator(settings, transport, deps.secrets, log)
  const client = new LxcaClient(transport, settings.baseUrl, auth, deps.secrets)
  try {
    let jobs = settings.jobs
    let upload: UploadOutcome | undefined
    if (settings.upload) {
      upload = await uploadCsv(settings, settings.upload, client, deps)
      if (upload.status !== 'success' || !upload.job) return gateOutcome([], upload, deadline)
      jobs = [upload.job]
      deadline = deadlineFrom(clock.now(), settings.timeoutMs, settings.requestTimeoutMs)
    }
    log.info(startLine(settings, jobs))
    const waits = (): Promise<JobOutcome[]> =>
      Promise.all(jobs.map((job, index) => watchJob(job, index, jobs.length, client, settings, deps, deadline)))
    const outcomes = await log.group(jobs.length > 1 ? `Polling ${jobs.length} jobs` : 'Polling the job', waits)
    // The job an upload started is traced to the rows of its file: servers it does not list fail it.
    const file = settings.upload?.file
    const traced = file ? outcomes.map(outcome => withSource(outcome, file)) : outcomes
    return gateOutcome(traced, upload, deadline, settings.allowance)
  } finally {
    // A fresh signal: logging out must still be tried after a cancellation, briefly.
    const budget = deps.signal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS
    await client.close(new AbortController().signal, budget)
  }
}

/** POST /csvRequest: the import's job (written out and logged as soon as it is known), or why there is none. */
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
      baseUrl: settings.baseUrl,
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
  if (outcome.status === 'success' && outcome.job) {
    // Before anything else is said: whoever reads the log knows the job is in the outputs.
    deps.onJobStarted?.(outcome.job)
    log.info(`Import started: ${jobUrl(settings.baseUrl, outcome.job).href}`)
  } else if (validationOnly && (outcome.status === 'success' || outcome.status === 'failure')) {
    log.info(
      `Validation: ${outcome.status === 'success' ? 'the appliance accepted the file' : 'the appliance refused the file'}`
    )
  } else if (outcome.status === 'error') {
    log.info(`The import was not started: ${outcome.cause.reason}`)
  }
  return outcome
}

/** Polls one job; with several, job k starts k/N of a poll wait later, so the appliance never sees bursts. */
async function watchJob(
  job: JobRef,
  index: number,
  count: number,
  client: LxcaClient,
  settings: Settings,
  deps: GateDeps,
  deadline: Deadline
): Promise<JobOutcome> {
  const { log } = deps
  const prefix = count > 1 ? `[job ${job.id}] ` : ''
  const changes = createChangeLog(deps.secrets, { now: () => deps.clock.now(), deadline })
  const outcome = await pollJob({
    job,
    fetchJob: signal => client.getJob(job, signal),
    clock: deps.clock,
    random: deps.random,
    signal: deps.signal,
    deadline,
    pollIntervalMs: settings.pollIntervalMs,
    maxRetries: settings.maxRetries,
    successResults: settings.successResults,
    startDelayMs: (index * Math.min(SPREAD_MS, settings.pollIntervalMs)) / count,
    onUpdate: (_document, assessment) => {
      log.debug(`${prefix}progress ${percent(assessment.progress)}, verdict ${assessment.verdict}`)
      for (const line of changes(assessment)) log.info(`${prefix}${line}`)
    },
    onRetry: (fault, consecutive, waitMs) =>
      log.info(
        `${prefix}Request failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}. Retrying in ${formatDuration(waitMs)}.`
      )
  })
  log.debug(
    `${prefix}outcome ${outcome.status} after ${outcome.wait.polls} requests and ${outcome.wait.retries} retries`
  )
  return outcome
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
