// The appliance's inventory of managed devices, as Lenovo's API mocks show it
// (lenovo/xclarity_client docs/apib: node, chassis, switches, storages):
// GET /nodes answers {"nodeList": [...]}, /chassis {"chassisList": [...]},
// /storages {"storageList": [...]}; the switches mock shows a bare object,
// so the wrapper is not trusted: a list is read as a bare array, or as an
// object whose one array property holds the devices. Anything else (no list
// to be told, several candidate lists, entries that are not objects, an
// answer that says it holds more devices than it lists) is not understood,
// and "not understood" never reads as "managed". Texts are kept short.
import { isObject } from '../common/json.js'

/** The four lists of managed devices, by what a CSV row's Type says. */
export type InventoryList = 'nodes' | 'chassis' | 'switches' | 'storages'

export const INVENTORY_LISTS: readonly InventoryList[] = ['nodes', 'chassis', 'switches', 'storages']

/** One managed device as the inventory lists it. */
export interface InventoryDevice {
  readonly list: InventoryList
  readonly uuid?: string
  readonly name?: string
  readonly hostname?: string
  readonly type?: string
  readonly serialNumber?: string
  readonly machineType?: string
  /** `Online`, `Offline`, `Partial`, `Pending`, `Unknown` as the appliance says. */
  readonly accessState?: string
  /** `mgmtProcIPaddress`, `ipv4Addresses`, `ipv6Addresses`, and the addresses among `dnsHostnames`, as written. */
  readonly addresses: readonly string[]
  /** `hostname` and the names among `dnsHostnames`. */
  readonly names: readonly string[]
}

export type ParsedInventory =
  { readonly ok: true; readonly devices: readonly InventoryDevice[] } | { readonly ok: false; readonly problem: string }

/** What each device object needs, and no more: the answer stays small. */
const ATTRIBUTES = [
  'uuid',
  'name',
  'hostname',
  'type',
  'serialNumber',
  'machineType',
  'mgmtProcIPaddress',
  'ipv4Addresses',
  'ipv6Addresses',
  'dnsHostnames',
  'accessState',
  'status'
]
/** Fields that say how many devices a paged answer holds in all. */
const TOTAL_FIELDS = ['total', 'totalCount', 'count', 'totalRecords']
/** Devices one list may hold: LXCA manages at most 1,000; far more is not an inventory we understand. */
export const MAX_INVENTORY_DEVICES = 100_000
const MAX_FIELD = 1_024

/** GET /nodes?status=managed&includeAttributes=…: managed devices only, only the fields matched on. */
export function inventoryUrl(baseUrl: URL, list: InventoryList): URL {
  const url = new URL(`/${list}`, baseUrl)
  url.searchParams.set('status', 'managed')
  url.searchParams.set('includeAttributes', ATTRIBUTES.join(','))
  return url
}

export function parseInventory(raw: unknown, list: InventoryList): ParsedInventory {
  const entries = listOf(raw)
  if (typeof entries === 'string') return { ok: false, problem: entries }
  if (entries.length > MAX_INVENTORY_DEVICES) {
    return { ok: false, problem: `it lists ${entries.length.toLocaleString('en-US')} devices` }
  }
  const devices: InventoryDevice[] = []
  for (const [index, entry] of entries.entries()) {
    if (!isObject(entry)) return { ok: false, problem: `entry ${index + 1} is not an object` }
    // Asked for managed devices only; one that says otherwise is not managed here.
    const status = isObject(entry.status) ? text(entry.status.name) : undefined
    if (status !== undefined && status.toUpperCase() !== 'MANAGED') continue
    devices.push(deviceOf(entry, list))
  }
  return { ok: true, devices }
}

/** The device entries, or why they cannot be told. */
function listOf(raw: unknown): unknown[] | string {
  if (Array.isArray(raw)) return raw
  if (!isObject(raw)) return 'it is not a list of devices'
  // The switches mock shows one bare device: which devices such an answer holds cannot be told.
  if ('uuid' in raw || 'accessState' in raw) return 'it is one device, not a list of devices'
  const lists = Object.entries(raw).filter(([, value]) => Array.isArray(value))
  if (lists.length !== 1) {
    return lists.length === 0 ? 'it holds no list of devices' : `it holds ${lists.length} lists, not one of devices`
  }
  const entries = lists[0][1] as unknown[]
  const total = TOTAL_FIELDS.map(field => raw[field]).find(value => typeof value === 'number')
  if (typeof total === 'number' && total > entries.length) {
    return `it says it holds ${total} devices but lists ${entries.length} (a page of a longer list)`
  }
  return entries
}

function deviceOf(entry: Record<string, unknown>, list: InventoryList): InventoryDevice {
  const dns = strings(entry.dnsHostnames)
  const hostname = text(entry.hostname)
  const looksLikeAddress = (value: string): boolean => /^[\d.]+$/.test(value) || value.includes(':')
  return {
    list,
    uuid: text(entry.uuid),
    name: text(entry.name),
    hostname,
    type: text(entry.type),
    serialNumber: text(entry.serialNumber),
    machineType: text(entry.machineType),
    accessState: text(entry.accessState),
    addresses: [
      ...strings(entry.mgmtProcIPaddress).flatMap(value => value.split(/,\s*/)),
      ...strings(entry.ipv4Addresses),
      ...strings(entry.ipv6Addresses),
      ...dns.filter(looksLikeAddress)
    ],
    names: [...(hostname ? [hostname] : []), ...dns.filter(value => !looksLikeAddress(value))]
  }
}

/** A short, trimmed string field; undefined when absent or empty. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim().slice(0, MAX_FIELD)
  return trimmed === '' ? undefined : trimmed
}

/** A string or a list of strings, as the inventory writes addresses. */
function strings(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map(text).filter((item): item is string => item !== undefined)
}
