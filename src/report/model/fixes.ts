// Why a job could not be checked (or an upload started no job), in a few
// words, the one fix for that cause, and the details: the first thing the
// person on call reads on "error". Read from the outcome's cause, never
// decided again. A fix is written once, for its cause, and names what to
// change the reader's way (the Action's inputs, or the command line's flags);
// the details say what happened and what the appliance said, never the fix.
import { formatDuration } from '../../common/duration.js'
import { MONITORING, plural } from '../../common/text.js'
import type { JobRef } from '../../lxca/job-ref.js'
import type { ErrorCause, FaultFacts, InventoryProblem, JobOutcome } from '../../outcome/job-outcome.js'
import type { UploadOutcome } from '../../outcome/upload-outcome.js'
import { Input } from '../../settings/input-output-names.js'
import type { Naming } from './naming.js'
import { faultProblem, UNKNOWN, type Problem } from './fault-fixes.js'

export type { Problem } from './fault-fixes.js'

/**
 * `started`: the job, when this step's upload started it (job-id was not
 * given): the job may still be running, so the fix says how to wait for it,
 * and never to upload the file again.
 */
export function problemOf(cause: ErrorCause, started: JobRef | undefined, n: Naming): Problem {
  const problem = problemOfCause(cause, started !== undefined, n)
  const fault = cause.kind === 'never-understood' ? cause.lastFault : 'fault' in cause ? cause.fault : undefined
  // A job that is foreign, or finished (its inventory is the trouble), is not one to wait for.
  const finished = cause.kind === 'foreign' || cause.kind === 'inventory'
  if (!started || finished || problem.fix.includes(Input.JobId)) return problem
  if (!fault && cause.kind !== 'never-understood') return problem
  const wait = `wait for it with ${n.input(Input.JobId, started.id)}; do not upload the file again`
  // A fault that asking again may mend needs nothing but the wait; any other, its own fix first.
  const transient = !fault || ['http', 'timeout', 'network', 'body', 'shape', 'proxy'].includes(fault.kind)
  return {
    ...problem,
    fix: transient
      ? `The import was started and may still be running: ${wait}${fault?.kind === 'http' || fault?.kind === 'timeout' ? ` (raise ${n.input(Input.MaxRetries)} if the appliance keeps failing)` : ''}.`
      : `${problem.fix} The import was started and may still be running: then ${wait}.`
  }
}

function problemOfCause(cause: ErrorCause, startedByUpload: boolean, n: Naming): Problem {
  switch (cause.kind) {
    case 'empty':
      return {
        what: 'the job finished with no devices',
        fix: `LXCA reported no device for this job: check the import in ${MONITORING}.`
      }
    case 'unreported':
      return {
        what: 'a device finished without a result',
        fix: `Look at the job in ${MONITORING}; run again once every device has a result.`
      }
    case 'never-understood':
      return cause.lastFault ? faultProblem(cause.lastFault, n) : UNKNOWN
    case 'fault':
      if (startedByUpload && cause.fault.kind === 'not-found') {
        return {
          what: 'the job the upload started was not found',
          fix: `The import has probably started: find it in ${MONITORING} and pass its job as ${n.input(Input.JobId)}; do not upload the file again.`
        }
      }
      return faultProblem(cause.fault, n)
    case 'retries':
    case 'unreachable':
      return faultProblem(cause.fault, n)
    case 'inventory':
      return inventoryProblem(cause.problem, n)
    case 'foreign':
      return {
        what: `the job lists ${plural(cause.devices.length, 'device')} this part did not upload`,
        fix: `The appliance answered with a job that holds other servers: find this part's own import in ${MONITORING} and wait for it with ${n.input(Input.JobId)}; upload nothing again before that.`
      }
  }
}

/**
 * What to do about a failed device that LXCA's own user action does not say,
 * by the steps it failed at (their LXCA ids): a device that fails the
 * duplicate check is almost always managed already.
 */
export function causeHint(stepIds: readonly (string | undefined)[]): string | undefined {
  if (stepIds.includes('DUPLICATE_CHECK')) {
    return 'The server is probably managed already (by this or another XClarity Administrator): drop its row from the CSV, or unmanage it first.'
  }
  return undefined
}

/** Why a job could not be checked, or what the last request said before a timeout: the details line. */
export function reasonOf(outcome: JobOutcome, timeoutMs: number): string | undefined {
  const within = formatDuration(timeoutMs)
  const last = (fault: FaultFacts | undefined): string => (fault ? `; the last request failed: ${fault.message}` : '')
  if (outcome.status === 'timeout') return `the job did not finish within ${within}${last(outcome.lastFault)}`
  if (outcome.status !== 'error') return undefined
  const { cause } = outcome
  switch (cause.kind) {
    case 'fault':
      return cause.fault.message
    case 'retries':
      return `${plural(cause.count, 'request')} in a row failed (max-retries is ${cause.maxRetries}); the last: ${cause.fault.message}`
    case 'unreachable':
      return `nothing answered ${plural(cause.count, 'request')} in ${formatDuration(cause.forMs)}; the last: ${cause.fault.message}`
    case 'never-understood':
      return `no usable answer about the job within ${within}${last(cause.lastFault)}`
    case 'empty':
      return 'the job finished with no device results, so no device can be called ready'
    case 'unreported': {
      const missing = cause.devices.map(item => item.device.address)
      const named = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '')
      const subject = missing.length === 1 ? `device ${named} has` : `devices ${named} have`
      return `the job finished, but ${subject} no result, so neither success nor failure can be told`
    }
    case 'inventory':
      return cause.problem.reason
    case 'foreign': {
      const named = cause.devices
        .slice(0, 3)
        .map(({ device, elsewhere }) =>
          elsewhere ? `${device.address} (${elsewhere.path}:${elsewhere.line}, a row of another part)` : device.address
        )
      const more = cause.devices.length > 3 ? ` and ${cause.devices.length - 3} more` : ''
      return `the job lists ${named.join(', ')}${more}, which this part did not upload, so its results cannot be taken for this part's rows`
    }
  }
}

/** What became of an upload that may have reached the appliance but got no usable answer. */
const UNANSWERED: Partial<Record<FaultFacts['kind'], string>> = {
  network: 'the connection broke before the appliance answered',
  timeout: 'the appliance did not answer in time',
  body: 'the answer was cut off',
  cancelled: 'the upload was cancelled'
}

/** Why the upload did not start an import, or the file was not validated. */
export function uploadProblemOf(upload: UploadOutcome, n: Naming): Problem | undefined {
  if (upload.status === 'failure') {
    return {
      what: 'the appliance refused the file',
      fix: 'Correct the CSV as the appliance says below, then validate it again.'
    }
  }
  if (upload.status !== 'error') return undefined
  const { cause } = upload
  switch (cause.kind) {
    case 'unreadable':
      return {
        what: "the appliance's answer could not be read",
        fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator; its answer is quoted in the details below.`
      }
    case 'repeated-job':
      return {
        what: `the appliance answered with job ${cause.job.id}, which an earlier part started`,
        fix: `This part's import has probably started under another job: find it in ${MONITORING} and wait for it with ${n.input(Input.JobId)}; do not upload the file again.`
      }
    case 'no-job':
      return {
        what: 'the appliance named no job',
        fix: `Find the import in ${MONITORING} and pass its job as ${n.input(Input.JobId)}; do not upload the file again.`
      }
    case 'may-have-started':
      return {
        what: upload.httpStatus
          ? `the appliance answered HTTP ${upload.httpStatus}`
          : (UNANSWERED[cause.fault?.kind ?? 'network'] ?? 'the upload got no answer'),
        fix: `Look for the import in ${MONITORING} before uploading again; if it is there, pass its job as ${n.input(Input.JobId)}.`
      }
    case 'not-imported':
      return notImportedProblem(cause.fault, upload.httpStatus, n)
  }
}

function notImportedProblem(fault: FaultFacts | undefined, httpStatus: number | undefined, n: Naming): Problem {
  if (fault?.kind === 'not-found') {
    return {
      what: `the appliance has no bulk import here${httpStatus ? ` (HTTP ${httpStatus})` : ''}`,
      fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator.`
    }
  }
  const refused = httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500
  if (refused && fault?.kind === 'http') {
    return {
      what: `the appliance refused the upload (HTTP ${httpStatus})`,
      fix: `Check the CSV against what the appliance says below; ${n.input(Input.ValidationOnly, 'true')} checks a CSV without importing it.`
    }
  }
  return fault ? faultProblem({ ...fault, httpStatus }, n, 'upload') : UNKNOWN
}

/** The one fix when the inventory could not be used: its cause's, and the input that does without it. */
export function inventoryProblem(problem: InventoryProblem, n: Naming): Problem {
  const { phase, kind, fault } = problem
  const input = phase === 'skip' ? n.input(Input.SkipManaged, 'false') : n.input(Input.VerifyInventory, 'false')
  const without =
    phase === 'skip'
      ? `or set ${input} to upload every row without asking the inventory (rows already managed then fail LXCA's duplicate check)`
      : `or set ${input} to take the job's word for its devices`
  switch (kind) {
    case 'fault': {
      const faulty = fault ? faultProblem(fault, n) : UNKNOWN
      return {
        what: `the appliance's inventory could not be read: ${faulty.what}`,
        fix: `${clauseOf(faulty.fix)}; ${without}.`
      }
    }
    case 'not-understood':
      return {
        what: "the appliance's inventory was not understood",
        fix: `Check that ${n.input(Input.Host)} is an XClarity Administrator; ${without}.`
      }
    case 'deadline':
      return {
        what: "the deadline came before the appliance's inventory was read",
        fix: `Raise ${n.input(Input.Timeout)}, ${without}.`
      }
    case 'cancelled':
      return { what: "the run was cancelled while the appliance's inventory was read", fix: 'Run the step again.' }
  }
}

function clauseOf(sentence: string): string {
  return sentence.replace(/[\s.]+$/, '')
}
