// The bulk-import CSV, checked for what is known for sure before anything is
// sent: a readable, non-empty file of sane size, UTF-8 (a byte-order mark is
// fine), comma-delimited, a header row, 1 to 300 device rows (blank lines do
// not count). Column-level rules belong to the appliance: that is what
// validation-only is for. The file usually carries device credentials, so no
// message ever quotes a cell: only line numbers and column names.
import { basename } from 'node:path'
import { Input } from './names.js'
import { clip, type InputReader } from './problems.js'
import type { FileReader } from './tls-inputs.js'

export interface CsvFile {
  /** The file's base name, as the upload's filename. */
  readonly name: string
  /** The exact bytes, sent unchanged. */
  readonly bytes: Buffer
  /** Device rows (blank lines not counted). */
  readonly rows: number
  readonly columns: readonly string[]
  /** Cells of columns that look like credentials: masked and scrubbed should the appliance echo them. */
  readonly secrets: readonly string[]
}

/** LXCA takes at most 300 devices per CSV. */
const MAX_CSV_ROWS = 300
/** 300 rows of even generous width stay far below this. */
const MAX_CSV_BYTES = 5 * 1024 * 1024
const CREDENTIAL_COLUMN = /pass|secret|community|token|key/i

export function readCsvFile(inputs: InputReader, readFile: FileReader): CsvFile | undefined {
  const path = inputs.value(Input.CsvFile)
  if (!path) return undefined
  const fail = (message: string): undefined => inputs.fail(Input.CsvFile, message)
  let bytes: Buffer
  try {
    bytes = readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return fail(
      `names a file that cannot be read: '${clip(path)}' (${code}). Expected the path of the bulk-import CSV file.`
    )
  }
  if (bytes.length === 0)
    return fail(
      `names an empty file: '${clip(path)}'. Expected a CSV with a header row and 1 to ${MAX_CSV_ROWS} devices.`
    )
  if (bytes.length > MAX_CSV_BYTES) {
    return fail(
      `names a file of ${bytes.length.toLocaleString('en-US')} bytes; at most ${MAX_CSV_BYTES.toLocaleString('en-US')} are expected of a ${MAX_CSV_ROWS}-device CSV.`
    )
  }
  const invalid = firstInvalidUtf8(bytes)
  if (invalid !== undefined) {
    return fail(
      `is not UTF-8 text: line ${lineAt(bytes, invalid)} has a byte that is not UTF-8. Save the file as UTF-8 (CSV UTF-8 in Excel).`
    )
  }
  const records = parseRecords(bytes.toString('utf8').replace(/^\ufeff/, ''))
  if (!records.ok) return fail(records.problem)
  return checkRecords(path, bytes, records.records, fail)
}

/** A record: its first line and its fields (the fields never leave this module but as column names). */
interface CsvRecord {
  readonly line: number
  readonly fields: readonly string[]
}

function checkRecords(
  path: string,
  bytes: Buffer,
  records: readonly CsvRecord[],
  fail: (message: string) => undefined
): CsvFile | undefined {
  const data = records.filter(record => !(record.fields.length === 1 && record.fields[0].trim() === ''))
  const [header, ...rows] = data
  if (!header) return fail(`has no header row. Expected a CSV with a header row and 1 to ${MAX_CSV_ROWS} devices.`)
  const columns = header.fields.map(field => field.trim())
  if (columns.length < 2) {
    const other = [';', '\t', '|'].find(delimiter => header.fields[0].includes(delimiter))
    const which = other ? ` (it uses ${other === '\t' ? 'tabs' : `'${other}'`})` : ''
    return fail(
      `line ${header.line} is not a comma-delimited header row${which}. Expected column names separated by commas.`
    )
  }
  const blank = columns.findIndex(column => column === '')
  if (blank >= 0)
    return fail(
      `line ${header.line} (the header row) has an empty column name in column ${blank + 1}. Expected a name for every column.`
    )
  if (rows.length === 0) return fail(`has a header row but no device rows. Expected 1 to ${MAX_CSV_ROWS} devices.`)
  if (rows.length > MAX_CSV_ROWS) {
    return fail(
      `lists ${rows.length} devices (line ${rows[MAX_CSV_ROWS].line} is device ${MAX_CSV_ROWS + 1}); LXCA takes at most ${MAX_CSV_ROWS} per CSV. Split it into several files.`
    )
  }
  const credentialColumns = columns
    .map((column, index) => (CREDENTIAL_COLUMN.test(column) ? index : -1))
    .filter(index => index >= 0)
  const secrets = rows
    .flatMap(row => credentialColumns.map(index => row.fields[index]?.trim() ?? ''))
    .filter(value => value.length >= 3)
  return { name: basename(path), bytes, rows: rows.length, columns, secrets }
}

/**
 * RFC 4180 records: fields separated by commas, records by CRLF or LF, a
 * quoted field may hold commas, quotes ("") and line breaks.
 */
function parseRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; problem: string } {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quotedFrom = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quotedFrom > 0) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quotedFrom = 0
      else {
        if (char === '\n') line += 1
        field += char
      }
    } else if (char === '"' && field.trim() === '') {
      field = ''
      quotedFrom = line
    } else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1
      records.push({ line: recordLine, fields: [...fields, field] })
      fields = []
      field = ''
      line += 1
      recordLine = line
    } else field += char
  }
  if (quotedFrom > 0) {
    return {
      ok: false,
      problem: `has a quoted field opened on line ${quotedFrom} that is never closed. Expected a closing '"'.`
    }
  }
  if (fields.length > 0 || field !== '') records.push({ line: recordLine, fields: [...fields, field] })
  return { ok: true, records }
}

/** The offset of the first byte that is not valid UTF-8, or undefined. */
function firstInvalidUtf8(bytes: Buffer): number | undefined {
  for (let i = 0; i < bytes.length;) {
    const byte = bytes[i]
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0
    if (length === 0 || i + length > bytes.length) return i
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i
    // Overlong forms and surrogates are not UTF-8 either.
    if (length === 3 && ((byte === 0xe0 && bytes[i + 1] < 0xa0) || (byte === 0xed && bytes[i + 1] >= 0xa0))) return i
    if (length === 4 && ((byte === 0xf0 && bytes[i + 1] < 0x90) || (byte === 0xf4 && bytes[i + 1] >= 0x90))) return i
    i += length
  }
  return undefined
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line += 1
  return line
}
