// The composition root: the only module that touches @actions/core, the
// process (signals, exit code) and the environment. It reads the settings,
// wires transport → client → poller, and turns the outcome into a summary,
// outputs, annotations and exactly one exit decision.
import * as core from '@actions/core'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { basicAuth, sessionAuth } from './auth.js'
import { systemClock } from './clock.js'
import { formatDuration } from './duration.js'
import { InputError, messageOf } from './errors.js'
import { jobUrl } from './job-ref.js'
import { LxcaClient } from './lxca-client.js'
import { Input, Output, type OutputName } from './names.js'
import { pollJob, type PollOutcome } from './poller.js'
import { createChangeLog } from './progress-log.js'
import { buildOutputs, deviceAnnotations, outcomeMessage } from './report.js'
import { readSettings, type Settings } from './settings.js'
import { renderInputErrorSummary, renderSummary } from './summary.js'
import { createTransport } from './transport.js'

/** Logging out after a cancellation must fit in the runner's grace period. */
const LOGOUT_TIMEOUT_MS = 5_000
const LOGOUT_TIMEOUT_CANCELLED_MS = 500

export async function run(): Promise<void> {
  // Cancellation (workflow cancelled, timeout-minutes): the runner sends
  // SIGINT, then SIGTERM 7.5 s later. Listening replaces Node's default exit,
  // so we abort every wait and request, write what we know, and end.
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cancel.signal.aborted) return
    core.info(`${signal} received: cancelling, then writing the summary.`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    await gate(cancel.signal)
  } catch (error) {
    // A bug of ours: still one readable line, never a stack trace on the run page.
    core.setOutput(Output.Status, 'error')
    core.setFailed(`Unexpected error: ${messageOf(error)}`)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function gate(cancelSignal: AbortSignal): Promise<void> {
  // Masked before anything else can print, even an error about another input.
  const password = core.getInput(Input.Password)
  if (password) core.setSecret(password)

  let settings: Settings
  try {
    settings = readSettings(
      name => core.getInput(name),
      path => readFileSync(path, 'utf8')
    )
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    writeStepSummary(renderInputErrorSummary(error.problems))
    setOutputs(buildOutputs(emptyOutcome('error'), {}))
    core.setFailed(`Invalid inputs, nothing was sent to the appliance:\n${error.message}`)
    return
  }

  const { baseUrl, job } = settings
  if (settings.tls.insecure) {
    core.warning(
      settings.tls.fingerprint
        ? "insecure-skip-tls-verify is on: the certificate chain and name are not verified; only the tls-fingerprint pin protects the credentials."
        : "insecure-skip-tls-verify is on: the appliance's certificate is not verified, so anyone on the network path can read the credentials. Set ca-certificate or tls-fingerprint instead.",
      { title: 'TLS verification is off' }
    )
  }
  const proxy = getProxyUrl(baseUrl)
  if (proxy?.password) core.setSecret(proxy.password)

  const transport = createTransport({ requestTimeoutMs: settings.requestTimeoutMs, tls: settings.tls, proxyFor: getProxyUrl })
  const credentials = { username: settings.username, password: settings.password }
  const onSecret = (value: string): void => core.setSecret(value)
  const auth =
    settings.authMethod === 'session'
      ? sessionAuth(credentials, { transport, baseUrl, onSecret, onLogin: () => core.debug('Logging in (POST /sessions)') })
      : basicAuth(credentials, onSecret)
  const client = new LxcaClient(transport, baseUrl, auth)
  const changes = createChangeLog()

  core.info(
    `Waiting for ${jobUrl(baseUrl, job).href}: timeout ${formatDuration(settings.timeoutMs)}, ` +
      `poll interval up to ${formatDuration(settings.pollIntervalMs)}, ${settings.authMethod} authentication` +
      (proxy ? `, through proxy ${proxy.host}` : '')
  )
  const outcome = await core.group('Polling the job', async () => {
    const result = await pollJob({
      fetchJob: signal => client.getJob(job, signal),
      clock: systemClock,
      random: Math.random,
      signal: cancelSignal,
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      maxRetries: settings.maxRetries,
      successResults: settings.successResults,
      onUpdate: (_job, assessment) => changes(assessment).forEach(line => core.info(line)),
      onRetry: (fault, consecutive, waitMs) =>
        core.info(`Request failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}. Retrying in ${formatDuration(waitMs)}.`)
    })
    // A fresh signal: logging out must still be tried after a cancellation, briefly.
    await client.close(new AbortController().signal, cancelSignal.aborted ? LOGOUT_TIMEOUT_CANCELLED_MS : LOGOUT_TIMEOUT_MS)
    return result
  })
  core.debug(`Outcome ${outcome.status} after ${outcome.polls} requests and ${outcome.retries} retries`)

  const files = core.group('Writing the summary and outputs', async () => writeFiles(settings, outcome))
  const { markdown, report, summaryFile } = await files
  writeStepSummary(markdown)
  setOutputs(buildOutputs(outcome, { report, summaryFile }))

  const message = outcomeMessage(outcome, job, settings.timeoutMs)
  if (outcome.status === 'success') {
    core.info(message)
    return
  }
  for (const annotation of deviceAnnotations(outcome.assessment)) core.error(annotation.message, { title: annotation.title })
  core.setFailed(message)
}

async function writeFiles(settings: Settings, outcome: PollOutcome): Promise<{ markdown: string; report?: string; summaryFile: string }> {
  const folder = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), `lxca-job-${settings.job.id}-`))
  let report: string | undefined
  if (outcome.lastDocument !== undefined) {
    report = join(folder, 'report.json')
    writeFileSync(report, `${JSON.stringify(outcome.lastDocument, null, 2)}\n`)
  }
  const markdown = renderSummary({ outcome, job: settings.job, baseUrl: settings.baseUrl, timeoutMs: settings.timeoutMs })
  const summaryFile = join(folder, 'summary.md')
  writeFileSync(summaryFile, markdown)
  core.info(`Summary: ${summaryFile}${report ? `; last job document: ${report}` : ''}`)
  return { markdown, report, summaryFile }
}

/** Appended as is: our renderer already escaped every server string (core.summary escapes nothing). */
function writeStepSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) {
    core.info('GITHUB_STEP_SUMMARY is not set (not running on a GitHub runner); the summary is not written there.')
    return
  }
  appendFileSync(path, markdown)
}

function setOutputs(outputs: Record<OutputName, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

function emptyOutcome(status: PollOutcome['status']): PollOutcome {
  return { status, polls: 0, retries: 0, elapsedMs: 0 }
}
