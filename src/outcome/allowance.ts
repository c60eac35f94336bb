// allowed-failures: how many devices may fail while the step still passes
// (as `partial`), so a deploy can go on to the servers that are ready. It
// excuses only devices of finished jobs that failed, or that a job did not
// list: never an error, a timeout, a cancellation, an empty job or a device
// without a result (those are not `failure`, so they are never here).
import type { JobOutcome } from './job-outcome.js'

/** A count of devices, or a percentage of them (rounded down: never more than asked). */
export type Allowance = { readonly count: number } | { readonly percent: number }

/** Why a run with failures passes. */
export interface Excuse {
  /** As the user wrote it, a percentage with what it allows here: `5`, `2%: 6`. */
  readonly given: string
  /** Devices that may fail, for this run's device count. */
  readonly allowed: number
  /** Devices that did not succeed: failed, or not in their job. */
  readonly notSucceeded: number
  readonly total: number
}

export function describeAllowance(allowance: Allowance): string {
  return 'count' in allowance ? String(allowance.count) : `${allowance.percent}%`
}

/** Devices that may fail among `total`. */
export function allowedOf(allowance: Allowance, total: number): number {
  return 'count' in allowance ? allowance.count : Math.floor((allowance.percent * total) / 100 + 1e-9)
}

/** Rows no job held, by what the appliance's inventory said of them (skip-managed). */
export interface RowsBeside {
  /** Managed here and Online: ready. */
  readonly ready: number
  /** Managed here but not Online: failed. */
  readonly failed: number
}

/**
 * The excuse, when every job finished, some device (or row beside the jobs)
 * failed, and no more did not succeed than allowed.
 */
export function excuseOf(
  jobs: readonly JobOutcome[],
  allowance: Allowance | undefined,
  beside: RowsBeside = { ready: 0, failed: 0 }
): Excuse | undefined {
  const measured = measureAllowance(jobs, allowance, beside)
  return measured?.within ? measured.excuse : undefined
}

/**
 * How the failures of finished jobs measure against allowed-failures: within
 * (the run passes as `partial`) or more than allowed (the headline says so).
 * Undefined when no allowance was given, a job did not finish, or nothing failed.
 */
export function measureAllowance(
  jobs: readonly JobOutcome[],
  allowance: Allowance | undefined,
  beside: RowsBeside = { ready: 0, failed: 0 }
): { readonly excuse: Excuse; readonly within: boolean } | undefined {
  if (!allowance) return undefined
  if (!jobs.every(job => job.status === 'success' || job.status === 'failure')) return undefined
  if (!jobs.some(job => job.status === 'failure') && beside.failed === 0) return undefined
  let total = beside.ready + beside.failed
  let notSucceeded = beside.failed
  for (const job of jobs) {
    const notInJob = job.rows?.notInJob.length ?? 0
    const assessment = job.seen?.assessment
    total += (assessment?.devices.length ?? 0) + notInJob
    notSucceeded += (assessment?.failed ?? 0) + notInJob
  }
  const allowed = allowedOf(allowance, total)
  const given = 'count' in allowance ? describeAllowance(allowance) : `${describeAllowance(allowance)}: ${allowed}`
  return { excuse: { given, allowed, notSucceeded, total }, within: notSucceeded <= allowed }
}
