import type { GateResult, OutcomeStatus, PollOutcome } from '../../src/common/outcome.js'
import { noSecrets, type Scrub } from '../../src/common/secrets.js'
import type { JobRef } from '../../src/lxca/job-ref.js'
import { parseJob } from '../../src/lxca/job.js'
import { assess } from '../../src/lxca/verdict.js'
import { gateView, type GateView, type JobView } from '../../src/summary/view.js'

export const JOB: JobRef = { id: '4229', type: 'csv' }
export const BASE_URL = new URL('https://lxca.example.com/')
export const TIMEOUT_MS = 3_600_000

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

/** The view every report draws from. */
export function viewOf(result: GateResult, scrub: Scrub = noSecrets): GateView {
  return gateView(result, BASE_URL, TIMEOUT_MS, scrub)
}

/** The view of one job's outcome. */
export function jobViewOf(outcome: PollOutcome, job: JobRef = JOB, scrub: Scrub = noSecrets): JobView {
  return viewOf(singleJob(job, outcome), scrub).jobs[0]
}
