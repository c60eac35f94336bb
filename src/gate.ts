// The engine shared by the GitHub Action (main.ts) and the command line
// (cli.ts): from validated settings to one outcome per job. It never touches
// @actions/core, the process or the environment; its callers hand it a log,
// a clock, a cancel signal and the proxy rule.
import { basicAuth, sessionAuth } from './lxca/auth.js'
import type { Clock } from './common/clock.js'
import { formatDuration } from './common/duration.js'
import { jobUrl } from './lxca/job-ref.js'
import { LxcaClient } from './lxca/client.js'
import { worstStatus, type GateResult, type JobOutcome } from './common/outcome.js'
import { pollJob } from './poll/poller.js'
import { percent } from './common/text.js'
import { createChangeLog } from './poll/progress-log.js'
import type { Settings } from './settings/settings.js'
import { createTransport, type Transport } from './http/transport.js'

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
  /** The proxy for a URL, or undefined to connect directly. */
  readonly proxyFor: (url: URL) => URL | undefined
  /** Masks a value in every later log line. */
  readonly onSecret: (value: string) => void
  readonly log: GateLog
  /** Replaces the network (tests). */
  readonly transport?: Transport
}

/** Logging out after a cancellation must fit in the runner's grace period (SIGTERM follows SIGINT after 7.5 s). */
const LOGOUT_TIMEOUT_MS = 5_000
const LOGOUT_TIMEOUT_CANCELLED_MS = 500
/** Several jobs' first polls are spread over this much time (at most one poll interval). */
const SPREAD_MS = 5_000

export async function runGate(settings: Settings, deps: GateDeps): Promise<GateResult> {
  const { baseUrl, jobs } = settings
  const { log } = deps
  if (settings.tls.insecure) {
    log.warning(
      settings.tls.fingerprint
        ? 'insecure-skip-tls-verify is on: the certificate chain and name are not verified; only the tls-fingerprint pin protects the credentials.'
        : "insecure-skip-tls-verify is on: the appliance's certificate is not verified, so anyone on the network path can read the credentials. Set ca-certificate or tls-fingerprint instead.",
      'TLS verification is off'
    )
  }
  const proxy = deps.proxyFor(baseUrl)
  if (proxy?.password) deps.onSecret(proxy.password)

  const transport =
    deps.transport ??
    createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxyFor: deps.proxyFor })
  const credentials = { username: settings.username, password: settings.password }
  const auth =
    settings.authMethod === 'session'
      ? sessionAuth(credentials, {
          transport,
          baseUrl,
          onSecret: deps.onSecret,
          onLogin: () => log.debug('Logging in (POST /sessions)')
        })
      : basicAuth(credentials, deps.onSecret)
  const client = new LxcaClient(transport, baseUrl, auth)

  const several = jobs.length > 1
  log.info(
    `Waiting for ${several ? `${jobs.length} jobs on ${baseUrl.host}` : jobUrl(baseUrl, jobs[0]).href}: timeout ${formatDuration(settings.timeoutMs)}, ` +
      `poll interval up to ${formatDuration(settings.pollIntervalMs)}, ${settings.authMethod} authentication` +
      (proxy ? `, through proxy ${proxy.host}` : '')
  )
  // Spread the jobs' polls evenly instead of firing them in bursts: job k starts k/N of a poll wait later.
  const spread = Math.min(SPREAD_MS, settings.pollIntervalMs) / jobs.length
  try {
    const outcomes = await log.group(several ? `Polling ${jobs.length} jobs` : 'Polling the job', () =>
      Promise.all(
        jobs.map(async (job, index): Promise<JobOutcome> => {
          const prefix = several ? `[job ${job.id}] ` : ''
          const changes = createChangeLog()
          const outcome = await pollJob({
            fetchJob: signal => client.getJob(job, signal),
            clock: deps.clock,
            random: deps.random,
            signal: deps.signal,
            timeoutMs: settings.timeoutMs,
            pollIntervalMs: settings.pollIntervalMs,
            maxRetries: settings.maxRetries,
            successResults: settings.successResults,
            startDelayMs: index * spread,
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
        })
      )
    )
    return { status: worstStatus(outcomes.map(item => item.outcome.status)), jobs: outcomes }
  } finally {
    // A fresh signal: logging out must still be tried after a cancellation, briefly.
    await client.close(
      new AbortController().signal,
      deps.signal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS
    )
  }
}
