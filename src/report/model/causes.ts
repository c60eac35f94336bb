// Failed devices grouped by cause, not by wording. LXCA often words a user
// action per device ("Device 10.240.72.7 (node 7): check that the CMM is
// reachable"): compared as written, a thousand devices with two real causes
// would make a thousand causes. So a cause is the result, the failing step
// (by its LXCA id) and the user action with what is particular to a device
// masked: the device's own identifiers, its own names as whole words ("Login
// to rack12-node7 failed"), and any other address, UUID, long hex or decimal
// number.
import type { Scrub } from '../../common/secrets.js'
import { stepPathLabel, userActionOf, type DeviceAssessment } from '../../lxca/verdict.js'
import { causeHint } from './fixes.js'

/** Failed devices that share a result, a failing step and (masked) user action. */
export interface CauseView {
  readonly result: string
  /** `Inventory › Chassis inventory`. */
  readonly step?: string
  /** The action as the devices say it: their own text when they all say the same, else the masked template. */
  readonly userAction?: string
  /** What to do that LXCA's own action does not say (fixes.ts), by the failing step. */
  readonly hint?: string
  /** Largest first: this cause's place among them (1-based). */
  readonly rank: number
  readonly devices: readonly DeviceAssessment[]
}

/** Placeholders, readable in a table cell. */
const DEVICE = '‹device›'
const ADDRESS = '‹address›'
const ID = '‹id›'
const NUMBER = '‹n›'
/** Only so much of a user action is compared: a 30 KB string is not copied for every device. */
const MAX_COMPARED = 4_096

const PARTICULARS: ReadonlyArray<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi, ID],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, ADDRESS],
  // IPv6, compressed or not (`fe80::1`, `2001:db8:0:0:0:0:0:1`): hex groups, some empty, with a digit somewhere.
  [/(?<![\w:])(?=[0-9a-f:]{0,38}[0-9a-f])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi, ADDRESS],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, ID],
  [/\b\d+\b/g, NUMBER]
]

/** A name shorter than this is not masked: "web" may be part of any sentence. */
const MIN_NAME = 3

/**
 * `text` with what is particular to one device replaced by a placeholder:
 * the device's own identifiers (`own`: those of its address parts and UUID
 * the text quotes), its names as whole words (`names`: its CSV row's name and
 * cells, what the inventory calls it), then UUIDs, IP addresses, long hex and
 * decimal numbers.
 */
export function maskParticulars(text: string, own: readonly string[], names: readonly string[] = []): string {
  let masked = text.length > MAX_COMPARED ? text.slice(0, MAX_COMPARED) : text
  for (const value of own) masked = masked.split(value).join(DEVICE)
  for (const name of names) masked = masked.replace(wholeWord(name), DEVICE)
  for (const [pattern, placeholder] of PARTICULARS) masked = masked.replace(pattern, placeholder)
  return masked
}

/** `name` as a whole word, in any case: not inside `rack12-node70` or `webserver`. */
function wholeWord(name: string): RegExp {
  return new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'gi')
}

/** A device's own identifiers, as its texts may quote them. */
function identifiersOf(item: DeviceAssessment): string[] {
  const { device } = item
  const parts = device.address.split(/,\s*/).filter(part => part !== '')
  return [...parts, ...(device.uuid ? [device.uuid, device.uuid.toLowerCase(), device.uuid.toUpperCase()] : [])]
}

interface Group {
  readonly devices: DeviceAssessment[]
  /** Up to two of the actions as written: one means they all say the same. */
  readonly actions: Set<string>
  readonly template: string
}

/** The failed devices by cause, largest first (equal counts in the order the appliance listed them). */
export function causesOf(
  failed: readonly DeviceAssessment[],
  scrub: Scrub,
  namesOf: (item: DeviceAssessment) => readonly (string | undefined)[] = () => []
): CauseView[] {
  // Keyed by each part apart, never by one long concatenated key, and a text no device names itself in
  // is masked once: a hostile document's 30 KB strings, or 100,000 devices, cost no more than their count.
  const groups = new Map<string, Map<string, Map<string, Group>>>()
  const order: Group[] = []
  const templates = new Map<string, string>()
  for (const item of failed) {
    const action = userActionOf(item) ?? ''
    const own = identifiersOf(item).filter(value => value.length >= 3 && action.includes(value))
    const lower = action.toLowerCase()
    const names = namesOf(item).filter(
      (name): name is string => name !== undefined && name.length >= MIN_NAME && lower.includes(name.toLowerCase())
    )
    const particular = own.length > 0 || names.length > 0
    let template = particular ? undefined : templates.get(action)
    if (template === undefined) {
      template = maskParticulars(action, own, names)
      if (!particular) templates.set(action, template)
    }
    const byStep = child(groups, item.device.result ?? '', () => new Map<string, Map<string, Group>>())
    const byTemplate = child(byStep, item.stepPath.map(node => node.id).join('/'), () => new Map<string, Group>())
    const group = child(byTemplate, template, () => {
      const made: Group = { devices: [], actions: new Set(), template: template as string }
      order.push(made)
      return made
    })
    group.devices.push(item)
    if (group.actions.size < 2) group.actions.add(action)
  }
  // Stable: equal counts keep the order in which the appliance listed them.
  return order
    .sort((a, b) => b.devices.length - a.devices.length)
    .map((group, index) => {
      const [first] = group.devices
      const step = stepPathLabel(first.stepPath)
      const action = group.actions.size === 1 ? (userActionOf(first) ?? '') : group.template
      const hint = causeHint(first.stepPath.map(node => node.id))
      return {
        result: scrub(first.device.result ?? ''),
        step: step ? scrub(step) : undefined,
        userAction: action ? scrub(action) : undefined,
        ...(hint ? { hint } : {}),
        rank: index + 1,
        devices: group.devices
      }
    })
}

function child<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = make()))
  return value
}

/** Devices ordered as a reader scans them: by cause (largest first), then by address (numbers as numbers). */
export function byCauseThenAddress(
  causes: readonly CauseView[],
  others: readonly DeviceAssessment[]
): DeviceAssessment[] {
  const byAddress = (a: DeviceAssessment, b: DeviceAssessment): number =>
    a.device.address.localeCompare(b.device.address, 'en', { numeric: true })
  return [...causes.flatMap(cause => [...cause.devices].sort(byAddress)), ...[...others].sort(byAddress)]
}
