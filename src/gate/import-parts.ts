// The engine's import: each part of the CSVs (at most 300 devices) uploaded,
// then its job waited for, one at a time; a part whose job did not finish
// (or whose upload did not clearly start one) stops the sequence, the rest
// are not uploaded. One deadline covers every wait, from the first job on.
// A single part is the plain case: one upload, one job, as always.
// Validation checks every part: it changes nothing on the appliance.
import { formatDuration } from '../common/duration.js'
import { inFileTerms, partPlace, partsOf, type CsvPart } from '../import/csv-parts.js'
import { importUrl, startImport } from '../import/upload.js'
import type { LxcaClient } from '../lxca/client.js'
import { type JobRef } from '../lxca/job-ref.js'
import { deadlineFrom, type Deadline } from '../outcome/deadline.js'
import { gateOutcome, type GateOutcome } from '../outcome/gate-outcome.js'
import { withSource, type JobOutcome } from '../outcome/job-outcome.js'
import { nextPart, type NotUploadedBecause, type PartOutcome, type PartRef } from '../outcome/part-outcome.js'
import { rowIndex } from '../outcome/rows.js'
import { trimmedOutcome } from '../outcome/trimmed-outcome.js'
import { refuseRepeatedJob, type UploadOutcome } from '../outcome/upload-outcome.js'
import type { Settings, Upload } from '../settings/settings.js'
import type { InventoryOutcome, PlannedRow, SkipPlan } from '../outcome/inventory.js'
import type { GateDeps } from './gate-deps.js'
import { startLine } from './gate-setup.js'
import { partEndLine, uploadedLine, uploadingLine } from './part-log.js'
import { managedRows, verifiedJobs } from './inventory-steps.js'

/** Polls one job until it ends or `deadline` passes; `untilComplete`: until the job itself reports progress 100. */
export type WatchJob = (job: JobRef, deadline: Deadline, untilComplete: boolean) => Promise<JobOutcome>

export interface ImportContext {
  readonly client: LxcaClient
  readonly deps: GateDeps
  /** The run's one deadline: reset when the first job exists (requests are bounded by it meanwhile). */
  readonly timing: { deadline: Deadline }
  readonly watch: WatchJob
}

export async function importParts(settings: Settings, upload: Upload, context: ImportContext): Promise<GateOutcome> {
  const { timing } = context
  const asked = { client: context.client, deps: context.deps, settings }
  // skip-managed: the appliance's own inventory says which rows need no import (validation: only as a plan).
  const plan = settings.inventory?.skipManaged ? await managedRows(upload.files, asked, timing.deadline) : undefined
  if (plan && 'problem' in plan) {
    const inventory = {
      skipped: [],
      notOnline: [],
      verified: 0,
      checked: false,
      verify: false,
      skipManaged: true,
      problem: plan.problem
    }
    return gateOutcome([], undefined, timing.deadline, settings.allowance, undefined, inventory)
  }
  const parts = plan && !upload.validationOnly ? partsOf(upload.files, plan.toImport) : upload.parts
  const sequence = await uploadInTurn(settings, parts, upload.validationOnly, context)
  const verify = settings.inventory?.verify === true && !upload.validationOnly && sequence.jobs.length > 0
  const checked = verify ? await verifiedJobs(sequence.jobs, asked, timing.deadline) : undefined
  const inventory: InventoryOutcome | undefined =
    plan || checked
      ? {
          skipped: plan?.skipped ?? [],
          notOnline: plan?.notOnline ?? [],
          verified: checked?.verified ?? 0,
          checked: checked?.checked === true,
          verify,
          skipManaged: plan !== undefined,
          ...(checked?.problem ? { problem: checked.problem } : {}),
          ...(upload.validationOnly && plan ? { planOnly: true, wouldImport: wouldImport(upload, plan) } : {})
        }
      : undefined
  const jobs = checked?.jobs ?? sequence.jobs
  const several = parts.length > 1
  const single = several ? undefined : sequence.last
  return gateOutcome(jobs, single, timing.deadline, settings.allowance, several ? sequence.parts : undefined, inventory)
}

/** The rows a real run would upload, in file order: what a validation's plan lists. */
function wouldImport(upload: Upload, plan: SkipPlan): PlannedRow[] {
  return upload.files.flatMap(({ path, rows }) =>
    rows.filter(row => plan.toImport.has(row)).map(row => ({ row, path }))
  )
}

interface Sequence {
  readonly jobs: readonly JobOutcome[]
  readonly parts: readonly PartOutcome[]
  /** The last upload's outcome (the only one, for a single part). */
  readonly last?: UploadOutcome
}

/** Each part uploaded after the job before it has finished; a part that cannot go on stops the rest. */
async function uploadInTurn(
  settings: Settings,
  parts: readonly CsvPart[],
  validationOnly: boolean,
  context: ImportContext
): Promise<Sequence> {
  const { deps, timing } = context
  const several = parts.length > 1
  // Every part's rows: a device one part's job lists is told from one of another part.
  const allRows = rowIndex(parts)
  const jobs: JobOutcome[] = []
  const started: JobRef[] = []
  const outcomes: PartOutcome[] = []
  let last: UploadOutcome | undefined
  const skip = (from: number, because: NotUploadedBecause): void => {
    outcomes.push(...parts.slice(from).map(rest => notUploaded(rest, because)))
  }
  for (const [i, part] of parts.entries()) {
    if (started.length > 0 && deps.clock.now() >= timing.deadline.waitEndsAt) {
      skip(i, 'deadline')
      break
    }
    // A job this run already waited on is not this part's: its own job is unknown.
    last = refuseRepeatedJob(await uploadPart(settings, part, validationOnly, context, several), started)
    let job: JobOutcome | undefined
    if (last.status === 'success' && last.job) {
      started.push(last.job)
      // Before anything else is said: whoever reads the log knows the job is in the outputs.
      deps.onJobStarted?.(started)
    }
    const said = uploadedLine(last, settings.baseUrl, validationOnly, several ? part : undefined)
    if (said) deps.log.info(said)
    if (last.status === 'success' && last.job) {
      if (started.length === 1)
        timing.deadline = deadlineFrom(deps.clock.now(), settings.timeoutMs, settings.requestTimeoutMs)
      const waited = await waitFor(settings, last.job, context, i + 1 < parts.length, several ? part : undefined)
      // Held until the last part ends: a device that succeeded keeps only what the reports show of it.
      job = withSource(trimmedOutcome(waited), part, allRows)
      jobs.push(job)
      // Outside the polling group: a reader of the folded log sees how every part ended.
      if (several) deps.log.info(partEndLine(part, job))
    }
    outcomes.push({ part: partRefOf(part), state: 'uploaded', upload: last, ...(job ? { job: job.job } : {}) })
    const next = nextPart(last, job)
    if (next === 'go') continue
    const late = next === 'unfinished' && deps.clock.now() >= timing.deadline.waitEndsAt
    skip(i + 1, next === 'stop' ? 'stopped' : late ? 'deadline' : 'unfinished')
    break
  }
  return { jobs, parts: outcomes, ...(last ? { last } : {}) }
}

function partRefOf(part: CsvPart): PartRef {
  const first = part.rows[0]?.line ?? 0
  const lastLine = part.rows[part.rows.length - 1]?.line ?? first
  const { index, count, path } = part
  return { index, count, path, firstLine: first, lastLine, rows: part.rows.length, source: part }
}

function notUploaded(part: CsvPart, because: NotUploadedBecause): PartOutcome {
  return { part: partRefOf(part), state: 'not uploaded', because }
}

/**
 * The job a part started, polled until it ends or the run's deadline passes;
 * with a part after it (`more`), until the job itself reports progress 100.
 */
async function waitFor(
  settings: Settings,
  job: JobRef,
  context: ImportContext,
  more: boolean,
  part?: CsvPart
): Promise<JobOutcome> {
  const { log } = context.deps
  log.info(startLine(settings, [job]))
  const title = part ? `Part ${part.index} of ${part.count}: polling job ${job.id}` : 'Polling the job'
  return log.group(title, () => context.watch(job, context.timing.deadline, more))
}

/** POST /csvRequest for one part: the import's job (written out and logged as soon as it is known), or why there is none. */
async function uploadPart(
  settings: Settings,
  part: CsvPart,
  validationOnly: boolean,
  context: ImportContext,
  several: boolean
): Promise<UploadOutcome> {
  const { deps, client } = context
  const { log } = deps
  log.info(uploadingLine(part, several, validationOnly, importUrl(settings.baseUrl, validationOnly).href))
  // No group: the upload logs nothing but its rare retries.
  const outcome = await startImport({
    client,
    baseUrl: settings.baseUrl,
    file: { name: part.file.name, bytes: part.bytes, rows: part.rows.length },
    validationOnly,
    clock: deps.clock,
    random: deps.random,
    signal: deps.signal,
    secrets: deps.secrets,
    maxRetries: settings.maxRetries,
    pollIntervalMs: settings.pollIntervalMs,
    onRetry: (fault, attempt, waitMs) =>
      log.info(
        `The upload never reached the appliance (${fault.message}); sending it again in ${formatDuration(waitMs)} (retry ${attempt} of at most ${settings.maxRetries}).`
      )
  })
  // The appliance counts lines in what it was sent: its "Line 3" of a part is a line of the user's file.
  if (!several) return outcome
  const what = partPlace(part)
  const messages = outcome.messages.map(message => inFileTerms(message, part))
  if (outcome.status !== 'error') return { ...outcome, file: what, messages }
  const cause = { ...outcome.cause, reason: inFileTerms(outcome.cause.reason, part) }
  return { ...outcome, file: what, messages, cause }
}
