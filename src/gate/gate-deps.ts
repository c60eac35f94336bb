// What the engine is handed by its callers (the Action's and the command
// line's composition roots): a log, a clock, a cancel signal, the run's
// secrets, and hooks for the moments a caller acts on.
import type { Clock } from '../common/clock.js'
import type { Secrets } from '../common/secrets.js'
import type { Transport } from '../http/transport.js'
import type { JobRef } from '../lxca/job-ref.js'

export interface GateLog {
  info(message: string): void
  warning(message: string, title: string): void
  debug(message: string): void
  /** Runs `body` as one foldable phase of the log. */
  group<T>(name: string, body: () => Promise<T>): Promise<T>
}

/** A log that notes when it last wrote a line, for the run's one heartbeat (poll/progress-log.ts). */
export function notingLog(log: GateLog, noted: (at: number) => void, now: () => number): GateLog {
  return {
    info: message => {
      noted(now())
      log.info(message)
    },
    warning: (message, title) => {
      noted(now())
      log.warning(message, title)
    },
    debug: message => log.debug(message),
    group: (name, body) => log.group(name, body)
  }
}

export interface GateDeps {
  readonly clock: Clock
  /** A number in [0, 1) for jitter. */
  readonly random: () => number
  /** Aborts every wait and request (workflow cancelled, Ctrl-C). */
  readonly signal: AbortSignal
  /** Every secret the run learns is added here before it can reach a log; the engine scrubs server text it cuts. */
  readonly secrets: Secrets
  /** Called as soon as an upload has started a job, with every job started so far (the Action writes the job-id output). */
  readonly onJobStarted?: (jobs: readonly JobRef[]) => void
  /**
   * Called as each job's wait ends, with the last JSON document it received
   * (the report file is written from these, job by job; the outcome keeps none).
   */
  readonly onDocument?: (job: JobRef, body: Buffer) => void
  /** Called once, when the first request has been answered or has failed (the Action loads @actions/core then). */
  readonly onFirstAnswer?: () => void
  readonly log: GateLog
  /** Replaces the network (tests). */
  readonly transport?: Transport
}
