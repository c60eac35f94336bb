// The end of the Action's run, loaded only then (the first request does not
// wait for the renderers): the step summary, the report and summary files,
// the outputs, the annotations and the one exit decision. Part of the
// composition root: it writes the runner's files.
import { appendFileSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { messageOf, type InputError } from '../common/errors.js'
import type { SecretSet } from '../common/secrets.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import { STATUSES } from '../outcome/status.js'
import { oneLine } from '../common/text.js'
import { Output, type OutputName } from '../settings/input-output-names.js'
import type { Settings } from '../settings/settings.js'
import { renderInputErrorSummary, renderUnexpectedErrorSummary } from '../report/markdown/problem-summary.js'
import { renderGateMarkdown } from '../report/markdown/gate-markdown.js'
import { annotations, type Annotation } from '../report/github/annotations.js'
import { buildOutputs, gateMessage, type OutputFiles } from '../report/github/outputs.js'
import { renderJunit, renderJunitError } from '../report/files/junit.js'
import { devicesFileContent } from '../report/files/devices-file.js'
import { failedCsvs } from '../report/files/failed-csv.js'
import { writeResultFiles, type FilePlaces } from '../report/files/result-files.js'
import { retryPlan } from '../outcome/retry.js'
import { gateView, type GateView } from '../report/model/gate-view.js'
import type { Runner } from './runner.js'

/** What the end of a run writes with: the step's environment (RUNNER_TEMP, GITHUB_STEP_SUMMARY), the runner, the secrets. */
export interface ActionContext {
  readonly env: Readonly<Record<string, string | undefined>>
  /** The step's working folder: relative input paths start there. */
  readonly cwd: string
  readonly runner: Runner
  readonly secrets: SecretSet
}

/** Where the run's files go, and whether the report (written as the run went) holds a document. */
export interface RunFiles {
  readonly places: FilePlaces
  readonly reported: boolean
}

/** The summary, the outputs and the one exit decision. */
export function report(settings: Settings, outcome: GateOutcome, context: ActionContext, run: RunFiles): void {
  const { runner, secrets } = context
  const view = gateView(outcome, settings.baseUrl, secrets.scrub)
  const { markdown, files } = writeFiles(view, settings, outcome, context, run)
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
  // A name with control characters cannot be a property of a workflow command: the annotation goes without it.
  if (oneLine(path) !== path) return {}
  return { file: path.split(sep).join('/'), line: annotation.line }
}

/**
 * The files of the run, in a folder of RUNNER_TEMP of its own: the summary,
 * every device, the CSV rows to upload again and JUnit (the last job
 * documents are already in the report file).
 */
function writeFiles(
  view: GateView,
  settings: Settings,
  outcome: GateOutcome,
  context: ActionContext,
  run: RunFiles
): { markdown: string; files: OutputFiles } {
  const markdown = renderGateMarkdown(view)
  const waited = outcome.jobs.length > 0
  const written = writeResultFiles(run.places, {
    summary: markdown,
    devices: waited ? devicesFileContent(view) : undefined,
    junit: renderJunit(view, new Date()),
    failedCsvs: waited ? failedCsvs(settings.upload?.files ?? [], retryPlan(outcome).rows) : []
  })
  const failure = written.failed[0]
  if (failure) throw new Error(`the ${failure.file} file ${failure.path} could not be written (${failure.code})`)
  const [summaryFile] = written.paths.summary ?? []
  const report = run.reported ? run.places('report') : undefined
  context.runner.info(`Summary: ${summaryFile}${report ? `; last job documents: ${report}` : ''}`)
  // One path per line: files with different headers each get their own CSV.
  return {
    markdown,
    files: {
      report,
      summaryFile,
      devicesFile: written.paths.devices?.[0],
      junitFile: written.paths.junit?.[0],
      failedCsv: written.paths.failedCsv?.join('\n') || undefined
    }
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
export function reportInputErrors(error: InputError, context: ActionContext, places: FilePlaces): void {
  const markdown = renderInputErrorSummary(error.sentences)
  writeStepSummary(markdown, context)
  const message = `Invalid inputs, nothing was sent to the appliance:\n${error.message}`
  const files = writeErrorFiles(markdown, 'Invalid inputs', message, context, places)
  setOutputs(buildOutputs({ status: 'error', jobs: [], jobOrder: [] }, files), context.runner)
  context.runner.setFailed(message)
}

export function reportUnexpectedError(message: string, context: ActionContext, places: FilePlaces): void {
  const markdown = renderUnexpectedErrorSummary(message)
  writeStepSummary(markdown, context)
  const files = writeErrorFiles(markdown, 'Unexpected error', `Unexpected error: ${message}`, context, places)
  context.runner.setOutput(Output.Status, 'error')
  if (files.summaryFile) context.runner.setOutput(Output.SummaryFile, files.summaryFile)
  if (files.junitFile) context.runner.setOutput(Output.JunitFile, files.junitFile)
  context.runner.setFailed(`Unexpected error: ${message}`)
}

/** The summary and the JUnit file of a run that reached no job: a test-report step always finds its file. */
function writeErrorFiles(
  markdown: string,
  suite: string,
  message: string,
  context: ActionContext,
  places: FilePlaces
): OutputFiles {
  // The step fails already, with the message that matters: a file that could not be written is only logged.
  try {
    const scrub = context.secrets.scrub
    const written = writeResultFiles(places, {
      summary: scrub(markdown),
      junit: renderJunitError(suite, scrub(message), new Date()),
      failedCsvs: []
    })
    for (const failure of written.failed)
      context.runner.info(`The ${failure.file} file ${failure.path} could not be written (${failure.code}).`)
    return { summaryFile: written.paths.summary?.[0], junitFile: written.paths.junit?.[0] }
  } catch (error) {
    context.runner.info(`The result files could not be written: ${context.secrets.scrub(messageOf(error))}`)
    return {}
  }
}
