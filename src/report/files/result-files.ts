// The files a run leaves, written by one module for the Action and the
// command line alike: the step summary (summary.md), the jobs' last documents
// (the report, streamed job by job as each wait ends), every device
// (devices-file), the CSV rows to upload again (failed-csv: they carry the
// device credentials of the file they came from, so 0600) and the JUnit
// report. The Action puts every file in a folder of its own under
// RUNNER_TEMP; the command line writes those its flags name, where they say.
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Scrub } from '../../common/secrets.js'
import { reportWriter, type ReportWriter } from './report-file.js'

export type ResultFile = 'summary' | 'report' | 'failedCsv' | 'devices' | 'junit'

/** Where each file goes; undefined: not wanted (a command-line flag not given). */
export type FilePlaces = (file: ResultFile) => string | undefined

/** What is written once the run has ended (the report is written as it goes). */
export interface ResultContents {
  readonly summary: string
  /** Undefined when no job was waited on. */
  readonly devices?: string
  readonly junit: string
  /** One CSV per header; empty when there is no row to upload again. */
  readonly failedCsvs: readonly Buffer[]
}

export interface WrittenFiles {
  /** The paths written, by file (failed-csv: one per header). */
  readonly paths: Partial<Record<ResultFile, readonly string[]>>
  /** Files wanted but with nothing to write. */
  readonly empty: readonly ResultFile[]
  /** Files that could not be written, with the system's reason. */
  readonly failed: ReadonlyArray<{ readonly file: ResultFile; readonly path: string; readonly code: string }>
}

/**
 * The Action's places: a folder of its own under `temp`, made on first use.
 * `csvName`: the first CSV's name, made safe for a file name (failed-NAME).
 */
export function folderPlaces(temp: string, csvName: string | undefined): FilePlaces {
  let folder: string | undefined
  const inFolder = (name: string): string => join((folder ??= mkdtempSync(join(temp, 'lxca-job-gate-'))), name)
  const names: Record<ResultFile, string> = {
    summary: 'summary.md',
    report: 'report.json',
    failedCsv: `failed-${safeFileName(csvName ?? 'rows.csv')}`,
    devices: 'devices.json',
    junit: 'junit.xml'
  }
  return file => inFolder(names[file])
}

/**
 * A name any file system takes and no reader misreads: a CSV named in a pull
 * request may hold line breaks or slashes, and its name becomes part of an
 * output (failed-csv lists paths one per line).
 */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_')
  return safe.slice(0, 100) || 'rows.csv'
}

/** The report file, written as each job's wait ends; undefined when it is not wanted. */
export function openReport(places: FilePlaces, keyed: boolean, scrub: Scrub): ReportWriter | undefined {
  const path = places('report')
  if (path === undefined) return undefined
  return reportWriter(
    () => {
      const fd = openSync(path, 'w', 0o644)
      return {
        write: chunk => writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
        end: () => closeSync(fd)
      }
    },
    keyed,
    scrub
  )
}

/** writeSync may write less than asked: the rest follows. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset)
}

/** The i-th (0-based) of several files named after one: `failed.csv`, `failed-2.csv`, … */
export function numbered(path: string, i: number): string {
  if (i === 0) return path
  const dot = path.lastIndexOf('.')
  const slash = path.lastIndexOf('/')
  return dot > slash + 1 ? `${path.slice(0, dot)}-${i + 1}${path.slice(dot)}` : `${path}-${i + 1}`
}

/** Every file wanted (but the report, written as the run went), with what it holds. */
export function writeResultFiles(places: FilePlaces, contents: ResultContents): WrittenFiles {
  const paths: Partial<Record<ResultFile, string[]>> = {}
  const empty: ResultFile[] = []
  const failed: Array<{ file: ResultFile; path: string; code: string }> = []
  const items: Array<[ResultFile, ReadonlyArray<string | Buffer>]> = [
    ['summary', [contents.summary]],
    ['devices', contents.devices === undefined ? [] : [contents.devices]],
    ['junit', [contents.junit]],
    ['failedCsv', contents.failedCsvs]
  ]
  for (const [file, content] of items) {
    const path = places(file)
    if (path === undefined) continue
    if (content.length === 0) {
      empty.push(file)
      continue
    }
    try {
      const written = content.map((item, i) => {
        const target = numbered(path, i)
        writeFileSync(target, item, { mode: file === 'failedCsv' ? 0o600 : 0o644 })
        return target
      })
      paths[file] = written
    } catch (error) {
      failed.push({ file, path, code: (error as NodeJS.ErrnoException).code ?? String(error) })
    }
  }
  return { paths, empty, failed }
}
