// The engine shared by the GitHub Action (action/main.ts) and the command
// line (cli/main.ts): from validated settings to the upload's outcome, if
// any, and one outcome per job. It never touches @actions/core, the process
// or the environment; its callers hand it what gate-deps.ts lists.
//
// Time bound: every request, logins and the logout included, ends by
// timeout + request-timeout after the wait starts (with an upload, once its
// job exists), whatever the appliance does.
import { formatDuration } from '../common/duration.js'
import { percent } from '../common/text.js'
import { boundedTransport } from '../http/bounded.js'
import { createTransport } from '../http/transport.js'
import { LxcaClient } from '../lxca/client.js'
import type { JobRef } from '../lxca/job-ref.js'
import { deadlineFrom, type Deadline } from '../outcome/deadline.js'
import { gateOutcome, type GateOutcome } from '../outcome/gate-outcome.js'
import type { JobOutcome } from '../outcome/job-outcome.js'
import { pollJob } from '../poll/poller.js'
import { createChangeLog, createHeartbeat, type Heartbeat } from '../poll/progress-log.js'
import type { Settings } from '../settings/settings.js'
import { notingLog, type GateDeps } from './gate-deps.js'
import { addSettingsSecrets, authenticator, startLine, warnIfInsecure } from './gate-setup.js'
import { importParts, type WatchJob } from './import-parts.js'
import { verifiedJobs } from './inventory-steps.js'

export type { GateDeps, GateLog } from './gate-deps.js'

/** Logging out is a courtesy: it gets this long, and less when the run's time is nearly up. */
const LOGOUT_TIMEOUT_MS = 5_000
/** After a cancellation it must fit in the runner's grace period (SIGTERM follows SIGINT after 7.5 s). */
const LOGOUT_TIMEOUT_CANCELLED_MS = 500
/** Several jobs' first polls are spread over this much time (at most one poll interval). */
const SPREAD_MS = 5_000

export async function runGate(settings: Settings, given: GateDeps): Promise<GateOutcome> {
  const { clock } = given
  // With an upload, the wait (and so its deadline) starts once the job exists; until then the upload
  // and the login before it are bounded as if the wait had started now.
  const timing = { deadline: deadlineFrom(clock.now(), settings.timeoutMs, settings.requestTimeoutMs) }
  // One heartbeat for the whole run: any line logged resets it, a part that starts does not.
  const heartbeat = createHeartbeat(
    () => clock.now(),
    () => timing.deadline
  )
  const log = notingLog(given.log, at => (heartbeat.lastLineAt = at), heartbeat.now)
  const deps: GateDeps = { ...given, log }
  warnIfInsecure(settings, log)
  addSettingsSecrets(settings, deps.secrets)
  const network =
    deps.transport ??
    createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxy: settings.proxy })
  const left = (): number => timing.deadline.hardStopAt - clock.now()
  const transport = boundedTransport(network, settings.requestTimeoutMs, left, deps.onFirstAnswer)
  const auth = authenticator(settings, transport, deps.secrets, log)
  const client = new LxcaClient(transport, settings.baseUrl, auth, deps.secrets)
  try {
    if (settings.upload) {
      const watch: WatchJob = (job, deadline, untilComplete) =>
        watchJob(job, { index: 0, count: 1, untilComplete }, client, settings, { ...deps, heartbeat }, deadline)
      return await importParts(settings, settings.upload, { client, deps, timing, watch })
    }
    const { jobs } = settings
    const { deadline } = timing
    log.info(startLine(settings, jobs))
    const waits = (): Promise<JobOutcome[]> =>
      Promise.all(
        jobs.map((job, index) =>
          watchJob(
            job,
            { index, count: jobs.length, untilComplete: false },
            client,
            settings,
            { ...deps, heartbeat },
            deadline
          )
        )
      )
    const outcomes = await log.group(jobs.length > 1 ? `Polling ${jobs.length} jobs` : 'Polling the job', waits)
    if (!settings.inventory?.verify) return gateOutcome(outcomes, undefined, deadline, settings.allowance)
    // verify-inventory: the job's word is taken only where the appliance's inventory agrees.
    const checked = await verifiedJobs(outcomes, { client, deps, settings }, deadline)
    const { verified, problem } = checked
    const inventory = {
      skipped: [],
      notOnline: [],
      verified,
      checked: checked.checked,
      verify: true,
      skipManaged: false,
      ...(problem ? { problem } : {})
    }
    return gateOutcome(checked.jobs, undefined, deadline, settings.allowance, undefined, inventory)
  } finally {
    // A fresh signal: logging out must still be tried after a cancellation, briefly.
    const budget = deps.signal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS
    await client.close(new AbortController().signal, budget)
  }
}

/** Which of how many jobs polled at once; `untilComplete`: hold for the job's own progress 100 (a part follows). */
interface WatchPlace {
  readonly index: number
  readonly count: number
  readonly untilComplete: boolean
}

/** Polls one job; with several, job k starts k/N of a poll wait later, so the appliance never sees bursts. */
async function watchJob(
  job: JobRef,
  { index, count, untilComplete }: WatchPlace,
  client: LxcaClient,
  settings: Settings,
  deps: GateDeps & { readonly heartbeat: Heartbeat },
  deadline: Deadline
): Promise<JobOutcome> {
  const { log } = deps
  const prefix = count > 1 ? `[job ${job.id}] ` : ''
  // Several jobs at once share the heartbeat: it speaks when none of them has said anything for a while.
  const changes = createChangeLog(deps.secrets, deps.heartbeat)
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
    untilComplete,
    onHold: assessment =>
      log.info(
        `${prefix}Every device of job ${job.id} is done, but the job is at ${percent(assessment.progress)}: waiting for it to reach 100% before the next part is uploaded.`
      ),
    onLastBody: body => deps.onDocument?.(job, body),
    onUpdate: (_document, assessment) => {
      log.debug(`${prefix}progress ${percent(assessment.progress)}, verdict ${assessment.verdict}`)
      const lines = changes(assessment)
      for (const line of lines.info) log.info(`${prefix}${line}`)
      for (const line of lines.debug) log.debug(`${prefix}${line}`)
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
