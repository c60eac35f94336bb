// The LXCA job document, parsed defensively. The server's JSON is untrusted:
// any field may be missing, null or of another type. Optional detail that is
// malformed is dropped; what the verdict depends on (the results list and
// each device's `result`) must be understood, or the whole document is
// reported as a problem and never judged. A device still at work may have no
// `result` yet; what a finished job without one means is the verdict's call.
// Nothing here recurses deeper than MAX_DEPTH, whatever the server nests.
import { isObject } from '../common/json.js'
import type { InventoryDevice } from './inventory.js'

export interface StepNode {
  readonly id: string
  /** `shortDescription`, else the id. */
  readonly label: string
  readonly longDescription?: string
  readonly state?: string
  readonly percentage?: number
  readonly userAction?: string
  readonly children: readonly StepNode[]
}

export interface Device {
  /** IP address, serial number or UUID as LXCA reports it (`messageParameters`). */
  readonly address: string
  readonly uuid?: string
  /** Undefined while the appliance has not reported one (missing, null or empty). */
  readonly result?: string
  readonly progress?: number
  /** `progress` was `JOB_DONE`, or 100. */
  readonly done: boolean
  readonly shortDescription?: string
  readonly longDescription?: string
  readonly state?: string
  readonly timeSpentMs?: number
  readonly taskId?: number
  readonly steps: readonly StepNode[]
  /** What the appliance's inventory says of the device, when it was checked (outcome/inventory.ts). */
  readonly inventory?: InventoryDevice
  /** The job's own result, when the inventory check replaced it (`result` then says what the inventory found). */
  readonly jobResult?: string
  /** The inventory confirmed what the job says (Online; gone, after an unmanage job). */
  readonly confirmed?: true
}

export interface JobDocument {
  readonly progress?: number
  readonly status?: string
  /** `results[]` as LXCA names it: one entry per device. */
  readonly devices: readonly Device[]
}

/**
 * `lasting`: asking again will not help (the document is too big to judge),
 * as opposed to a malformed answer that the next poll may fix.
 */
export type ParsedJob = { ok: true; job: JobDocument } | { ok: false; problem: string; lasting?: boolean }

/** How deep a substatus tree may nest before the rest is ignored (LXCA uses 2). */
const MAX_DEPTH = 16
/**
 * Devices one document may list. LXCA manages at most 1,000 devices per
 * appliance (300 per CSV); a hundred times that still renders in about a
 * second, while millions of tiny entries would exhaust the runner's memory.
 */
export const MAX_DEVICES = 100_000
/** Characters kept of one text (a description, a user action): reports show far less, scrubbed first. */
export const MAX_TEXT = 16_384

export function parseJob(raw: unknown): ParsedJob {
  if (!isObject(raw)) return problem(`expected a JSON object, got ${describe(raw)}`)
  const progress = toProgress(raw.progress)
  const results = raw.results
  if (results === undefined || results === null) {
    // A job that has just been created may not list its devices yet, but a
    // document with neither progress nor results is not a job document.
    if (progress === undefined) return problem('the document has neither "progress" nor "results"')
    return { ok: true, job: { progress: progress.value, status: text(raw.status), devices: [] } }
  }
  if (!Array.isArray(results)) return problem(`"results" should be a list, got ${describe(results)}`)

  if (results.length > MAX_DEVICES) {
    const count = results.length.toLocaleString('en-US')
    const most = MAX_DEVICES.toLocaleString('en-US')
    return { ok: false, problem: `the job lists ${count} devices; at most ${most} are supported`, lasting: true }
  }

  const devices: Device[] = []
  for (const [index, entry] of results.entries()) {
    if (!isObject(entry)) return problem(`results[${index}] should be an object, got ${describe(entry)}`)
    const result = entry.result
    if (result !== undefined && result !== null && typeof result !== 'string') {
      return problem(`results[${index}].result should be a string, got ${describe(result)}`)
    }
    devices.push(parseDevice(entry, text(result) || undefined, index))
  }
  return { ok: true, job: { progress: progress?.value, status: text(raw.status), devices } }
}

function parseDevice(entry: Record<string, unknown>, result: string | undefined, index: number): Device {
  const status = isObject(entry.status) ? entry.status : {}
  const progress = toProgress(entry.progress)
  const uuid = text(entry.uuid)
  return {
    address: deviceAddress(entry.messageParameters ?? entry.messageAttributes) ?? uuid ?? `device #${index + 1}`,
    uuid,
    result,
    progress: progress?.value,
    done: progress?.done ?? false,
    shortDescription: text(entry.resultShortDescription),
    longDescription: text(entry.resultLongDescription),
    state: text(status.state),
    timeSpentMs: finite(entry.time_spent),
    taskId: finite(entry.taskid),
    steps: parseSteps(status.substatus, 1)
  }
}

function parseSteps(value: unknown, depth: number): StepNode[] {
  if (!Array.isArray(value) || depth > MAX_DEPTH) return []
  return value.filter(isObject).map((node, index) => {
    const status = isObject(node.status) ? node.status : {}
    const id = text(node.id) ?? `step ${index + 1}`
    return {
      id,
      label: text(node.shortDescription) ?? id,
      longDescription: text(node.longDescription),
      state: text(status.state),
      percentage: finite(status.percentage) ?? finite(node.progress),
      userAction: text(node.userAction)?.trim() || undefined,
      children: parseSteps(status.substatus, depth + 1)
    }
  })
}

/** `messageParameters` is a string or a list of strings in real documents. */
function deviceAddress(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value.trim()) || undefined
  if (Array.isArray(value)) {
    const parts = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    return parts.length > 0 ? text(parts.join(', ')) : undefined
  }
  return undefined
}

/** Progress as LXCA sends it: a number, a numeric string, or `JOB_DONE`. */
function toProgress(value: unknown): { value: number; done: boolean } | undefined {
  if (value === 'JOB_DONE') return { value: 100, done: true }
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined
  return { value: number, done: number >= 100 }
}

function problem(message: string): ParsedJob {
  return { ok: false, problem: message }
}

/**
 * A string field, cut at MAX_TEXT characters (and copied, so that the cut
 * does not keep the whole string alive behind it): no report shows more than
 * a few kilobytes of one text, and ten parts' documents of 64 MiB each must
 * not stay in memory through their longest texts.
 */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  return value.length > MAX_TEXT ? `${Buffer.from(value.slice(0, MAX_TEXT), 'utf16le').toString('utf16le')}…` : value
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  // A string's content is not quoted: it is the appliance's, and a cut could leave part of a secret.
  if (typeof value === 'string') return `a string of ${value.length.toLocaleString('en-US')} characters`
  return `a ${typeof value}`
}
