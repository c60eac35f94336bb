// What the appliance's inventory said, as the reports show it: the rows left
// out because this appliance manages them already (ready), the rows managed
// here but not Online (failed), how many devices of the jobs it confirmed,
// and, when it could not be read, why and the one fix. Scrubbed.
import type { Scrub } from '../../common/secrets.js'
import { plural, thousands } from '../../common/text.js'
import type { GateOutcome } from '../../outcome/gate-outcome.js'
import type { ManagedRow, PlannedRow } from '../../outcome/inventory.js'
import { inventoryProblem, type Problem } from './fixes.js'
import type { Naming } from './naming.js'
import { STATUSES, type Status } from '../../outcome/status.js'

/** A row the inventory lists already. */
export interface ManagedRowView {
  readonly file: string
  readonly line: number
  /** Its first identifier cell. */
  readonly identifier: string
  readonly name?: string
  /** `rack12-node4 (10.240.9.14)`. */
  readonly label: string
  /** What the inventory lists: its state, UUID and name there. */
  readonly accessState?: string
  readonly uuid?: string
  readonly inventoryName?: string
  readonly serialNumber?: string
  readonly machineType?: string
  readonly type?: string
}

export interface InventoryView {
  readonly skipped: readonly ManagedRowView[]
  readonly notOnline: readonly ManagedRowView[]
  /** validation-only: the rows a real run would upload (no inventory facts). */
  readonly wouldImport: readonly ManagedRowView[]
  /** Devices of the jobs the inventory confirmed, and those it did not (they failed). */
  readonly verified: number
  readonly unconfirmed: number
  /** Devices the jobs called successful (confirmed by the inventory or not). */
  readonly managedByJobs: number
  readonly checked: boolean
  /** verify-inventory was asked: only a device the inventory confirmed is ready. */
  readonly verify: boolean
  /** validation-only: the rows skipped are a plan, not a result. */
  readonly planOnly: boolean
  /** Rows of the CSVs in all, and those uploaded (in a validation's plan: those a real run would upload). */
  readonly rows: number
  readonly uploaded: number
  readonly problem?: Problem
  readonly reason?: string
}

export function inventoryView(outcome: GateOutcome, scrub: Scrub, naming: Naming): InventoryView | undefined {
  const { inventory } = outcome
  if (!inventory) return undefined
  const rowView = (managed: ManagedRow | PlannedRow): ManagedRowView => {
    const { row } = managed
    const entry: Partial<ManagedRow['entry']> = 'entry' in managed ? managed.entry : {}
    const identifier = scrub(row.identifiers[0] ?? '')
    const name = row.name === undefined ? undefined : scrub(row.name)
    const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: scrub(value) })
    return {
      file: scrub(managed.path),
      line: row.line,
      identifier,
      ...(name ? { name } : {}),
      label: name && name !== identifier ? `${name} (${identifier})` : identifier,
      ...optional('accessState', entry.accessState),
      ...optional('uuid', entry.uuid),
      ...optional('inventoryName', entry.name),
      ...optional('serialNumber', entry.serialNumber),
      ...optional('machineType', entry.machineType),
      ...optional('type', entry.type)
    }
  }
  const uploaded = outcome.parts
    ? outcome.parts.reduce((sum, part) => sum + part.part.rows, 0)
    : (outcome.upload?.rows ?? outcome.jobs.reduce((sum, job) => sum + (job.source?.rows.length ?? 0), 0))
  const unconfirmed = outcome.jobs.reduce(
    (sum, job) => sum + (job.seen?.assessment.devices.filter(item => item.device.jobResult !== undefined).length ?? 0),
    0
  )
  const { problem } = inventory
  const managedByJobs = outcome.jobs.reduce((sum, job) => sum + (job.seen?.assessment.succeeded ?? 0), 0) + unconfirmed
  return {
    managedByJobs,
    skipped: inventory.skipped.map(rowView),
    notOnline: inventory.notOnline.map(rowView),
    wouldImport: (inventory.wouldImport ?? []).map(rowView),
    verified: inventory.verified,
    unconfirmed,
    checked: inventory.checked,
    verify: inventory.verify,
    planOnly: inventory.planOnly === true,
    // A validation uploads every row (the appliance checks the whole file),
    // so its plan takes the rows it would leave out from those it sent.
    ...(inventory.planOnly === true
      ? { rows: uploaded, uploaded: Math.max(0, uploaded - inventory.skipped.length - inventory.notOnline.length) }
      : { rows: inventory.skipped.length + inventory.notOnline.length + uploaded, uploaded }),
    ...(problem ? { problem: inventoryProblem(problem, naming), reason: scrub(problem.reason) } : {})
  }
}

/**
 * The inventory in one line: `1,000 servers: 412 already managed · 588
 * imported · all Online in the appliance's inventory`.
 */
export function inventoryLine(view: InventoryView): string | undefined {
  if (view.problem || view.planOnly) return undefined
  const count = thousands
  const facts: string[] = []
  if (view.skipped.length > 0 || view.notOnline.length > 0 || view.rows > view.uploaded) {
    if (view.skipped.length > 0 || view.notOnline.length === 0)
      facts.push(`${count(view.skipped.length)} already managed`)
    if (view.notOnline.length > 0) facts.push(`${count(view.notOnline.length)} managed here but not Online`)
  }
  if (facts.length === 0 && !view.checked) return undefined
  facts.push(`${count(view.managedByJobs)} ${view.rows > 0 ? 'imported' : 'managed by the job'}`)
  if (view.checked && view.managedByJobs > 0) {
    facts.push(
      view.unconfirmed === 0
        ? `${view.managedByJobs === 1 ? 'Online' : 'all Online'} in the appliance's inventory`
        : `${count(view.unconfirmed)} of them not Online in the appliance's inventory`
    )
  }
  const what = view.rows > 0 ? plural(view.rows, 'server') : plural(view.managedByJobs, 'device')
  return `${what}: ${facts.join(' · ')}`
}

/** The first line of a run that uploaded nothing: every row managed already, or an inventory it could not read. */
export function inventoryHeadline(view: InventoryView, host: string): string {
  if (view.problem) return `Nothing was uploaded to ${host}: ${view.problem.what}`
  const servers = plural(view.rows, 'server')
  if (view.notOnline.length === 0)
    return `${servers} on ${host}: all already managed here and Online, nothing to import`
  return `${servers} on ${host}: ${view.skipped.length.toLocaleString('en-US')} already managed, ${view.notOnline.length.toLocaleString('en-US')} managed here but not Online; nothing uploaded`
}

/**
 * The run's first line when its one job passed but rows the inventory lists
 * managed, not Online, failed the run: the job's own headline would say
 * "succeeded" over a red step. Undefined otherwise.
 */
export function notReadyHeadline(
  view: InventoryView,
  runStatus: Status,
  jobStatus: Status,
  host: string
): string | undefined {
  if (view.planOnly || view.notOnline.length === 0) return undefined
  if (STATUSES[runStatus].severity <= STATUSES[jobStatus].severity) return undefined
  return `Not every server is ready on ${host}: ${plural(view.notOnline.length, 'row')} managed here but not Online (not uploaded)`
}

/** `3 rows managed here but not Online: rack1 (10.0.0.1) servers.csv:2 (Offline), …`, or nothing. */
export function notOnlineSentence(view: InventoryView): string | undefined {
  if (view.notOnline.length === 0 || view.planOnly) return undefined
  const named = view.notOnline
    .slice(0, 3)
    .map(row => `${row.label} ${row.file}:${row.line} (${row.accessState ?? 'no access state'})`)
  const more = view.notOnline.length > 3 ? `, … +${view.notOnline.length - 3}` : ''
  return `${plural(view.notOnline.length, 'row')} managed here but not Online, not uploaded: ${named.join(', ')}${more}`
}
