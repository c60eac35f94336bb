#!/usr/bin/env node
// The command line's composition root, for GitLab CI, Jenkins or a shell:
// the same engine as the Action, reading flags and LXCA_* environment
// variables, printing progress to stderr and the summary to stdout, and
// exiting 0 success, 1 failure, 2 timeout, 3 error, 130 cancelled.
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { readFileSync, writeFileSync } from 'node:fs'
import { systemClock } from './common/clock.js'
import { EXIT_CODES, helpText, parseCli, UsageError, type CliOptions } from './cli/args.js'
import { InputError, messageOf } from './common/errors.js'
import { runGate, type GateLog } from './gate.js'
import { renderGateSummary } from './summary/gate-summary.js'
import { reportDocument } from './summary/outputs.js'
import { readSettings } from './settings/settings.js'
import { renderTextSummary } from './summary/terminal.js'

const COMMAND = 'lxca-job-gate'

async function main(): Promise<number> {
  let options: CliOptions
  try {
    options = parseCli(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${COMMAND}: ${error.message}\n`)
    return EXIT_CODES.error
  }
  if (options.help) {
    process.stdout.write(`${helpText(COMMAND)}\n`)
    return EXIT_CODES.success
  }

  // Nothing masks output outside GitHub: replace every secret we know of before printing.
  const secrets = new Set<string>()
  const mask = (text: string): string => [...secrets].reduce((out, secret) => out.split(secret).join('***'), text)
  const err = (line: string): void => void process.stderr.write(`${mask(line)}\n`)
  for (const warning of options.warnings) err(`warning: ${warning}`)

  let settings
  try {
    settings = readSettings(options.read, path => readFileSync(path, 'utf8'))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    err(`${COMMAND}: invalid options, nothing was sent to the appliance:`)
    for (const problem of error.problems)
      err(`  ${problem.replace(/^Input '([^']+)'/, (_, name: string) => `--${name}`)}`)
    err(`Run ${COMMAND} --help for every flag and environment variable.`)
    return EXIT_CODES.error
  }
  secrets.add(settings.password)

  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cancel.signal.aborted) process.exit(EXIT_CODES.cancelled) // a second Ctrl-C: stop now
    err(`${signal} received: cancelling…`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const log: GateLog = {
    info: line => err(line),
    warning: (message, title) => err(`warning: ${title}: ${message}`),
    debug: line => (options.verbose ? err(`debug: ${line}`) : undefined),
    group: (_name, body) => body()
  }
  try {
    const result = await runGate(settings, {
      clock: systemClock,
      random: Math.random,
      signal: cancel.signal,
      proxyFor: getProxyUrl,
      onSecret: value => secrets.add(value),
      log
    })
    const color = options.color ?? process.stdout.isTTY === true
    process.stdout.write(mask(renderTextSummary(result, settings.baseUrl, settings.timeoutMs, color)))
    if (options.summaryFile)
      writeFileSync(options.summaryFile, renderGateSummary(result, settings.baseUrl, settings.timeoutMs))
    const document = reportDocument(result)
    if (options.reportFile && document !== undefined)
      writeFileSync(options.reportFile, `${JSON.stringify(document, null, 2)}\n`)
    return EXIT_CODES[result.status]
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

main().then(
  code => {
    process.exitCode = code
  },
  error => {
    process.stderr.write(`${COMMAND}: unexpected error: ${messageOf(error)}\n`)
    process.exitCode = EXIT_CODES.error
  }
)
