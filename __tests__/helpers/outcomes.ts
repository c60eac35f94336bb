// Outcomes as the engine would return them, for the renderers' tests.
import type { FaultKind } from '../../src/common/errors.js'
import { noSecrets, type Scrub } from '../../src/common/secrets.js'
import { parseJob } from '../../src/lxca/document.js'
import type { JobRef } from '../../src/lxca/job-ref.js'
import { assess } from '../../src/lxca/verdict.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import type { GateOutcome } from '../../src/outcome/gate-outcome.js'
import type { ErrorCause, FaultFacts, JobOutcome, SeenDocument, WaitFacts } from '../../src/outcome/job-outcome.js'
import { worstStatus } from '../../src/outcome/status.js'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import type { Naming } from '../../src/report/model/naming.js'
import { reportWriter } from '../../src/report/files/report-file.js'
import { gateView, type GateView, type JobView } from '../../src/report/model/gate-view.js'

export const JOB: JobRef = { id: '4229', type: 'csv' }
export const BASE_URL = new URL('https://lxca.example.com/')
export const TIMEOUT_MS = 3_600_000
export const WAIT: WaitFacts = { polls: 12, retries: 1, elapsedMs: 252_000 }

/** The last document each outcome made here received, as the engine hands it to the report file. */
const bodies = new WeakMap<JobOutcome, Buffer>()

/** The report file the engine writes for these documents (keyed by job path when there are several). */
export function reportFileOf(
  documents: ReadonlyArray<readonly [JobRef, Buffer]>,
  scrub: Scrub,
  keyed = documents.length > 1
): string | undefined {
  const chunks: Buffer[] = []
  const writer = reportWriter(
    () => ({ write: chunk => void chunks.push(Buffer.from(chunk)), end: () => undefined }),
    keyed,
    scrub
  )
  for (const [job, body] of documents) writer.add(job, body)
  return writer.close() ? Buffer.concat(chunks).toString('utf8') : undefined
}

/** The report file of a run of these outcomes (made by the helpers here). */
export function reportOf(outcome: GateOutcome, scrub: Scrub): string | undefined {
  const documents = outcome.jobs.flatMap(job => {
    const body = bodies.get(job)
    return body ? [[job.job, body] as const] : []
  })
  return reportFileOf(documents, scrub, outcome.jobs.length > 1)
}

export interface Extra {
  readonly job?: JobRef
  readonly wait?: Partial<WaitFacts>
  /** For a timeout: the last request's fault. */
  readonly lastFault?: FaultFacts
  readonly body?: Buffer
}

/** What the poller saw in `raw`. */
export function seenOf(raw: unknown): SeenDocument {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return { document: parsed.job, assessment: assess(parsed.job, ['SUCCESS']) }
}

/** The outcome the poller would return after receiving `raw` last. */
export function outcomeFor(
  raw: unknown,
  status: 'success' | 'failure' | 'timeout' | 'cancelled',
  extra: Extra = {}
): JobOutcome {
  const base = { job: extra.job ?? JOB, wait: { ...WAIT, ...extra.wait }, reported: true, seen: seenOf(raw) }
  const outcome: JobOutcome =
    status === 'timeout' ? { ...base, status, lastFault: extra.lastFault } : { ...base, status }
  bodies.set(outcome, extra.body ?? Buffer.from(JSON.stringify(raw)))
  return outcome
}

/** A job that could not be checked, with what (if anything) was seen of it. */
export function errorOutcome(cause: ErrorCause, extra: Extra & { readonly raw?: unknown } = {}): JobOutcome {
  const outcome: JobOutcome = {
    status: 'error',
    cause,
    job: extra.job ?? JOB,
    wait: { polls: 1, retries: 0, elapsedMs: 80, ...extra.wait },
    ...(extra.raw === undefined ? {} : { seen: seenOf(extra.raw), reported: true })
  }
  if (extra.raw !== undefined) bodies.set(outcome, Buffer.from(JSON.stringify(extra.raw)))
  return outcome
}

/** A fatal fault: `kind` and the message the lower layers wrote, with the HTTP status and the code behind it. */
export function faultCause(
  kind: FaultKind,
  message: string,
  httpStatus?: number,
  more: Pick<FaultFacts, 'code' | 'endpoint'> = {}
): ErrorCause {
  return { kind: 'fault', fault: { kind, message, httpStatus, ...more } }
}

/** The outcome of a run that waited on these jobs (and uploaded first, with `upload`). */
export function gateOf(jobs: readonly JobOutcome[], upload?: UploadOutcome): GateOutcome {
  const status = jobs.length === 0 && upload ? upload.status : worstStatus(jobs.map(job => job.status))
  return { status, jobs, upload, deadline: deadlineFrom(0, TIMEOUT_MS, 30_000) }
}

/** The outcome of a run that waited on one job. */
export function singleJob(outcome: JobOutcome): GateOutcome {
  return gateOf([outcome])
}

/** The view every report draws from (fixes named the Action's way unless `naming` says otherwise). */
export function viewOf(outcome: GateOutcome, scrub: Scrub = noSecrets, naming?: Naming): GateView {
  return gateView(outcome, BASE_URL, scrub, naming)
}

/** The view of one job's outcome. */
export function jobViewOf(outcome: JobOutcome, scrub: Scrub = noSecrets): JobView {
  return viewOf(singleJob(outcome), scrub).jobs[0]
}
