// The end of the Action's run, loaded only then (the first request does not
// wait for the renderers): the step summary, the report and summary files,
// the outputs, the annotations and the one exit decision. Part of the
// composition root: it writes the runner's files.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { InputError } from '../common/errors.js'
import type { SecretSet } from '../common/secrets.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import { STATUSES } from '../outcome/status.js'
import { Output, type OutputName } from '../settings/names.js'
import type { Settings } from '../settings/settings.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from '../summary/early-summary.js'
import { renderGateMarkdown } from '../summary/gate-markdown.js'
import { annotations, type Annotation } from '../summary/annotations.js'
import { buildOutputs, gateMessage, reportContent, type OutputFiles } from '../summary/outputs.js'
import { renderJunit } from '../summary/junit.js'
import { devicesFileContent, failedCsvs, numbered } from '../summary/recovery.js'
import { gateView, type GateView } from '../summary/view.js'
import type { Runner } from './runner.js'

/** What the end of a run writes with: the step's environment (RUNNER_TEMP, GITHUB_STEP_SUMMARY), the runner, the secrets. */
export interface ActionContext {
  readonly env: Readonly<Record<string, string | undefined>>
  /** The step's working folder: relative input paths start there. */
  readonly cwd: string
  readonly runner: Runner
  readonly secrets: SecretSet
}

/** The summary, the outputs and the one exit decision. */
export function report(settings: Settings, outcome: GateOutcome, context: ActionContext): void {
  const { runner, secrets } = context
  const view = gateView(outcome, settings.baseUrl, secrets.scrub)
  const { markdown, files } = writeFiles(view, settings, outcome, context)
  writeStepSummary(markdown, context)
  setOutputs(buildOutputs(view, files), runner)
  const message = gateMessage(view)
  const passes = STATUSES[outcome.status].passes
  // On the CSV's lines where the step uploaded it; warnings when allowed-failures let the step pass.
  for (const annotation of annotations(view)) {
    const place = { title: annotation.title, ...workspacePlace(annotation, context) }
    if (passes) runner.warning(annotation.message, place)
    else runner.error(annotation.message, place)
  }
  if (passes) runner.info(message)
  else runner.setFailed(message)
}

/** The annotated file as the runner wants it: a path relative to the workspace, with forward slashes. */
function workspacePlace(annotation: Annotation, context: ActionContext): { file?: string; line?: number } {
  if (!annotation.file) return {}
  const workspace = context.env.GITHUB_WORKSPACE || context.cwd
  const path = relative(workspace, resolve(context.cwd, annotation.file))
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return {}
  return { file: path.split(sep).join('/'), line: annotation.line }
}

/**
 * The files of the run, in a folder of RUNNER_TEMP of its own: the summary,
 * the last job document, every device, and the CSV rows to upload again.
 * The last holds the device credentials of the file it came from: 0600.
 */
function writeFiles(
  view: GateView,
  settings: Settings,
  outcome: GateOutcome,
  context: ActionContext
): { markdown: string; files: OutputFiles } {
  const folder = mkdtempSync(join(context.env.RUNNER_TEMP || tmpdir(), 'lxca-job-gate-'))
  const write = (name: string, content: Buffer | string | undefined, mode = 0o644): string | undefined => {
    if (content === undefined) return undefined
    const path = join(folder, name)
    writeFileSync(path, content, { mode })
    return path
  }
  const report = write('report.json', reportContent(outcome, context.secrets.scrub))
  const markdown = renderGateMarkdown(view)
  const summaryFile = write('summary.md', markdown) as string
  const devicesFile = outcome.jobs.length > 0 ? write('devices.json', devicesFileContent(view)) : undefined
  const junitFile = write('junit.xml', renderJunit(view, new Date()))
  const files = settings.upload?.files ?? []
  const csvs = outcome.jobs.length > 0 ? failedCsvs(files, outcome.jobs) : []
  const failed = csvs.map((csv, i) => write(numbered(`failed-${files[0]?.name ?? 'rows.csv'}`, i), csv, 0o600))
  context.runner.info(`Summary: ${summaryFile}${report ? `; last job document: ${report}` : ''}`)
  // One path per line: files with different headers each get their own CSV.
  return {
    markdown,
    files: { report, summaryFile, devicesFile, junitFile, failedCsv: failed.join('\n') || undefined }
  }
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
