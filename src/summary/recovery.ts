// What the step leaves for recovering and for going on: the rows of the
// uploaded CSV whose device did not succeed (failed-csv, byte for byte, to
// fix and upload again), the devices that succeeded (succeeded-devices, for
// a deploy to target), and every device (devices-file, for scripts). Pure:
// the composition root writes the files.
import type { CsvFile } from '../import/csv.js'
import type { JobOutcome } from '../outcome/job-outcome.js'
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
 * The CSV to upload again: its byte-order mark (if any), its header line and,
 * byte for byte and in file order, every device row that is not known to have
 * succeeded (failed, without a result, not finished, not in the job, or not
 * matched to any device). Undefined when every row succeeded.
 */
export function failedCsv(file: CsvFile, jobs: readonly JobOutcome[]): Buffer | undefined {
  const succeeded = new Set<number>()
  for (const job of jobs) {
    if (!job.rows || !job.seen) continue
    for (const item of job.seen.assessment.devices) {
      const row = item.state === 'succeeded' ? job.rows.rowOf.get(item.device) : undefined
      if (row) succeeded.add(row.line)
    }
  }
  const rows = file.rows.filter(row => !succeeded.has(row.line))
  if (rows.length === 0) return undefined
  const bom = file.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? file.bytes.subarray(0, 3) : undefined
  return Buffer.concat([
    ...(bom ? [bom] : []),
    file.bytes.subarray(file.header.start, file.header.end),
    ...rows.map(row => file.bytes.subarray(row.start, row.end))
  ])
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
    ...(device.step ? { step: device.step } : {}),
    ...(device.userAction ? { userAction: device.userAction } : {})
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
