// What the log says while a job runs: one line per change, whatever the
// job's size, read like a good CI tool's. Failures come first and are named;
// then what finished since the last line, what is still running and the step
// most of it is at: `Job progress 46% · 3 failed (10.0.0.3 at Login, …) ·
// +47 succeeded · 950 running · 400 at Configuration › NTP`. Device-by-device
// lines go to debug only. While nothing changes, one heartbeat for the whole
// run (a sequence of parts included) says every few minutes that the wait is
// alive and how long it may still last.
import { formatDuration } from '../common/duration.js'
import type { Scrubber } from '../common/secrets.js'
import { excerpt, percent, thousands } from '../common/text.js'
import type { Assessment, DeviceAssessment } from '../lxca/verdict.js'
import type { Deadline } from '../outcome/deadline.js'
import { stepPathLabel } from '../lxca/verdict.js'

/** Device lines per poll under debug. */
const MAX_DEVICE_LINES = 50
/** Newly failed devices named in a progress line. */
const NAMED_FAILURES = 3
/** A silent log for this long gets a heartbeat. */
export const HEARTBEAT_MS = 5 * 60_000

export interface ChangeLines {
  /** At most one line: the progress, when anything changed. */
  readonly info: string[]
  /** The devices that changed, one line each (capped). */
  readonly debug: string[]
}

export type ChangeLog = (assessment: Assessment) => ChangeLines

/**
 * One heartbeat for a whole run: any line logged resets it, so a sequence of
 * parts does not restart it with every part.
 */
export interface Heartbeat {
  /** Monotonic milliseconds (the clock of the wait). */
  readonly now: () => number
  /** The run's deadline now (a sequence sets it when its first job starts). */
  readonly deadline: () => Deadline
  /** When a line was last logged (a heartbeat included). */
  lastLineAt: number
}

export function createHeartbeat(now: () => number, deadline: () => Deadline): Heartbeat {
  return { now, deadline, lastLineAt: now() }
}

const count = thousands

/** `secrets`: server text is scrubbed before a line is cut. */
export function createChangeLog(secrets: Scrubber, heartbeat?: Heartbeat): ChangeLog {
  let lastState: string | undefined
  let reported = { succeeded: 0, failed: 0 }
  const failedBefore = new Set<string>()
  const lastDevice = new Map<string, string>()
  const keyOf = (item: DeviceAssessment, index: number): string => item.device.uuid ?? `${item.device.address}#${index}`

  const progressLine = (assessment: Assessment): string | undefined => {
    const newlyFailed: DeviceAssessment[] = []
    assessment.devices.forEach((item, index) => {
      if (item.state !== 'failed') return
      const key = keyOf(item, index)
      if (!failedBefore.has(key)) newlyFailed.push(item)
      failedBefore.add(key)
    })
    const atStep = busiestStep(assessment)
    const state = `${percent(assessment.progress)}|${assessment.succeeded}|${assessment.failed}|${assessment.pending}|${atStep?.label}|${atStep?.devices}`
    if (state === lastState) return undefined
    lastState = state
    const line = progressWords(assessment, reported, newlyFailed, atStep)
    reported = { succeeded: assessment.succeeded, failed: assessment.failed }
    return excerpt(line, 400, secrets)
  }

  const deviceLines = (assessment: Assessment): string[] => {
    const changed: string[] = []
    assessment.devices.forEach((item, index) => {
      const key = keyOf(item, index)
      const line = describeDevice(item, secrets)
      if (lastDevice.get(key) !== line) changed.push(line)
      lastDevice.set(key, line)
    })
    const shown = changed.slice(0, MAX_DEVICE_LINES)
    if (changed.length > shown.length) shown.push(`… and ${count(changed.length - shown.length)} more devices changed`)
    return shown
  }

  return assessment => {
    const line = progressLine(assessment)
    const info = line ? [line] : []
    const debug = deviceLines(assessment)
    if (!heartbeat) return { info, debug }
    const now = heartbeat.now()
    if (info.length === 0 && now - heartbeat.lastLineAt >= HEARTBEAT_MS) {
      const deadline = heartbeat.deadline()
      const done = assessment.succeeded + assessment.failed
      const left = Math.max(0, deadline.waitEndsAt - now)
      info.push(
        `Still waiting: ${percent(assessment.progress)} · ${count(done)} of ${count(assessment.devices.length)} devices done · ` +
          `${formatDuration(now - deadline.startedAt)} elapsed · ${formatDuration(left)} left before the timeout`
      )
    }
    if (info.length > 0) heartbeat.lastLineAt = now
    return { info, debug }
  }
}

/** The progress line: what failed since `before` (named), what succeeded, what still runs and where. */
function progressWords(
  assessment: Assessment,
  before: { succeeded: number; failed: number },
  newlyFailed: readonly DeviceAssessment[],
  atStep: { label: string; devices: number } | undefined
): string {
  const parts = [`Job progress ${percent(assessment.progress)}`]
  const failed = Math.max(0, assessment.failed - before.failed)
  if (failed > 0) {
    const named = newlyFailed.slice(0, NAMED_FAILURES).map(item => failureName(item))
    const more = failed > named.length ? `, +${count(failed - named.length)}` : ''
    parts.push(`${count(failed)} failed (${named.join(', ')}${more})`)
  }
  const succeeded = Math.max(0, assessment.succeeded - before.succeeded)
  if (succeeded > 0) parts.push(`+${count(succeeded)} succeeded`)
  if (assessment.pending > 0) {
    parts.push(`${count(assessment.pending)} running`)
    if (atStep) parts.push(`${count(atStep.devices)} at ${atStep.label}`)
  } else {
    const { succeeded: ok, failed: bad } = assessment
    // Failures first, even in the closing count (none is said as none).
    const tally = bad > 0 ? `${count(bad)} failed, ${count(ok)} succeeded` : `${count(ok)} succeeded`
    parts.push(`all ${count(assessment.devices.length)} done: ${tally}`)
  }
  return parts.join(' · ')
}

/** The step most unfinished devices are at, and how many: `400 at Configuration › NTP`. */
function busiestStep(assessment: Assessment): { label: string; devices: number } | undefined {
  const at = new Map<string, number>()
  for (const item of assessment.devices) {
    if (item.state !== 'pending') continue
    const label = stepPathLabel(item.stepPath)
    if (label) at.set(label, (at.get(label) ?? 0) + 1)
  }
  let best: { label: string; devices: number } | undefined
  for (const [label, devices] of at) if (!best || devices > best.devices) best = { label, devices }
  return best
}

/** `10.0.0.3 at Login` (the result when there is no step). */
function failureName(item: DeviceAssessment): string {
  const step = stepPathLabel(item.stepPath)
  return `${item.device.address} ${step ? `at ${step}` : item.device.result}`
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
