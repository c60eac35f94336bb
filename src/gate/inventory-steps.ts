// The engine's two questions to the appliance's inventory. Before an upload
// (skip-managed): which rows does this appliance manage already, so that a
// run again uploads only what is left. After the jobs (verify-inventory): is
// every device a job calls successful really there, and Online. Both read
// each list once a round (poll/inventory-reader.ts); outcome/inventory.ts
// decides what the answers mean.
import { plural } from '../common/text.js'
import type { LxcaClient } from '../lxca/client.js'
import type { InventoryList } from '../lxca/inventory.js'
import type { Deadline } from '../outcome/deadline.js'
import { devicesToVerify, planSkip, unconfirmedJob, withInventory, type SkipPlan } from '../outcome/inventory.js'
import type { InventoryProblem, JobOutcome } from '../outcome/job-outcome.js'
import type { Source } from '../outcome/rows.js'
import { readLists, verifyDevices, type InventoryReadOptions, type InventoryTrouble } from '../poll/inventory-reader.js'
import type { Settings } from '../settings/settings.js'
import type { GateDeps } from './gate-deps.js'

export interface InventoryContext {
  readonly client: LxcaClient
  readonly deps: GateDeps
  readonly settings: Settings
}

function readOptions(context: InventoryContext, deadline: Deadline): InventoryReadOptions {
  const { client, deps, settings } = context
  return {
    getInventory: (list, signal) => client.getInventory(list, signal),
    clock: deps.clock,
    random: deps.random,
    signal: deps.signal,
    deadline,
    pollIntervalMs: settings.pollIntervalMs,
    maxRetries: settings.maxRetries,
    onRetry: (fault, consecutive, waitMs) =>
      deps.log.info(
        `Reading the inventory failed (${consecutive} of at most ${settings.maxRetries} retries in a row): ${fault.message}; again in ${Math.round(waitMs / 1000)} s.`
      )
  }
}

/** skip-managed: the rows the appliance manages already, read before anything is uploaded. */
export async function managedRows(
  sources: readonly Source[],
  context: InventoryContext,
  deadline: Deadline
): Promise<SkipPlan | { problem: InventoryProblem }> {
  const lists: InventoryList[] = [...new Set(sources.flatMap(source => source.rows.map(row => row.kind ?? 'nodes')))]
  const { log } = context.deps
  log.info(`Reading the appliance's inventory of managed devices (${lists.map(list => `GET /${list}`).join(', ')})`)
  const read = await readLists(lists, readOptions(context, deadline))
  if ('trouble' in read) return { problem: problemOf(read.trouble, 'skip') }
  const plan = planSkip(sources, read.devices)
  const rows = sources.reduce((sum, source) => sum + source.rows.length, 0)
  log.info(
    `${plural(plan.skipped.length, 'row')} of ${rows.toLocaleString('en-US')} already managed here and Online (not uploaded)` +
      (plan.notOnline.length > 0 ? `; ${plural(plan.notOnline.length, 'row')} managed here but not Online` : '') +
      `; ${plan.toImport.size.toLocaleString('en-US')} to import.`
  )
  return plan
}

export interface VerifiedJobs {
  readonly jobs: readonly JobOutcome[]
  readonly verified: number
  /** Some device was checked (a job that failed every device, or could not be checked, has none). */
  readonly checked: boolean
  readonly problem?: InventoryProblem
}

/** verify-inventory: every device a job calls successful, in the inventory and Online (gone, after an unmanage job). */
export async function verifiedJobs(
  jobs: readonly JobOutcome[],
  context: InventoryContext,
  deadline: Deadline
): Promise<VerifiedJobs> {
  const waitMs = context.settings.inventory?.waitMs ?? 0
  const results: JobOutcome[] = []
  let verified = 0
  let checked = false
  // Manage and unmanage jobs ask opposite questions: each kind is read on its own.
  for (const unmanage of [false, true]) {
    const own = jobs.filter(job => (job.job.type === 'unmanage') === unmanage)
    const targets = own.flatMap(job =>
      devicesToVerify(job).map(device => ({ device, list: job.rows?.rowOf.get(device)?.kind }))
    )
    if (targets.length === 0) continue
    checked = true
    context.deps.log.info(`Checking ${plural(targets.length, 'device')} in the appliance's inventory`)
    const answer = await verifyDevices(targets, unmanage, waitMs, readOptions(context, deadline))
    if ('trouble' in answer && answer.trouble.kind !== 'deadline') {
      // Whatever this round could not confirm is not a success; earlier rounds' results stand.
      const problem = problemOf(answer.trouble, 'verify')
      const done = new Map(results.map(job => [job.job, job]))
      return { jobs: jobs.map(job => done.get(job.job) ?? unconfirmedJob(job, problem)), verified, checked, problem }
    }
    const standings = 'trouble' in answer ? undefined : answer.standings
    const cut = 'trouble' in answer || answer.deadline
    for (const job of own) {
      // The deadline came before any answer: every device is still to be confirmed.
      const mine = new Map(devicesToVerify(job).map(device => [device, standings?.get(device) ?? WAITING] as const))
      verified += [...mine.values()].filter(standing => standing.kind === 'ready').length
      results.push(withInventory(job, mine, cut))
    }
  }
  const order = new Map(results.map(job => [job.job, job]))
  return { jobs: jobs.map(job => order.get(job.job) ?? job), verified, checked }
}

const WAITING = { kind: 'wait', why: 'missing' } as const

function problemOf(trouble: InventoryTrouble, phase: 'skip' | 'verify'): InventoryProblem {
  switch (trouble.kind) {
    case 'fault':
      return {
        phase,
        kind: 'fault',
        reason: `the inventory could not be read: ${trouble.fault.message}`,
        fault: trouble.fault
      }
    case 'not-understood':
      return {
        phase,
        kind: 'not-understood',
        reason: `the appliance's answer to GET /${trouble.list} was not understood (${trouble.problem}), so it cannot say which devices it manages`
      }
    case 'deadline':
      return { phase, kind: 'deadline', reason: 'the deadline came before the inventory was read' }
    case 'cancelled':
      return { phase, kind: 'cancelled', reason: 'cancelled while the inventory was read' }
  }
}
