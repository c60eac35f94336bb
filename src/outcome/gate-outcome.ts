// What a whole run ended in: the upload, if csv-file started one, every job
// waited on, what the appliance's inventory said (rows already managed, a
// list it could not read), with the one deadline the wait had; `partial` when
// the devices that did not succeed are within allowed-failures.
import { measureAllowance, type Allowance, type Excuse } from './allowance.js'
import type { InventoryOutcome } from './inventory.js'
import type { Deadline } from './deadline.js'
import type { InventoryProblem, JobOutcome } from './job-outcome.js'
import { partStatuses, type PartOutcome } from './part-outcome.js'
import { worstStatus, type Status } from './status.js'
import type { UploadOutcome } from './upload-outcome.js'

export interface GateOutcome {
  /** The worst of the jobs' statuses (an upload that started no job: its own). */
  readonly status: Status
  readonly jobs: readonly JobOutcome[]
  /** With csv-file: the upload, before any job was waited on. */
  readonly upload?: UploadOutcome
  readonly deadline: Deadline
  /** With status `partial`: the failures allowed-failures excused. */
  readonly excuse?: Excuse
  /** With status `failure`: allowed-failures was given, and more failed than it allows. */
  readonly overAllowance?: Excuse
  /** An import of several parts: each part, in order, uploaded or not. */
  readonly parts?: readonly PartOutcome[]
  /** What the appliance's inventory said, when it was asked. */
  readonly inventory?: InventoryOutcome
}

/**
 * The run's outcome: the upload's when it left no job to wait on, else the
 * worst of the jobs', and `partial` instead of `failure` when allowed-failures
 * excuses every device that did not succeed.
 */
/** The run's status when the inventory could not be used. */
const INVENTORY_TROUBLE: Readonly<Record<InventoryProblem['kind'], Status>> = {
  fault: 'error',
  'not-understood': 'error',
  deadline: 'timeout',
  cancelled: 'cancelled'
}

export function gateOutcome(
  jobs: readonly JobOutcome[],
  upload: UploadOutcome | undefined,
  deadline: Deadline,
  allowance?: Allowance,
  parts?: readonly PartOutcome[],
  inventory?: InventoryOutcome
): GateOutcome {
  const base = { jobs, upload, deadline, ...(parts ? { parts } : {}), ...(inventory ? { inventory } : {}) }
  // Parts that started no job (an upload error, validation's verdicts, the deadline) count as much as jobs;
  // an inventory that could not be read is an error, never a success; a managed row not Online, a failure.
  const trouble: Status[] = inventory?.problem ? [INVENTORY_TROUBLE[inventory.problem.kind]] : []
  const beside = [...(parts ? partStatuses(parts) : []), ...trouble]
  const decides = inventory !== undefined && !inventory.planOnly
  const rows = { ready: decides ? inventory.skipped.length : 0, failed: decides ? inventory.notOnline.length : 0 }
  const failedRows: Status[] = rows.failed > 0 ? ['failure'] : []
  if (jobs.length === 0 && upload && !parts)
    return { ...base, status: worstStatus([upload.status, ...beside, ...failedRows]) }
  const measured = worstStatus(beside) === 'success' ? measureAllowance(jobs, allowance, rows) : undefined
  if (measured?.within) return { ...base, status: 'partial', excuse: measured.excuse }
  const status: Status = worstStatus([...jobs.map(job => job.status), ...beside, ...failedRows])
  return { ...base, status, ...(measured && status === 'failure' ? { overAllowance: measured.excuse } : {}) }
}
