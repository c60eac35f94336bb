// What the run page and later steps get besides the summary: the one-line
// outcome message, per-device annotations and the step outputs. Pure.
import { formatDuration } from './duration.js'
import type { JobRef } from './job-ref.js'
import { Output, type OutputName } from './names.js'
import type { PollOutcome } from './poller.js'
import { percent } from './progress-log.js'
import { clean } from './responses.js'
import { stepPathLabel, userActionOf, type Assessment, type DeviceAssessment } from './verdict.js'

/** GitHub keeps 10 error annotations per step: one for the outcome, nine for devices. */
export const MAX_DEVICE_ANNOTATIONS = 9
const MAX_FAILED_DEVICES_OUTPUT = 50
const MESSAGE_DEVICES = 3

export interface FailedDevice {
  readonly device: string
  readonly uuid: string
  readonly result: string
  readonly step: string
  readonly message: string
}

/** One line that says what happened, for the log and `core.setFailed`. */
export function outcomeMessage(outcome: PollOutcome, job: JobRef, timeoutMs: number): string {
  const a = outcome.assessment
  const name = `LXCA job ${job.id}`
  const where = a ? ` (progress ${percent(a.progress)}, ${a.pending} of ${a.devices.length} devices not finished)` : ''
  switch (outcome.status) {
    case 'success':
      return `All ${a?.devices.length ?? 0} devices of ${name} were managed successfully.`
    case 'failure': {
      const failed = a ? failures(a) : []
      const listed = failed.slice(0, MESSAGE_DEVICES).map(describeFailure).join('; ')
      const more = failed.length > MESSAGE_DEVICES ? `; and ${failed.length - MESSAGE_DEVICES} more` : ''
      return clean(`${failed.length} of ${a?.devices.length ?? 0} devices failed: ${listed}${more}`, 3000)
    }
    case 'timeout':
      return clean(`${name} timed out: ${outcome.reason ?? `it did not finish within ${formatDuration(timeoutMs)}`}${where}`, 3000)
    case 'error':
      return clean(`Could not tell the outcome of ${name}: ${outcome.reason ?? 'unknown error'}`, 3000)
    case 'cancelled':
      return `Cancelled while waiting for ${name}${where}.`
  }
}

/** Error annotations for failed devices: at most nine, the ninth summarising the rest. */
export function deviceAnnotations(assessment: Assessment | undefined): Array<{ title: string; message: string }> {
  const failed = assessment ? failures(assessment) : []
  const fit = failed.length <= MAX_DEVICE_ANNOTATIONS ? failed.length : MAX_DEVICE_ANNOTATIONS - 1
  const annotations = failed.slice(0, fit).map(item => {
    const info = failedDevice(item)
    return {
      title: clean(`Device ${info.device}: ${info.result}`, 200),
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
  outcome: PollOutcome,
  files: { report?: string; summaryFile?: string }
): Record<OutputName, string> {
  const a = outcome.assessment
  const firstBad = a && (failures(a)[0] ?? a.devices.find(item => item.state === 'pending'))
  return {
    [Output.Status]: outcome.status,
    [Output.Result]: outcome.status === 'success' ? 'SUCCESS' : (firstBad?.device.result ?? ''),
    [Output.Progress]: a?.progress === undefined ? '' : String(Math.round(a.progress * 100) / 100),
    [Output.Devices]: a ? String(a.devices.length) : '',
    [Output.Succeeded]: a ? String(a.succeeded) : '',
    [Output.Failed]: a ? String(a.failed) : '',
    [Output.FailedDevices]: JSON.stringify(a ? failures(a).slice(0, MAX_FAILED_DEVICES_OUTPUT).map(failedDevice) : []),
    [Output.Report]: files.report ?? '',
    [Output.SummaryFile]: files.summaryFile ?? ''
  }
}

function failures(assessment: Assessment): DeviceAssessment[] {
  return assessment.devices.filter(item => item.state === 'failed')
}

function describeFailure(item: DeviceAssessment): string {
  const step = stepPathLabel(item.stepPath)
  return `${item.device.address} ${item.device.result}${step ? ` at ${step}` : ''}`
}

export function failedDevice(item: DeviceAssessment): FailedDevice {
  const last = item.stepPath[item.stepPath.length - 1]
  const action = userActionOf(item)
  return {
    device: clean(item.device.address, 200),
    uuid: item.device.uuid ?? '',
    result: clean(item.device.result, 100),
    step: clean(stepPathLabel(item.stepPath), 300),
    message: clean(action ?? last?.longDescription ?? item.device.longDescription ?? '', 500)
  }
}
