// csv-file: the bulk-import CSVs named by the input (one per line, or
// comma-separated; glob patterns expanded in sorted order), each read as the
// untrusted pointer it is (a regular file of the workspace, with a bound: see
// input-file.ts), checked as a bulk-import CSV (import/csv.ts), and cut into
// parts of at most 300 devices (import/parts.ts).
import { MAX_CSV_BYTES, parseCsv, type CsvFile } from '../import/csv.js'
import { clip, plural } from '../common/text.js'
import { FileRefused, type FileFinder, type FileReader } from './input-file.js'
import { Input } from './names.js'
import type { InputReader } from './problems.js'

/** Files one step imports at most, and parts (of up to 300 devices, one job each): 15,000 devices. */
const MAX_FILES = 50
export const MAX_PARTS = 50
const GLOB = /[*?[\]{}]/
const PATTERN_FORM = 'Expected a path or a glob pattern (inventory/*.csv) that matches regular files of the workspace.'

/** Whether csv-file holds a glob pattern (the roots then load the file finder). */
export function hasGlobPattern(text: string): boolean {
  return GLOB.test(text)
}

/** The files, in the order given (each pattern's matches sorted), duplicates once; undefined after a problem. */
export function readCsvFiles(
  inputs: InputReader,
  readFile: FileReader,
  findFiles: FileFinder | undefined
): CsvFile[] | undefined {
  const entries = inputs
    .value(Input.CsvFile)
    .split(/\r?\n|,/)
    .map(entry => entry.trim())
    .filter(Boolean)
  const paths: string[] = []
  let ok = true
  for (const entry of entries) {
    let matches: string[]
    try {
      matches = GLOB.test(entry) && findFiles ? findFiles(entry, MAX_FILES + 1) : [entry]
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error
      ok = false
      inputs.fail(Input.CsvFile, `has the pattern '${clip(entry)}', which ${error.reason}. ${PATTERN_FORM}`)
      continue
    }
    if (matches.length === 0) {
      ok = false
      inputs.fail(Input.CsvFile, `has the pattern '${clip(entry)}', which matches no file. ${PATTERN_FORM}`)
    }
    for (const path of matches) if (!paths.includes(path)) paths.push(path)
  }
  if (paths.length > MAX_FILES) {
    inputs.fail(
      Input.CsvFile,
      `names ${plural(paths.length, 'file')}; at most ${MAX_FILES} can be imported by one step.`
    )
    return undefined
  }
  const several = paths.length > 1
  const files = paths.map(path => readCsvFile(inputs, readFile, path, several))
  return ok && files.every((file): file is CsvFile => file !== undefined) ? files : undefined
}

function readCsvFile(inputs: InputReader, readFile: FileReader, path: string, several: boolean): CsvFile | undefined {
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
  if (!('problem' in csv)) return csv
  // With several files, the file each problem is about comes first.
  return inputs.fail(Input.CsvFile, several ? `file '${clip(path)}' ${csv.problem}` : csv.problem)
}
