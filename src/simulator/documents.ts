// Builds job documents shaped like the ones LXCA sends (Lenovo's documented
// example, and a real failed job): one `results[]` entry per device, each with
// the 15-step management tree, messages and timings; after a failure, every
// later step says Stopped_With_Error and the last one still says Running.
import { createHash } from 'node:crypto'
import { firstLeafIndex, LEAVES, MANAGEMENT_STEPS, type StepSpec } from './management-steps.js'

export interface DeviceScript {
  /** What `messageParameters` says: the device's address. */
  readonly address: string
  readonly uuid: string
  /** Step id at which this device fails; it succeeds when absent. */
  readonly failAt?: string
  /** Result once failed (LXCA's observed value is OTHER_FAIL). */
  readonly failResult?: string
  readonly userAction?: string
  /** It finishes without a result, as an appliance sometimes reports a device. */
  readonly unreported?: boolean
  /** What the inventory then says of it, when it succeeded: Offline, or nothing at all (it never joins). */
  readonly inventory?: 'offline' | 'absent'
  /** It fails only the first time its address is imported (a fault someone then fixes). */
  readonly failOnce?: boolean
  /** The inventory list it joins (its row's Type); nodes by default. */
  readonly list?: 'nodes' | 'chassis' | 'switches' | 'storages'
}

export interface JobScript {
  readonly devices: readonly DeviceScript[]
  /** Good polls until the job completes; Infinity for a job that never finishes. */
  readonly pollsToComplete: number
  /** Which endpoint serves it. */
  readonly type?: 'csv' | 'manage' | 'unmanage'
  /** Once its devices are done, the job stays at this top-level progress for `polls` more polls. */
  readonly holdProgress?: { readonly progress: number; readonly polls: number }
  /** The document is padded (in each device's long description) to about this many bytes. */
  readonly documentBytes?: number
}

export interface JobSeed {
  readonly devices?: number
  readonly pollsToComplete?: number
  /** Device indexes (0-based) that fail, and where. */
  readonly failures?: ReadonlyArray<{ device: number; step: string; result?: string; userAction?: string }>
  readonly type?: JobScript['type']
}

/** The n-th simulated device (0-based): address 10.240.72.x and on, a stable UUID. */
export function simulatedDevice(index: number): DeviceScript {
  return {
    address: `10.240.${72 + Math.floor(index / 250)}.${(index % 250) + 1}`,
    uuid: createHash('md5').update(`lxca-simulator-device-${index}`).digest('hex').toUpperCase()
  }
}

/** A job script from a seed. */
export function scriptJob(seed: JobSeed): JobScript {
  const failures = new Map((seed.failures ?? []).map(failure => [failure.device, failure]))
  const devices = Array.from({ length: seed.devices ?? 3 }, (_, index): DeviceScript => {
    const failure = failures.get(index)
    return {
      ...simulatedDevice(index),
      failAt: failure?.step,
      failResult: failure?.result,
      userAction: failure?.userAction
    }
  })
  return { devices, pollsToComplete: seed.pollsToComplete ?? 3, type: seed.type }
}

type LeafState = 'Complete' | 'Running' | 'Pending' | 'Stopped_With_Error'

/** The document the n-th good poll sees (n ≥ 1). */
export function jobDocument(script: JobScript, poll: number): Record<string, unknown> {
  const fraction = Math.min(1, poll / script.pollsToComplete)
  const results = script.devices.map((device, index) => deviceDocument(device, index, fraction, poll))
  const progresses = results.map(result => (result.progress === 'JOB_DONE' ? 100 : (result.progress as number)))
  const allDone = results.length > 0 && results.every(result => result.progress === 'JOB_DONE')
  const allSucceeded = allDone && results.every(result => result.result === 'SUCCESS')
  const hold = script.holdProgress
  const held = allDone && hold !== undefined && poll < script.pollsToComplete + hold.polls
  if (script.documentBytes) for (const result of results) result.resultLongDescription += PAD_MARK
  return {
    progress: held
      ? hold.progress
      : allDone
        ? 100.0
        : progresses.reduce((sum, value) => sum + value, 0) / Math.max(1, progresses.length),
    results,
    // LXCA says INCOMPLETE even for a finished job that failed; the success value is unconfirmed.
    status: allSucceeded ? 'COMPLETE' : 'INCOMPLETE'
  }
}

function deviceDocument(device: DeviceScript, index: number, fraction: number, poll: number): Record<string, unknown> {
  const failLeaf = device.failAt === undefined ? -1 : firstLeafIndex(device.failAt)
  const reached = fraction >= 1 ? LEAVES.length : Math.floor(fraction * LEAVES.length)
  const failed = failLeaf >= 0 && reached >= failLeaf
  const leafState = (leaf: number): LeafState => {
    if (failed) {
      if (leaf < failLeaf) return 'Complete'
      // As in a real failed job: everything from the failure on is stopped, but the last step still says Running.
      return leaf === LEAVES.length - 1 ? 'Running' : 'Stopped_With_Error'
    }
    if (leaf < reached) return 'Complete'
    return leaf === reached ? 'Running' : 'Pending'
  }
  const done = failed || fraction >= 1
  const progress = done ? 'JOB_DONE' : (reached / LEAVES.length) * 100
  const result = failed ? (device.failResult ?? 'OTHER_FAIL') : fraction >= 1 ? 'SUCCESS' : 'INCOMPLETE'
  const reported = !(device.unreported && done)
  let leaf = 0
  const build = (spec: StepSpec): Record<string, unknown> => {
    if (spec.children) {
      const children = spec.children.map(build)
      const states = children.map(child => (child.status as { state: LeafState }).state)
      const state = states.includes('Stopped_With_Error')
        ? 'Stopped_With_Error'
        : states.every(s => s === 'Complete')
          ? 'Complete'
          : states.every(s => s === 'Pending')
            ? 'Pending'
            : 'Running'
      return node(
        spec,
        state,
        { substatus: children },
        failed && spec.id === device.failAt ? device.userAction : undefined
      )
    }
    const state = leafState(leaf)
    const isFailure = failed && leaf === failLeaf
    leaf += 1
    return node(spec, state, {}, isFailure ? device.userAction : undefined)
  }
  return {
    messageBundle: 'com.lenovo.lxca.discovery.bundle.rest.messages',
    messageID: result === 'INCOMPLETE' ? '0510_LONG' : result === 'SUCCESS' ? '0500_LONG' : '0509_LONG',
    messageParameters: device.address,
    progress,
    ...(reported ? { result, ...RESULT_TEXT[result in RESULT_TEXT ? result : 'OTHER_FAIL'] } : {}),
    status: {
      description: [{ messageBundle: 'com.lenovo.lxca.discovery.bundle.tasks.messages', messageID: '1014_LONG' }],
      percentage: progress === 'JOB_DONE' ? 100 : progress,
      state: failed ? 'Stopped_With_Error' : fraction >= 1 ? 'Complete' : 'Running',
      substatus: MANAGEMENT_STEPS.map(build)
    },
    taskid: 371 + index,
    time_spent: Math.round(poll * 7_013 + index * 131),
    uuid: device.uuid
  }
}

/** Each device's long description made longer, so the whole document is about `bytes` long. */
/** Where a padded document's filler goes (a control character JSON escapes, so no text can hold it). */
const PAD_MARK = '\u0000pad\u0000'
const PAD_MARK_JSON = JSON.stringify(PAD_MARK).slice(1, -1)
/** Fillers by size, as text and as the bytes sent (encoded once: a 56 MiB filler is not encoded again per poll). */
const fillers = new Map<number, { readonly text: string; readonly bytes: Buffer }>()

/**
 * The document as the appliance sends it: JSON, with each device's long
 * description padded so that the whole is about `documentBytes` (the filler is
 * made once and put in place, not escaped again for every poll).
 */
export function jobDocumentText(script: JobScript, poll: number): string {
  return jobDocumentPieces(script, poll)
    .map(piece => (typeof piece === 'string' ? piece : fillerOf(script).text))
    .join('')
}

/** The same document in the pieces it is sent in: the filler's bytes are one Buffer, sent as they are. */
export function jobDocumentPieces(script: JobScript, poll: number): Array<string | Buffer> {
  const text = JSON.stringify(jobDocument(script, poll))
  if (!script.documentBytes) return [text]
  const { bytes } = fillerOf(script)
  return text.split(PAD_MARK_JSON).flatMap((piece, index) => (index === 0 ? [piece] : [bytes, piece]))
}

function fillerOf(script: JobScript): { readonly text: string; readonly bytes: Buffer } {
  const each = Math.floor((script.documentBytes ?? 0) / Math.max(1, script.devices.length))
  let filler = fillers.get(each)
  if (filler === undefined) {
    const sentence = 'The appliance says more about this device than anyone will read. '
    const text = sentence.repeat(Math.max(0, Math.ceil((each - 4_000) / sentence.length)))
    fillers.set(each, (filler = { text, bytes: Buffer.from(text) }))
  }
  return filler
}

const RESULT_TEXT: Record<string, { resultShortDescription: string; resultLongDescription: string }> = {
  SUCCESS: { resultShortDescription: 'Success', resultLongDescription: 'The device was managed successfully' },
  INCOMPLETE: { resultShortDescription: 'Incomplete', resultLongDescription: 'Management job is incomplete' },
  OTHER_FAIL: {
    resultShortDescription: 'Other failure',
    resultLongDescription:
      'An internal error occurred during the management process. Attempt the management operation again. If the problem persists, contact Support.'
  }
}

function node(
  spec: StepSpec,
  state: string,
  extra: Record<string, unknown>,
  userAction?: string
): Record<string, unknown> {
  const complete = state === 'Complete'
  const percentage = complete ? 100 : 0
  return {
    completed: complete,
    id: spec.id,
    longDescription: spec.long,
    messageBundle: 'com.lenovo.lxca.discovery.bundle.tasks.messages',
    messageID: spec.messageID,
    progress: percentage,
    shortDescription: spec.short,
    started: state === 'Complete' || state === 'Running',
    status: { percentage, state, ...extra },
    userAction: userAction ?? ''
  }
}
