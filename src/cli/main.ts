// The command line's composition root: the same engine as the Action, reading
// flags and LXCA_* environment variables, printing progress to stderr and the
// summary to stdout, and returning the exit code (0 success, 1 failure,
// 2 timeout, 3 error, 130 cancelled). With src/cli.ts, the only CLI module
// that touches the process and the environment.
import { checkBypass } from '@actions/http-client/lib/proxy'
import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }
import { systemClock } from '../common/clock.js'
import { InputError, messageOf } from '../common/errors.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import { STATUSES } from '../outcome/status.js'
import { runGate, type GateLog } from '../gate/run-gate.js'
import { hasGlobPattern } from '../settings/csv-file.js'
import { anywhereFileReader, inputFileReader } from '../settings/input-file.js'
import { Input } from '../settings/input-output-names.js'
import { readSettings, type Settings } from '../settings/settings.js'
import { SecretSet } from '../common/secrets.js'
import { oneLine } from '../common/text.js'
import { renderGateMarkdown } from '../report/markdown/gate-markdown.js'
import { renderJunit, renderJunitError } from '../report/files/junit.js'
import { devicesFileContent } from '../report/files/devices-file.js'
import { failedCsvs } from '../report/files/failed-csv.js'
import { openReport, writeResultFiles, type FilePlaces, type ResultFile } from '../report/files/result-files.js'
import { retryPlan } from '../outcome/retry.js'
import { renderTerminal } from '../report/terminal/terminal.js'
import { CLI_NAMING } from '../report/model/naming.js'
import { gateView } from '../report/model/gate-view.js'
import { UsageError } from '../common/errors.js'
import { helpText, parseCli, type CliOptions } from './args.js'

const COMMAND = 'lxca-job-gate'

/** Nothing masks output outside GitHub: every secret we learn is replaced before printing, and in every file. */
class Printer {
  readonly secrets = new SecretSet()

  /** One line, whatever it quotes: no control character (an escape sequence from a file name) reaches the terminal. */
  err(line: string): void {
    process.stderr.write(`${oneLine(this.secrets.scrub(line))}\n`)
  }
}

export async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const printer = new Printer()
  try {
    return await runCommand(argv, signal, printer)
  } catch (error) {
    printer.err(`${COMMAND}: unexpected error: ${messageOf(error)}`)
    return STATUSES.error.exitCode
  }
}

async function runCommand(argv: readonly string[], signal: AbortSignal, printer: Printer): Promise<number> {
  let options: CliOptions
  try {
    options = parseCli(argv, process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    printer.err(`${COMMAND}: ${error.message}`)
    return STATUSES.error.exitCode
  }
  if (options.help || options.version) {
    process.stdout.write(`${options.help ? helpText(COMMAND) : `${COMMAND} ${packageJson.version}`}\n`)
    return STATUSES.success.exitCode
  }
  for (const warning of options.warnings) printer.err(`warning: ${warning}`)
  printer.secrets.add(options.read('password'))
  const settings = await readOptions(options, printer)
  if (!settings || !outputFilesWritable(options, printer)) return STATUSES.error.exitCode

  signal.addEventListener('abort', () => printer.err(`${String(signal.reason ?? 'Cancel')} received: cancelling…`), {
    once: true
  })
  const log: GateLog = {
    info: line => printer.err(line),
    warning: (message, title) => printer.err(`warning: ${title}: ${message}`),
    debug: line => (options.verbose ? printer.err(`debug: ${line}`) : undefined),
    group: (_name, body) => body()
  }
  const places = flagPlaces(options)
  const keyed = (settings.upload?.parts.length ?? settings.jobs.length) > 1
  const report = openReport(places, keyed, printer.secrets.scrub)
  const outcome = await runGate(settings, {
    clock: systemClock,
    random: Math.random,
    signal,
    secrets: printer.secrets,
    log,
    onDocument: (job, body) => report?.add(job, body)
  })
  const reported = report?.close() ?? false
  if (places('report') !== undefined && !reported)
    printer.err(`--report-file: ${NOTHING_TO_WRITE.report}; ${places('report')} was not written.`)
  const written = writeResults(options, settings, outcome, printer)
  return written ? STATUSES[outcome.status].exitCode : STATUSES.error.exitCode
}

/** Each file's flag. */
const FLAGS: Record<ResultFile, string> = {
  summary: '--summary-file',
  report: '--report-file',
  failedCsv: '--failed-csv',
  devices: '--devices-file',
  junit: '--junit'
}

/** Why a file asked for has no content. */
const NOTHING_TO_WRITE: Partial<Record<ResultFile, string>> = {
  report: 'no job document was received',
  failedCsv: 'no row to upload again (every device succeeded, or no import was waited on)',
  devices: 'no job was waited on'
}

/** The files asked for, where their flags say. */
function flagPlaces(options: CliOptions): FilePlaces {
  const paths: Record<ResultFile, string | undefined> = {
    summary: options.summaryFile,
    report: options.reportFile,
    failedCsv: options.failedCsv,
    devices: options.devicesFile,
    junit: options.junit
  }
  return file => paths[file] || undefined
}

/** Checked before anything is sent: a file that cannot be written would lose the result of a whole wait. */
function outputFilesWritable(options: CliOptions, printer: Printer): boolean {
  const places = flagPlaces(options)
  for (const [file, flag] of Object.entries(FLAGS) as Array<[ResultFile, string]>) {
    const path = places(file)
    if (path === undefined) continue
    const problem = unwritable(resolve(path))
    if (problem) {
      printer.err(`${COMMAND}: ${flag} ${path} cannot be written (${problem}); nothing was sent to the appliance.`)
      return false
    }
  }
  return true
}

function unwritable(path: string): string | undefined {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return 'it is a folder'
    accessSync(dirname(path), constants.W_OK)
    return undefined
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unwritable'
  }
}

/** The settings, or undefined after printing every problem, each named as the user gave it. */
async function readOptions(options: CliOptions, printer: Printer): Promise<Settings | undefined> {
  try {
    // Below the working folder, or anywhere an absolute path the user typed leads (but a system folder).
    const cwd = process.cwd()
    const policy = {
      base: cwd,
      roots: [cwd],
      absoluteAnywhere: true,
      rootsName: "the current folder (the command line's workspace; an absolute path is accepted)"
    }
    const find = hasGlobPattern(options.read(Input.CsvFile))
      ? (await import('../settings/file-finder.js')).inputFileFinder(policy)
      : undefined
    const files = { readSent: inputFileReader(policy), readTrusted: anywhereFileReader(cwd), find }
    return readSettings(options.read, files, { variable: name => process.env[name], bypass: checkBypass })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const lines = [
      `${COMMAND}: invalid options, nothing was sent to the appliance:`,
      ...error.problems.map(problem => `  ${options.subject(problem)} ${problem.message}`)
    ]
    for (const line of lines) printer.err(line)
    printer.err(`Run ${COMMAND} --help for every flag and environment variable.`)
    errorJunit(options, lines.join('\n'), printer)
    return undefined
  }
}

/** --junit on a run that reached no job: one error case with the message, so a CI's test report still finds its file. */
function errorJunit(options: CliOptions, message: string, printer: Printer): void {
  if (!options.junit) return
  const written = writeResultFiles(file => (file === 'junit' ? options.junit : undefined), {
    summary: '',
    junit: renderJunitError('Invalid options', printer.secrets.scrub(message), new Date()),
    failedCsvs: []
  })
  for (const { path, code } of written.failed)
    printer.err(`${COMMAND}: --junit ${path} could not be written (${code}).`)
}

/** The terminal summary, then the files asked for; false (after saying which and why) when a file could not be written. */
function writeResults(options: CliOptions, settings: Settings, outcome: GateOutcome, printer: Printer): boolean {
  const { scrub } = printer.secrets
  const view = gateView(outcome, settings.baseUrl, scrub, CLI_NAMING)
  const color = options.color ?? process.stdout.isTTY === true
  process.stdout.write(scrub(renderTerminal(view, color)))
  const places = flagPlaces(options)
  const waited = outcome.jobs.length > 0
  // Files with different headers each get their own CSV: PATH, then PATH-2.csv, …
  const written = writeResultFiles(places, {
    summary: renderGateMarkdown(view),
    devices: waited ? devicesFileContent(view) : undefined,
    junit: renderJunit(view, new Date()),
    failedCsvs: waited ? failedCsvs(settings.upload?.files ?? [], retryPlan(outcome).rows) : []
  })
  for (const file of written.empty)
    printer.err(`${FLAGS[file]}: ${NOTHING_TO_WRITE[file] ?? 'nothing to write'}; ${places(file)} was not written.`)
  for (const { file, path, code } of written.failed)
    printer.err(`${COMMAND}: ${FLAGS[file]} ${path} could not be written (${code}); the outcome above stands.`)
  return written.failed.length === 0
}
