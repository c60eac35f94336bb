// What the step leaves for recovering and for going on: the rows of the
// uploaded CSV whose device did not succeed (failed-csv, byte for byte, to
// fix and upload again), the devices that succeeded (succeeded-devices, for
// a deploy to target), and every device (devices-file, for scripts). Pure:
// the composition root writes the files.
import { bomLength } from '../common/text.js'
import type { CsvFile } from '../import/csv.js'
import type { SourceRow } from '../outcome/rows.js'
import type { DeviceView, GateView, JobView } from './view.js'

/** A device's state in devices-file. */
export type DeviceState = 'succeeded' | 'failed' | 'not finished' | 'no result' | 'not in the job'

/** One device as a script reads it (every string scrubbed, as in the summary). */
export interface DeviceRecord {
  readonly device: string
  readonly name?: string
  readonly file?: string
  readonly line?: number
  readonly job: string
  readonly state: DeviceState
  readonly result?: string
  readonly step?: string
  readonly userAction?: string
}

/** succeeded-devices lists at most this many (an output is meant to be small); devices-file has them all. */
export const MAX_SUCCEEDED_OUTPUT = 1_000

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

/** Every device of every job, and every CSV row a job did not list. */
export function deviceRecords(view: Pick<GateView, 'jobs'>): DeviceRecord[] {
  return view.jobs.flatMap(job => [
    ...[...job.succeeded, ...job.failed, ...job.pending].map(item => record(job, job.device(item))),
    ...job.notInJob.map(row => ({
      device: row.identifier,
      ...(row.name !== undefined ? { name: row.name } : {}),
      ...(job.file !== undefined ? { file: job.file } : {}),
      line: row.line,
      job: job.job.id,
      state: 'not in the job' as const
    }))
  ])
}

function record(job: JobView, device: DeviceView): DeviceRecord {
  const state: DeviceState =
    device.state === 'succeeded'
      ? 'succeeded'
      : device.state === 'failed'
        ? 'failed'
        : job.done
          ? 'no result'
          : 'not finished'
  return {
    device: device.address,
    ...(device.name !== undefined ? { name: device.name } : {}),
    ...(job.file !== undefined && device.line !== undefined ? { file: job.file, line: device.line } : {}),
    job: job.job.id,
    state,
    ...(device.result !== undefined ? { result: device.result } : {}),
    ...(device.step ? { step: cutText(device.step) } : {}),
    ...(device.userAction ? { userAction: cutText(device.userAction) } : {})
  }
}

/** The succeeded-devices output: `[{"device":"10.240.9.11","name":"rack12-node1","line":2}]`, the first 1,000. */
export function succeededDevices(view: Pick<GateView, 'jobs'>): string {
  const listed: Array<{ device: string; name?: string; line?: number }> = []
  for (const job of view.jobs) {
    for (const item of job.succeeded) {
      if (listed.length >= MAX_SUCCEEDED_OUTPUT) return JSON.stringify(listed)
      const device = job.device(item)
      listed.push({
        device: device.address,
        ...(device.name !== undefined ? { name: device.name } : {}),
        ...(device.line !== undefined ? { line: device.line } : {})
      })
    }
  }
  return JSON.stringify(listed)
}

/** devices-file: a JSON array, one device per line, so a large site stays readable and streamable. */
export function devicesFileContent(view: Pick<GateView, 'jobs'>): string {
  const records = deviceRecords(view)
  return records.length === 0 ? '[]\n' : `[\n${records.map(item => JSON.stringify(item)).join(',\n')}\n]\n`
}

/** A script needs the gist of a text; a whole 16 KiB user action is the report file's. */
function cutText(text: string): string {
  return text.length > 4_000 ? `${text.slice(0, 3_999)}…` : text
}
