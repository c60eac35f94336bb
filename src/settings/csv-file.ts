// csv-file: the bulk-import CSVs named by the input (one per line, or
// comma-separated; an entry that names no file is a glob pattern, expanded in
// sorted order: file-finder.ts), each read as the untrusted pointer it is (a
// regular file of the workspace, with a bound: input-file.ts) and checked as
// a bulk-import CSV (import/csv.ts). A file is imported once, however often
// and however it is named (`servers.csv`, `./servers.csv`, `inv/*.csv`, a
// link): files are told apart by what they are, their real path.
import { MAX_CSV_BYTES, parseCsv, type CsvFile } from '../import/csv.js'
import { shortValue, plural } from '../common/text.js'
import { FileRefused, type FileReader, type InputFiles } from './input-file.js'
import { Input } from './input-output-names.js'
import type { InputReader } from './input-reader.js'

/** Files one step imports at most, and parts (of up to 300 devices, one job each): 15,000 devices. */
const MAX_FILES = 50
export const MAX_PARTS = 50
const GLOB = /[*?[\]{}]/
const PATTERN_FORM =
  'Expected a path or a glob pattern (inventory/*.csv) that matches regular files of the workspace; a file whose name holds [ ] ? * { is named as it is, and \\ escapes such a character in a pattern.'

/** Whether csv-file holds a glob pattern (the roots then load the file finder). */
export function hasGlobPattern(text: string): boolean {
  return GLOB.test(text)
}

/** The files, in the order given (each pattern's matches sorted), each file once; undefined after a problem. */
export function readCsvFiles(inputs: InputReader, files: InputFiles): CsvFile[] | undefined {
  const findFiles = files.find
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
      inputs.fail(Input.CsvFile, `has the pattern '${shortValue(entry)}', which ${error.reason}. ${PATTERN_FORM}`)
      continue
    }
    if (matches.length === 0) {
      ok = false
      inputs.fail(Input.CsvFile, `has the pattern '${shortValue(entry)}', which matches no file. ${PATTERN_FORM}`)
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
  const read = readFiles(inputs, files.readSent, paths)
  if (!read) return undefined
  const several = read.length > 1
  const parsed = read.map(({ path, bytes }) => parseCsvFile(inputs, path, bytes, several))
  return ok && parsed.every((file): file is CsvFile => file !== undefined) ? parsed : undefined
}

/** Each path read, a file named twice (or by two paths that lead to it) once; undefined after a problem. */
function readFiles(
  inputs: InputReader,
  readFile: FileReader,
  paths: readonly string[]
): Array<{ path: string; bytes: Buffer }> | undefined {
  const seen = new Set<string>()
  const read: Array<{ path: string; bytes: Buffer }> = []
  let ok = true
  for (const path of paths) {
    const file = readOne(inputs, readFile, path)
    if (!file) ok = false
    else if (!seen.has(file.realPath)) {
      seen.add(file.realPath)
      read.push({ path, bytes: file.bytes })
    }
  }
  return ok ? read : undefined
}

function readOne(
  inputs: InputReader,
  readFile: FileReader,
  path: string
): { bytes: Buffer; realPath: string } | undefined {
  try {
    return readFile(path, MAX_CSV_BYTES)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    return inputs.fail(
      Input.CsvFile,
      `names '${shortValue(path)}', which ${error.reason}. Expected a regular file in the workspace.`
    )
  }
}

function parseCsvFile(inputs: InputReader, path: string, bytes: Buffer, several: boolean): CsvFile | undefined {
  const csv = parseCsv(path, bytes)
  if (!('problem' in csv)) return csv
  // With several files, the file each problem is about comes first.
  return inputs.fail(Input.CsvFile, several ? `file '${shortValue(path)}' ${csv.problem}` : csv.problem)
}
