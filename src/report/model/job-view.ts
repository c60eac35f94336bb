// One job as every report shows it: its status (partial when allowed-failures
// excused its failures), its devices by state, its failures by cause, why it
// could not be checked and the one fix, how the wait went. Every server
// string is scrubbed; a device's own view is made only when a report shows it.
import type { Scrub } from '../../common/secrets.js'
import { jobPath, type JobRef } from '../../lxca/job-ref.js'
import type { DeviceAssessment, DeviceState } from '../../lxca/verdict.js'
import type { Excuse } from '../../outcome/allowance.js'
import type { JobOutcome } from '../../outcome/job-outcome.js'
import type { Status } from '../../outcome/status.js'
import { causesOf, type CauseView } from './causes.js'
import { deviceView, rowView, type DeviceView, type RowView } from './device-view.js'
import { problemOf, reasonOf, type Problem } from './fixes.js'
import type { Naming } from './naming.js'

export interface JobView {
  readonly job: JobRef
  /** `/csvRequest/jobs/4229`. */
  readonly path: string
  /** The job's status; `partial` for a failed job whose failures allowed-failures excused. */
  readonly status: Status
  /** With `partial`: what allowed-failures excused (for the whole run). */
  readonly excuse?: Excuse
  /** With `failure`: allowed-failures was given, and more failed than it allows (for the whole run). */
  readonly overAllowance?: Excuse
  /** Some document of the job was understood. */
  readonly seen: boolean
  /** Some JSON document came, understood or not: the report file holds it. */
  readonly reported: boolean
  readonly done: boolean
  readonly progress?: number
  readonly lxcaStatus?: string
  readonly total: number
  readonly failed: readonly DeviceAssessment[]
  readonly pending: readonly DeviceAssessment[]
  readonly succeeded: readonly DeviceAssessment[]
  /** Largest first. Their counts add up to `failed.length`. */
  readonly causes: readonly CauseView[]
  /** With an upload: the CSV as the user named it. */
  readonly file?: string
  /** Rows of the CSV the job does not list, when it lists fewer devices than the file (servers not managed). */
  readonly notInJob: readonly RowView[]
  /** Rows accounted for by count only: the file names them in a way the job does not report (host names). */
  readonly byCount: number
  /** Why the outcome is an error, and what to do. */
  readonly problem?: Problem
  /** This step's upload started the job (job-id did not name it): uploading again would import twice. */
  readonly startedHere: boolean
  readonly reason?: string
  readonly elapsedMs: number
  readonly polls: number
  readonly retries: number
  readonly timeoutMs: number
  readonly naming: Naming
  /** A device's own names, as its texts may quote them (its row's name and cells, the inventory's): not scrubbed. */
  namesOf(item: DeviceAssessment): readonly (string | undefined)[]
  device(item: DeviceAssessment): DeviceView
}

/** The upload of csv-file, scrubbed. */

export interface JobViewContext {
  readonly timeoutMs: number
  readonly scrub: Scrub
  readonly startedByUpload: boolean
  readonly naming: Naming
  readonly excuse?: Excuse
  readonly overAllowance?: Excuse
}

export function jobView(outcome: JobOutcome, context: JobViewContext): JobView {
  const { timeoutMs, scrub, startedByUpload, naming, excuse, overAllowance } = context
  const { job, seen, wait, rows } = outcome
  const excused = excuse !== undefined && outcome.status === 'failure'
  const devices = seen?.assessment.devices ?? []
  const byState = (state: DeviceState): DeviceAssessment[] => devices.filter(item => item.state === state)
  const failed = byState('failed')
  const done = seen !== undefined && seen.assessment.verdict !== 'running'
  const views = new Map<DeviceAssessment, DeviceView>()
  const reason = reasonOf(outcome, timeoutMs)
  const namesOf = (item: DeviceAssessment): readonly (string | undefined)[] => {
    const row = rows?.rowOf.get(item.device)
    const entry = item.device.inventory
    return [row?.name, ...(row?.identifiers ?? []), entry?.name, entry?.hostname, entry?.serialNumber]
  }
  return {
    job,
    path: jobPath(job),
    status: excused ? 'partial' : outcome.status,
    ...(excused ? { excuse } : {}),
    ...(overAllowance && outcome.status === 'failure' ? { overAllowance } : {}),
    seen: seen !== undefined,
    reported: outcome.reported === true,
    done,
    progress: seen?.assessment.progress,
    lxcaStatus: seen?.document.status === undefined ? undefined : scrub(seen.document.status),
    total: devices.length,
    failed,
    pending: byState('pending'),
    succeeded: byState('succeeded'),
    causes: causesOf(failed, scrub, namesOf),
    ...(outcome.source ? { file: scrub(outcome.source.path) } : {}),
    notInJob: (rows?.notInJob ?? []).map(row => rowView(row, scrub)),
    byCount: rows?.byCount.length ?? 0,
    problem:
      outcome.status === 'error' ? problemOf(outcome.cause, startedByUpload ? job : undefined, naming) : undefined,
    startedHere: startedByUpload,
    reason: reason === undefined ? undefined : scrub(reason),
    elapsedMs: wait.elapsedMs,
    polls: wait.polls,
    retries: wait.retries,
    timeoutMs,
    naming,
    namesOf,
    device(item) {
      let view = views.get(item)
      if (!view) views.set(item, (view = deviceView(item, done, scrub, rows?.rowOf.get(item.device))))
      return view
    }
  }
}
