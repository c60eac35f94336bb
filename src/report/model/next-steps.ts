// What to do after a run that did not import everything, said once and in
// the order it must be done: wait for the jobs that may still be running
// (job-id, never the upload again), look for imports that may have started
// without a job we know of, then import what is left. With skip-managed, that
// is running the step again (rows the appliance manages by then are left out,
// so the run picks up where this one stopped); without it, uploading
// failed-csv. Read from outcome/retry.ts, which decides what is safe to
// upload again; never decided here.
import type { Scrub } from '../../common/secrets.js'
import { capitalise, plural } from '../../common/text.js'
import type { GateOutcome } from '../../outcome/gate-outcome.js'
import { retryPlan } from '../../outcome/retry.js'
import type { Source } from '../../outcome/rows.js'
import { MONITORING } from '../../common/text.js'
import type { Naming } from './naming.js'

export interface NextSteps {
  /** Wait for these jobs first: a sentence, and what to copy. */
  readonly wait?: { readonly sentence: string; readonly snippet: string; readonly language: string }
  /** Imports that may have started without a job we know of. */
  readonly lookFor?: string
  /** Parts never uploaded, and where their rows are. */
  readonly notUploaded?: string
  /** What imports the rest: running the step again (skip-managed), or failed-csv. */
  readonly rest?: string
}

/** Undefined when nothing is left to do but fix what failed (the causes say how). */
export function nextStepsOf(outcome: GateOutcome, naming: Naming, scrub: Scrub): NextSteps | undefined {
  if (!outcome.upload && !outcome.parts) return undefined
  const plan = retryPlan(outcome)
  const running = plan.running.map(job => job.id)
  const wait =
    running.length > 0
      ? {
          sentence: `${running.length === 1 ? `LXCA job ${running[0]} may still be running` : `LXCA jobs ${running.join(', ')} may still be running`}: before anything is uploaded again, wait for ${running.length === 1 ? 'it' : 'them'}: ${naming.waitInstead(running).lead}.`,
          ...snippetOf(naming, running)
        }
      : undefined
  const lookFor =
    plan.unknown.length > 0
      ? `The import of ${placesOf(plan.unknown, scrub)} may have started under a job we do not know: find it in ${MONITORING} and wait for it with ${naming.input('job-id')}; do not upload those rows again.`
      : undefined
  const rerun = outcome.inventory?.skipManaged === true
  const after = wait || lookFor ? ' once the jobs above have finished' : ''
  const notUploaded =
    plan.notUploaded.length > 0
      ? `${plural(plan.notUploaded.length, 'part')} never uploaded, so not imported: ${plan.notUploaded.map(part => `${scrub(part.path)} ${lines(part.firstLine, part.lastLine)}`).join(', ')}. ${capitalise(naming.failedRows)} holds their rows.`
      : undefined
  const failedRows = plan.rows.size - plan.notUploaded.reduce((sum, part) => sum + part.rows, 0)
  const rest =
    plan.rows.size === 0
      ? undefined
      : rerun
        ? `${failedRows > 0 ? 'Once the failures are fixed, run' : 'Run'} this step again${after}: rows the appliance manages by then are skipped, so it imports only what is left.`
        : `${capitalise(naming.failedRows)} holds the rows to import again${failedRows > 0 ? ' (fix the failed ones first)' : ''}: upload it${after}.`
  if (!wait && !lookFor && !notUploaded && !rest) return undefined
  return {
    ...(wait ? { wait } : {}),
    ...(lookFor ? { lookFor } : {}),
    ...(notUploaded ? { notUploaded } : {}),
    ...(rest ? { rest } : {})
  }
}

function snippetOf(naming: Naming, jobIds: readonly string[]): { snippet: string; language: string } {
  const { snippet, language } = naming.waitInstead(jobIds)
  return { snippet, language }
}

function placesOf(sources: readonly Source[], scrub: Scrub): string {
  return sources
    .map(source => {
      const first = source.rows[0]?.line ?? 0
      return `${scrub(source.path)} ${lines(first, source.rows[source.rows.length - 1]?.line ?? first)}`
    })
    .join(', ')
}

function lines(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`
}
