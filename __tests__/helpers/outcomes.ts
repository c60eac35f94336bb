import type { GateResult, OutcomeStatus, PollOutcome } from '../../src/common/outcome.js'
import type { JobRef } from '../../src/lxca/job-ref.js'
import { parseJob } from '../../src/lxca/job.js'
import type { SummaryInput } from '../../src/summary/job-summary.js'
import { assess } from '../../src/lxca/verdict.js'

export const JOB: JobRef = { id: '4229', type: 'csv' }
export const BASE_URL = new URL('https://lxca.example.com/')

/** The outcome the poller would return after receiving `raw` last. */
export function outcomeFor(raw: unknown, status: OutcomeStatus, extra: Partial<PollOutcome> = {}): PollOutcome {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return {
    status,
    job: parsed.job,
    assessment: assess(parsed.job, ['SUCCESS']),
    lastBody: Buffer.from(JSON.stringify(raw)),
    polls: 12,
    retries: 1,
    elapsedMs: 252_000,
    ...extra
  }
}

/** The GateResult of a single job. */
export function singleJob(job: JobRef, outcome: PollOutcome): GateResult {
  return { status: outcome.status, jobs: [{ job, outcome }] }
}

export function summaryInput(outcome: PollOutcome): SummaryInput {
  return { outcome, job: JOB, baseUrl: BASE_URL, timeoutMs: 3_600_000 }
}
