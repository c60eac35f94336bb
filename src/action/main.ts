// The GitHub Action's composition root: with index.ts, results.ts and
// runner.ts, the only code that touches @actions/core, the process and the
// environment.
// It reads the inputs, runs the gate, and turns the result into the step
// summary, outputs, annotations and exactly one exit decision.
import { checkBypass } from '@actions/http-client/lib/proxy'
import { systemClock } from '../common/clock.js'
import { InputError, messageOf } from '../common/errors.js'
import { SecretSet } from '../common/secrets.js'
import { runGate } from '../gate.js'
import { inputFileReader } from '../settings/input-file.js'
import { Input, Output, type InputName } from '../settings/names.js'
import { readSettings, type Settings } from '../settings/settings.js'
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
  // Created here so that even a bug's message is scrubbed of a secret it might quote. Every
  // secret is masked in the runner's log as soon as it is known, and scrubbed from every report.
  const secrets = new SecretSet(value => runner.setSecret(value))
  try {
    await gate(signal, runner, secrets)
  } catch (error) {
    // A bug of ours: still one readable line and a summary, never a stack trace on the run page.
    ;(await import('./results.js')).reportUnexpectedError(secrets.scrub(messageOf(error)), runner)
  } finally {
    await runner.ready()
  }
  if (runner.failure) {
    // The runner's own files failed us: say so in the log, the one channel left, and fail the step.
    process.stdout.write(`::error::Could not write the step's results to the runner: ${runner.failure}\n`)
    process.exitCode = 1
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

/**
 * Files named by inputs: regular files of the workspace (GITHUB_WORKSPACE, or
 * the working folder) or of RUNNER_TEMP, relative paths taken from the working
 * folder, as the runner starts the step in the workspace.
 */
function workspaceFiles(): ReturnType<typeof inputFileReader> {
  const cwd = process.cwd()
  const roots = [process.env.GITHUB_WORKSPACE || cwd, process.env.RUNNER_TEMP].filter((root): root is string =>
    Boolean(root)
  )
  return inputFileReader({ base: cwd, roots })
}

async function gate(signal: AbortSignal, runner: Runner, secrets: SecretSet): Promise<void> {
  // Masked before anything else can print, even an error about another input;
  // and scrubbed from every report, where the runner's masking cannot reach.
  secrets.add(input(Input.Password))

  let settings: Settings
  try {
    settings = readSettings(
      input,
      workspaceFiles(),
      // The runner's proxy variables, with @actions/http-client's NO_PROXY rule.
      { variable: name => process.env[name], bypass: checkBypass }
    )
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    ;(await import('./results.js')).reportInputErrors(error, runner)
    return
  }

  const outcome = await runGate(settings, {
    clock: systemClock,
    random: Math.random,
    signal,
    secrets,
    // The runner keeps an output's last value: a step killed while it waits still names the job it started.
    onJobStarted: job => runner.setOutput(Output.JobId, job.id),
    onFirstAnswer: () => runner.load(),
    // The runner masks what it was told to; scrubbing too keeps a secret the appliance echoes out of the raw log.
    log: {
      info: line => runner.info(secrets.scrub(line)),
      warning: (line, title) => runner.warning(secrets.scrub(line), title),
      debug: line => runner.debug(secrets.scrub(line)),
      group: (name, body) => runner.group(name, body)
    }
  })
  // The renderers are loaded only now: the first request does not wait for them.
  ;(await import('./results.js')).report(settings, outcome, secrets, runner)
}
