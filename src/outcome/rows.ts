// Which CSV row each device of the job came from, when this step uploaded the
// file: matched by what both carry (the address LXCA reports against the
// file's address, serial-number and UUID cells, case and spaces aside). A row
// no device matches is a server the job does not list: when the job lists
// fewer devices than the file has rows, those servers were not managed and
// the job cannot pass; when the counts agree, the appliance names its devices
// otherwise, which is said once, and the verdict stays the job's.
import type { Device } from '../lxca/document.js'

/** A device row of the uploaded CSV, as the trace needs it (import/csv.ts's rows are these). */
export interface SourceRow {
  /** The line the row starts on, as an editor counts. */
  readonly line: number
  /** Its address, serial-number and UUID cells, trimmed, never empty. */
  readonly identifiers: readonly string[]
  /** Its display name, when the file has one. */
  readonly name?: string
}

/** The uploaded CSV: its path as the user gave it, and its device rows in file order. */
export interface Source {
  readonly path: string
  readonly rows: readonly SourceRow[]
}

export interface RowTrace {
  readonly source: Source
  /** The row each device of the job came from, for the devices that matched one. */
  readonly rowOf: ReadonlyMap<Device, SourceRow>
  /** Rows no device matches while the job lists fewer devices than the file: servers that were not managed. */
  readonly notInJob: readonly SourceRow[]
  /** Rows no device matches although no server is missing by count: the appliance names devices otherwise. */
  readonly unmatched: readonly SourceRow[]
}

const key = (value: string): string => value.trim().toLowerCase()
/** UUIDs are written with or without dashes (and LXCA upper-cases them). */
const bare = (value: string): string => key(value).replace(/[-:{}]/g, '')

function keysOfDevice(device: Device): string[] {
  const parts = device.address.split(/,\s*/).filter(part => part.trim() !== '')
  return [...parts.map(key), ...(device.uuid ? [bare(device.uuid)] : [])]
}

/** Each device's row, and the rows left over. */
export function traceRows(source: Source, devices: readonly Device[]): RowTrace {
  const byKey = new Map<string, SourceRow[]>()
  for (const row of source.rows) {
    for (const value of new Set(row.identifiers.flatMap(id => [key(id), bare(id)]))) {
      const rows = byKey.get(value)
      if (rows) rows.push(row)
      else byKey.set(value, [row])
    }
  }
  const claimed = new Set<SourceRow>()
  const rowOf = new Map<Device, SourceRow>()
  for (const device of devices) {
    const row = keysOfDevice(device)
      .flatMap(value => byKey.get(value) ?? [])
      .find(candidate => !claimed.has(candidate))
    if (!row) continue
    claimed.add(row)
    rowOf.set(device, row)
  }
  const left = source.rows.filter(row => !claimed.has(row))
  const missing = devices.length < source.rows.length
  return { source, rowOf, notInJob: missing ? left : [], unmatched: missing ? [] : left }
}
