// LXCA takes at most 300 devices per bulk-import file, and asks that one
// management job finish before the next starts. So the files of csv-file are
// cut into parts of at most 300 device rows, in file order, each with its
// file's byte-order mark and header line, and imported one at a time. A part
// keeps its rows' lines in the file, so every report (and the appliance's own
// "Line N", mapped back) names the line the user wrote.
import { bomLength } from '../common/text.js'
import type { CsvFile, CsvRow } from './csv.js'

/** LXCA's limit of devices per bulk-import file. */
export const MAX_PART_ROWS = 300

export interface CsvPart {
  /** The file it was cut from (its path as the user gave it). */
  readonly file: CsvFile
  /** Its place in the whole run, 1-based, and the number of parts. */
  readonly index: number
  readonly count: number
  /** The path, for tracing devices to rows (a part is a Source). */
  readonly path: string
  readonly rows: readonly CsvRow[]
  /** What is uploaded: the byte-order mark (if any), the header line, the rows, byte for byte. */
  readonly bytes: Buffer
  /** The line in the file of a line in the part (as the appliance counts it: the header is line 1). */
  fileLine(partLine: number): number | undefined
}

/** Every file's rows (those of `keep`, when given), in order, cut into parts of at most 300. */
export function partsOf(files: readonly CsvFile[], keep?: { has(row: CsvRow): boolean }): CsvPart[] {
  const chunks = files.flatMap(file => {
    const rows = keep ? file.rows.filter(row => keep.has(row)) : file.rows
    const cut: Array<{ file: CsvFile; rows: readonly CsvRow[] }> = []
    for (let start = 0; start < rows.length; start += MAX_PART_ROWS) {
      cut.push({ file, rows: rows.slice(start, start + MAX_PART_ROWS) })
    }
    return cut
  })
  return chunks.map((chunk, i) => part(chunk.file, chunk.rows, i + 1, chunks.length))
}

function part(file: CsvFile, rows: readonly CsvRow[], index: number, count: number): CsvPart {
  const { bytes } = file
  // A file of one part is sent exactly as it is: the appliance's line numbers are the file's.
  if (rows.length === file.rows.length) {
    return { file, index, count, path: file.path, rows, bytes, fileLine: line => line }
  }
  const bom = bytes.subarray(0, bomLength(bytes))
  const header = bytes.subarray(file.header.start, file.header.end)
  // A part's line n is the file's line lines[n - 1]: the header's lines, then each row's, in order.
  const lines: number[] = []
  const span = (start: number, end: number, firstLine: number): void => {
    const count = Math.max(1, newlines(bytes, start, end))
    for (let i = 0; i < count; i++) lines.push(firstLine + i)
  }
  span(file.header.start, file.header.end, file.header.line)
  for (const row of rows) span(row.start, row.end, row.line)
  return {
    file,
    index,
    count,
    path: file.path,
    rows,
    bytes: Buffer.concat([bom, header, ...rows.map(row => bytes.subarray(row.start, row.end))]),
    fileLine: partLine => lines[partLine - 1]
  }
}

/** Line breaks between start and end (a CRLF counts once). */
function newlines(bytes: Buffer, start: number, end: number): number {
  let count = 0
  for (let i = start; i < end; i++) {
    if (bytes[i] === 0x0a) count += 1
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) count += 1
  }
  return count
}

/**
 * The appliance's messages about a part, its line numbers ("Line 3",
 * "row 3") mapped back to the file's, as an editor names them:
 * `servers.csv:420`.
 */
export function inFileTerms(message: string, part: CsvPart): string {
  return message.replace(/\b(line|row)\s+(\d{1,7})\b/gi, (whole, _word: string, digits: string) => {
    const line = part.fileLine(Number(digits))
    return line === undefined ? whole : `${part.path}:${line}`
  })
}

/** `servers.csv lines 302–601`: where a part is in its file. */
export function partPlace(part: Pick<CsvPart, 'path' | 'rows'>): string {
  const first = part.rows[0]?.line
  const last = part.rows[part.rows.length - 1]?.line
  return first === last ? `${part.path} line ${first}` : `${part.path} lines ${first}–${last}`
}
