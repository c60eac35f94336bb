// The one view of a gate result that every report draws from (the step
// summary, the terminal, the messages and outputs): jobs in the order to read
// them, devices by state, failures grouped by cause, each device's failing
// step, and every server string scrubbed of secrets. Building it costs one
// pass over the devices; a device's own view and step tree are made only for
// the devices a report actually shows (a job may list 100,000).
import type { Scrub } from '../../common/secrets.js'
import { jobPath, type JobRef } from '../../lxca/job-ref.js'
import type { DeviceAssessment, DeviceState } from '../../lxca/verdict.js'
import type { Excuse } from '../../outcome/allowance.js'
import type { GateOutcome } from '../../outcome/gate-outcome.js'
import type { NotUploadedBecause, PartOutcome } from '../../outcome/part-outcome.js'
import type { JobOutcome } from '../../outcome/job-outcome.js'
import { STATUSES, worstStatus, type Status } from '../../outcome/status.js'
import { mayHaveStarted, type UploadOutcome } from '../../outcome/upload-outcome.js'
import { causesOf, type CauseView } from './causes.js'
import { problemOf, reasonOf, uploadProblemOf, type Problem } from './fixes.js'
import { ACTION_NAMING, type Naming } from './naming.js'
import { deviceView, rowView, type DeviceView, type RowView } from './device-view.js'
import { nextStepsOf, type NextSteps } from './next-steps.js'

export type { CauseView } from './causes.js'
export type { DeviceView, RowView } from './device-view.js'

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
  /** The same jobs in the order they were started or named (the job-id output lists them so). */
  readonly jobOrder: readonly JobRef[]
  readonly upload?: UploadView
  readonly host: string
  readonly baseUrl: URL
  /** With status `partial`: the failures allowed-failures excused. */
  readonly excuse?: Excuse
  /** An import of several parts: each part in order, and all their jobs seen as one. */
  readonly parts?: readonly PartView[]
  readonly across?: JobView
  /** After an import that did not import everything: what to do, in order (next-steps.ts). */
  readonly next?: NextSteps
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
    jobView(item, { timeoutMs, scrub, startedByUpload: started.has(item.job.id), naming, excuse: outcome.excuse })
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
    ...optional('next', nextStepsOf(outcome, naming, scrub)),
    ...(parts
      ? {
          parts: partViews(parts, jobs, scrub, naming),
          ...(jobs.length > 0 ? { across: acrossJobs(jobs, naming, scrub) } : {})
        }
      : {})
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
    reported: outcome.reported === true,
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
    device(item) {
      let view = views.get(item)
      if (!view) views.set(item, (view = deviceView(item, done, scrub, rows?.rowOf.get(item.device))))
      return view
    }
  }
}

export interface PartView {
  readonly index: number
  readonly count: number
  readonly file: string
  /** `2–301`. */
  readonly lines: string
  readonly rows: number
  readonly job?: JobRef
  /** What came of it; undefined when it was never uploaded. */
  readonly status?: Status
  /** Its job's view, when it started one. */
  readonly jobView?: JobView
  /** Its upload's, when it started no job. */
  readonly upload?: UploadView
  /** Why it was never uploaded. */
  readonly notUploaded?: NotUploadedBecause
}

function partViews(parts: readonly PartOutcome[], jobs: readonly JobView[], scrub: Scrub, naming: Naming): PartView[] {
  return parts.map(outcome => {
    const { part } = outcome
    const base = {
      index: part.index,
      count: part.count,
      file: scrub(part.path),
      lines: part.firstLine === part.lastLine ? String(part.firstLine) : `${part.firstLine}–${part.lastLine}`,
      rows: part.rows
    }
    if (outcome.state === 'not uploaded') return { ...base, notUploaded: outcome.because }
    const job = outcome.job && jobs.find(view => view.job.id === outcome.job?.id && view.job.type === outcome.job?.type)
    if (job) return { ...base, job: job.job, status: job.status, jobView: job }
    const upload = uploadView(outcome.upload, scrub, naming)
    return { ...base, status: upload.status, upload }
  })
}

/** Every job of the run seen as one: the digest across parts reads it. */
function acrossJobs(jobs: readonly JobView[], naming: Naming, scrub: Scrub): JobView {
  const owner = new Map<DeviceAssessment, JobView>()
  for (const job of jobs) for (const item of [...job.failed, ...job.pending, ...job.succeeded]) owner.set(item, job)
  const failed = jobs.flatMap(job => job.failed)
  const [first] = jobs
  return {
    ...first,
    status: worstStatus(jobs.map(job => job.status)),
    total: jobs.reduce((sum, job) => sum + job.total, 0),
    failed,
    pending: jobs.flatMap(job => job.pending),
    succeeded: jobs.flatMap(job => job.succeeded),
    causes: causesOf(failed, scrub),
    notInJob: jobs.flatMap(job => job.notInJob),
    byCount: jobs.reduce((sum, job) => sum + job.byCount, 0),
    naming,
    device: item => (owner.get(item) ?? first).device(item)
  }
}

/** `{ key: value }`, or nothing when the value is undefined (the view's optional fields stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
