// The five ways a run can end, described once: how bad each is (for the
// worst of several jobs), whether the step passes, the command line's exit
// code, how reports show it, and in which order a reader wants them.

export type Status = 'success' | 'failure' | 'timeout' | 'error' | 'cancelled'

export interface StatusFacts {
  /** Several jobs: the status is the worst of theirs (cancelled, then error > timeout > failure > success). */
  readonly severity: number
  /** The Action's step passes (exit 0) only on these. */
  readonly passes: boolean
  /** The command line's exit code. */
  readonly exitCode: number
  /** Markdown (emoji) and terminal marks, and the terminal's colour. */
  readonly icon: string
  readonly mark: string
  readonly tint: 'green' | 'red' | 'yellow'
  /** "LXCA job 4229 … failed". */
  readonly verb: string
  /** Several jobs: the ones to read first come first (failures, errors, timeouts, cancellations, successes). */
  readonly readingOrder: number
}

export const STATUSES: Readonly<Record<Status, StatusFacts>> = {
  success: {
    severity: 0,
    passes: true,
    exitCode: 0,
    icon: '✅',
    mark: '✔',
    tint: 'green',
    verb: 'succeeded',
    readingOrder: 4
  },
  failure: {
    severity: 1,
    passes: false,
    exitCode: 1,
    icon: '❌',
    mark: '✖',
    tint: 'red',
    verb: 'failed',
    readingOrder: 0
  },
  timeout: {
    severity: 2,
    passes: false,
    exitCode: 2,
    icon: '⏱️',
    mark: '⏱',
    tint: 'yellow',
    verb: 'timed out',
    readingOrder: 2
  },
  error: {
    severity: 3,
    passes: false,
    exitCode: 3,
    icon: '⚠️',
    mark: '!',
    tint: 'red',
    verb: 'could not be checked',
    readingOrder: 1
  },
  cancelled: {
    severity: 4,
    passes: false,
    exitCode: 130,
    icon: '🚫',
    mark: '⊘',
    tint: 'yellow',
    verb: 'cancelled',
    readingOrder: 3
  }
}

export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>(
    (worst, status) => (STATUSES[status].severity > STATUSES[worst].severity ? status : worst),
    'success'
  )
}
