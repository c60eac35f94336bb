// What the appliance's own inventory says, decided here. Before an upload
// (skip-managed): a row whose device is managed here and Online is left out
// and counts as ready; one managed here but not Online is a failed row, never
// a silent skip (a stale entry holding a reused address must not make a new
// server "ready"). After the jobs (verify-inventory): a device the job calls
// successful passes only if the inventory lists it Online (for an unmanage
// job: no longer lists it); a device missing or still Pending is read again
// until the wait ends; then it is a failed device with its own result
// (NOT_ONLINE, NOT_IN_INVENTORY, STILL_MANAGED), a step of its own
// ("Appliance inventory") and what the appliance lists. Never looser than
// the job: only a device the job calls successful is ever checked.
import type { Device, StepNode } from '../lxca/document.js'
import type { InventoryDevice } from '../lxca/inventory.js'
import type { Assessment, DeviceAssessment } from '../lxca/verdict.js'
import { isOnline, isPending, rowsInInventory } from './inventory-match.js'
import type { InventoryProblem, JobOutcome } from './job-outcome.js'
import type { RowTrace, Source, SourceRow } from './rows.js'

/** A row and the file it is in, as the user named it. */
export interface PlannedRow {
  readonly row: SourceRow
  readonly path: string
}

/** A row whose device the appliance manages already. */
export interface ManagedRow {
  readonly row: SourceRow
  /** The file it is in, as the user named it. */
  readonly path: string
  readonly entry: InventoryDevice
}

/** What the inventory said of the run, for the reports and the run's status. */
export interface InventoryOutcome {
  /** skip-managed: rows managed here and Online, not uploaded, ready. */
  readonly skipped: readonly ManagedRow[]
  /** skip-managed: rows managed here but not Online, not uploaded, failed. */
  readonly notOnline: readonly ManagedRow[]
  /** verify-inventory: devices the inventory confirmed (Online, or gone after an unmanage job). */
  readonly verified: number
  /** Whether verify-inventory ran (the summary says what it found). */
  readonly checked: boolean
  /** verify-inventory was asked: only a device the inventory confirmed is ready. */
  readonly verify: boolean
  /** The inventory could not be read, or was not understood: the run is an error. */
  readonly problem?: InventoryProblem
  /** validation-only: what a real run would skip, said as a plan; it decides nothing. */
  readonly planOnly?: boolean
  /** validation-only: the rows a real run would upload. */
  readonly wouldImport?: readonly PlannedRow[]
  /** skip-managed ran: a run again leaves out what is managed by then, so running again is safe. */
  readonly skipManaged: boolean
}

/**
 * A job whose devices the inventory could not confirm: a success is no
 * longer one (an error with the inventory's cause, or cancelled). A failure
 * stays a failure: its verdict needs no confirmation.
 */
export function unconfirmedJob(job: JobOutcome, problem: InventoryProblem): JobOutcome {
  if (job.status !== 'success') return job
  if (problem.kind === 'cancelled') return { ...job, status: 'cancelled' }
  return { ...job, status: 'error', cause: { kind: 'inventory', problem } }
}

export interface SkipPlan {
  /** Managed here and Online: not uploaded, and ready. */
  readonly skipped: readonly ManagedRow[]
  /** Managed here but not Online: failed rows, not uploaded. */
  readonly notOnline: readonly ManagedRow[]
  /** What is left to import. */
  readonly toImport: ReadonlySet<SourceRow>
}

export function planSkip(sources: readonly Source[], inventory: readonly InventoryDevice[]): SkipPlan {
  const skipped: ManagedRow[] = []
  const notOnline: ManagedRow[] = []
  const toImport = new Set<SourceRow>()
  const found = rowsInInventory(
    sources.flatMap(source => source.rows),
    inventory
  )
  for (const { path, rows } of sources) {
    for (const row of rows) {
      const entries = found.get(row) ?? []
      const offline = entries.find(entry => !isOnline(entry))
      if (entries.length === 0) toImport.add(row)
      else if (offline) notOnline.push({ row, path, entry: offline })
      else skipped.push({ row, path, entry: entries[0] })
    }
  }
  return { skipped, notOnline, toImport }
}

/** What the inventory says of a device the job calls successful. */
export type Standing =
  | { readonly kind: 'ready'; readonly entry?: InventoryDevice }
  /** Not there yet, Pending, or (unmanage) still listed: read again until the wait ends. */
  | { readonly kind: 'wait'; readonly why: 'missing' | 'pending' | 'still-managed'; readonly entry?: InventoryDevice }
  | { readonly kind: 'not-online'; readonly entry: InventoryDevice }

/** `entry`: the managed device the inventory lists for it (jobDevicesInInventory), if any. */
export function standingOf(entry: InventoryDevice | undefined, unmanage: boolean): Standing {
  if (unmanage) return entry ? { kind: 'wait', why: 'still-managed', entry } : { kind: 'ready' }
  if (!entry) return { kind: 'wait', why: 'missing' }
  if (isOnline(entry)) return { kind: 'ready', entry }
  return isPending(entry) ? { kind: 'wait', why: 'pending', entry } : { kind: 'not-online', entry }
}

/** The devices of a finished job the inventory must confirm: those the job calls successful. */
export function devicesToVerify(job: JobOutcome): Device[] {
  if (job.status !== 'success' && job.status !== 'failure') return []
  return job.seen.assessment.devices.filter(item => item.state === 'succeeded').map(item => item.device)
}

/**
 * The job's outcome once the inventory has spoken: a device it does not
 * confirm fails (or, when the deadline ended the wait, is not finished and
 * the job times out); a confirmed one carries the inventory's entry.
 */
export function withInventory(
  job: JobOutcome,
  standings: ReadonlyMap<Device, Standing>,
  deadline: boolean
): JobOutcome {
  if (job.status !== 'success' && job.status !== 'failure') return job
  const replaced = new Map<Device, Device>()
  const devices = job.seen.assessment.devices.map((item): DeviceAssessment => {
    const standing = standings.get(item.device)
    if (!standing) return item
    const next = checked(item.device, standing, deadline)
    replaced.set(item.device, next.device)
    return next
  })
  const count = (state: DeviceAssessment['state']): number => devices.filter(item => item.state === state).length
  const failed = count('failed')
  const pending = count('pending')
  const assessment: Assessment = {
    ...job.seen.assessment,
    verdict: failed > 0 ? 'failure' : job.seen.assessment.verdict,
    devices,
    succeeded: count('succeeded'),
    failed,
    pending
  }
  const document = { ...job.seen.document, devices: devices.map(item => item.device) }
  const seen = { document, assessment }
  const rows = job.rows && retraced(job.rows, replaced)
  const base = { ...job, seen, ...(rows ? { rows } : {}) }
  if (pending > 0) return { ...base, status: 'timeout' }
  return { ...base, status: failed > 0 ? 'failure' : job.status }
}

const STEP_ID = 'APPLIANCE_INVENTORY'

/** The device as the inventory check leaves it. */
function checked(device: Device, standing: Standing, deadline: boolean): DeviceAssessment {
  if (standing.kind === 'ready') {
    return {
      device: { ...device, ...(standing.entry ? { inventory: standing.entry } : {}), confirmed: true },
      state: 'succeeded',
      stepPath: []
    }
  }
  const waiting = standing.kind === 'wait' && deadline
  const { result, found, action } = finding(standing)
  // Cut short by the deadline, the step says what the appliance listed when the wait ended.
  const listed =
    standing.kind === 'wait' && standing.entry
      ? `lists it ${standing.entry.accessState ?? 'with no access state'}`
      : 'not listed yet'
  const step: StepNode = {
    id: STEP_ID,
    label: waiting
      ? `Appliance inventory: ${standing.why === 'still-managed' ? 'still listed' : listed}`
      : 'Appliance inventory',
    state: waiting ? 'Pending' : 'Stopped_With_Error',
    longDescription: found,
    userAction: action,
    children: []
  }
  const next: Device = {
    ...device,
    ...(standing.entry ? { inventory: standing.entry } : {}),
    jobResult: device.result,
    result: waiting ? undefined : result,
    // What the appliance lists, in place of the job's "managed successfully".
    longDescription: found,
    steps: [...device.steps, step]
  }
  return { device: next, state: waiting ? 'pending' : 'failed', stepPath: [step] }
}

/** The device's result, what the appliance lists (the details), and what to do about it (the fix). */
function finding(standing: Exclude<Standing, { kind: 'ready' }>): { result: string; found: string; action: string } {
  const state = standing.entry?.accessState ?? 'no access state'
  if (standing.kind === 'not-online' || (standing.kind === 'wait' && standing.why === 'pending')) {
    return {
      result: 'NOT_ONLINE',
      found: `The job managed it, but the appliance lists it ${state}, not Online.`,
      action:
        'Check its management controller (network, credentials, firmware) under Resources in XClarity Administrator; run the step again once it is Online.'
    }
  }
  if (standing.why === 'still-managed') {
    return {
      result: 'STILL_MANAGED',
      found: 'The job unmanaged it, but the appliance still lists it as managed.',
      action: 'Unmanage it in XClarity Administrator (Resources), then check again.'
    }
  }
  return {
    result: 'NOT_IN_INVENTORY',
    found: "The job managed it, but it is not in the appliance's inventory.",
    action:
      'Look for it under Resources in XClarity Administrator; if it is not there, run the step again to import it (raise inventory-wait if the appliance is slow to list new devices).'
  }
}

/** The trace, each replaced device on its row. */
function retraced(rows: RowTrace, replaced: ReadonlyMap<Device, Device>): RowTrace {
  const rowOf = new Map([...rows.rowOf].map(([device, row]) => [replaced.get(device) ?? device, row] as const))
  const countedDevices = rows.countedDevices.map(device => replaced.get(device) ?? device)
  return { ...rows, rowOf, countedDevices }
}
