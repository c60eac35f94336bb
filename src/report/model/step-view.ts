// A device's step tree as it should be read, not as LXCA leaves it. After a
// failure LXCA marks every later step Stopped_With_Error and may leave the
// last one Running (as a real failed job does): shown as they are,
// that reads as eleven failures and a step still at work. Here, only the
// deepest failed step is marked, the steps after it are "not run", and a
// finished job shows nothing as running. The tree is never deeper than the
// parser allows (MAX_DEPTH), so the recursion below is bounded.
import type { StepNode } from '../../lxca/document.js'
import { isFailedState, type DeviceAssessment } from '../../lxca/verdict.js'

/** How a step is shown. */
export type StepShow =
  'complete' | 'failed' | 'failed-here' | 'not-run' | 'running' | 'current' | 'pending' | 'unreported' | 'other'

export interface StepView {
  readonly label: string
  readonly show: StepShow
  /** LXCA's state in words (`stopped with error`), or ours (`not run`). */
  readonly words: string
  /** Percentage, for a step at work. */
  readonly percentage?: number
  /** The step's long description, for the marked step only. */
  readonly detail?: string
  readonly children: readonly StepView[]
}

/** LXCA's state names made readable: `Stopped_With_Error` → `stopped with error`. */
function stateWords(state: string | undefined): string {
  return state ? state.replace(/_/g, ' ').toLowerCase() : 'no state'
}

/**
 * The tree of `item`. `finished`: the job (or the device) is done, so no step
 * is still at work whatever it says.
 */
export function stepTree(item: DeviceAssessment, finished: boolean): StepView[] {
  const path = new Set<StepNode>(item.stepPath)
  const deepest = item.stepPath[item.stepPath.length - 1]
  const stopped = item.state === 'failed' && deepest !== undefined
  const failedHere = stopped && isFailedState(deepest.state)
  let afterFailure = false

  const showOf = (node: StepNode): StepShow => {
    const state = node.state?.toLowerCase()
    if (failedHere && path.has(node)) return node === deepest ? 'failed-here' : 'failed'
    if (node === deepest && (stopped || (item.state === 'pending' && !finished))) return 'current'
    if (state === 'complete') return 'complete'
    if (afterFailure) return 'not-run'
    if (state === 'running' || state === 'pending') {
      if (finished) return 'unreported'
      return state === 'running' ? 'running' : 'pending'
    }
    return 'other'
  }

  const visit = (node: StepNode): StepView => {
    const show = showOf(node)
    // What a failed device did not finish after the step it stopped at did not run.
    if (node === deepest && stopped) afterFailure = true
    return {
      label: node.label,
      show,
      words: wordsOf(show, node),
      percentage: show === 'running' || show === 'current' ? node.percentage : undefined,
      detail: show === 'failed-here' || show === 'current' ? node.longDescription : undefined,
      children: node.children.map(visit)
    }
  }

  return item.device.steps.map(visit)
}

function wordsOf(show: StepShow, node: StepNode): string {
  switch (show) {
    case 'not-run':
      return 'not run'
    case 'unreported':
      return 'no final state'
    default:
      return stateWords(node.state)
  }
}
