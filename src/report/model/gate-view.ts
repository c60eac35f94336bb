// The one view of a gate result that every report draws from (the step
// summary, the terminal, the messages and outputs): jobs in the order to read
// them, devices by state, failures grouped by cause, each device's failing
// step, and every server string scrubbed of secrets. Building it costs one
// pass over the devices; a device's own view and step tree are made only for
// the devices a report actually shows (a job may list 100,000).
import type { Scrub } from '../../common/secrets.js'
import type { JobRef } from '../../lxca/job-ref.js'
import type { Excuse } from '../../outcome/allowance.js'
import type { GateOutcome } from '../../outcome/gate-outcome.js'
import { STATUSES, type Status } from '../../outcome/status.js'
import { jobView, type JobView } from './job-view.js'
import { inventoryView, type InventoryView } from './inventory-view.js'
import { ACTION_NAMING, type Naming } from './naming.js'
import { nextStepsOf, type NextSteps } from './next-steps.js'
import { acrossJobs, partViews, type PartView } from './parts-view.js'
import { uploadView, type UploadView } from './upload-view.js'

export type { CauseView } from './causes.js'
export type { DeviceView, RowView } from './device-view.js'
export type { JobView } from './job-view.js'
export type { PartView } from './parts-view.js'
export type { UploadView } from './upload-view.js'

export interface GateView {
  /** How fixes name what to change: the Action's inputs, or the command line's flags. */
  readonly naming: Naming
  readonly status: Status
  /** Jobs to read first come first: failures, errors, timeouts, cancellations, then successes. */
  readonly jobs: readonly JobView[]
  /** The same jobs in the order they were started or named (the job-id output lists them so). */
  readonly jobOrder: readonly JobRef[]
  readonly upload?: UploadView
  readonly host: string
  readonly baseUrl: URL
  /** With status `partial`: the failures allowed-failures excused. */
  readonly excuse?: Excuse
  /** With status `failure`: allowed-failures was given, and more failed than it allows. */
  readonly overAllowance?: Excuse
  /** An import of several parts: each part in order, and all their jobs seen as one. */
  readonly parts?: readonly PartView[]
  readonly across?: JobView
  /** After an import that did not import everything: what to do, in order (next-steps.ts). */
  readonly next?: NextSteps
  /** What the appliance's inventory said (skip-managed, verify-inventory). */
  readonly inventory?: InventoryView
}

/** `naming`: how fixes name what to change (the Action's inputs by default, or the command line's flags). */
export function gateView(outcome: GateOutcome, baseUrl: URL, scrub: Scrub, naming: Naming = ACTION_NAMING): GateView {
  const { upload, parts } = outcome
  // The jobs this step's uploads started (job-id did not name them).
  const started = new Set(
    [upload, ...(parts ?? []).map(part => (part.state === 'uploaded' ? part.upload : undefined))].flatMap(item =>
      item?.status === 'success' && item.job ? [item.job.id] : []
    )
  )
  const timeoutMs = outcome.deadline.timeoutMs
  const jobs = outcome.jobs.map(item =>
    jobView(item, {
      timeoutMs,
      scrub,
      startedByUpload: started.has(item.job.id),
      naming,
      excuse: outcome.excuse,
      ...(outcome.overAllowance ? { overAllowance: outcome.overAllowance } : {})
    })
  )
  const ordered = jobs
    .map((view, index) => ({ view, index }))
    .sort((a, b) => STATUSES[a.view.status].readingOrder - STATUSES[b.view.status].readingOrder || a.index - b.index)
    .map(({ view }) => view)
  return {
    status: outcome.status,
    jobs: ordered,
    jobOrder: outcome.jobs.map(item => item.job),
    upload: upload && uploadView(upload, scrub, naming),
    host: baseUrl.host,
    baseUrl,
    naming,
    ...(outcome.excuse ? { excuse: outcome.excuse } : {}),
    ...(outcome.overAllowance ? { overAllowance: outcome.overAllowance } : {}),
    ...optional('next', nextStepsOf(outcome, naming, scrub)),
    ...optional('inventory', inventoryView(outcome, scrub, naming)),
    ...(parts
      ? {
          parts: partViews(parts, jobs, scrub, naming),
          ...(jobs.length > 0 ? { across: acrossJobs(jobs, naming, scrub) } : {})
        }
      : {})
  }
}

/** `{ key: value }`, or nothing when the value is undefined (the view's optional fields stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
