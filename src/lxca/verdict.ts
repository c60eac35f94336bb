// Is the job done, and did every device succeed? Pure functions over the
// parsed document. The rules come from what LXCA actually sends: the
// top-level `status` says INCOMPLETE even for a finished, failed job, and leaf
// states can be stale after a failure, so the verdict rests on progress (for
// "done") and on each device's `result` (for "succeeded") only.
import type { Device, JobDocument, StepNode } from './document.js'

export type DeviceState = 'succeeded' | 'failed' | 'pending'

export interface DeviceAssessment {
  readonly device: Device
  readonly state: DeviceState
  /** For a failed device, the path to the step that failed; for a pending one, to the step in progress. */
  readonly stepPath: readonly StepNode[]
}

/**
 * running: not done yet. success: done and every device's result counts as
 * success. failure: done and some device did not succeed. empty: done with no
 * device results at all, which we cannot call a success. unreported: done, but
 * some device never reported a result, so neither success nor failure can be
 * said of it.
 */
export type VerdictKind = 'running' | 'success' | 'failure' | 'empty' | 'unreported'

export interface Assessment {
  readonly verdict: VerdictKind
  readonly progress?: number
  readonly devices: readonly DeviceAssessment[]
  readonly succeeded: number
  readonly failed: number
  readonly pending: number
  /** Devices without a result in a finished job (verdict `unreported`). */
  readonly unreported: readonly DeviceAssessment[]
}

export function assess(job: JobDocument, successResults: readonly string[]): Assessment {
  const done = isDone(job)
  const success = new Set(successResults.map(result => result.toUpperCase()))
  const devices = job.devices.map((device): DeviceAssessment => {
    // No result yet: still at work, whatever its progress says.
    if (device.result === undefined) return { device, state: 'pending', stepPath: currentStepPath(device.steps) }
    if (success.has(device.result.toUpperCase())) return { device, state: 'succeeded', stepPath: [] }
    if (done || device.done) return { device, state: 'failed', stepPath: failedStepPath(device.steps) }
    return { device, state: 'pending', stepPath: currentStepPath(device.steps) }
  })
  const count = (state: DeviceState): number => devices.filter(item => item.state === state).length
  const failed = count('failed')
  const unreported = done ? devices.filter(item => item.device.result === undefined) : []
  return {
    // In a finished job, a device is succeeded, failed, or without a result (unreported): no other pending.
    verdict: verdictOf(done, devices.length, failed, unreported.length),
    progress: job.progress,
    devices,
    succeeded: count('succeeded'),
    failed,
    pending: count('pending'),
    unreported
  }
}

function verdictOf(done: boolean, devices: number, failed: number, unreported: number): VerdictKind {
  if (!done) return 'running'
  if (devices === 0) return 'empty'
  // Before failure: a device we know nothing about may be the only one that matters.
  if (unreported > 0) return 'unreported'
  return failed === 0 ? 'success' : 'failure'
}

/** Done when the job says 100 %, or when every device says its part is done. */
export function isDone(job: JobDocument): boolean {
  if ((job.progress ?? 0) >= 100) return true
  return job.devices.length > 0 && job.devices.every(device => device.done)
}

/** LXCA's error states; unknown states that mention an error or failure count too. */
export function isFailedState(state: string | undefined): boolean {
  if (!state) return false
  const lower = state.toLowerCase()
  return lower === 'cancelled' || lower === 'interrupted' || lower.includes('error') || lower.includes('fail')
}

function isCompleteState(state: string | undefined): boolean {
  return state?.toLowerCase() === 'complete'
}

/** Labels of a step path: `Inventory › Chassis inventory`. */
export function stepPathLabel(path: readonly StepNode[]): string {
  return path.map(node => node.label).join(' › ')
}

/**
 * The first failed step, descending into failed children so the path ends at
 * the most specific step. When no step says it failed (leaf states can be
 * stale), the first unfinished step is the best pointer there is.
 */
function failedStepPath(steps: readonly StepNode[]): StepNode[] {
  const failed = firstPath(steps, node => isFailedState(node.state))
  return failed.length > 0 ? failed : currentStepPath(steps)
}

/** The step in progress: the first running step, else the first one not complete. */
function currentStepPath(steps: readonly StepNode[]): StepNode[] {
  const running = firstPath(steps, node => node.state?.toLowerCase() === 'running')
  return running.length > 0 ? running : firstPath(steps, node => !isCompleteState(node.state))
}

function firstPath(nodes: readonly StepNode[], matches: (node: StepNode) => boolean): StepNode[] {
  for (const node of nodes) {
    const inner = firstPath(node.children, matches)
    if (inner.length > 0) return [node, ...inner]
    if (matches(node)) return [node]
  }
  return []
}

/** The user action LXCA gives closest to where the device stopped: deepest on its step path, else the first anywhere. */
export function userActionOf(item: DeviceAssessment): string | undefined {
  for (let i = item.stepPath.length - 1; i >= 0; i--)
    if (item.stepPath[i].userAction) return item.stepPath[i].userAction
  const stack = [...item.device.steps]
  while (stack.length > 0) {
    const node = stack.shift() as StepNode
    if (node.userAction) return node.userAction
    stack.unshift(...node.children)
  }
  return undefined
}
