// The command line's contract, pure: every action input is a flag
// (`--job-id 4229`) and an environment variable (`LXCA_JOB_ID`); a flag wins.
// Credentials come from the environment so they stay out of shell history
// and `ps` (a `--password` flag exists but warns).
import { parseArgs } from 'node:util'
import { UsageError, type InputProblem } from '../common/errors.js'
import { clause } from '../common/text.js'
import { STATUSES } from '../outcome/status.js'
import { envName, Input, type InputName } from '../settings/input-output-names.js'
import { DEFAULTS, type InputSource } from '../settings/settings.js'

export interface CliOptions {
  readonly read: InputSource
  readonly summaryFile?: string
  readonly reportFile?: string
  /** The uploaded CSV's rows whose device did not succeed (it holds the file's credentials: 0600). */
  readonly failedCsv?: string
  /** Every device, as JSON. */
  readonly devicesFile?: string
  /** The outcome as a JUnit XML report (GitLab, Jenkins). */
  readonly junit?: string
  readonly verbose: boolean
  readonly help: boolean
  readonly version: boolean
  readonly color?: boolean
  /** How to name a problem's input: the flag, or the environment variable its value came from. */
  readonly subject: (problem: InputProblem) => string
  /** Things to tell the user before starting (stderr). */
  readonly warnings: readonly string[]
}

const INPUT_HELP: Record<InputName, string> = {
  host: 'appliance address: lxca.example.com, 10.0.0.5:8443 or https://host (required)',
  username: 'LXCA user name (required; prefer the environment variable)',
  password: 'LXCA password (required; use the environment variable: a flag shows in ps and shell history)',
  'job-id': 'job ID(s), path(s) or URL(s), separated by commas or spaces (this, or --csv-file)',
  'csv-file':
    'bulk-import CSV(s) to upload, then wait for their jobs, one at a time (this, or --job-id); repeat it, or give a glob',
  'validation-only': 'with --csv-file: only validate the CSV on the appliance (?validationOnly=true)',
  'job-type': `csv | manage | unmanage for bare IDs (default ${DEFAULTS.jobType})`,
  timeout: `overall deadline, e.g. 90s, 15m, 1h30m (default ${DEFAULTS.timeout})`,
  'poll-interval': `longest wait between polls (default ${DEFAULTS.pollInterval})`,
  'request-timeout': `total time one HTTP request may take (default ${DEFAULTS.requestTimeout})`,
  'max-retries': `transient faults in a row retried before giving up (default ${DEFAULTS.maxRetries})`,
  'ca-certificate': "PEM text or path of the appliance's CA (or own) certificate",
  'tls-server-name': 'name to verify the certificate against',
  'tls-fingerprint': "SHA-256 fingerprint of the appliance's certificate",
  'insecure-skip-tls-verify': 'skip chain and name checks (a tls-fingerprint is still enforced)',
  'auth-method': `basic | session (default ${DEFAULTS.authMethod})`,
  'success-results': `comma-separated device results that count as success (default ${DEFAULTS.successResults})`,
  'allowed-failures':
    'devices that may fail while the run passes (exit 0, partial): a count (5) or a percentage (2%); default 0',
  'skip-managed':
    "with --csv-file: leave out rows the appliance's inventory lists managed and Online (default true; =false to upload every row)",
  'verify-inventory':
    "a device the job calls successful must be Online in the appliance's inventory (default true; =false to take the job's word)",
  'inventory-wait': `how long a device may take to appear Online after its job (default ${DEFAULTS.inventoryWait})`
}

const BOOLEAN_INPUTS: ReadonlySet<InputName> = new Set([
  Input.InsecureSkipTlsVerify,
  Input.ValidationOnly,
  Input.SkipManaged,
  Input.VerifyInventory
])
/** Better kept out of shell history: named by their environment variable first. */
const CREDENTIALS: ReadonlySet<InputName> = new Set([Input.Username, Input.Password])

export function helpText(command: string): string {
  const inputs = (Object.values(Input) as InputName[]).map(name => {
    const flag = BOOLEAN_INPUTS.has(name) ? `--${name}` : `--${name} VALUE`
    return `  ${flag.padEnd(32)} ${envName(name).padEnd(31)} ${INPUT_HELP[name]}`
  })
  return [
    `Usage: ${command} --host HOST --job-id ID [options]`,
    '',
    'Waits for Lenovo XClarity Administrator bulk-import (csvRequest), manage or unmanage jobs, prints a summary',
    'of every device, and exits 0 only if every device was managed successfully.',
    '',
    `  ${'Flag'.padEnd(32)} ${'Environment variable'.padEnd(31)} Meaning`,
    ...inputs,
    '',
    '  --summary-file PATH              also write the summary as Markdown (as on GitHub)',
    '  --report-file PATH               write the last job document(s) as JSON',
    "  --failed-csv PATH                with --csv-file: write the CSV's rows whose device did not succeed (mode 0600)",
    '  --junit PATH                     write a JUnit XML report: a test suite per job, a test case per device',
    '  --devices-file PATH              write every device (address, name, CSV line, state, result…) as JSON',
    '  --verbose                        debug detail on stderr',
    '  --no-color / --color             colours (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured)',
    '  --version                        the version',
    '  --help                           this text',
    '',
    'Flags win over environment variables. Progress goes to stderr, the summary to stdout.',
    '',
    `Exit codes: ${Object.entries(STATUSES)
      .map(([status, facts]) => `${facts.exitCode} ${status}`)
      .join(', ')}.`,
    '',
    'Example:',
    `  LXCA_USERNAME=admin LXCA_PASSWORD=... ${command} --host lxca.example.com --job-id 4229 --ca-certificate lxca-ca.pem`
  ].join('\n')
}

export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const { args, booleans } = normalise(argv)
  let values: Record<string, string | boolean | string[] | undefined>
  try {
    ;({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: OPTIONS }))
  } catch (error) {
    throw new UsageError(`${clause((error as Error).message.split('\n')[0])}. Run with --help to see every flag.`)
  }
  Object.assign(values, booleans)
  const warnings: string[] = []
  if (typeof values[Input.Password] === 'string') {
    warnings.push(
      `--password is visible to other users of this machine and in shell history; set ${envName(Input.Password)} instead.`
    )
  }
  const fromFlag = (name: InputName): string | undefined => {
    const flag = values[name] as string | boolean | string[] | undefined
    // --csv-file may be given several times: one file (or pattern) per line, as the Action's input.
    if (Array.isArray(flag)) return flag.join('\n')
    return typeof flag === 'string' ? flag : typeof flag === 'boolean' ? String(flag) : undefined
  }
  const read: InputSource = name => fromFlag(name) ?? env[envName(name)] ?? ''
  // Name a bad value where it came from: the flag, else its environment variable.
  const subject = (problem: InputProblem): string => {
    if (problem.input === undefined) return `environment variable ${problem.variable}`
    const name = problem.input as InputName
    if (fromFlag(name) !== undefined) return `--${name}`
    if (env[envName(name)]) return envName(name)
    // Given neither way: both, the safer one first for the credentials.
    return CREDENTIALS.has(name) ? `${envName(name)} (or --${name})` : `--${name} (or ${envName(name)})`
  }
  return {
    read,
    subject,
    summaryFile: values['summary-file'] as string | undefined,
    reportFile: values['report-file'] as string | undefined,
    failedCsv: values['failed-csv'] as string | undefined,
    devicesFile: values['devices-file'] as string | undefined,
    junit: values.junit as string | undefined,
    verbose: values.verbose === true,
    help: values.help === true,
    version: values.version === true,
    color: colour(values, env),
    warnings
  }
}

const OPTIONS = {
  ...Object.fromEntries(
    (Object.values(Input) as InputName[]).map(name => [
      name,
      BOOLEAN_INPUTS.has(name)
        ? { type: 'boolean' as const }
        : { type: 'string' as const, ...(name === Input.CsvFile ? { multiple: true } : {}) }
    ])
  ),
  'summary-file': { type: 'string' },
  'report-file': { type: 'string' },
  'failed-csv': { type: 'string' },
  'devices-file': { type: 'string' },
  junit: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' }
} as const

/**
 * What node:util's parser refuses but people type: `--insecure-skip-tls-verify=false`
 * (a boolean with a value) and `--timeout -1s` (a value that starts with a dash,
 * which it calls "ambiguous"; the settings then say what is wrong with it).
 */
function normalise(argv: readonly string[]): { args: string[]; booleans: Record<string, boolean> } {
  const args: string[] = []
  const booleans: Record<string, boolean> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const withValue = /^--([a-z-]+)=(.*)$/.exec(arg)
    const option = withValue ? OPTIONS[withValue[1] as keyof typeof OPTIONS] : undefined
    if (withValue && option?.type === 'boolean') {
      const value = withValue[2].toLowerCase()
      if (value !== 'true' && value !== 'false') {
        throw new UsageError(
          `--${withValue[1]} takes true or false, got '${withValue[2]}'. Run with --help to see every flag.`
        )
      }
      booleans[withValue[1]] = value === 'true'
      continue
    }
    const name = arg.startsWith('--') ? arg.slice(2) : undefined
    const next = argv[i + 1]
    const takesValue = name !== undefined && OPTIONS[name as keyof typeof OPTIONS]?.type === 'string'
    if (takesValue && next !== undefined && /^-[^-]/.test(next)) {
      args.push(`${arg}=${next}`)
      i += 1
      continue
    }
    args.push(arg)
  }
  return { args, booleans }
}

function colour(
  values: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>
): boolean | undefined {
  const forced = env.FORCE_COLOR !== undefined && !['', '0', 'false'].includes(env.FORCE_COLOR)
  if (values['no-color'] || env.NO_COLOR) return false
  if (values.color || forced) return true
  return undefined
}
