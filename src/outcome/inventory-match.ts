// Which of the appliance's managed devices a CSV row, or a device of a job,
// is: matched by identity (common/identity.ts), never by count. A row's
// address meets the inventory's management and IP addresses (IPv6 in any
// spelling); its host name meets `hostname` and `dnsHostnames` whole, in any
// case, and a short name meets an FQDN's first label only when exactly one
// device has it; its serial number and UUID meet `serialNumber` and `uuid`. A
// job's device is found by its UUID first, else by the addresses it reports.
// Each question is asked of the whole inventory at once.
import {
  canonicalHost,
  canonicalIp,
  canonicalSerial,
  canonicalUuid,
  reportedIdentities,
  type Identity,
  type IdentityKind
} from '../common/identity.js'
import type { Device } from '../lxca/document.js'
import type { InventoryDevice } from '../lxca/inventory.js'
import type { SourceRow } from './rows.js'

/**
 * What is looked for, by kind of identity and canonical value. The rows (or
 * the job's devices) are indexed, and the inventory is scanned once against
 * them: a map lookup costs a fraction of an insert, and the values read from
 * the inventory's answer are used as they are, so 15,000 rows meet 15,000
 * devices in a few tens of milliseconds (npm run bench).
 */
type Meet<T> = (items: readonly T[], kind: IdentityKind, value: string) => void

class Wanted<T> {
  private readonly ip = new Map<string, T[]>()
  private readonly host = new Map<string, T[]>()
  private readonly serial = new Map<string, T[]>()
  private readonly uuid = new Map<string, T[]>()

  add(kind: IdentityKind, value: string, item: T): void {
    const map = this.mapOf(kind)
    const list = map.get(value)
    if (!list) map.set(value, [item])
    else if (list[list.length - 1] !== item) list.push(item)
  }

  /**
   * Calls `meet` for every wanted item the managed device is, with the kind
   * of identity that matched. Kinds nobody asked for are not even computed
   * (rows usually give addresses only: no UUID or serial number is read).
   */
  scan(device: InventoryDevice, meet: Meet<T>): void {
    const { ip, host, serial, uuid } = this
    if (ip.size > 0) for (const address of device.addresses) this.look(ip, 'ip', canonicalIp(address), meet)
    if (ip.size > 0 || host.size > 0) {
      for (const name of device.names) {
        const asIp = canonicalIp(name)
        if (asIp !== undefined) this.look(ip, 'ip', asIp, meet)
        else if (host.size > 0) this.look(host, 'host', canonicalHost(name), meet)
      }
    }
    if (serial.size > 0 && device.serialNumber !== undefined)
      this.look(serial, 'serial', canonicalSerial(device.serialNumber), meet)
    if (uuid.size > 0 && device.uuid !== undefined) this.look(uuid, 'uuid', canonicalUuid(device.uuid), meet)
  }

  private look(map: Map<string, T[]>, kind: IdentityKind, value: string | undefined, meet: Meet<T>): void {
    if (value === undefined || value === '') return
    const items = map.get(value)
    if (items) meet(items, kind, value)
  }

  private mapOf(kind: IdentityKind): Map<string, T[]> {
    switch (kind) {
      case 'ip':
        return this.ip
      case 'host':
        return this.host
      case 'serial':
        return this.serial
      case 'uuid':
        return this.uuid
    }
  }
}

/** The managed devices each row names (rows that name none are left out), in one pass over the inventory. */
export function rowsInInventory(
  rows: Iterable<SourceRow>,
  devices: readonly InventoryDevice[]
): Map<SourceRow, InventoryDevice[]> {
  const wanted = new Wanted<SourceRow>()
  /** Rows that give a short host name (no dot), by it: it may be an FQDN's first label. */
  const short = new Map<string, SourceRow[]>()
  for (const row of rows) {
    for (const identity of row.identities) {
      const value = valueOf(identity)
      wanted.add(identity.kind, value, row)
      if (identity.kind !== 'host' || value.includes('.')) continue
      const named = short.get(value)
      if (named) named.push(row)
      else short.set(value, [row])
    }
  }
  const found = new Map<SourceRow, InventoryDevice[]>()
  const meet = (row: SourceRow, device: InventoryDevice): void => {
    const list = found.get(row)
    if (!list) found.set(row, [device])
    else if (!list.includes(device)) list.push(device)
  }
  /** Short names some device has whole: the first-label rule does not apply to them. */
  const whole = new Set<string>()
  /** The one device whose dotted name starts with a wanted short name; null when several do. */
  const owners = new Map<string, InventoryDevice | null>()
  let device: InventoryDevice
  const named: Meet<SourceRow> = (rows, kind, value) => {
    for (const row of rows) meet(row, device)
    if (kind === 'host' && short.has(value)) whole.add(value)
  }
  for (device of devices) {
    wanted.scan(device, named)
    if (short.size === 0) continue
    for (const name of device.names) {
      const dot = name.indexOf('.')
      if (dot <= 0) continue
      const first = name.slice(0, dot).toLowerCase()
      if (!short.has(first)) continue
      const owner = owners.get(first)
      if (owner === undefined) owners.set(first, device)
      else if (owner !== device) owners.set(first, null)
    }
  }
  for (const [label, owner] of owners) {
    if (owner && !whole.has(label)) for (const row of short.get(label) ?? []) meet(row, owner)
  }
  return found
}

/**
 * The managed device each job's device is (devices not found are left out):
 * by its own UUID first, else by the identities the job reports for it (its
 * addresses, or a UUID), in the order it reports them. One pass.
 */
export function jobDevicesInInventory(
  jobDevices: Iterable<Device>,
  devices: readonly InventoryDevice[]
): Map<Device, InventoryDevice> {
  const wanted = new Wanted<{ device: Device; rank: number }>()
  for (const device of jobDevices) {
    const own = device.uuid === undefined ? undefined : canonicalUuid(device.uuid)
    if (own !== undefined) wanted.add('uuid', own, { device, rank: 0 })
    reportedIdentities(device.address, undefined).forEach((identity, i) => {
      if (identity.kind === 'uuid' || identity.kind === 'ip')
        wanted.add(identity.kind, valueOf(identity), { device, rank: i + 1 })
    })
  }
  const best = new Map<Device, { rank: number; entry: InventoryDevice }>()
  let entry: InventoryDevice
  const named: Meet<{ device: Device; rank: number }> = items => {
    for (const { device, rank } of items) {
      const known = best.get(device)
      if (!known || rank < known.rank) best.set(device, { rank, entry })
    }
  }
  for (entry of devices) wanted.scan(entry, named)
  return new Map([...best].map(([device, { entry }]) => [device, entry]))
}

/** The canonical value of an identity: its key without the kind. */
function valueOf(identity: Identity): string {
  return identity.key.slice(identity.kind.length + 1)
}

/** `Online`, in any case: the one access state in which a device is ready. */
export function isOnline(device: InventoryDevice): boolean {
  return device.accessState?.toLowerCase() === 'online'
}

/** Still being brought under management: worth reading the inventory again for. */
export function isPending(device: InventoryDevice): boolean {
  return device.accessState?.toLowerCase() === 'pending'
}
