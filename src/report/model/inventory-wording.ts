// What the reports say of a job that finished while its devices were still
// being checked in the appliance's inventory (verify-inventory): the job is
// done, so nothing keeps running and nothing is to be uploaded again; only
// the inventory's word is missing.
import { plural } from '../../common/text.js'
import { Input } from '../../settings/input-output-names.js'
import type { JobView } from './gate-view.js'

/**
 * What a device not finished waits for: the job, or (the job is done, and
 * only verify-inventory's wait was cut short) the appliance's inventory.
 */
export function unfinished(view: JobView): string {
  if (!view.done) return 'not finished'
  return view.job.type === 'unmanage'
    ? "still in the appliance's inventory"
    : "not yet Online in the appliance's inventory"
}

/**
 * The job finished; the run ended while the appliance's inventory had not
 * confirmed its devices. Nothing needs uploading: checking again does.
 */
export function inventoryCutShort(view: JobView): string {
  const again = view.startedHere
    ? `${view.naming.waitInstead([view.job.id]).lead} (${view.naming.input(Input.JobId, view.job.id)}): it asks the inventory again; do not upload the file again`
    : 'run the step again: it asks the inventory again'
  if (view.status === 'cancelled') {
    return `LXCA job ${view.job.id} finished; the run was cancelled before the appliance's inventory confirmed its devices: ${again}.`
  }
  return `LXCA job ${view.job.id} finished, but the deadline came before the appliance's inventory confirmed ${plural(view.pending.length, 'device')}: raise ${view.naming.input(Input.Timeout)} (or ${view.naming.input(Input.InventoryWait)}) and ${again}.`
}
