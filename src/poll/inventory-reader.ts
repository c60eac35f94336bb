// Reading the appliance's inventory, with the wait's manners: each list read
// once a round, transient faults retried within max-retries (the same wait as
// a poll's, http/retry-wait.ts), never past the deadline, stopped at once by
// a cancellation. A list the appliance answers with something we do not
// understand is a problem, never "managed". The wait for devices the job
// called successful (verify-inventory) reads again, at the poll interval,
// only while some device is missing or Pending, for at most inventory-wait.
import type { Clock } from '../common/clock.js'
import { RequestFault } from '../common/errors.js'
import { nextWait } from '../http/retry-wait.js'
import type { Device } from '../lxca/document.js'
import { INVENTORY_LISTS, parseInventory, type InventoryDevice, type InventoryList } from '../lxca/inventory.js'
import type { Deadline } from '../outcome/deadline.js'
import { jobDevicesInInventory } from '../outcome/inventory-match.js'
import { standingOf, type Standing } from '../outcome/inventory.js'
import { factsOf, type FaultFacts } from '../outcome/job-outcome.js'

export interface InventoryReadOptions {
  readonly getInventory: (list: InventoryList, signal: AbortSignal) => Promise<{ document: unknown }>
  readonly clock: Clock
  readonly random: () => number
  readonly signal: AbortSignal
  readonly deadline: Deadline
  readonly pollIntervalMs: number
  readonly maxRetries: number
  readonly onRetry?: (fault: RequestFault, consecutive: number, waitMs: number) => void
}

/** Why the inventory could not be used. */
export type InventoryTrouble =
  | { readonly kind: 'fault'; readonly list: InventoryList; readonly fault: FaultFacts }
  | { readonly kind: 'not-understood'; readonly list: InventoryList; readonly problem: string }
  | { readonly kind: 'deadline' }
  | { readonly kind: 'cancelled' }

export type ListsRead = { readonly devices: InventoryDevice[] } | { readonly trouble: InventoryTrouble }

/** Each list once (faults retried); every device of them, or the first trouble. */
export async function readLists(lists: readonly InventoryList[], options: InventoryReadOptions): Promise<ListsRead> {
  const devices: InventoryDevice[] = []
  for (const list of new Set(lists)) {
    const read = await readList(list, options)
    if ('trouble' in read) return read
    devices.push(...read.devices)
  }
  return { devices }
}

async function readList(list: InventoryList, options: InventoryReadOptions): Promise<ListsRead> {
  const { clock, signal, deadline } = options
  for (let faults = 0; ;) {
    if (signal.aborted) return { trouble: { kind: 'cancelled' } }
    if (clock.now() >= deadline.waitEndsAt) return { trouble: { kind: 'deadline' } }
    try {
      const { document } = await options.getInventory(list, signal)
      const parsed = parseInventory(document, list)
      if (parsed.ok) return { devices: [...parsed.devices] }
      return { trouble: { kind: 'not-understood', list, problem: parsed.problem } }
    } catch (error) {
      if (signal.aborted) return { trouble: { kind: 'cancelled' } }
      if (!(error instanceof RequestFault)) throw error
      faults += 1
      if (!error.retryable || faults > options.maxRetries) {
        if (error.kind === 'body') return { trouble: { kind: 'not-understood', list, problem: error.message } }
        return { trouble: { kind: 'fault', list, fault: factsOf(error) } }
      }
      const state = { goodPolls: 1, faults, retryAfter: error.retryAfter }
      const waitMs = nextWait(state, options.pollIntervalMs, options.random(), clock.wallNow())
      options.onRetry?.(error, faults, waitMs)
      await clock.sleep(Math.min(waitMs, Math.max(0, deadline.waitEndsAt - clock.now())), signal)
    }
  }
}

/** A device a job called successful, and the list its CSV row says it is in (none for a job-id run). */
export interface VerifyTarget {
  readonly device: Device
  readonly list?: InventoryList
}

export type Verified =
  | { readonly standings: ReadonlyMap<Device, Standing>; readonly deadline: boolean; readonly rounds: number }
  | { readonly trouble: InventoryTrouble }

/**
 * What the inventory says of each target, read again at the poll interval
 * while some is missing or Pending, for at most `waitMs` (and never past the
 * run's deadline: `deadline` then says the wait was cut by it).
 */
export async function verifyDevices(
  targets: readonly VerifyTarget[],
  unmanage: boolean,
  waitMs: number,
  options: InventoryReadOptions
): Promise<Verified> {
  const { clock, signal, deadline } = options
  const until = Math.min(clock.now() + waitMs, deadline.waitEndsAt)
  let last: Map<Device, Standing> | undefined
  for (let rounds = 1; ; rounds++) {
    const round = await standingsOnce(targets, unmanage, options)
    if ('trouble' in round) {
      // The deadline came during a later round: what the last round said stands, cut by the deadline.
      if (round.trouble.kind === 'deadline' && last) return { standings: last, deadline: true, rounds: rounds - 1 }
      return round
    }
    last = round.standings
    const waiting = targets.some(({ device }) => round.standings.get(device)?.kind === 'wait')
    const left = until - clock.now()
    if (!waiting || left <= 0) return { standings: last, deadline: waiting && until >= deadline.waitEndsAt, rounds }
    await clock.sleep(Math.min(options.pollIntervalMs, left), signal)
    if (signal.aborted) return { trouble: { kind: 'cancelled' } }
  }
}

/**
 * One round: the lists the targets' rows name (a device of no row: /nodes
 * first, the other lists only for those not found there), one read each.
 */
async function standingsOnce(
  targets: readonly VerifyTarget[],
  unmanage: boolean,
  options: InventoryReadOptions
): Promise<{ standings: Map<Device, Standing> } | { trouble: InventoryTrouble }> {
  const typed = targets.filter(target => target.list !== undefined).map(target => target.list as InventoryList)
  const untyped = targets.filter(target => target.list === undefined)
  const first = await readLists([...typed, ...(untyped.length > 0 ? (['nodes'] as const) : [])], options)
  if ('trouble' in first) return first
  const devices = targets.map(target => target.device)
  let found = jobDevicesInInventory(devices, first.devices)
  const unfound = untyped.filter(({ device }) => !found.has(device))
  if (unfound.length > 0) {
    const others = INVENTORY_LISTS.filter(list => list !== 'nodes' && !typed.includes(list))
    const more = await readLists(others, options)
    if ('trouble' in more) return more
    found = jobDevicesInInventory(devices, [...first.devices, ...more.devices])
  }
  const standings = new Map<Device, Standing>()
  for (const device of devices) standings.set(device, standingOf(found.get(device), unmanage))
  return { standings }
}
