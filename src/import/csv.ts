// The bulk-import CSV, checked for what is known for sure before anything is
// sent: UTF-8 text (a byte-order mark is fine, a NUL byte is not),
// comma-delimited, a header row that names an address column, at least one
// device row (rows of blank cells do not count; csv-parts.ts splits a file of
// more than LXCA's 300 into parts), and an address (or serial
// number or UUID) in every device row. Column-level rules belong to the
// appliance: that is what validation-only is for. The file usually carries
// device credentials, so no message ever quotes a cell: only line numbers
// and column names.
import { basename } from 'node:path'
import { addressIdentity, serialIdentity, uuidIdentity, type Identity } from '../common/identity.js'
import { bomLength, shortValue } from '../common/text.js'
import type { InventoryList } from '../lxca/inventory.js'
import { countFields, fieldsOf, firstInvalidUtf8, isBlank, lineAt, readRecords, type CsvRecord } from './csv-records.js'

/** A device row, as the file has it. */
export interface CsvRow {
  /** The line the row starts on (1-based, as an editor counts). */
  readonly line: number
  /** Its bytes in the file, line ending included: [start, end). */
  readonly start: number
  readonly end: number
  /** Its identifier cells (addresses, serial numbers, UUIDs), trimmed, in column order; never empty. */
  readonly identifiers: readonly string[]
  /** Who the row's device is, by each of those cells' column (see common/identity.ts). */
  readonly identities: readonly Identity[]
  /** Its display name, when the file has a name column and the cell is not empty. */
  readonly name?: string
  /** The inventory list its device is in, by its Type cell (server, chassis, switch, storage), when it says. */
  readonly kind?: InventoryList
}

export interface CsvFile {
  /** The path as given (relative to the workspace, usually). */
  readonly path: string
  /** The file's base name, as the upload's filename. */
  readonly name: string
  /** The exact bytes, sent unchanged. */
  readonly bytes: Buffer
  /** The header row's line, and its bytes, line ending included: [start, end) (a byte-order mark is before it). */
  readonly header: { readonly line: number; readonly start: number; readonly end: number }
  readonly columns: readonly string[]
  /** The device rows, in file order (rows of blank cells are not devices). */
  readonly rows: readonly CsvRow[]
  /** Cells of columns that look like credentials: masked and scrubbed should the appliance echo them. */
  readonly secrets: readonly string[]
}

/** A site's inventory of even generous width stays far below this (about 10,000 rows of Lenovo's template). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024
const CREDENTIAL_COLUMN = /pass|secret|community|token|key/i
/** Lenovo's template has a few dozen columns; a header of thousands is not one. */
const MAX_COLUMNS = 1_000
export const FORM = 'Expected the bulk-import CSV: a header row and at least one device row'

/** The file read as a bulk-import CSV, or what is wrong with it (one sentence to follow the input's name). */
export function parseCsv(path: string, bytes: Buffer): CsvFile | { readonly problem: string } {
  const fail = (problem: string): { problem: string } => ({ problem })
  if (bytes.length === 0) return fail(`names an empty file: '${shortValue(path)}'. ${FORM}.`)
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    return fail(`line ${lineAt(bytes, nul)} holds a NUL byte: '${shortValue(path)}' is not a text file. ${FORM}.`)
  }
  const invalid = firstInvalidUtf8(bytes)
  if (invalid !== undefined) {
    return fail(
      `is not UTF-8 text: line ${lineAt(bytes, invalid)} has a byte that is not UTF-8. Save the file as UTF-8 (CSV UTF-8 in Excel).`
    )
  }
  const records = readRecords(bytes, bomLength(bytes))
  if (!records.ok) return fail(records.problem)
  return checkRecords(path, bytes, records.records, fail)
}

/** What each column is for, by its name (case, spaces and punctuation aside). */
interface Columns {
  readonly names: readonly string[]
  readonly identifiers: readonly number[]
  /** How each identifier column names a device, in the same order. */
  readonly kinds: readonly IdentifierKind[]
  /** The Type column, when there is one. */
  readonly type?: number
  readonly name?: number
  readonly credentials: readonly number[]
}

function checkRecords(
  path: string,
  bytes: Buffer,
  records: readonly CsvRecord[],
  fail: (problem: string) => { problem: string }
): CsvFile | { problem: string } {
  const [header, ...rows] = records.filter(record => !isBlank(bytes, record))
  if (!header) return fail(`has no header row. ${FORM}.`)
  const columns = headerColumns(bytes, header)
  if (typeof columns === 'string') return fail(columns)
  if (rows.length === 0) return fail('has a header row but no device rows. Expected at least one device row.')
  const devices = rows.map(row => deviceRow(bytes, row, columns))
  const missing = devices.findIndex(row => row.identifiers.length === 0)
  if (missing >= 0) {
    const which = columns.identifiers.map(index => columns.names[index]).join(' or ')
    return fail(
      `line ${rows[missing].line} names no device: its ${which} ${columns.identifiers.length === 1 ? 'cell is' : 'cells are'} empty. Expected an address in every device row.`
    )
  }
  const secrets = rows
    .flatMap(row => fieldsOf(bytes, row, columns.credentials).map(value => value.trim()))
    .filter(value => value.length >= 3)
  return {
    path,
    name: basename(path),
    bytes,
    header: { line: header.line, start: header.start, end: header.end },
    columns: columns.names,
    rows: devices,
    secrets: [...new Set(secrets)]
  }
}

/** What the header row says of the columns, or what is wrong with it. */
function headerColumns(bytes: Buffer, header: CsvRecord): Columns | string {
  const width = countFields(bytes, header)
  if (width > MAX_COLUMNS) {
    return `line ${header.line} (the header row) has ${width.toLocaleString('en-US')} columns. Expected the bulk-import CSV's few dozen, at most ${MAX_COLUMNS.toLocaleString('en-US')}.`
  }
  const fields = fieldsOf(bytes, header)
  const columns = columnsOf(fields)
  if (columns.names.length < 2) {
    const other = [';', '\t', '|'].find(delimiter => fields[0].includes(delimiter))
    const which = other ? ` (it uses ${other === '\t' ? 'tabs' : `'${other}'`})` : ''
    return `line ${header.line} is not a comma-delimited header row${which}. Expected column names separated by commas.`
  }
  const blank = columns.names.findIndex(column => column === '')
  if (blank >= 0) {
    return `line ${header.line} (the header row) has an empty column name in column ${blank + 1}. Expected a name for every column.`
  }
  if (columns.identifiers.length === 0) {
    return `line ${header.line} (the header row) names no address column. Expected a column such as IP Address or Host Name (or Serial Number) that says which device each row is.`
  }
  return columns
}

function deviceRow(bytes: Buffer, record: CsvRecord, columns: Columns): CsvRow {
  const named = columns.name === undefined ? [] : [columns.name]
  const typed = columns.type === undefined ? [] : [columns.type]
  const cells = fieldsOf(bytes, record, [...columns.identifiers, ...named, ...typed]).map(value => value.trim())
  const values = cells.slice(0, columns.identifiers.length)
  const identifiers = values.filter(value => value !== '')
  const identities = values
    .map((value, index) => IDENTITY_OF[columns.kinds[index]](value))
    .filter((item): item is Identity => item !== undefined)
  const name = named.length > 0 ? cells[columns.identifiers.length] : ''
  const kind = typed.length > 0 ? listOfType(cells[cells.length - 1]) : undefined
  return {
    line: record.line,
    start: record.start,
    end: record.end,
    identifiers,
    identities,
    ...(name ? { name } : {}),
    ...(kind ? { kind } : {})
  }
}

/** Lenovo's bulk-import types, and the inventory list each device is in. */
function listOfType(type: string): InventoryList | undefined {
  const key = type.toLowerCase().replace(/[^a-z]/g, '')
  if (['server', 'servers', 'node', 'rackserver', 'towerserver', 'rack', 'tower', 'blade'].includes(key)) return 'nodes'
  if (key === 'chassis') return 'chassis'
  if (key === 'switch' || key === 'switches') return 'switches'
  if (key === 'storage' || key === 'storages') return 'storages'
  return undefined
}

type IdentifierKind = 'address' | 'serial' | 'uuid'

const IDENTITY_OF: Readonly<Record<IdentifierKind, (value: string) => Identity | undefined>> = {
  address: addressIdentity,
  serial: serialIdentity,
  uuid: uuidIdentity
}

/** Serial-number and UUID columns say so in their names; every other identifier column holds an address. */
function identifierKind(key: string): IdentifierKind {
  if (key.includes('serial')) return 'serial'
  if (key.includes('uuid')) return 'uuid'
  return 'address'
}

function columnsOf(fields: readonly string[]): Columns {
  const names = fields.map(field => field.trim())
  const keys = names.map(name => name.toLowerCase().replace(/[^a-z0-9]/g, ''))
  const where = (test: (key: string) => boolean): number[] =>
    keys.map((key, index) => (test(key) ? index : -1)).filter(index => index >= 0)
  const name = where(key => key === 'displayname' || key === 'name' || key === 'devicename' || key === 'servername')
  const identifiers = where(isIdentifierColumn)
  const type = where(key => key === 'type' || key === 'devicetype')[0]
  return {
    names,
    identifiers,
    ...(type !== undefined ? { type } : {}),
    kinds: identifiers.map(index => identifierKind(keys[index])),
    name: name[0],
    credentials: names.map((column, index) => (CREDENTIAL_COLUMN.test(column) ? index : -1)).filter(i => i >= 0)
  }
}

/** Addresses (IP Address, Host Name, FQDN, BMC IP…), serial numbers and UUIDs: what says which device a row is. */
function isIdentifierColumn(key: string): boolean {
  if (key.includes('mac')) return false
  return (
    /ipaddress|hostname|ipv4|ipv6|serial|uuid/.test(key) ||
    ['ip', 'ips', 'host', 'address', 'addresses', 'fqdn'].includes(key) ||
    /^(bmc|xcc|imm|cmm|mgmt|management)(ip|address|host)$/.test(key)
  )
}
