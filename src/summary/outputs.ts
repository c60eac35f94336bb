// What the run page and later steps get besides the summary: the one-line
// outcome message, per-device annotations, the step outputs and the report
// document. Pure. With several jobs, outputs add up across jobs and failed
// devices name their job; with one job they are exactly as for one job.
import { formatDuration } from '../common/duration.js'
import type { GateResult } from '../common/outcome.js'
import { JOB_TYPES, type JobRef } from '../lxca/job-ref.js'
import { Output, type OutputName } from '../settings/names.js'
import type { PollOutcome } from '../common/outcome.js'
import { bodyText, clean, percent } from '../common/text.js'
import { stepPathLabel, userActionOf, type Assessment, type DeviceAssessment } from '../lxca/verdict.js'

/** GitHub keeps 10 error annotations per step: one for the outcome, nine for devices. */
const MAX_DEVICE_ANNOTATIONS = 9
const MAX_FAILED_DEVICES_OUTPUT = 50
const MESSAGE_DEVICES = 3

export interface FailedDevice {
  /** Present when several jobs are watched. */
  readonly job?: string
  readonly device: string
  readonly uuid: string
  readonly result: string
  readonly step: string
  readonly message: string
}

/** One line that says what happened to one job. `named` puts the job first (several jobs). */
export function outcomeMessage(outcome: PollOutcome, job: JobRef, timeoutMs: number, named = false): string {
  const a = outcome.assessment
  const name = `LXCA job ${job.id}`
  const where = a ? ` (progress ${percent(a.progress)}, ${a.pending} of ${a.devices.length} devices not finished)` : ''
  const prefix = named ? `${name}: ` : ''
  switch (outcome.status) {
    case 'success':
      return `${prefix}All ${a?.devices.length ?? 0} devices of ${name} were managed successfully.`
    case 'failure': {
      const failed = failures(a)
      const listed = failed.slice(0, MESSAGE_DEVICES).map(describeFailure).join('; ')
      const more = failed.length > MESSAGE_DEVICES ? `; and ${failed.length - MESSAGE_DEVICES} more` : ''
      return clean(`${prefix}${failed.length} of ${a?.devices.length ?? 0} devices failed: ${listed}${more}`, 3000)
    }
    case 'timeout':
      return clean(
        `${name} timed out: ${outcome.reason ?? `it did not finish within ${formatDuration(timeoutMs)}`}${where}`,
        3000
      )
    case 'error':
      return clean(`Could not tell the outcome of ${name}: ${outcome.reason ?? 'unknown error'}`, 3000)
    case 'cancelled':
      return `Cancelled while waiting for ${name}${where}.`
  }
}

/** The one line for the whole step: the job's message, or every unsuccessful job's. */
export function gateMessage(result: GateResult, timeoutMs: number): string {
  const { jobs } = result
  if (jobs.length === 1) return outcomeMessage(jobs[0].outcome, jobs[0].job, timeoutMs)
  if (result.status === 'success') {
    const devices = jobs.reduce((sum, { outcome }) => sum + (outcome.assessment?.devices.length ?? 0), 0)
    return `All ${jobs.length} LXCA jobs succeeded: ${devices} devices managed.`
  }
  const bad = jobs.filter(({ outcome }) => outcome.status !== 'success')
  return clean(
    `${bad.length} of ${jobs.length} LXCA jobs did not succeed. ${bad.map(({ outcome, job }) => outcomeMessage(outcome, job, timeoutMs, true)).join(' | ')}`,
    4000
  )
}

/** Error annotations for failed devices: at most nine, the ninth summarising the rest. */
export function deviceAnnotations(result: GateResult): Array<{ title: string; message: string }> {
  const several = result.jobs.length > 1
  const failed = result.jobs.flatMap(({ job, outcome }) => failures(outcome.assessment).map(item => ({ job, item })))
  const fit = failed.length <= MAX_DEVICE_ANNOTATIONS ? failed.length : MAX_DEVICE_ANNOTATIONS - 1
  const annotations = failed.slice(0, fit).map(({ job, item }) => {
    const info = failedDevice(item)
    return {
      title: clean(`${several ? `Job ${job.id}, device` : 'Device'} ${info.device}: ${info.result}`, 200),
      message: clean(`${describeFailure(item)}${info.message ? `. ${info.message}` : ''}`, 4000)
    }
  })
  if (fit < failed.length) {
    annotations.push({
      title: `${failed.length - fit} more devices failed`,
      message: `${failed.length - fit} more devices failed; the step summary lists every device and the failed-devices output the first ${MAX_FAILED_DEVICES_OUTPUT}.`
    })
  }
  return annotations
}

export function buildOutputs(
  result: GateResult,
  files: { report?: string; summaryFile?: string }
): Record<OutputName, string> {
  const several = result.jobs.length > 1
  const assessments = result.jobs
    .map(({ outcome }) => outcome.assessment)
    .filter((a): a is Assessment => a !== undefined)
  const sum = (count: (a: Assessment) => number): string =>
    assessments.length > 0 ? String(assessments.reduce((total, a) => total + count(a), 0)) : ''
  const progresses = assessments.map(a => a.progress).filter((p): p is number => p !== undefined)
  const firstBad = assessments.flatMap(a => [...failures(a), ...a.devices.filter(item => item.state === 'pending')])[0]
  const failedDevices = result.jobs.flatMap(({ job, outcome }) =>
    failures(outcome.assessment).map(item => ({ ...(several ? { job: job.id } : {}), ...failedDevice(item) }))
  )
  return {
    [Output.Status]: result.status,
    [Output.Result]: result.status === 'success' ? 'SUCCESS' : (firstBad?.device.result ?? ''),
    // With several jobs, the mean of their progress: 100 only when every job is done.
    [Output.Progress]:
      progresses.length === 0
        ? ''
        : String(Math.round((progresses.reduce((a, b) => a + b, 0) / progresses.length) * 100) / 100),
    [Output.Devices]: sum(a => a.devices.length),
    [Output.Succeeded]: sum(a => a.succeeded),
    [Output.Failed]: sum(a => a.failed),
    [Output.FailedDevices]: JSON.stringify(failedDevices.slice(0, MAX_FAILED_DEVICES_OUTPUT)),
    [Output.Report]: files.report ?? '',
    [Output.SummaryFile]: files.summaryFile ?? ''
  }
}

/**
 * The report file: the exact bytes of the last job document received; with
 * several jobs, one JSON object keyed by job path, each value the document's
 * text as received (never re-serialised: a document may nest deeper than
 * JSON.stringify can go). Undefined when no document came.
 */
export function reportContent(result: GateResult): Buffer | undefined {
  const received = result.jobs.filter(({ outcome }) => outcome.lastBody !== undefined)
  if (result.jobs.length === 1) return received[0]?.outcome.lastBody
  if (received.length === 0) return undefined
  const entries = received.map(
    ({ job, outcome }) =>
      `  ${JSON.stringify(`${JOB_TYPES[job.type]}/jobs/${job.id}`)}: ${bodyText(outcome.lastBody as Buffer).trim()}`
  )
  return Buffer.from(`{\n${entries.join(',\n')}\n}\n`)
}

function failures(assessment: Assessment | undefined): DeviceAssessment[] {
  return assessment ? assessment.devices.filter(item => item.state === 'failed') : []
}

function describeFailure(item: DeviceAssessment): string {
  const step = stepPathLabel(item.stepPath)
  return `${item.device.address} ${item.device.result}${step ? ` at ${step}` : ''}`
}

function failedDevice(item: DeviceAssessment): FailedDevice {
  const last = item.stepPath[item.stepPath.length - 1]
  const action = userActionOf(item)
  return {
    device: clean(item.device.address, 200),
    uuid: item.device.uuid ?? '',
    result: clean(item.device.result ?? '', 100),
    step: clean(stepPathLabel(item.stepPath), 300),
    message: clean(action ?? last?.longDescription ?? item.device.longDescription ?? '', 500)
  }
}
