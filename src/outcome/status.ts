// The six ways a run can end, described once: how bad each is (for the
// worst of several jobs), whether the step passes, the command line's exit
// code, how reports show it, and in which order a reader wants them.

export type Status = 'success' | 'partial' | 'failure' | 'timeout' | 'error' | 'cancelled'
/** A job ends in one of these; `partial` is the run's: failures within allowed-failures. */
export type JobStatus = Exclude<Status, 'partial'>

export interface StatusFacts {
  /** Several jobs: the status is the worst of theirs (cancelled, then error > timeout > failure > partial > success). */
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
    readingOrder: 5
  },
  partial: {
    severity: 1,
    passes: true,
    exitCode: 0,
    // Not ⚠️ (an error's): a partial run passed, and must not look like one that could not be checked.
    icon: '☑️',
    mark: '▲',
    tint: 'yellow',
    verb: 'passed within allowed-failures',
    readingOrder: 4
  },
  failure: {
    severity: 2,
    passes: false,
    exitCode: 1,
    icon: '❌',
    mark: '✖',
    tint: 'red',
    verb: 'failed',
    readingOrder: 0
  },
  timeout: {
    severity: 3,
    passes: false,
    exitCode: 2,
    icon: '⏱️',
    mark: '⏱',
    tint: 'yellow',
    verb: 'timed out',
    readingOrder: 2
  },
  error: {
    severity: 4,
    passes: false,
    exitCode: 3,
    icon: '⚠️',
    mark: '!',
    tint: 'red',
    verb: 'could not be checked',
    readingOrder: 1
  },
  cancelled: {
    severity: 5,
    passes: false,
    exitCode: 130,
    icon: '🚫',
    mark: '⊘',
    tint: 'yellow',
    verb: 'cancelled',
    readingOrder: 3
  }
}

export function worstStatus<S extends Status>(statuses: readonly S[]): S | 'success' {
  return statuses.reduce<S | 'success'>(
    (worst, status) => (STATUSES[status].severity > STATUSES[worst].severity ? status : worst),
    'success'
  )
}
