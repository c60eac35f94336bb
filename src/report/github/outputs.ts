// What the run page and later steps get besides the summary: the one-line
// outcome message and the step outputs (annotations are annotations.ts's,
// the files report/files/'s), all drawn from the same view as the summary
// (so scrubbed of secrets). Pure. With several jobs, outputs add up across
// jobs and failed devices name their job; with one job they are exactly as
// for one job.
import { clause, singleLine, plural } from '../../common/text.js'
import { STATUSES } from '../../outcome/status.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import { Output, type OutputName } from '../../settings/input-output-names.js'
import type { CauseView, GateView, JobView, UploadView } from '../model/gate-view.js'
import * as partsWording from '../model/parts-wording.js'
import * as wording from '../model/wording.js'
import { placeOf } from '../model/wording.js'
import { inventoryHeadline, inventoryLine, notOnlineSentence, notReadyHeadline } from '../model/inventory-view.js'
import { isReady } from '../model/device-view.js'

export const MAX_FAILED_DEVICES_OUTPUT = 50
const MESSAGE_CAUSES = 2
/** The run page shows the message in full: it says the gist, the summary says the rest. */
export const MAX_MESSAGE = 300

export interface FailedDevice {
  /** Present when several jobs are watched. */
  readonly job?: string
  readonly device: string
  /** The CSV row's display name and line, when this step uploaded the file. */
  readonly name?: string
  readonly line?: number
  readonly uuid: string
  readonly result: string
  readonly step: string
  readonly message: string
}

/** One line that says what happened to one job. `named` puts the job first (several jobs). */
function outcomeMessage(view: JobView, named = false): string {
  const prefix = named ? `LXCA job ${view.job.id}: ` : ''
  switch (view.status) {
    case 'success':
      return `${prefix}${wording.headline(view)}.`
    case 'failure':
    case 'partial': {
      const listed = view.causes.slice(0, MESSAGE_CAUSES).map(cause => describeCause(view, cause))
      const more =
        view.causes.length > MESSAGE_CAUSES ? `; and ${plural(view.causes.length - MESSAGE_CAUSES, 'more cause')}` : ''
      const missing = view.notInJob.length > 0 ? [notInJobText(view)] : []
      const lead = view.status === 'partial' ? wording.headline(view) : wording.failedCount(view)
      return singleLine(`${prefix}${lead}: ${[...listed, ...missing].join('; ')}${more}`, 3000)
    }
    case 'error':
      return singleLine(`Could not check LXCA job ${view.job.id}: ${errorWhy(view)}. ${view.problem?.fix ?? ''}`, 3000)
    case 'timeout':
    case 'cancelled':
      return singleLine(`${wording.headline(view)}. ${wording.keepsRunning(view) ?? ''}`, 3000)
  }
}

/** `rack1 (10.0.0.1, servers.csv:2) OTHER_FAIL at Login`, or `12 devices OTHER_FAIL at Login (…, … +10)`. */
function describeCause(view: JobView, cause: CauseView): string {
  const at = cause.step ? ` at ${cause.step}` : ''
  const [first] = cause.devices
  if (cause.devices.length === 1) return `${placeOf(view, view.device(first))} ${cause.result}${at}`
  const named = cause.devices.slice(0, 2).map(item => placeOf(view, view.device(item)))
  const rest = cause.devices.length - named.length
  return `${cause.devices.length} devices ${cause.result}${at} (${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''})`
}

/** `2 servers of servers.csv are not in the job: rack1 (10.0.0.1) servers.csv:2, …`. */
/** What went wrong; with the particular reason when what went wrong is generic (an answer not understood). */
function errorWhy({ problem, reason }: JobView): string {
  if (!problem) return clause(reason ?? 'unknown')
  return problem.withReason && reason ? `${clause(problem.what)}: ${clause(reason)}` : clause(problem.what)
}

function notInJobText(view: JobView): string {
  const named = view.notInJob.slice(0, 3).map(row => placeOf(view, row))
  const rest = view.notInJob.length - named.length
  return `${plural(view.notInJob.length, 'server')} of the CSV not in the job (${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''})`
}

/** The one line for the whole step: the upload's, the job's, or every unsuccessful job's. */
export function gateMessage(view: GateView): string {
  return singleLine(fullMessage(view), MAX_MESSAGE - 1)
}

function fullMessage(view: GateView): string {
  const message = jobsMessage(view)
  const { inventory } = view
  if (!inventory || (view.jobs.length === 0 && !view.upload && !view.parts)) return message
  // What the inventory added: the rows it left out, and what it did not confirm.
  const notOnline = notOnlineSentence(inventory)
  const line = inventory.skipped.length > 0 || inventory.unconfirmed > 0 ? inventoryLine(inventory) : undefined
  const added = [line, notOnline].filter(Boolean)
  if (added.length === 0) return message
  // The job passed and the rows failed the run: what failed it comes first.
  const first = view.jobs.length === 1 && notReadyHeadline(inventory, view.status, view.jobs[0].status, view.host)
  if (first && notOnline) return singleLine(`${notOnline}. | ${message}`, 4000)
  return singleLine(`${message} | ${added.join('; ')}.`, 4000)
}

function jobsMessage(view: GateView): string {
  const { jobs } = view
  if (jobs.length === 0 && !view.upload && !view.parts && view.inventory) {
    const { inventory } = view
    const fix = inventory.problem ? ` ${inventory.problem.fix}` : ''
    return singleLine(`${inventoryHeadline(inventory, view.host)}.${fix}`, 3000)
  }
  if (view.parts) {
    // The gist: the headline, the largest cause across the parts, and the first part that stopped the rest.
    const [largest] = view.across?.causes ?? []
    const cause = largest && view.across ? [`Largest cause: ${describeCause(view.across, largest)}.`] : []
    const stopped = view.parts.find(
      part => part.status !== undefined && !STATUSES[part.status].passes && !part.jobView?.causes.length
    )
    const stop = stopped ? [`Part ${stopped.index}: ${partsWording.partWhy(stopped)}.`] : []
    return singleLine([`${partsWording.partsHeadline(view, view.parts)}.`, ...cause, ...stop].join(' '), 4000)
  }
  if (jobs.length === 0 && view.upload) return uploadMessage(view.upload, view.host)
  if (jobs.length === 1) return outcomeMessage(jobs[0])
  if (view.status === 'success') {
    const devices = jobs.reduce((sum, job) => sum + job.total, 0)
    return `All ${jobs.length} LXCA jobs succeeded: ${plural(devices, 'device')} managed.`
  }
  const bad = jobs.filter(job => job.status !== 'success')
  const messages = bad.map(job => outcomeMessage(job, true)).join(' | ')
  return singleLine(`${wording.gateHeadline(jobs, view.host)}. ${messages}`, 4000)
}

function uploadMessage(upload: UploadView, host: string): string {
  const headline = wording.uploadHeadline(upload, host)
  if (upload.status === 'success') return `${headline}.`
  // The gist and the one fix: the appliance's words and the details are in the summary.
  const said = upload.messages.length > 0 ? ` The appliance said: ${upload.messages.slice(0, 2).join(' ')}` : ''
  return singleLine(`${headline}. ${upload.problem?.fix ?? ''}${said}`, 3000)
}

/** The files the step wrote, by output. */
export interface OutputFiles {
  readonly report?: string
  readonly summaryFile?: string
  readonly failedCsv?: string
  readonly devicesFile?: string
  readonly junitFile?: string
}

export function buildOutputs(
  view: Pick<GateView, 'status' | 'jobs' | 'jobOrder' | 'upload' | 'inventory'>,
  files: OutputFiles
): Record<OutputName, string> {
  const several = view.jobs.length > 1
  const seen = view.jobs.filter(job => job.seen)
  const sum = (count: (job: JobView) => number): string =>
    seen.length > 0 ? String(seen.reduce((total, job) => total + count(job), 0)) : ''
  const progresses = seen.map(job => job.progress).filter((p): p is number => p !== undefined)
  const firstBad = seen.flatMap(job => [...job.failed, ...job.pending].slice(0, 1).map(item => job.device(item)))[0]
  // Only the first ones are output: the others are never described (a job may fail 100,000 devices).
  const failedDevices = view.jobs
    .flatMap(job => job.failed.map(item => ({ job, item })))
    .slice(0, MAX_FAILED_DEVICES_OUTPUT)
    .map(({ job, item }) => ({ ...(several ? { job: job.job.id } : {}), ...failedDevice(job, item) }))
  return {
    [Output.Status]: view.status,
    // The jobs waited on, in the order they were started (or named), as the output said while they ran.
    [Output.JobId]:
      view.jobOrder.length > 0 ? view.jobOrder.map(job => job.id).join(',') : (view.upload?.job?.id ?? ''),
    [Output.Result]: view.status === 'success' ? 'SUCCESS' : singleLine(firstBad?.result ?? '', 100),
    // With several jobs, the mean of their progress: 100 only when every job is done.
    [Output.Progress]:
      progresses.length === 0
        ? ''
        : String(Math.round((progresses.reduce((a, b) => a + b, 0) / progresses.length) * 100) / 100),
    [Output.Devices]: sum(job => job.total),
    [Output.Succeeded]: sum(job => job.succeeded.length),
    [Output.Failed]: sum(job => job.failed.length),
    [Output.FailedDevices]: JSON.stringify(failedDevices),
    [Output.Report]: files.report ?? '',
    [Output.SummaryFile]: files.summaryFile ?? '',
    [Output.FailedCsv]: files.failedCsv ?? '',
    [Output.SucceededDevices]: succeededDevices(view),
    [Output.DevicesFile]: files.devicesFile ?? '',
    [Output.JunitFile]: files.junitFile ?? '',
    [Output.AlreadyManaged]: view.inventory && !view.inventory.problem ? String(view.inventory.skipped.length) : ''
  }
}

export function failedDevice(job: JobView, item: DeviceAssessment): FailedDevice {
  const device = job.device(item)
  return {
    device: singleLine(device.address, 200),
    ...(device.name !== undefined ? { name: singleLine(device.name, 200) } : {}),
    ...(device.line !== undefined ? { line: device.line } : {}),
    uuid: singleLine(device.uuid ?? '', 100),
    result: singleLine(device.result ?? '', 100),
    step: singleLine(device.step ?? '', 300),
    message: singleLine(device.userAction ?? device.description ?? '', 500)
  }
}

/** succeeded-devices lists at most this many (an output is meant to be small); devices-file has them all. */
export const MAX_SUCCEEDED_OUTPUT = 1_000

/** The succeeded-devices output: `[{"device":"10.240.9.11","name":"rack12-node1","line":2}]`, the first 1,000. */
export function succeededDevices(view: Pick<GateView, 'jobs' | 'inventory'>): string {
  const listed: Array<{ device: string; name?: string; line?: number; alreadyManaged?: true }> = []
  const verify = view.inventory?.verify === true
  for (const job of view.jobs) {
    for (const item of job.succeeded) {
      if (listed.length >= MAX_SUCCEEDED_OUTPUT) return JSON.stringify(listed)
      const device = job.device(item)
      // Ready only: the job's word, and the inventory's when it was asked.
      if (!isReady(device, verify)) continue
      listed.push({
        device: device.address,
        ...(device.name !== undefined ? { name: device.name } : {}),
        ...(device.line !== undefined ? { line: device.line } : {})
      })
    }
  }
  // Rows left out because the appliance manages them already, Online: as ready as those just imported.
  const managed = view.inventory && !view.inventory.planOnly ? view.inventory.skipped : []
  for (const row of managed) {
    if (listed.length >= MAX_SUCCEEDED_OUTPUT) break
    listed.push({
      device: row.identifier,
      ...(row.name ? { name: row.name } : {}),
      line: row.line,
      alreadyManaged: true
    })
  }
  return JSON.stringify(listed)
}
