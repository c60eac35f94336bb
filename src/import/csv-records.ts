// RFC 4180 records, read from the bytes (every delimiter is ASCII, so UTF-8
// needs no decoding to find them): fields separated by commas, records by
// CRLF, LF or CR; a quoted field may hold commas, quotes ("") and line
// breaks. Reading the records keeps only where each one is; a record's
// fields are found again, and decoded, only for the columns asked for, so a
// 5 MiB file (or one of a million commas) is in memory about once.

export interface CsvRecord {
  /** The line the record starts on (1-based, as an editor counts). */
  readonly line: number
  /** Its bytes, line ending included: [start, end). */
  readonly start: number
  readonly end: number
  /** Where its content ends, before the line ending. */
  readonly contentEnd: number
}

export type Records = { ok: true; records: CsvRecord[] } | { ok: false; problem: string }

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09

/** The records from byte `from` on (after a byte-order mark). */
export function readRecords(bytes: Buffer, from: number): Records {
  const records: CsvRecord[] = []
  let start = from
  let line = 1
  let recordLine = 1
  let quoted = false
  let quotedFrom = 0
  /** Only spaces so far in this field: a quote here opens a quoted field. */
  let blank = true
  for (let i = from; i < bytes.length; i++) {
    const byte = bytes[i]
    if (quoted) {
      if (byte === QUOTE && bytes[i + 1] === QUOTE) i += 1
      else if (byte === QUOTE) quoted = false
      else if (byte === LF) line += 1
    } else if (byte === QUOTE && blank) {
      quoted = true
      blank = false
      quotedFrom = line
    } else if (byte === COMMA) {
      blank = true
    } else if (byte === LF || byte === CR) {
      const contentEnd = i
      if (byte === CR && bytes[i + 1] === LF) i += 1
      records.push({ line: recordLine, start, end: i + 1, contentEnd })
      start = i + 1
      blank = true
      line += 1
      recordLine = line
    } else if (byte !== SPACE && byte !== TAB) blank = false
  }
  if (quoted) {
    return {
      ok: false,
      problem: `has a quoted field opened on line ${quotedFrom} that is never closed. Expected a closing '"'.`
    }
  }
  if (start < bytes.length) records.push({ line: recordLine, start, end: bytes.length, contentEnd: bytes.length })
  return { ok: true, records }
}

/**
 * The fields of a record at `indexes` (their quotes undone), '' where the
 * record has no such field; with `indexes` undefined, every field. One pass
 * over the record; nothing is kept of the other fields.
 */
export function fieldsOf(bytes: Buffer, record: CsvRecord, indexes?: readonly number[]): string[] {
  const wanted = indexes === undefined ? undefined : new Set(indexes)
  const found = new Map<number, string>()
  const count = scanFields(bytes, record, (index, start, end) => {
    if (wanted === undefined || wanted.has(index)) found.set(index, unquote(bytes.toString('utf8', start, end)))
  })
  const positions = indexes ?? Array.from({ length: count }, (_, index) => index)
  return positions.map(index => found.get(index) ?? '')
}

/** How many fields the record has. */
export function countFields(bytes: Buffer, record: CsvRecord): number {
  return scanFields(bytes, record, () => undefined)
}

/** Calls `onField` with each field's index and raw bytes [start, end); returns how many there are. */
function scanFields(
  bytes: Buffer,
  record: CsvRecord,
  onField: (index: number, start: number, end: number) => void
): number {
  let index = 0
  let fieldStart = record.start
  let quoted = false
  let blank = true
  for (let i = record.start; i < record.contentEnd; i++) {
    const byte = bytes[i]
    if (quoted) {
      if (byte === QUOTE && bytes[i + 1] === QUOTE) i += 1
      else if (byte === QUOTE) quoted = false
    } else if (byte === QUOTE && blank) {
      quoted = true
      blank = false
    } else if (byte === COMMA) {
      onField(index, fieldStart, i)
      index += 1
      fieldStart = i + 1
      blank = true
    } else if (byte !== SPACE && byte !== TAB) blank = false
  }
  onField(index, fieldStart, record.contentEnd)
  return index + 1
}

/** Every field empty, spaces and quotes aside: a row a spreadsheet left, not a device. */
export function isBlank(bytes: Buffer, record: CsvRecord): boolean {
  for (let i = record.start; i < record.contentEnd; i++) {
    const byte = bytes[i]
    if (byte !== SPACE && byte !== TAB && byte !== QUOTE && byte !== COMMA) return false
  }
  return true
}

/** A field as written to its value: `"a ""b"", c"` → `a "b", c`; text around the quotes is kept. */
function unquote(raw: string): string {
  const open = raw.indexOf('"')
  if (open < 0 || raw.slice(0, open).trim() !== '') return raw
  const close = raw.lastIndexOf('"')
  if (close <= open) return raw.slice(open + 1)
  return raw.slice(open + 1, close).replace(/""/g, '"') + raw.slice(close + 1)
}

/** The offset of the first byte that is not valid UTF-8, or undefined. */
export function firstInvalidUtf8(bytes: Buffer): number | undefined {
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

/** The line (1-based) the byte at `offset` is on. */
export function lineAt(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line += 1
  return line
}
