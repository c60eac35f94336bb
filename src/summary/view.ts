// The one view of a gate result that every report draws from (the step
// summary, the terminal, the messages and outputs): jobs in the order to read
// them, devices by state, failures grouped by cause, each device's failing
// step, and every server string scrubbed of secrets. Building it costs one
// pass over the devices; a device's own view and step tree are made only for
// the devices a report actually shows (a job may list 100,000).
import type { Scrub } from '../common/secrets.js'
import { jobPath, type JobRef } from '../lxca/job-ref.js'
import { stepPathLabel, userActionOf, type DeviceAssessment, type DeviceState } from '../lxca/verdict.js'
import type { Excuse } from '../outcome/allowance.js'
import type { GateOutcome } from '../outcome/gate-outcome.js'
import type { SourceRow } from '../outcome/rows.js'
import type { JobOutcome } from '../outcome/job-outcome.js'
import { STATUSES, type Status } from '../outcome/status.js'
import { mayHaveStarted, type UploadOutcome } from '../outcome/upload-outcome.js'
import { causesOf, type CauseView } from './causes.js'
import { problemOf, reasonOf, uploadProblemOf, type Problem } from './fixes.js'
import { ACTION_NAMING, type Naming } from './naming.js'
import { stepTree, type StepView } from './steps.js'

export interface DeviceView {
  readonly state: DeviceState
  readonly address: string
  /** Its CSV row's display name, when the step uploaded the file and the row has one. */
  readonly name?: string
  /** Its CSV row's line, when the step uploaded the file. */
  readonly line?: number
  /** `rack12-node3 (10.240.9.13)`, or the address alone. */
  readonly label: string
  readonly uuid?: string
  /** Undefined while the appliance has reported none. */
  readonly result?: string
  /** Where it failed, or where it is (`Inventory › Chassis inventory`). */
  readonly step?: string
  readonly timeSpentMs?: number
  readonly description?: string
  readonly userAction?: string
  /** The step tree as it should be read (built on demand). */
  tree(): readonly StepView[]
}

export type { CauseView } from './causes.js'

/** A row of the uploaded CSV that no device of the job matched. */
export interface RowView {
  readonly line: number
  /** Its first address (or serial number, or UUID) cell. */
  readonly identifier: string
  readonly name?: string
  /** `rack12-node4 (10.240.9.14)`, or the identifier alone. */
  readonly label: string
}

export interface JobView {
  readonly job: JobRef
  /** `/csvRequest/jobs/4229`. */
  readonly path: string
  /** The job's status; `partial` for a failed job whose failures allowed-failures excused. */
  readonly status: Status
  /** With `partial`: what allowed-failures excused (for the whole run). */
  readonly excuse?: Excuse
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
  /** Rows no device matched although no server is missing by count (the appliance names devices otherwise). */
  readonly unmatched: number
  /** Why the outcome is an error, and what to do. */
  readonly problem?: Problem
  readonly reason?: string
  readonly elapsedMs: number
  readonly polls: number
  readonly retries: number
  readonly timeoutMs: number
  readonly naming: Naming
  device(item: DeviceAssessment): DeviceView
}

/** The upload of csv-file, scrubbed. */
export interface UploadView {
  readonly file: string
  readonly rows: number
  readonly validationOnly: boolean
  readonly status: Status
  readonly job?: JobRef
  readonly messages: readonly string[]
  readonly reason?: string
  /** Why it did not start an import or validate the file, and what to do. */
  readonly problem?: Problem
  readonly mayHaveStarted: boolean
  readonly elapsedMs: number
}

export interface GateView {
  /** How fixes name what to change: the Action's inputs, or the command line's flags. */
  readonly naming: Naming
  readonly status: Status
  /** Jobs to read first come first: failures, errors, timeouts, cancellations, then successes. */
  readonly jobs: readonly JobView[]
  readonly upload?: UploadView
  readonly host: string
  readonly baseUrl: URL
  /** With status `partial`: the failures allowed-failures excused. */
  readonly excuse?: Excuse
}

/** `naming`: how fixes name what to change (the Action's inputs by default, or the command line's flags). */
export function gateView(outcome: GateOutcome, baseUrl: URL, scrub: Scrub, naming: Naming = ACTION_NAMING): GateView {
  const { upload } = outcome
  const started = upload?.status === 'success' ? upload.job : undefined
  const timeoutMs = outcome.deadline.timeoutMs
  const jobs = outcome.jobs.map(item =>
    jobView(item, { timeoutMs, scrub, startedByUpload: started?.id === item.job.id, naming, excuse: outcome.excuse })
  )
  const ordered = jobs
    .map((view, index) => ({ view, index }))
    .sort((a, b) => STATUSES[a.view.status].readingOrder - STATUSES[b.view.status].readingOrder || a.index - b.index)
    .map(({ view }) => view)
  return {
    status: outcome.status,
    jobs: ordered,
    upload: upload && uploadView(upload, scrub, naming),
    host: baseUrl.host,
    baseUrl,
    naming,
    ...(outcome.excuse ? { excuse: outcome.excuse } : {})
  }
}

function uploadView(upload: UploadOutcome, scrub: Scrub, naming: Naming): UploadView {
  return {
    file: scrub(upload.file),
    rows: upload.rows,
    validationOnly: upload.validationOnly,
    status: upload.status,
    job: upload.status === 'success' ? upload.job : undefined,
    messages: upload.messages.map(scrub),
    reason: upload.status === 'error' ? scrub(upload.cause.reason) : undefined,
    problem: uploadProblemOf(upload, naming),
    mayHaveStarted: mayHaveStarted(upload),
    elapsedMs: upload.elapsedMs
  }
}

interface JobViewContext {
  readonly timeoutMs: number
  readonly scrub: Scrub
  readonly startedByUpload: boolean
  readonly naming: Naming
  readonly excuse?: Excuse
}

function jobView(outcome: JobOutcome, context: JobViewContext): JobView {
  const { timeoutMs, scrub, startedByUpload, naming, excuse } = context
  const { job, seen, wait, rows } = outcome
  const excused = excuse !== undefined && outcome.status === 'failure'
  const devices = seen?.assessment.devices ?? []
  const byState = (state: DeviceState): DeviceAssessment[] => devices.filter(item => item.state === state)
  const failed = byState('failed')
  const done = seen !== undefined && seen.assessment.verdict !== 'running'
  const views = new Map<DeviceAssessment, DeviceView>()
  const reason = reasonOf(outcome, timeoutMs)
  return {
    job,
    path: jobPath(job),
    status: excused ? 'partial' : outcome.status,
    ...(excused ? { excuse } : {}),
    seen: seen !== undefined,
    reported: outcome.body !== undefined,
    done,
    progress: seen?.assessment.progress,
    lxcaStatus: seen?.document.status === undefined ? undefined : scrub(seen.document.status),
    total: devices.length,
    failed,
    pending: byState('pending'),
    succeeded: byState('succeeded'),
    causes: causesOf(failed, scrub),
    ...(outcome.source ? { file: scrub(outcome.source.path) } : {}),
    notInJob: (rows?.notInJob ?? []).map(row => rowView(row, scrub)),
    unmatched: rows?.unmatched.length ?? 0,
    problem: outcome.status === 'error' ? problemOf(outcome.cause, startedByUpload, naming) : undefined,
    reason: reason === undefined ? undefined : scrub(reason),
    elapsedMs: wait.elapsedMs,
    polls: wait.polls,
    retries: wait.retries,
    timeoutMs,
    naming,
    device(item) {
      let view = views.get(item)
      if (!view) views.set(item, (view = deviceView(item, done, scrub, rows?.rowOf.get(item.device))))
      return view
    }
  }
}

/** `name (address)`, as people know the server; the address alone when there is no other name. */
function labelOf(name: string | undefined, address: string): string {
  return name && name !== address ? `${name} (${address})` : address
}

function rowView(row: SourceRow, scrub: Scrub): RowView {
  const identifier = scrub(row.identifiers[0])
  const name = row.name === undefined ? undefined : scrub(row.name)
  return { line: row.line, identifier, ...(name !== undefined ? { name } : {}), label: labelOf(name, identifier) }
}

function deviceView(item: DeviceAssessment, jobDone: boolean, scrub: Scrub, row?: SourceRow): DeviceView {
  const { device } = item
  const optional = (value: string | undefined): string | undefined => (value === undefined ? undefined : scrub(value))
  const step = item.state === 'succeeded' ? '' : stepPathLabel(item.stepPath)
  const address = scrub(device.address)
  const name = row?.name === undefined ? undefined : scrub(row.name)
  return {
    state: item.state,
    address,
    ...(name !== undefined ? { name } : {}),
    ...(row ? { line: row.line } : {}),
    label: labelOf(name, address),
    uuid: optional(device.uuid),
    result: optional(device.result),
    step: step ? scrub(step) : undefined,
    timeSpentMs: device.timeSpentMs,
    description: optional(device.longDescription),
    userAction: optional(userActionOf(item)),
    tree: () => scrubTree(stepTree(item, jobDone || device.done), scrub)
  }
}

function scrubTree(steps: readonly StepView[], scrub: Scrub): StepView[] {
  return steps.map(step => ({
    ...step,
    label: scrub(step.label),
    words: scrub(step.words),
    detail: step.detail === undefined ? undefined : scrub(step.detail),
    children: scrubTree(step.children, scrub)
  }))
}
