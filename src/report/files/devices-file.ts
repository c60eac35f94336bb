// devices-file: every device of every job, and every CSV row a job did not
// list, one JSON object per line, for scripts (a deploy matrix, say). Every
// string is the view's: scrubbed of secrets, as in the summary. Pure.
import type { DeviceView, GateView, JobView } from '../model/gate-view.js'

/** A device's state in devices-file (the verdict's DeviceState, as a script reads it). */
export type DeviceFileState = 'succeeded' | 'failed' | 'not finished' | 'no result' | 'not in the job'

/** One device as a script reads it (every string scrubbed, as in the summary). */
export interface DeviceRecord {
  readonly device: string
  readonly name?: string
  readonly file?: string
  readonly line?: number
  readonly job: string
  readonly state: DeviceFileState
  readonly result?: string
  readonly step?: string
  readonly userAction?: string
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
  const state: DeviceFileState =
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

/** devices-file: a JSON array, one device per line, so a large site stays readable and streamable. */
export function devicesFileContent(view: Pick<GateView, 'jobs'>): string {
  const records = deviceRecords(view)
  return records.length === 0 ? '[]\n' : `[\n${records.map(item => JSON.stringify(item)).join(',\n')}\n]\n`
}

/** A script needs the gist of a text; a whole 16 KiB user action is the report file's. */
function cutText(text: string): string {
  return text.length > 4_000 ? `${text.slice(0, 3_999)}…` : text
}
