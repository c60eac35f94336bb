// failed-csv: the rows of the uploaded CSVs to fix and upload again, byte for
// byte (outcome/retry.ts decides which: no row of an import that may still be
// going on). They carry the device credentials of the file they came from:
// the roots write them owner-only (result-files.ts). Pure.
import { bomLength } from '../../common/text.js'
import type { CsvFile } from '../../import/csv.js'
import type { SourceRow } from '../../outcome/rows.js'

/**
 * The CSVs to upload again: for each header the files share, its byte-order
 * mark (if any) and header line (from the first file with it) and, byte for
 * byte and in order, every row of `rows` (outcome/retry.ts decides which:
 * rows not managed, in no import that may still be going on). Each row ends
 * with a line ending, the file's own, even the last row of a file that has
 * none: a row is never glued to the next. Empty when there is no such row.
 */
export function failedCsvs(files: readonly CsvFile[], rows: ReadonlySet<SourceRow>): Buffer[] {
  const byHeader = new Map<string, Buffer[]>()
  for (const file of files) {
    const chosen = file.rows.filter(row => rows.has(row))
    if (chosen.length === 0) continue
    const header = file.bytes.subarray(file.header.start, file.header.end)
    // The same columns, whatever the line ending: one CSV.
    const key = header.toString('utf8').replace(/\r?\n$|\r$/, '')
    let parts = byHeader.get(key)
    if (!parts) {
      byHeader.set(key, (parts = [file.bytes.subarray(0, bomLength(file.bytes)), header]))
    }
    const ending = Buffer.from(/\r\n$/.test(header.toString('latin1')) ? '\r\n' : '\n')
    for (const row of chosen) {
      const bytes = file.bytes.subarray(row.start, row.end)
      parts.push(bytes)
      const last = bytes[bytes.length - 1]
      if (last !== 0x0a && last !== 0x0d) parts.push(ending)
    }
  }
  return [...byHeader.values()].map(parts => Buffer.concat(parts))
}
