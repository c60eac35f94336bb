// Which CSV row each device of a part's job came from, row by row, never by
// count alone: a row and a device are the same server when they share an
// identity (common/identity.ts: IP with IP, host name with host name, serial
// with serial, UUID with UUID). What does not match is accounted for:
//   - a row whose identity the job could have reported, matched by no device,
//     is a server the job does not list (`notInJob`): it was not managed;
//   - a device that matches a row of another part, or no row although the
//     rows could have named it, is not this part's (`foreign`): the part's
//     job cannot be judged, whatever it says of its devices;
//   - a row that cannot be compared with what the job reports (a host name in
//     the file, IP addresses in the job) is accounted for by count, within its
//     own part only, and only when no device of the part is foreign: as many
//     such rows as devices left over (`byCount`); past that count, every such
//     row is `notInJob` (which ones are missing cannot be told).
import type { Identity, IdentityKind } from '../common/identity.js'
import { reportedIdentities } from '../common/identity.js'
import type { Device } from '../lxca/document.js'
import type { InventoryList } from '../lxca/inventory.js'

/** A device row of the uploaded CSV, as the trace needs it (import/csv.ts's rows are these). */
export interface SourceRow {
  /** The line the row starts on, as an editor counts. */
  readonly line: number
  /** Its address, serial-number and UUID cells, trimmed, never empty (for display). */
  readonly identifiers: readonly string[]
  /** Who its device is, by the kind of each of those cells' column. */
  readonly identities: readonly Identity[]
  /** Its display name, when the file has one. */
  readonly name?: string
  /** The inventory list its device is in, when its Type cell says. */
  readonly kind?: InventoryList
}

/** A part of the uploaded CSVs: its file's path as the user gave it, and its device rows in file order. */
export interface Source {
  readonly path: string
  readonly rows: readonly SourceRow[]
}

/** A device of the job that is not this part's, and the row of another part it matches, if any. */
export interface ForeignDevice {
  readonly device: Device
  readonly elsewhere?: { readonly path: string; readonly line: number }
}

export interface RowTrace {
  readonly source: Source
  /** The row each device of the job came from, for the devices that matched one. */
  readonly rowOf: ReadonlyMap<Device, SourceRow>
  /** Rows of servers the job does not list: they were not managed. */
  readonly notInJob: readonly SourceRow[]
  /** Rows accounted for by count only (their identity cannot be compared with what the job reports). */
  readonly byCount: readonly SourceRow[]
  /** The devices left over that `byCount` stands for: those rows succeeded only if all of these did. */
  readonly countedDevices: readonly Device[]
  /** Devices that are not this part's: another part's, or none while they could be told. */
  readonly foreign: readonly ForeignDevice[]
}

/** Every part's rows by identity key, to tell a device of another part from one of no part. */
export type RowIndex = ReadonlyMap<string, ReadonlyArray<{ readonly source: Source; readonly row: SourceRow }>>

export function rowIndex(sources: readonly Source[]): RowIndex {
  const index = new Map<string, Array<{ source: Source; row: SourceRow }>>()
  for (const source of sources) {
    for (const row of source.rows) {
      for (const { key } of row.identities) {
        const rows = index.get(key)
        if (rows) rows.push({ source, row })
        else index.set(key, [{ source, row }])
      }
    }
  }
  return index
}

/** Each device's row, and what is left over on either side. `all`: every part's rows (none but this one's by default). */
export function traceRows(source: Source, devices: readonly Device[], all: RowIndex = new Map()): RowTrace {
  const own = rowIndex([source])
  const reported = devices.map(device => reportedIdentities(device.address, device.uuid))
  const rowKinds = kindsOf(source.rows.flatMap(row => row.identities))
  const jobKinds = kindsOf(reported.flat())
  const claimed = new Set<SourceRow>()
  const rowOf = new Map<Device, SourceRow>()
  const foreign: ForeignDevice[] = []
  const left: Array<{ device: Device; comparable: boolean }> = []
  devices.forEach((device, i) => {
    const keys = reported[i].map(item => item.key)
    const row = keys.flatMap(key => own.get(key) ?? []).find(candidate => !claimed.has(candidate.row))?.row
    if (row) {
      claimed.add(row)
      rowOf.set(device, row)
      return
    }
    const other = keys.flatMap(key => all.get(key) ?? []).find(candidate => candidate.source !== source)
    if (other) foreign.push({ device, elsewhere: { path: other.source.path, line: other.row.line } })
    else left.push({ device, comparable: reported[i].some(item => rowKinds.has(item.kind)) })
  })
  const unclaimed = source.rows.filter(row => !claimed.has(row))
  const comparable = (row: SourceRow): boolean => row.identities.some(item => jobKinds.has(item.kind))
  const notInJob = unclaimed.filter(comparable)
  const uncomparable = unclaimed.filter(row => !comparable(row))
  // With no row left that a device could stand for, a device the rows could have named is of no part.
  if (uncomparable.length === 0) foreign.push(...left.filter(item => item.comparable).map(({ device }) => ({ device })))
  const pool = left.map(({ device }) => device)
  const counted = foreign.length === 0 && uncomparable.length > 0 && pool.length >= uncomparable.length
  return {
    source,
    rowOf,
    notInJob: counted ? notInJob : unclaimed,
    byCount: counted ? uncomparable : [],
    countedDevices: counted ? pool : [],
    foreign
  }
}

function kindsOf(identities: readonly Identity[]): Set<IdentityKind> {
  return new Set(identities.map(item => item.kind))
}
