// Log lines only when something changes, not once per poll: a 40-minute job
// polled every 15 s would otherwise print the same line 160 times. While
// nothing changes, a heartbeat every few minutes says the wait is alive and
// how long it may still last.
import { formatDuration } from '../common/duration.js'
import type { Scrubber } from '../common/secrets.js'
import { excerpt, percent } from '../common/text.js'
import type { Assessment, DeviceAssessment } from '../lxca/verdict.js'
import type { Deadline } from '../outcome/deadline.js'
import { stepPathLabel } from '../lxca/verdict.js'

const MAX_DEVICE_LINES = 50
/** A silent log for this long gets a heartbeat. */
const HEARTBEAT_MS = 5 * 60_000

export type ChangeLog = (assessment: Assessment) => string[]

export interface Heartbeat {
  /** Monotonic milliseconds (the clock of the wait). */
  readonly now: () => number
  readonly deadline: Deadline
}

/** `secrets`: server text is scrubbed before a line is cut. */
export function createChangeLog(secrets: Scrubber, heartbeat?: Heartbeat): ChangeLog {
  let lastProgress: string | undefined
  const lastDevice = new Map<string, string>()
  const startedAt = heartbeat?.deadline.startedAt ?? 0
  let lastLineAt = startedAt
  const changes = (assessment: Assessment): string[] => {
    const lines: string[] = []
    const progress = percent(assessment.progress)
    const done = assessment.succeeded + assessment.failed
    const progressLine = `Job progress ${progress}: ${done} of ${assessment.devices.length} devices done`
    if (progressLine !== lastProgress) lines.push(progressLine)
    lastProgress = progressLine

    const changed: string[] = []
    assessment.devices.forEach((item, index) => {
      const key = item.device.uuid ?? `${item.device.address}#${index}`
      const line = describeDevice(item, secrets)
      if (lastDevice.get(key) !== line) changed.push(line)
      lastDevice.set(key, line)
    })
    lines.push(...changed.slice(0, MAX_DEVICE_LINES))
    if (changed.length > MAX_DEVICE_LINES) lines.push(`… and ${changed.length - MAX_DEVICE_LINES} more devices changed`)
    return lines
  }
  return assessment => {
    const lines = changes(assessment)
    if (!heartbeat) return lines
    const now = heartbeat.now()
    if (lines.length === 0 && now - lastLineAt >= HEARTBEAT_MS) {
      const done = assessment.succeeded + assessment.failed
      const left = Math.max(0, heartbeat.deadline.waitEndsAt - now)
      lines.push(
        `Still waiting: ${percent(assessment.progress)} · ${done.toLocaleString('en-US')} of ${assessment.devices.length.toLocaleString('en-US')} devices done · ` +
          `${formatDuration(now - startedAt)} elapsed · ${formatDuration(left)} left before the timeout`
      )
    }
    if (lines.length > 0) lastLineAt = now
    return lines
  }
}

// Server text is made one line (no injected log lines), and every line starts
// with our own "- ", so a device named `::warning::…` cannot become a
// workflow command (the runner trims leading spaces before looking for `::`).
function describeDevice(item: DeviceAssessment, secrets: Scrubber): string {
  const { device, state, stepPath } = item
  const step = stepPathLabel(stepPath)
  let status: string
  if (state === 'pending')
    status = step ? `${step} (${stepPath[stepPath.length - 1].state ?? 'unknown state'})` : 'waiting'
  else status = `${device.result}${state === 'failed' && step ? ` at ${step}` : ''}`
  return `  - ${excerpt(`${device.address}: ${status}`, 300, secrets)}`
}
