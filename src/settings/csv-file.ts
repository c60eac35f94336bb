// csv-file: the bulk-import CSV named by the input, read as the untrusted
// pointer it is (a regular file of the workspace, with a bound: see
// input-file.ts), then checked as a bulk-import CSV (import/csv.ts).
import { MAX_CSV_BYTES, parseCsv, type CsvFile } from '../import/csv.js'
import { clip } from '../common/text.js'
import { FileRefused, type FileReader } from './input-file.js'
import { Input } from './names.js'
import type { InputReader } from './problems.js'

export function readCsvFile(inputs: InputReader, readFile: FileReader): CsvFile | undefined {
  const path = inputs.value(Input.CsvFile)
  if (!path) return undefined
  let bytes: Buffer
  try {
    bytes = readFile(path, MAX_CSV_BYTES)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    return inputs.fail(
      Input.CsvFile,
      `names '${clip(path)}', which ${error.reason}. Expected a regular file in the workspace.`
    )
  }
  const csv = parseCsv(path, bytes)
  return 'problem' in csv ? inputs.fail(Input.CsvFile, csv.problem) : csv
}
