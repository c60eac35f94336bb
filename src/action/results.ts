// The end of the Action's run, loaded only then (the first request does not
// wait for the renderers): the step summary, the report and summary files,
// the outputs, the annotations and the one exit decision. Part of the
// composition root: it writes the runner's files.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InputError } from '../common/errors.js'
import type { SecretSet } from '../common/secrets.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import { STATUSES } from '../outcome/status.js'
import { Output, type OutputName } from '../settings/names.js'
import type { Settings } from '../settings/settings.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from '../summary/early-summary.js'
import { renderGateMarkdown } from '../summary/gate-markdown.js'
import { buildOutputs, deviceAnnotations, gateMessage, reportContent } from '../summary/outputs.js'
import { gateView, type GateView } from '../summary/view.js'
import type { Runner } from './runner.js'

/** What the end of a run writes with: the step's environment (RUNNER_TEMP, GITHUB_STEP_SUMMARY), the runner, the secrets. */
export interface ActionContext {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly runner: Runner
  readonly secrets: SecretSet
}

/** The summary, the outputs and the one exit decision. */
export function report(settings: Settings, outcome: GateOutcome, context: ActionContext): void {
  const { runner, secrets } = context
  const view = gateView(outcome, settings.baseUrl, secrets.scrub)
  const { markdown, report, summaryFile } = writeFiles(view, reportContent(outcome, secrets.scrub), context)
  writeStepSummary(markdown, context)
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
  context: ActionContext
): { markdown: string; report?: string; summaryFile: string } {
  const folder = mkdtempSync(join(context.env.RUNNER_TEMP || tmpdir(), 'lxca-job-gate-'))
  let report: string | undefined
  if (content !== undefined) {
    report = join(folder, 'report.json')
    writeFileSync(report, content)
  }
  const markdown = renderGateMarkdown(view)
  const summaryFile = join(folder, 'summary.md')
  writeFileSync(summaryFile, markdown)
  context.runner.info(`Summary: ${summaryFile}${report ? `; last job document: ${report}` : ''}`)
  return { markdown, report, summaryFile }
}

/** Appended as is: our renderer already escaped every server string (core.summary escapes nothing). */
function writeStepSummary(markdown: string, context: ActionContext): void {
  const path = context.env.GITHUB_STEP_SUMMARY
  if (!path) {
    context.runner.info(
      'GITHUB_STEP_SUMMARY is not set (not running on a GitHub runner); the summary is not written there.'
    )
    return
  }
  appendFileSync(path, markdown)
}

function setOutputs(outputs: Record<OutputName, string>, runner: Runner): void {
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
}

/** Invalid inputs: nothing was sent; the summary and the failure list every problem. */
export function reportInputErrors(error: InputError, context: ActionContext): void {
  writeStepSummary(renderInputErrorSummary(error.sentences), context)
  setOutputs(buildOutputs({ status: 'error', jobs: [] }, {}), context.runner)
  context.runner.setFailed(`Invalid inputs, nothing was sent to the appliance:\n${error.message}`)
}

export function reportUnexpectedError(message: string, context: ActionContext): void {
  writeStepSummary(renderUnexpectedErrorSummary(message), context)
  context.runner.setOutput(Output.Status, 'error')
  context.runner.setFailed(`Unexpected error: ${message}`)
}
