// POST /csvRequest as the simulator answers it: the multipart body's
// `uploadedfile` part, read as a bulk-import CSV, becomes a job with one
// device per row. A row can script its device's fate in a `simulate` column
// (simulator only): `fail:STEP_ID` or `fail:STEP_ID:user action`, for example
// `fail:INV_CHASSIS:Reseat the chassis management module.`; `missing` leaves
// the row's device out of the job, `noresult` finishes it without a result, `as:ADDRESS` reports
// the row's device under another address (a job that lists other servers), `failonce:STEP_ID`
// fails only the first import of the address, `offline` and `noinventory` make the inventory
// list a device the job managed Offline, or not at all. A row without an
// address (a column named like "IP address", "address" or "hostname"), or of
// a type other than server, chassis, switch or storage, is what validation
// refuses.
import type { DeviceScript, JobScript } from './documents.js'
import { uuidOf } from './inventory.js'
import { isStepId } from './management-steps.js'

/** Device types the simulator takes in a `Type` column (a row of another type is refused, as LXCA would). */
const DEVICE_TYPES = new Set(['server', 'chassis', 'switch', 'storage'])

export interface CsvCheck {
  readonly ok: boolean
  /** LXCA-style messages: `{ id, text }`. */
  readonly messages: ReadonlyArray<{ id: string; text: string }>
  readonly devices: readonly DeviceScript[]
}

/** The `uploadedfile` part of a multipart/form-data body, or undefined. */
export function uploadedFile(contentType: string | undefined, body: Buffer): Buffer | undefined {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2]
  if (!boundary) return undefined
  const delimiter = Buffer.from(`--${boundary}`)
  for (let start = body.indexOf(delimiter); start >= 0;) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next < 0) break
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    const head = part.subarray(0, split).toString('utf8')
    if (split >= 0 && /name="uploadedfile"/i.test(head)) return part.subarray(split + 4)
    start = next
  }
  return undefined
}

/** The CSV's rows as devices, and what validation says of them. */
export function checkCsv(file: Buffer): CsvCheck {
  const lines = file
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((line, index) => ({ number: index + 1, cells: splitCells(line) }))
    .filter(line => line.cells.some(cell => cell.trim() !== ''))
  const [header, ...rows] = lines
  const fail = (text: string): CsvCheck => ({ ok: false, messages: [{ id: 'FQXHMDI0201M', text }], devices: [] })
  if (!header || header.cells.length < 2) return fail('The file has no comma-separated header row.')
  const columns = header.cells.map(cell => cell.trim().toLowerCase())
  const address = columns.findIndex(column => /ip|address|host/.test(column))
  const type = columns.indexOf('type')
  const simulate = columns.indexOf('simulate')
  if (address < 0) return fail('The header row has no address column (IP address or host name).')
  if (rows.length === 0) return fail('The file lists no devices.')
  const missing = rows.filter(row => !row.cells[address]?.trim())
  if (missing.length > 0) {
    return {
      ok: false,
      messages: missing.map(row => ({
        id: 'FQXHMDI0202M',
        text: `Line ${row.number}: the device address is missing.`
      })),
      devices: []
    }
  }
  const unknown = type < 0 ? [] : rows.filter(row => !DEVICE_TYPES.has(row.cells[type]?.trim().toLowerCase() ?? ''))
  if (unknown.length > 0) {
    return {
      ok: false,
      messages: unknown.map(row => ({ id: 'FQXHMDI0204M', text: `Line ${row.number}: the device type is not known.` })),
      devices: []
    }
  }
  const devices = rows
    .map(row => deviceOf(row.cells[address].trim(), row.cells[simulate] ?? '', listOf(row.cells[type] ?? '')))
    .filter((device): device is DeviceScript => device !== undefined)
  return {
    ok: true,
    messages: [{ id: 'FQXHMDI0200I', text: `The file is valid: ${devices.length} devices.` }],
    devices
  }
}

/** The job a valid CSV starts: its devices, in the usual number of polls (and the appliance's quirks, if asked). */
export function importedJob(
  devices: readonly DeviceScript[],
  pollsToComplete: number,
  quirks: Pick<JobScript, 'holdProgress' | 'documentBytes'> = {}
): JobScript {
  return { devices, pollsToComplete, type: 'csv', ...quirks }
}

/**
 * The device a row becomes; undefined for a row the job leaves out
 * (`missing`). Its UUID follows from its address, as a server's own UUID
 * does: the same server imported twice is the same device.
 */
function deviceOf(address: string, simulate: string, list: DeviceScript['list']): DeviceScript | undefined {
  const [verb, step, ...action] = simulate.trim().split(':')
  const how = verb.toLowerCase()
  if (how === 'missing') return undefined
  const failAt = (how === 'fail' || how === 'failonce') && isStepId(step ?? '') ? step : undefined
  const reported = how === 'as' ? simulate.trim().slice(3).trim() || address : address
  return {
    address: reported,
    uuid: uuidOf(reported),
    failAt,
    userAction: failAt ? action.join(':').trim() || undefined : undefined,
    ...(how === 'noresult' ? { unreported: true } : {}),
    ...(how === 'failonce' ? { failOnce: true } : {}),
    ...(how === 'offline' ? { inventory: 'offline' as const } : {}),
    ...(how === 'noinventory' ? { inventory: 'absent' as const } : {}),
    ...(list ? { list } : {})
  }
}

/** The inventory list a row's Type names. */
function listOf(type: string): DeviceScript['list'] {
  const key = type.trim().toLowerCase()
  if (key === 'chassis') return 'chassis'
  if (key === 'switch') return 'switches'
  if (key === 'storage') return 'storages'
  return key === 'server' ? 'nodes' : undefined
}

/** One CSV line's cells (quotes honoured; a quoted line break is not expected in these files). */
function splitCells(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"'
      i += 1
    } else if (char === '"') quoted = !quoted
    else if (char === ',' && !quoted) {
      cells.push(cell)
      cell = ''
    } else cell += char
  }
  return [...cells, cell]
}
