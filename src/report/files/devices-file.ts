// devices-file: every device of every job, every CSV row a job did not list,
// and every row left out because the appliance manages it already, one JSON
// object per line, for scripts (a deploy matrix, say): `ready` says whether a
// deploy may go on to it, and `inventory` carries what the appliance's
// inventory lists (its UUID above all). Every string is the view's: scrubbed
// of secrets, as in the summary. Pure.
import { isReady, type InventoryFacts } from '../model/device-view.js'
import type { DeviceView, GateView, JobView } from '../model/gate-view.js'
import type { ManagedRowView } from '../model/inventory-view.js'

/**
 * A device's state in devices-file: `imported` (this step's upload managed
 * it), `already-managed` (not uploaded: the appliance manages it, Online),
 * `succeeded` (a job named by job-id managed it), or why it is not ready.
 */
export type DeviceFileState =
  | 'imported'
  | 'already-managed'
  | 'succeeded'
  | 'failed'
  | 'managed, not Online'
  | 'not finished'
  | 'no result'
  | 'not in the job'

/** One device as a script reads it (every string scrubbed, as in the summary). */
export interface DeviceRecord {
  readonly device: string
  /** A deploy may go on to it: managed, and (when the inventory was asked) Online there. */
  readonly ready: boolean
  readonly state: DeviceFileState
  readonly name?: string
  readonly file?: string
  readonly line?: number
  /** Its job; none for a row left out because it is managed already. */
  readonly job?: string
  readonly result?: string
  readonly step?: string
  readonly userAction?: string
  readonly inventory?: InventoryFacts
}

/** Every device of every job, every CSV row a job did not list, and every row managed already. */
export function deviceRecords(view: Pick<GateView, 'jobs' | 'inventory'>): DeviceRecord[] {
  const managed = view.inventory && !view.inventory.planOnly ? view.inventory : undefined
  const verify = view.inventory?.verify === true
  return [
    ...(managed?.skipped ?? []).map(row => managedRecord(row, 'already-managed')),
    ...view.jobs.flatMap(job => [
      ...[...job.succeeded, ...job.failed, ...job.pending].map(item => record(job, job.device(item), verify)),
      ...job.notInJob.map(row => ({
        device: row.identifier,
        ready: false,
        state: 'not in the job' as const,
        ...(row.name !== undefined ? { name: row.name } : {}),
        ...(job.file !== undefined ? { file: job.file } : {}),
        line: row.line,
        job: job.job.id
      }))
    ]),
    ...(managed?.notOnline ?? []).map(row => managedRecord(row, 'managed, not Online'))
  ]
}

function managedRecord(row: ManagedRowView, state: 'already-managed' | 'managed, not Online'): DeviceRecord {
  const inventory: Record<string, string> = {}
  const fields = {
    uuid: row.uuid,
    name: row.inventoryName,
    serialNumber: row.serialNumber,
    machineType: row.machineType,
    type: row.type,
    accessState: row.accessState
  }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) inventory[key] = value
  return {
    device: row.identifier,
    ready: state === 'already-managed',
    state,
    ...(row.name !== undefined ? { name: row.name } : {}),
    file: row.file,
    line: row.line,
    inventory
  }
}

function record(job: JobView, device: DeviceView, verify: boolean): DeviceRecord {
  const succeeded = job.startedHere ? 'imported' : 'succeeded'
  const state: DeviceFileState =
    device.state === 'succeeded'
      ? succeeded
      : device.state === 'failed'
        ? 'failed'
        : job.done
          ? 'no result'
          : 'not finished'
  return {
    device: device.address,
    ready: isReady(device, verify),
    state,
    ...(device.name !== undefined ? { name: device.name } : {}),
    ...(job.file !== undefined && device.line !== undefined ? { file: job.file, line: device.line } : {}),
    job: job.job.id,
    ...(device.result !== undefined ? { result: device.result } : {}),
    ...(device.step ? { step: cutText(device.step) } : {}),
    ...(device.userAction ? { userAction: cutText(device.userAction) } : {}),
    ...(device.inventory ? { inventory: device.inventory } : {})
  }
}

/** devices-file: a JSON array, one device per line, so a large site stays readable and streamable. */
export function devicesFileContent(view: Pick<GateView, 'jobs' | 'inventory'>): string {
  const records = deviceRecords(view)
  return records.length === 0 ? '[]\n' : `[\n${records.map(item => JSON.stringify(item)).join(',\n')}\n]\n`
}

/** A script needs the gist of a text; a whole 16 KiB user action is the report file's. */
function cutText(text: string): string {
  return text.length > 4_000 ? `${text.slice(0, 3_999)}…` : text
}
