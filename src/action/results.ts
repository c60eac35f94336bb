// The end of the Action's run, loaded only then (the first request does not
// wait for the renderers): the step summary, the report and summary files,
// the outputs, the annotations and the one exit decision. Part of the
// composition root: it writes the runner's files.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InputError } from '../common/errors.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import type { SecretSet } from '../common/secrets.js'
import { STATUSES } from '../outcome/status.js'
import { Output, type OutputName } from '../settings/names.js'
import type { Settings } from '../settings/settings.js'
import { renderGateMarkdown } from '../summary/gate-markdown.js'
import { buildOutputs, deviceAnnotations, gateMessage, reportContent } from '../summary/outputs.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from '../summary/early-summary.js'
import { gateView, type GateView } from '../summary/view.js'
import type { Runner } from './runner.js'

/** The summary, the outputs and the one exit decision. */
export function report(settings: Settings, outcome: GateOutcome, secrets: SecretSet, runner: Runner): void {
  const view = gateView(outcome, settings.baseUrl, secrets.scrub)
  const { markdown, report, summaryFile } = writeFiles(view, reportContent(outcome, secrets.scrub), runner)
  writeStepSummary(markdown, runner)
  setOutputs(buildOutputs(view, { report, summaryFile }), runner)
  const message = gateMessage(view)
  if (STATUSES[outcome.status].passes) {
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

/** Invalid inputs: nothing was sent; the summary and the failure list every problem. */
export function reportInputErrors(error: InputError, runner: Runner): void {
  writeStepSummary(renderInputErrorSummary(error.sentences), runner)
  setOutputs(buildOutputs({ status: 'error', jobs: [] }, {}), runner)
  runner.setFailed(`Invalid inputs, nothing was sent to the appliance:\n${error.message}`)
}

export function reportUnexpectedError(message: string, runner: Runner): void {
  writeStepSummary(renderUnexpectedErrorSummary(message), runner)
  runner.setOutput(Output.Status, 'error')
  runner.setFailed(`Unexpected error: ${message}`)
}
