// The command line's composition root: the same engine as the Action, reading
// flags and LXCA_* environment variables, printing progress to stderr and the
// summary to stdout, and returning the exit code (0 success, 1 failure,
// 2 timeout, 3 error, 130 cancelled). With src/cli.ts, the only CLI module
// that touches the process and the environment.
import { checkBypass } from '@actions/http-client/lib/proxy'
import { readFileSync, writeFileSync } from 'node:fs'
import packageJson from '../../package.json' with { type: 'json' }
import { systemClock } from '../common/clock.js'
import { InputError, messageOf } from '../common/errors.js'
import type { GateResult } from '../common/outcome.js'
import { runGate, type GateLog } from '../gate.js'
import { readSettings, type Settings } from '../settings/settings.js'
import { SecretSet } from '../common/secrets.js'
import { renderGateMarkdown } from '../summary/gate-markdown.js'
import { reportContent } from '../summary/outputs.js'
import { renderTerminal } from '../summary/terminal.js'
import { gateView } from '../summary/view.js'
import { EXIT_CODES, helpText, parseCli, UsageError, type CliOptions } from './args.js'

const COMMAND = 'lxca-job-gate'

/** Nothing masks output outside GitHub: every secret we learn is replaced before printing, and in every file. */
class Printer {
  readonly secrets = new SecretSet()

  err(line: string): void {
    process.stderr.write(`${this.secrets.scrub(line)}\n`)
  }
}

export async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const printer = new Printer()
  try {
    return await runCommand(argv, signal, printer)
  } catch (error) {
    printer.err(`${COMMAND}: unexpected error: ${messageOf(error)}`)
    return EXIT_CODES.error
  }
}

async function runCommand(argv: readonly string[], signal: AbortSignal, printer: Printer): Promise<number> {
  let options: CliOptions
  try {
    options = parseCli(argv, process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    printer.err(`${COMMAND}: ${error.message}`)
    return EXIT_CODES.error
  }
  if (options.help || options.version) {
    process.stdout.write(`${options.help ? helpText(COMMAND) : `${COMMAND} ${packageJson.version}`}\n`)
    return EXIT_CODES.success
  }
  for (const warning of options.warnings) printer.err(`warning: ${warning}`)
  printer.secrets.add(options.read('password'))
  const settings = readOptions(options, printer)
  if (!settings) return EXIT_CODES.error

  signal.addEventListener('abort', () => printer.err(`${String(signal.reason ?? 'Cancel')} received: cancelling…`), {
    once: true
  })
  const log: GateLog = {
    info: line => printer.err(line),
    warning: (message, title) => printer.err(`warning: ${title}: ${message}`),
    debug: line => (options.verbose ? printer.err(`debug: ${line}`) : undefined),
    group: (_name, body) => body()
  }
  const result = await runGate(settings, {
    clock: systemClock,
    random: Math.random,
    signal,
    onSecret: value => printer.secrets.add(value),
    log
  })
  writeResults(options, settings, result, printer)
  return EXIT_CODES[result.status]
}

/** The settings, or undefined after printing every problem, each named as the user gave it. */
function readOptions(options: CliOptions, printer: Printer): Settings | undefined {
  try {
    return readSettings(options.read, path => readFileSync(path), {
      variable: name => process.env[name],
      bypass: checkBypass
    })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    printer.err(`${COMMAND}: invalid options, nothing was sent to the appliance:`)
    for (const problem of error.details) printer.err(`  ${options.subject(problem)} ${problem.message}`)
    printer.err(`Run ${COMMAND} --help for every flag and environment variable.`)
    return undefined
  }
}

function writeResults(options: CliOptions, settings: Settings, result: GateResult, printer: Printer): void {
  const { scrub } = printer.secrets
  const view = gateView(result, settings.baseUrl, settings.timeoutMs, scrub)
  const color = options.color ?? process.stdout.isTTY === true
  process.stdout.write(scrub(renderTerminal(view, color)))
  if (options.summaryFile) writeFileSync(options.summaryFile, renderGateMarkdown(view))
  const report = reportContent(result, scrub)
  if (options.reportFile && report !== undefined) writeFileSync(options.reportFile, report)
}
