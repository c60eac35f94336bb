// Runs the engine in-process, the way both entry points do, against the
// simulator over real TLS on loopback: real settings parsing, real transport,
// but the virtual clock, so every wait and schedule is exact and the tests
// never sleep.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GateOutcome } from '../../src/outcome/gate-outcome.js'
import { SecretSet } from '../../src/common/secrets.js'
import { runGate, type GateLog } from '../../src/gate/run-gate.js'
import type { ProxyEnvironment } from '../../src/settings/proxy.js'
import type { InputName } from '../../src/settings/input-output-names.js'
import { anywhereFileReader, inputFileReader } from '../../src/settings/input-file.js'
import { readSettings } from '../../src/settings/settings.js'
import { SIMULATOR_CA, type Simulator } from '../../src/simulator/server.js'
import { VirtualClock } from './virtual-clock.js'

export interface EngineRun {
  readonly result: GateOutcome
  /** Every log line, warnings as `warning: <title>: <message>`. */
  readonly logs: string[]
  /** Every secret the engine learned, in order. */
  readonly secrets: string[]
  /** The run's secrets, the password first, as a root holds them: to scrub what a test renders. */
  readonly secretSet: SecretSet
  readonly clock: VirtualClock
  /** The last JSON document of each job, as handed to the report file (by job ID). */
  readonly documents: ReadonlyMap<string, Buffer>
  /** The titles of the log groups opened, in order. */
  readonly groups: string[]
  /** What the engine said of the jobs started, each time one started (the outputs are written from it). */
  readonly started: string[][]
}

export interface EngineOptions {
  /** The environment the proxy variables come from (none by default). */
  readonly environment?: ProxyEnvironment
  /** Called with the cancel controller once the run has started. */
  readonly control?: (cancel: AbortController, clock: VirtualClock) => void
  /** The clock to run on (share it with the simulator to record requests in virtual time). */
  readonly clock?: VirtualClock
}

/** A CSV file on disk, for csv-file. */
export function csvFile(content: string, name = 'servers.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lxca-csv-')), name)
  writeFileSync(path, content)
  return path
}

/** A bulk-import CSV of `rows` devices; `simulate` scripts a row's fate in the simulator. */
export function serversCsv(rows: number, simulate: Record<number, string> = {}): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `server,10.240.9.${i + 1},rack-${i + 1},USERID,Bmc-Passw0rd-${i},${simulate[i] ?? ''}`
  )
  return ['Type,IP Address,Display Name,User ID,Password,Simulate', ...lines].join('\r\n') + '\r\n'
}

export async function runEngine(
  sim: Simulator,
  inputs: Partial<Record<InputName, string>> = {},
  options: EngineOptions = {}
): Promise<EngineRun> {
  const all: Partial<Record<InputName, string>> = {
    host: sim.url,
    username: 'admin',
    password: 'Passw0rd!',
    'job-id': '4229',
    'poll-interval': '1s',
    'request-timeout': '5s',
    'ca-certificate': SIMULATOR_CA,
    // The inventory has tests of its own (inventory.test.ts here, and the bundle's); these count their requests.
    'skip-managed': 'false',
    'verify-inventory': 'false',
    ...inputs
  }
  // Files as the Action reads them: regular files inside the allowed folders (temp files and the repository).
  const policy = { base: process.cwd(), roots: [tmpdir(), process.cwd()] }
  const files = { readSent: inputFileReader(policy), readTrusted: anywhereFileReader(process.cwd()) }
  const settings = readSettings(name => all[name] ?? '', files, options.environment)
  const logs: string[] = []
  const groups: string[] = []
  const started: string[][] = []
  const secrets: string[] = []
  const log: GateLog = {
    info: line => void logs.push(line),
    warning: (message, title) => void logs.push(`warning: ${title}: ${message}`),
    debug: () => undefined,
    group: (name, body) => {
      groups.push(name)
      return body()
    }
  }
  const clock = options.clock ?? new VirtualClock()
  const cancel = new AbortController()
  options.control?.(cancel, clock)
  const secretSet = new SecretSet(value => void secrets.push(value))
  // As both roots do: the password is a secret before anything runs.
  secretSet.add(settings.password)
  const documents = new Map<string, Buffer>()
  const onDocument = (job: { id: string }, body: Buffer): void => void documents.set(job.id, body)
  const result = await clock.drive(
    runGate(settings, {
      clock,
      random: () => 0.5,
      signal: cancel.signal,
      secrets: secretSet,
      log,
      onDocument,
      onJobStarted: jobs => void started.push(jobs.map(job => job.id))
    })
  )
  return { result, logs, secrets, secretSet, clock, documents, groups, started }
}
