// The simulator's command line, pure: jobs with their fates, faults in order,
// the certificate, the credentials. Every mistake is a UsageError with one
// readable sentence, never a stack trace.
import { parseArgs } from 'node:util'
import { UsageError } from '../common/errors.js'
import { scriptJob, type JobScript } from './documents.js'
import { isStepId } from './management-steps.js'
import type { Fault } from './faults.js'
import type { ManagedSeed } from './inventory.js'
import type { CertificateName } from './server.js'

export interface SimulatorCli {
  readonly help: boolean
  readonly port: number
  readonly username: string
  readonly password: string
  readonly auth: 'any' | 'basic' | 'session'
  readonly certificate: CertificateName
  /** Job ID → what it does, for the banner. */
  readonly fates: ReadonlyArray<{ id: string; fate: string }>
  readonly jobs: Readonly<Record<string, JobScript>>
  readonly faults: readonly Fault[]
  /** Devices the inventory lists from the start. */
  readonly managed: readonly ManagedSeed[]
  readonly pendingReads: number
}

const DEFAULT_JOBS = ['4229=success', '4230=fail:INV_CHASSIS', '4231=never']
const CERTIFICATES: readonly CertificateName[] = ['loopback', 'named', 'selfsigned', 'expired']

export const HELP = `LXCA simulator (for tests and trying the action; its certificates' keys are public)

Usage: npm run simulator -- [options]

  --port N            port on 127.0.0.1 (default 8443; 0 picks a free one)
  --job ID=FATE       a job to serve; repeat for several (default: ${DEFAULT_JOBS.join(' ')})
                        FATE: success | fail:STEP_ID[:user action] | never
                        any other job ID answers 404 (not found)
  --devices N         devices in each job (default 3)
  --polls N           good polls until a job finishes (default 3)
  --type TYPE         csv | manage | unmanage: the endpoint the jobs are served on (default csv)
  --fault SPEC        misbehave on job requests, in order; repeat to chain:
                        503[xN][:retry-after=S]  HTTP 503 (with Retry-After) N times
                        reset[xN]                close the connection without an answer
                        slow=MS[xN]              answer after MS milliseconds
                        stall[xN]                send headers and part of the body, then nothing
                        html[xN]                 a 200 with an HTML page
  --username NAME     accepted user (default admin)
  --password TEXT     accepted password (default Passw0rd!)
  --auth MODE         any | basic | session (default any, as LXCA)
  --certificate NAME  loopback | named | selfsigned | expired (default loopback)
  --managed LIST      addresses the inventory lists as managed from the start, comma-separated;
                        ADDRESS=STATE for another access state (10.0.0.9=Offline); repeat for more
  --pending-reads N   reads of GET /nodes a device stays Pending for after its job (default 0)
  --help              this text

POST /csvRequest takes a bulk-import CSV: one device per row; a "simulate" column
scripts a row's fate: fail:STEP_ID[:user action], failonce:STEP_ID[:user action]
(only the first import of its address fails), missing (not in the job), noresult
(finishes without a result), as:ADDRESS (reported under another address), offline
or noinventory (managed, but the inventory lists it Offline, or not at all).
Step IDs: INV_CHASSIS, LOGIN, CFG_SECURITY… GET /nodes, /chassis, /switches and
/storages list the managed devices: those of --managed, and every device a
finished job managed.`

export function parseSimulatorCli(argv: readonly string[]): SimulatorCli {
  const values = parse(argv)
  const port = wholeNumber(values.port ?? '8443', '--port', 0, 65_535)
  const devices = wholeNumber(values.devices ?? '3', '--devices', 1, 1_000)
  const polls = wholeNumber(values.polls ?? '3', '--polls', 1, 1_000)
  const type = oneOf(values.type ?? 'csv', '--type', ['csv', 'manage', 'unmanage'] as const)
  const jobs: Record<string, JobScript> = {}
  const fates: Array<{ id: string; fate: string }> = []
  for (const spec of values.job ?? DEFAULT_JOBS) {
    const { id, script, fate } = jobOf(spec, devices, polls, type)
    jobs[id] = script
    fates.push({ id, fate })
  }
  return {
    help: values.help === true,
    port,
    username: nonEmpty(values.username ?? 'admin', '--username'),
    password: nonEmpty(values.password ?? 'Passw0rd!', '--password'),
    auth: oneOf(values.auth ?? 'any', '--auth', ['any', 'basic', 'session'] as const),
    certificate: oneOf(values.certificate ?? 'loopback', '--certificate', CERTIFICATES),
    fates,
    jobs,
    faults: (values.fault ?? []).flatMap(faultsOf),
    managed: (values.managed ?? []).flatMap(managedOf),
    pendingReads: wholeNumber(values['pending-reads'] ?? '0', '--pending-reads', 0, 1_000)
  }
}

/** `10.0.0.1,10.0.0.2=Offline`: addresses (and access states) the inventory lists from the start. */
function managedOf(spec: string): ManagedSeed[] {
  return spec
    .split(',')
    .map(item => item.trim())
    .filter(Boolean)
    .map(item => {
      const [address, state] = item.split('=')
      if (!/^[\w.:-]{1,253}$/.test(address) || (state !== undefined && !/^[A-Za-z]{1,32}$/.test(state))) {
        throw new UsageError(`--managed has '${item}'. Expected ADDRESS or ADDRESS=STATE (10.0.0.9=Offline).`)
      }
      return { address, ...(state ? { accessState: state } : {}) }
    })
}

interface Values {
  port?: string
  devices?: string
  polls?: string
  type?: string
  job?: string[]
  fault?: string[]
  username?: string
  password?: string
  auth?: string
  certificate?: string
  managed?: string[]
  'pending-reads'?: string
  help?: boolean
}

function parse(argv: readonly string[]): Values {
  try {
    const string = { type: 'string' } as const
    const many = { type: 'string', multiple: true } as const
    const options = {
      port: string,
      devices: string,
      polls: string,
      type: string,
      job: many,
      fault: many,
      username: string,
      password: string,
      auth: string,
      certificate: string,
      managed: many,
      'pending-reads': string,
      help: { type: 'boolean' }
    } as const
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Values
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.split('\n')[0].replace(/\.$/, '')}. Run with --help to see every option.`
    )
  }
}

function jobOf(
  spec: string,
  devices: number,
  polls: number,
  type: JobScript['type']
): { id: string; script: JobScript; fate: string } {
  const match = /^([A-Za-z0-9_-]{1,128})=(.+)$/.exec(spec)
  if (!match) throw new UsageError(`--job '${spec}' is not ID=FATE, for example 4229=success or 4230=fail:INV_CHASSIS.`)
  const [, id, fate] = match
  if (fate === 'success') return { id, fate, script: scriptJob({ devices, pollsToComplete: polls, type }) }
  if (fate === 'never')
    return { id, fate: 'never finishes', script: scriptJob({ devices, pollsToComplete: Infinity, type }) }
  const failure = /^fail:([A-Z_]+)(?::(.+))?$/.exec(fate)
  if (!failure || !isStepId(failure[1])) {
    throw new UsageError(
      `--job '${spec}': the fate must be success, never, or fail:STEP_ID[:user action] with a step such as INV_CHASSIS, LOGIN or CFG_SECURITY.`
    )
  }
  const failures = [{ device: Math.min(1, devices - 1), step: failure[1], userAction: failure[2] }]
  return {
    id,
    fate: `device ${Math.min(1, devices - 1) + 1} fails at ${failure[1]}`,
    script: scriptJob({ devices, pollsToComplete: polls, type, failures })
  }
}

function faultsOf(spec: string): Fault[] {
  const match = /^(503|reset|slow=(\d+)|stall|html)(?:x(\d+))?(?::retry-after=(\d+))?$/.exec(spec)
  if (!match)
    throw new UsageError(
      `--fault '${spec}' is not one of 503[xN][:retry-after=S], reset[xN], slow=MS[xN], stall[xN], html[xN].`
    )
  const [, kind, slowMs, times = '1', retryAfter] = match
  let fault: Fault
  if (kind === '503') fault = { kind: 'status', status: 503, retryAfter }
  else if (kind === 'reset') fault = { kind: 'reset' }
  else if (kind === 'stall') fault = { kind: 'stall' }
  else if (kind === 'html')
    fault = { kind: 'body', body: '<html><body>Service unavailable</body></html>', contentType: 'text/html' }
  // Node clamps a timer past 2^31 - 1 ms to 1 ms: an hour is the most a slow answer may take.
  else fault = { kind: 'slow', ms: wholeNumber(slowMs, `--fault '${spec}': the delay`, 0, 3_600_000) }
  return Array.from({ length: wholeNumber(times, `--fault '${spec}'`, 1, 1_000) }, () => fault)
}

function nonEmpty(text: string, what: string): string {
  if (text.trim() === '') throw new UsageError(`${what} must not be empty.`)
  return text
}

function wholeNumber(text: string, what: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`${what} must be a whole number from ${min} to ${max}; got '${text}'.`)
  return value
}

function oneOf<T extends string>(text: string, what: string, choices: readonly T[]): T {
  const found = choices.find(choice => choice === text)
  if (!found) throw new UsageError(`${what} must be ${choices.join(', ')}; got '${text}'.`)
  return found
}
