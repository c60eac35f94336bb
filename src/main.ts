// The GitHub Action's composition root: the only module (with index.ts) that
// touches @actions/core, the process (signals, exit code) and the
// environment. It reads the inputs, runs the gate, and turns the result into
// the step summary, outputs, annotations and exactly one exit decision.
import * as core from '@actions/core'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from './common/clock.js'
import { InputError, messageOf } from './common/errors.js'
import type { GateResult } from './common/outcome.js'
import { runGate, type GateLog } from './gate.js'
import { renderGateSummary } from './summary/gate-summary.js'
import { Input, Output, type OutputName } from './settings/names.js'
import { buildOutputs, deviceAnnotations, gateMessage, reportDocument } from './summary/outputs.js'
import { readSettings, type Settings } from './settings/settings.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from './summary/job-summary.js'

const log: GateLog = {
  info: message => core.info(message),
  warning: (message, title) => core.warning(message, { title }),
  debug: message => core.debug(message),
  group: (name, body) => core.group(name, body)
}

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
    // A bug of ours: still one readable line and a summary, never a stack trace on the run page.
    writeStepSummary(renderUnexpectedErrorSummary(messageOf(error)))
    core.setOutput(Output.Status, 'error')
    core.setFailed(`Unexpected error: ${messageOf(error)}`)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function gate(signal: AbortSignal): Promise<void> {
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
    setOutputs(buildOutputs({ status: 'error', jobs: [] }, {}))
    core.setFailed(`Invalid inputs, nothing was sent to the appliance:\n${error.message}`)
    return
  }

  const result = await runGate(settings, {
    clock: systemClock,
    random: Math.random,
    signal,
    // The runner's HTTPS_PROXY/NO_PROXY rules, as every other action reads them.
    proxyFor: getProxyUrl,
    onSecret: value => core.setSecret(value),
    log
  })

  const { markdown, report, summaryFile } = await core.group('Writing the summary and outputs', async () =>
    writeFiles(settings, result)
  )
  writeStepSummary(markdown)
  setOutputs(buildOutputs(result, { report, summaryFile }))

  const message = gateMessage(result, settings.timeoutMs)
  if (result.status === 'success') {
    core.info(message)
    return
  }
  for (const annotation of deviceAnnotations(result)) core.error(annotation.message, { title: annotation.title })
  core.setFailed(message)
}

function writeFiles(
  settings: Settings,
  result: GateResult
): { markdown: string; report?: string; summaryFile: string } {
  const folder = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'lxca-job-gate-'))
  const document = reportDocument(result)
  let report: string | undefined
  if (document !== undefined) {
    report = join(folder, 'report.json')
    writeFileSync(report, `${JSON.stringify(document, null, 2)}\n`)
  }
  const markdown = renderGateSummary(result, settings.baseUrl, settings.timeoutMs)
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
