import type { GateResult } from '../../src/gate.js'
import type { JobRef } from '../../src/job-ref.js'
import { parseJob } from '../../src/job.js'
import type { OutcomeStatus, PollOutcome } from '../../src/poller.js'
import type { SummaryInput } from '../../src/summary.js'
import { assess } from '../../src/verdict.js'

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
    lastDocument: raw,
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
