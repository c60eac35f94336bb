// The GitHub Action's composition root: with index.ts, the only code that
// touches @actions/core (through runner.ts), the process and the environment.
// It reads the inputs, runs the gate, and turns the result into the step
// summary, outputs, annotations and exactly one exit decision.
import { checkBypass } from '@actions/http-client/lib/proxy'
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../common/clock.js'
import { InputError, messageOf } from '../common/errors.js'
import type { GateResult } from '../common/outcome.js'
import { runGate } from '../gate.js'
import { Input, Output, type InputName, type OutputName } from '../settings/names.js'
import { readSettings, type Settings } from '../settings/settings.js'
import { SecretSet } from '../common/secrets.js'
import { renderGateMarkdown } from '../summary/gate-markdown.js'
import { buildOutputs, deviceAnnotations, gateMessage, reportContent } from '../summary/outputs.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from '../summary/problems.js'
import { gateView, type GateView } from '../summary/view.js'
import { deferredRunner, type Runner } from './runner.js'

/** Should the first answer be slow, @actions/core is loaded after this long anyway, so log lines are not held back. */
const LOAD_CORE_AFTER_MS = 250

/**
 * Runs the step. `signal` aborts every wait and request (index.ts listens for
 * the runner's SIGINT/SIGTERM from the first moment); without one, as under
 * @github/local-action, run() listens itself.
 */
export async function run(signal: AbortSignal = listenForCancel()): Promise<void> {
  const runner = deferredRunner(() => import('@actions/core'))
  setTimeout(() => runner.load(), LOAD_CORE_AFTER_MS).unref()
  const announce = (): void =>
    runner.info(`${String(signal.reason ?? 'Cancel')} received: cancelling, then writing the summary.`)
  if (signal.aborted) announce()
  else signal.addEventListener('abort', announce, { once: true })
  try {
    await gate(signal, runner)
  } catch (error) {
    // A bug of ours: still one readable line and a summary, never a stack trace on the run page.
    writeStepSummary(renderUnexpectedErrorSummary(messageOf(error)), runner)
    runner.setOutput(Output.Status, 'error')
    runner.setFailed(`Unexpected error: ${messageOf(error)}`)
  } finally {
    await runner.ready()
  }
}

function listenForCancel(): AbortSignal {
  const cancel = new AbortController()
  const onSignal = (name: NodeJS.Signals): void => {
    if (!cancel.signal.aborted) cancel.abort(name)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return cancel.signal
}

/** An input as the runner passes it (core.getInput's contract: INPUT_<NAME>, trimmed). */
function input(name: InputName): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

async function gate(signal: AbortSignal, runner: Runner): Promise<void> {
  // Masked before anything else can print, even an error about another input;
  // and scrubbed from every report, where the runner's masking cannot reach.
  const secrets = new SecretSet()
  const onSecret = (value: string): void => {
    secrets.add(value)
    runner.setSecret(value)
  }
  const password = input(Input.Password)
  if (password) onSecret(password)

  let settings: Settings
  try {
    settings = readSettings(
      input,
      path => readFileSync(path, 'utf8'),
      // The runner's proxy variables, with @actions/http-client's NO_PROXY rule.
      { variable: name => process.env[name], bypass: checkBypass }
    )
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    writeStepSummary(renderInputErrorSummary(error.problems), runner)
    setOutputs(buildOutputs({ status: 'error', jobs: [] }, {}), runner)
    runner.setFailed(`Invalid inputs, nothing was sent to the appliance:\n${error.message}`)
    return
  }

  const result = await runGate(settings, {
    clock: systemClock,
    random: Math.random,
    signal,
    onSecret,
    onFirstAnswer: () => runner.load(),
    // The runner masks what it was told to; scrubbing too keeps a secret the appliance echoes out of the raw log.
    log: {
      info: line => runner.info(secrets.scrub(line)),
      warning: (line, title) => runner.warning(secrets.scrub(line), title),
      debug: line => runner.debug(secrets.scrub(line)),
      group: (name, body) => runner.group(name, body)
    }
  })
  report(settings, result, secrets, runner)
}

/** The summary, the outputs and the one exit decision. */
function report(settings: Settings, result: GateResult, secrets: SecretSet, runner: Runner): void {
  const view = gateView(result, settings.baseUrl, settings.timeoutMs, secrets.scrub)
  const { markdown, report, summaryFile } = writeFiles(view, reportContent(result, secrets.scrub), runner)
  writeStepSummary(markdown, runner)
  setOutputs(buildOutputs(view, { report, summaryFile }), runner)
  const message = gateMessage(view)
  if (result.status === 'success') {
    runner.info(message)
    return
  }
  for (const annotation of deviceAnnotations(view)) runner.error(annotation.message, annotation.title)
  runner.setFailed(message)
}

function writeFiles(
  view: GateView,
  content: Buffer | undefined,
  runner: Runner
): { markdown: string; report?: string; summaryFile: string } {
  const folder = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'lxca-job-gate-'))
  let report: string | undefined
  if (content !== undefined) {
    report = join(folder, 'report.json')
    writeFileSync(report, content)
  }
  const markdown = renderGateMarkdown(view)
  const summaryFile = join(folder, 'summary.md')
  writeFileSync(summaryFile, markdown)
  runner.info(`Summary: ${summaryFile}${report ? `; last job document: ${report}` : ''}`)
  return { markdown, report, summaryFile }
}

/** Appended as is: our renderer already escaped every server string (core.summary escapes nothing). */
function writeStepSummary(markdown: string, runner: Runner): void {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) {
    runner.info('GITHUB_STEP_SUMMARY is not set (not running on a GitHub runner); the summary is not written there.')
    return
  }
  appendFileSync(path, markdown)
}

function setOutputs(outputs: Record<OutputName, string>, runner: Runner): void {
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
}
