// The simulated appliance's inventory of managed devices, as GET /nodes,
// /chassis, /switches and /storages answer it (Lenovo's mocks: nodeList,
// chassisList, storageList; switchList by the same rule). Devices join it
// when their job finishes successfully (and leave it after an unmanage job),
// Pending for a few reads and then Online, unless a row scripts otherwise;
// devices can also be there from the start (`--managed`).
import { createHash } from 'node:crypto'
import type { DeviceScript, JobScript } from './documents.js'

export type SimulatedList = 'nodes' | 'chassis' | 'switches' | 'storages'

const WRAPPERS: Readonly<Record<SimulatedList, string>> = {
  nodes: 'nodeList',
  chassis: 'chassisList',
  switches: 'switchList',
  storages: 'storageList'
}

/** A device managed from the start. */
export interface ManagedSeed {
  readonly address: string
  readonly accessState?: string
  readonly list?: SimulatedList
}

interface Entry {
  readonly uuid: string
  readonly address: string
  readonly list: SimulatedList
  accessState: string
  /** Reads of its list until it is Online. */
  pendingReads: number
}

export class SimulatedInventory {
  private readonly entries = new Map<string, Entry>()
  private readonly settled = new Set<string>()

  constructor(
    seeds: readonly ManagedSeed[] = [],
    /** Reads of its list a device that joins stays Pending for. */
    private readonly pendingReads = 0
  ) {
    for (const seed of seeds) {
      const uuid = uuidOf(seed.address)
      this.entries.set(uuid, {
        uuid,
        address: seed.address,
        list: seed.list ?? 'nodes',
        accessState: seed.accessState ?? 'Online',
        pendingReads: 0
      })
    }
  }

  /** Once per job, when it has finished: its successful devices join (or, unmanaged, leave) the inventory. */
  settle(key: string, script: JobScript): void {
    if (this.settled.has(key)) return
    this.settled.add(key)
    for (const device of script.devices.filter(succeeds)) {
      if (script.type === 'unmanage') {
        this.entries.delete(device.uuid)
        continue
      }
      if (device.inventory === 'absent') continue
      const offline = device.inventory === 'offline'
      this.entries.set(device.uuid, {
        uuid: device.uuid,
        address: device.address,
        list: device.list ?? 'nodes',
        accessState: offline ? 'Offline' : this.pendingReads > 0 ? 'Pending' : 'Online',
        pendingReads: offline ? 0 : this.pendingReads
      })
    }
  }

  /** Whether the inventory lists a device at this address. */
  lists(address: string): boolean {
    return [...this.entries.values()].some(entry => entry.address === address)
  }

  /** The answer to GET /{list}: one read of it (Pending devices come closer to Online). */
  answer(list: SimulatedList): Record<string, unknown> {
    const devices = [...this.entries.values()].filter(entry => entry.list === list)
    for (const entry of devices) {
      if (entry.pendingReads > 0 && (entry.pendingReads -= 1) === 0) entry.accessState = 'Online'
    }
    return { [WRAPPERS[list]]: devices.map(deviceObject) }
  }
}

function succeeds(device: DeviceScript): boolean {
  return device.failAt === undefined && !device.unreported
}

/** A device object as the inventory lists it (the fields includeAttributes asks for). */
function deviceObject(entry: Entry): Record<string, unknown> {
  const ipv6 = entry.address.includes(':')
  return {
    uuid: entry.uuid,
    name: `sim-${entry.address}`,
    hostname: `sim-${entry.address.replace(/[.:]/g, '-')}`,
    type: entry.list === 'nodes' ? 'Rack-Tower Server' : entry.list,
    serialNumber: `SN${entry.uuid.slice(0, 8)}`,
    machineType: '7X06',
    mgmtProcIPaddress: entry.address,
    ipv4Addresses: ipv6 ? [] : [entry.address],
    ipv6Addresses: ipv6 ? [entry.address] : [],
    dnsHostnames: [entry.address],
    accessState: entry.accessState,
    status: { name: 'MANAGED', message: 'managed' }
  }
}

/** The stable UUID the simulator gives a device at `address`. */
export function uuidOf(address: string): string {
  return createHash('md5').update(`lxca-simulator-managed-${address}`).digest('hex').toUpperCase()
}
