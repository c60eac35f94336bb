// Which of the appliance's managed devices a CSV row, or a device of a job,
// is: matched by identity (common/identity.ts), never by count. A row's
// address meets the inventory's management and IP addresses (IPv6 in any
// spelling); its host name meets `hostname` and `dnsHostnames` whole, in any
// case, and a short name meets an FQDN's first label only when exactly one
// device has it; its serial number and UUID meet `serialNumber` and `uuid`. A
// job's device is found by its UUID first, else by the addresses it reports.
import { addressIdentity, canonicalUuid, reportedIdentities, serialIdentity } from '../common/identity.js'
import type { Device } from '../lxca/document.js'
import type { InventoryDevice } from '../lxca/inventory.js'
import type { SourceRow } from './rows.js'

export class InventoryIndex {
  private readonly byKey = new Map<string, InventoryDevice[]>()
  /** Devices by the first label of their dotted names: `node7` of `node7.lab.example`. */
  private readonly byFirstLabel = new Map<string, Set<InventoryDevice>>()

  constructor(readonly devices: readonly InventoryDevice[]) {
    for (const device of devices) {
      for (const key of keysOf(device)) this.add(this.byKey, key, device)
      for (const name of device.names) {
        const [first, ...rest] = name.toLowerCase().split('.')
        if (rest.length === 0 || first === '') continue
        const owners = this.byFirstLabel.get(first) ?? new Set<InventoryDevice>()
        owners.add(device)
        this.byFirstLabel.set(first, owners)
      }
    }
  }

  /** The managed devices a row names (usually none or one). */
  forRow(row: SourceRow): InventoryDevice[] {
    const found = new Set<InventoryDevice>()
    for (const identity of row.identities) {
      const whole = this.byKey.get(identity.key) ?? []
      whole.forEach(device => found.add(device))
      if (identity.kind === 'host' && whole.length === 0 && !identity.key.includes('.')) {
        const owners = this.byFirstLabel.get(identity.key.slice('host:'.length))
        if (owners?.size === 1) owners.forEach(device => found.add(device))
      }
    }
    return [...found]
  }

  /** The managed device a job's device is: by its UUID, else by the addresses the job reports. */
  forJobDevice(device: Device): InventoryDevice | undefined {
    const uuid = device.uuid === undefined ? undefined : canonicalUuid(device.uuid)
    if (uuid !== undefined) {
      const byUuid = this.byKey.get(`uuid:${uuid}`)
      if (byUuid?.length) return byUuid[0]
    }
    for (const identity of reportedIdentities(device.address, undefined)) {
      if (identity.kind === 'uuid' || identity.kind === 'ip') {
        const found = this.byKey.get(identity.key)
        if (found?.length) return found[0]
      }
    }
    return undefined
  }

  private add(map: Map<string, InventoryDevice[]>, key: string, device: InventoryDevice): void {
    const list = map.get(key)
    if (list) {
      if (!list.includes(device)) list.push(device)
    } else map.set(key, [device])
  }
}

/** Every key a managed device can be found by. */
function keysOf(device: InventoryDevice): string[] {
  const keys: string[] = []
  for (const address of device.addresses) {
    const identity = addressIdentity(address)
    if (identity?.kind === 'ip') keys.push(identity.key)
  }
  for (const name of device.names) {
    const identity = addressIdentity(name)
    if (identity) keys.push(identity.key)
  }
  const serial = device.serialNumber === undefined ? undefined : serialIdentity(device.serialNumber)
  if (serial) keys.push(serial.key)
  const uuid = device.uuid === undefined ? undefined : canonicalUuid(device.uuid)
  if (uuid !== undefined) keys.push(`uuid:${uuid}`)
  return keys
}

/** `Online`, in any case: the one access state in which a device is ready. */
export function isOnline(device: InventoryDevice): boolean {
  return device.accessState?.toLowerCase() === 'online'
}

/** Still being brought under management: worth reading the inventory again for. */
export function isPending(device: InventoryDevice): boolean {
  return device.accessState?.toLowerCase() === 'pending'
}
