// One device as the reports show it: scrubbed, named as the CSV names it
// (when the step uploaded the file), with its step tree built on demand (a
// job may list 100,000 devices; only those shown are built).
import type { Scrub } from '../../common/secrets.js'
import { stepPathLabel, userActionOf, type DeviceAssessment, type DeviceState } from '../../lxca/verdict.js'
import type { InventoryDevice } from '../../lxca/inventory.js'
import type { SourceRow } from '../../outcome/rows.js'
import { stepTree, type StepView } from './step-view.js'

export interface DeviceView {
  readonly state: DeviceState
  readonly address: string
  /** Its CSV row's display name, when the step uploaded the file and the row has one. */
  readonly name?: string
  /** Its CSV row's line, when the step uploaded the file. */
  readonly line?: number
  /** `rack12-node3 (10.240.9.13)`, or the address alone. */
  readonly label: string
  readonly uuid?: string
  /** Undefined while the appliance has reported none. */
  readonly result?: string
  /** Where it failed, or where it is (`Inventory › Chassis inventory`). */
  readonly step?: string
  readonly timeSpentMs?: number
  readonly description?: string
  readonly userAction?: string
  /** What the appliance's inventory lists for it, when it was checked (scrubbed). */
  readonly inventory?: InventoryFacts
  /** The inventory confirmed what the job says of it. */
  readonly confirmed: boolean
  /** The step tree as it should be read (built on demand). */
  tree(): readonly StepView[]
}

/**
 * A deploy may go on to it: the job managed it and, when verify-inventory
 * was asked, the appliance's inventory confirmed it (a device the inventory
 * could not be asked about is not ready, whatever the job says).
 */
export function isReady(device: DeviceView, verify: boolean): boolean {
  return device.state === 'succeeded' && (!verify || device.confirmed)
}

/** A row of the uploaded CSV that no device of the job matched. */
export interface RowView {
  readonly line: number
  /** Its first address (or serial number, or UUID) cell. */
  readonly identifier: string
  readonly name?: string
  /** `rack12-node4 (10.240.9.14)`, or the identifier alone. */
  readonly label: string
}

/** `name (address)`, as people know the server; the address alone when there is no other name. */
function labelOf(name: string | undefined, address: string): string {
  return name && name !== address ? `${name} (${address})` : address
}

export function rowView(row: SourceRow, scrub: Scrub): RowView {
  const identifier = scrub(row.identifiers[0])
  const name = row.name === undefined ? undefined : scrub(row.name)
  return { line: row.line, identifier, ...(name !== undefined ? { name } : {}), label: labelOf(name, identifier) }
}

export function deviceView(item: DeviceAssessment, jobDone: boolean, scrub: Scrub, row?: SourceRow): DeviceView {
  const { device } = item
  const optional = (value: string | undefined): string | undefined => (value === undefined ? undefined : scrub(value))
  const step = item.state === 'succeeded' ? '' : stepPathLabel(item.stepPath)
  const address = scrub(device.address)
  const name = row?.name === undefined ? undefined : scrub(row.name)
  return {
    state: item.state,
    address,
    ...(name !== undefined ? { name } : {}),
    ...(row ? { line: row.line } : {}),
    label: labelOf(name, address),
    uuid: optional(device.uuid),
    result: optional(device.result),
    step: step ? scrub(step) : undefined,
    timeSpentMs: device.timeSpentMs,
    description: optional(device.longDescription),
    userAction: optional(userActionOf(item)),
    ...(device.inventory ? { inventory: inventoryFacts(device.inventory, scrub) } : {}),
    confirmed: device.confirmed === true,
    tree: () => scrubTree(stepTree(item, jobDone || device.done), scrub)
  }
}

/** The inventory's fields a deploy step needs: the UUID above all (OS deployment and patterns address it). */
export interface InventoryFacts {
  readonly uuid?: string
  readonly name?: string
  readonly serialNumber?: string
  readonly machineType?: string
  readonly type?: string
  readonly accessState?: string
}

export function inventoryFacts(entry: InventoryDevice, scrub: Scrub): InventoryFacts {
  const facts: Record<string, string> = {}
  for (const key of ['uuid', 'name', 'serialNumber', 'machineType', 'type', 'accessState'] as const) {
    const value = entry[key]
    if (value !== undefined) facts[key] = scrub(value)
  }
  return facts
}

function scrubTree(steps: readonly StepView[], scrub: Scrub): StepView[] {
  return steps.map(step => ({
    ...step,
    label: scrub(step.label),
    words: scrub(step.words),
    detail: step.detail === undefined ? undefined : scrub(step.detail),
    children: scrubTree(step.children, scrub)
  }))
}
