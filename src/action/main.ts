// The GitHub Action's composition root: with index.ts, results.ts and
// runner.ts, the only code that touches @actions/core, the process and the
// environment. It reads the inputs, runs the gate, and turns the outcome into
// the step summary, outputs, annotations and exactly one exit decision.
//
// Everything it takes from the process is a default of ActionOptions, so
// tests run it in-process with their own environment, core and clock (as
// actions/typescript-action's run() is tested).
import { checkBypass } from '@actions/http-client/lib/proxy'
import { tmpdir } from 'node:os'
import { systemClock, type Clock } from '../common/clock.js'
import { InputError, messageOf } from '../common/errors.js'
import { SecretSet } from '../common/secrets.js'
import { oneLine } from '../common/text.js'
import { runGate } from '../gate/run-gate.js'
import { hasGlobPattern } from '../settings/csv-file.js'
import { anywhereFileReader, inputFileReader, type FilePolicy } from '../settings/input-file.js'
import { Input, Output, type InputName } from '../settings/input-output-names.js'
import { readSettings, type Settings } from '../settings/settings.js'
import { folderPlaces, openReport, type FilePlaces } from '../report/files/result-files.js'
import type { ActionContext } from './results.js'
import { deferredRunner, type Core } from './runner.js'

/** Should the first answer be slow, @actions/core is loaded after this long anyway, so log lines are not held back. */
const LOAD_CORE_AFTER_MS = 250

export interface ActionOptions {
  /** Aborts every wait and request (index.ts listens for the runner's signals from the first moment). */
  readonly signal?: AbortSignal
  /** The step's environment: INPUT_*, GITHUB_*, RUNNER_TEMP, the proxy variables. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The working folder (the runner starts the step in the workspace). */
  readonly cwd?: string
  /** @actions/core, loaded only when needed (it brings about 1 MB). */
  readonly loadCore?: () => Promise<Core>
  readonly clock?: Clock
  readonly random?: () => number
  /** The last resort when the runner's own files fail: a line on stdout, and a failed step. */
  readonly failStep?: (line: string) => void
}

/** Runs the step; without a signal (as under @github/local-action), it listens for SIGINT and SIGTERM itself. */
export async function run(options: ActionOptions = {}): Promise<void> {
  const signal = options.signal ?? listenForCancel()
  const runner = deferredRunner(options.loadCore ?? (() => import('@actions/core')))
  setTimeout(() => runner.load(), LOAD_CORE_AFTER_MS).unref()
  const announce = (): void =>
    runner.info(`${String(signal.reason ?? 'Cancel')} received: cancelling, then writing the summary.`)
  if (signal.aborted) announce()
  else signal.addEventListener('abort', announce, { once: true })
  // Created here so that even a bug's message is scrubbed of a secret it might quote. Every
  // secret is masked in the runner's log as soon as it is known, and scrubbed from every report.
  const secrets = new SecretSet(value => runner.setSecret(value))
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const context: ActionContext = { env, cwd, runner, secrets }
  try {
    await gate(context, options, signal)
  } catch (error) {
    // A bug of ours: still one readable line and a summary, never a stack trace on the run page.
    ;(await import('./results.js')).reportUnexpectedError(secrets.scrub(messageOf(error)), context, errorPlaces(env))
  } finally {
    await runner.ready()
  }
  if (runner.failure) {
    // The runner's own files failed us: say so in the log, the one channel left, and fail the step.
    ;(options.failStep ?? failStep)(`::error::Could not write the step's results to the runner: ${runner.failure}`)
  }
}

/** Where the files of a run that reached no job go: the summary and JUnit, in RUNNER_TEMP as always. */
function errorPlaces(env: ActionContext['env']): FilePlaces {
  return folderPlaces(env.RUNNER_TEMP || tmpdir(), undefined)
}

function failStep(line: string): void {
  process.stdout.write(`${line}\n`)
  process.exitCode = 1
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

/**
 * Files whose content we send (csv-file): regular files of the workspace
 * (GITHUB_WORKSPACE, or the working folder) or of RUNNER_TEMP, relative paths
 * taken from the working folder, as the runner starts the step in the
 * workspace. A CA file may be anywhere (anywhereFileReader).
 */
function workspacePolicy(env: ActionContext['env'], cwd: string): FilePolicy {
  const roots = [env.GITHUB_WORKSPACE || cwd, env.RUNNER_TEMP].filter((root): root is string => Boolean(root))
  return { base: cwd, roots }
}

async function gate(context: ActionContext, options: ActionOptions, signal: AbortSignal): Promise<void> {
  const { env, runner, secrets } = context
  /** An input as the runner passes it (core.getInput's contract: INPUT_<NAME>, trimmed). */
  const input = (name: InputName): string => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
  // Masked before anything else can print, even an error about another input;
  // and scrubbed from every report, where the runner's masking cannot reach.
  secrets.add(input(Input.Password))

  let settings: Settings
  try {
    const policy = workspacePolicy(env, context.cwd)
    // The glob matcher is loaded only for a pattern: it is not on the way to the first request otherwise.
    const find = hasGlobPattern(input(Input.CsvFile))
      ? (await import('../settings/file-finder.js')).inputFileFinder(policy)
      : undefined
    const files = { readSent: inputFileReader(policy), readTrusted: anywhereFileReader(context.cwd), find }
    // The runner's proxy variables, with @actions/http-client's NO_PROXY rule.
    settings = readSettings(input, files, { variable: name => env[name], bypass: checkBypass })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    ;(await import('./results.js')).reportInputErrors(error, context, errorPlaces(env))
    return
  }

  // The run's files go to a folder of RUNNER_TEMP; the report is written job by job, as each wait ends.
  const places = folderPlaces(env.RUNNER_TEMP || tmpdir(), settings.upload?.files[0]?.name)
  const keyed = (settings.upload?.parts.length ?? settings.jobs.length) > 1
  const report = openReport(places, keyed, secrets.scrub)
  const outcome = await runGate(settings, {
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    signal,
    secrets,
    // The runner keeps an output's last value: a step killed while it waits still names the job it started.
    onJobStarted: jobs => runner.setOutput(Output.JobId, jobs.map(job => job.id).join(',')),
    onFirstAnswer: () => runner.load(),
    onDocument: (job, body) => report?.add(job, body),
    // The runner masks what it was told to; scrubbing too keeps a secret the appliance echoes out of the raw log.
    // Every line one line: a file name or server text with a line break must not start a workflow command.
    log: {
      info: line => runner.info(oneLine(secrets.scrub(line))),
      warning: (line, title) => runner.warning(oneLine(secrets.scrub(line)), { title: oneLine(title) }),
      debug: line => runner.debug(oneLine(secrets.scrub(line))),
      group: (name, body) => runner.group(oneLine(secrets.scrub(name)), body)
    }
  })
  // The renderers are loaded only now: the first request does not wait for them.
  ;(await import('./results.js')).report(settings, outcome, context, { places, reported: report?.close() ?? false })
}
