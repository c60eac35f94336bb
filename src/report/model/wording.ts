// The sentences the reports say about a job, as plain text: the Markdown
// renderer escapes them, the terminal renderer prints them, the messages and
// annotations quote them, so the step summary, the terminal and the failure
// message cannot disagree. The fixes are fixes.ts's, an import in parts is
// parts-wording.ts's, what to do next is next-steps.ts's.
import { formatDuration } from '../../common/duration.js'
import { STATUSES, type Status } from '../../outcome/status.js'
import { capitalise, clause, MONITORING, percent, plural, thousands } from '../../common/text.js'
import { Input } from '../../settings/input-output-names.js'
import { inventoryCutShort, unfinished } from './inventory-wording.js'
import type { StepShow } from './step-view.js'
import type { JobView, UploadView } from './gate-view.js'
import type { Excuse } from '../../outcome/allowance.js'
import type { Naming } from './naming.js'

/** `LXCA job 4229`, and ` on host` when the appliance is not named elsewhere. */
export function jobName(view: JobView, host?: string): string {
  return `LXCA job ${view.job.id}${host ? ` on ${host}` : ''}`
}

/** `1,000`. */
export const count = thousands

/** `52% done of 300 devices: 290 succeeded, 1 failed, 9 not finished`: what was known when the wait ended. */
function knownState(view: JobView): string {
  const { succeeded, failed, pending } = view
  return `${percent(view.progress)} done of ${plural(view.total, 'device')}: ${count(succeeded.length)} succeeded, ${count(failed.length)} failed, ${count(pending.length)} ${unfinished(view)}`
}

/**
 * `3 of 300 devices failed`, with the servers of the CSV the job does not
 * list: `1 of 4 devices failed, 1 not in the job`, `1 of 4 devices not in the job`.
 */
export function failedCount(view: JobView): string {
  const all = plural(view.total + view.notInJob.length, 'device')
  const missing = view.notInJob.length
  if (missing === 0) return `${count(view.failed.length)} of ${all} failed`
  if (view.failed.length === 0) return `${count(missing)} of ${all} not in the job`
  return `${count(view.failed.length)} of ${all} failed, ${count(missing)} not in the job`
}

/** The first line around the job's name (a renderer may link it): what happened, in one sentence. */
export function headlineParts(view: JobView): { readonly before: string; readonly after: string } {
  const elapsed = formatDuration(view.elapsedMs)
  switch (view.status) {
    case 'success':
      return {
        before: '',
        after: ` succeeded: ${view.total === 1 ? 'its one device' : `all ${plural(view.total, 'device')}`} managed · ${elapsed}`
      }
    case 'failure': {
      const over = view.overAllowance ? `, ${allowanceWords(view.overAllowance, view.naming, false)}` : ''
      return { before: '', after: ` failed: ${failedCount(view)}${over} · ${elapsed}` }
    }
    case 'partial':
      return {
        before: '',
        after: ` passed: ${failedCount(view)}, ${view.excuse ? allowanceWords(view.excuse, view.naming, true) : 'within allowed-failures'} · ${elapsed}`
      }
    case 'timeout':
      return {
        before: '',
        after: ` timed out after ${formatDuration(view.timeoutMs)}${view.seen ? `: ${knownState(view)}` : ''}`
      }
    case 'error':
      return { before: 'Could not check ', after: `: ${view.problem?.what ?? 'the outcome is unknown'} · ${elapsed}` }
    case 'cancelled':
      return {
        before: 'Cancelled while waiting for ',
        after: `${view.seen ? `: ${knownState(view)}` : ''} · ${elapsed}`
      }
  }
}

/** The first line as plain text. */
export function headline(view: JobView, host?: string): string {
  const { before, after } = headlineParts(view)
  return `${before}${jobName(view, host)}${after}`
}

/** A few words on why a job did not pass, for the several-jobs table: the first cause, or the problem. */
export function why(view: JobView): string {
  switch (view.status) {
    case 'success':
      return ''
    case 'failure':
    case 'partial': {
      const [first, ...others] = view.causes
      const missing = view.notInJob.length > 0 ? `${count(view.notInJob.length)} not in the job` : ''
      if (!first) return missing
      const at = first.step ? ` at ${first.step}` : ''
      const more = others.length > 0 ? `; +${plural(others.length, 'other cause')}` : ''
      return `${count(first.devices.length)} ${first.result}${at}${more}${missing ? `; ${missing}` : ''}`
    }
    case 'error':
      return view.problem?.what ?? 'the outcome is unknown'
    case 'timeout':
      if (view.done) return `${count(view.pending.length)} ${unfinished(view)}`
      return view.seen ? `still running at ${percent(view.progress)}` : 'no answer understood'
    case 'cancelled':
      return view.seen ? `cancelled at ${percent(view.progress)}` : 'cancelled'
  }
}

/** What a server of the CSV that its job does not list needs. */
export function notInJobFix(view: JobView): string {
  return `LXCA did not list it, so it was not managed: check its row, then upload it again (${view.naming.failedRows} holds it).`
}

/** Rows matched to the job's devices by count only: said once. */
export function byCountNote(view: JobView): string | undefined {
  if (view.byCount === 0 || !view.file) return undefined
  return `${plural(view.byCount, 'row')} of ${view.file} ${view.byCount === 1 ? 'is' : 'are'} accounted for by count only: ${view.byCount === 1 ? 'it names its device' : 'they name their devices'} in a way the job does not report (a host name, where the job gives addresses). Devices are shown by the appliance's names.`
}

/** LXCA's own status, said only when it would mislead: a finished job with failures says INCOMPLETE. */
export function lxcaStatusNote(view: JobView): string | undefined {
  if (!view.done || view.status === 'success' || view.lxcaStatus?.toUpperCase() !== 'INCOMPLETE') return undefined
  return 'LXCA marks finished jobs with failures INCOMPLETE'
}

/**
 * For a wait that ended before the job did: the job goes on without us. A
 * job this step's upload started must not be started again: the advice is to
 * wait for it (job-id), never to run the upload again.
 */
export function keepsRunning(view: JobView): string | undefined {
  if (view.status !== 'timeout' && view.status !== 'cancelled') return undefined
  if (view.done) return inventoryCutShort(view)
  if (view.startedHere) {
    return `LXCA job ${view.job.id} keeps running on the appliance: to wait for it, ${view.naming.waitInstead([view.job.id]).lead} (${view.naming.input(Input.JobId, view.job.id)}); do not upload the file again.`
  }
  if (view.status === 'timeout') {
    return `The LXCA job keeps running on the appliance: raise ${view.naming.input(Input.Timeout)} and run again, or follow it in ${MONITORING}.`
  }
  return `The LXCA job keeps running on the appliance: follow it in ${MONITORING}.`
}

/** The reason behind an error; for a timeout, the last failed request, if any (the headline says the rest). */
export function detailsSentence(view: JobView): string | undefined {
  if (!view.reason) return undefined
  if (view.status === 'error') return `${clause(view.reason)}.`
  const last = view.status === 'timeout' ? /; (the last request failed: .*)$/s.exec(view.reason) : null
  return last ? `${capitalise(clause(last[1]))}.` : undefined
}

/**
 * allowed-failures as it decided: `within allowed-failures 5% (10 devices)`,
 * `more than allowed-failures 4`.
 */
export function allowanceWords(excuse: Excuse, naming: Naming, within: boolean): string {
  const [given, allowed] = excuse.given.split(': ')
  const what = `${naming.input(Input.AllowedFailures, given)}${allowed === undefined ? '' : ` (${plural(excuse.allowed, 'device')})`}`
  return `${within ? 'within' : 'more than'} ${what}`
}

/** The outcome in a few words, for tables: `❌ failed`. */
export function outcomeWords(status: Status): string {
  return `${STATUSES[status].icon} ${STATUSES[status].verb}`
}

/** `3 of 4 LXCA jobs on host did not pass: 2 failed, 1 timed out` (several jobs). */
export function gateHeadline(jobs: readonly JobView[], host: string): string {
  const passed = jobs.filter(job => STATUSES[job.status].passes).length
  if (passed === jobs.length) {
    const excused = jobs.find(job => job.excuse)?.excuse
    if (!excused) return `All ${jobs.length} LXCA jobs on ${host} succeeded`
    return `${jobs.length} LXCA jobs on ${host} passed: ${count(excused.notSucceeded)} of ${plural(excused.total, 'device')} did not succeed, ${allowanceWords(excused, jobs[0].naming, true)}`
  }
  const counts = (['failure', 'error', 'timeout', 'cancelled'] as const)
    .map(status => [status, jobs.filter(job => job.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUSES[status].verb}`)
  return `${jobs.length - passed} of ${jobs.length} LXCA jobs on ${host} did not pass: ${counts.join(', ')}`
}

/** The icon of several jobs: a failed device outranks a timeout in what the reader must do. */
export function gateIcon(statuses: readonly Status[]): string {
  if (statuses.every(status => status === 'success')) return STATUSES.success.icon
  if (statuses.every(status => STATUSES[status].passes)) return STATUSES.partial.icon
  if (statuses.includes('cancelled')) return STATUSES.cancelled.icon
  if (statuses.includes('failure')) return STATUSES.failure.icon
  if (statuses.includes('error')) return STATUSES.error.icon
  return STATUSES.timeout.icon
}

/** Emoji and terminal mark of each way a step is shown. */
export const STEP_MARKS: Record<StepShow, { icon: string; mark: string }> = {
  complete: { icon: '✅', mark: '✔' },
  failed: { icon: '❌', mark: '✖' },
  'failed-here': { icon: '❌', mark: '✖' },
  'not-run': { icon: '⏭️', mark: '·' },
  running: { icon: '🔄', mark: '↻' },
  current: { icon: '🔄', mark: '↻' },
  pending: { icon: '⬜', mark: '·' },
  unreported: { icon: '⏹️', mark: '·' },
  other: { icon: '❔', mark: '?' }
}

/** What the marked step is, after its line: `failed here`, or where a device stopped or is. */
export function stepMarker(show: StepShow, deviceState: 'failed' | 'pending' | 'succeeded'): string | undefined {
  if (show === 'failed-here') return 'failed here'
  if (show === 'current') return deviceState === 'failed' ? 'stopped here' : 'now'
  return undefined
}

/** The headline of an upload that started no job to wait on: validated, refused, or not started. */
export function uploadHeadline(upload: UploadView, host: string): string {
  const elapsed = formatDuration(upload.elapsedMs)
  const file = upload.file
  if (upload.status === 'cancelled') return `Cancelled while uploading ${file} to ${host} after ${elapsed}`
  if (upload.validationOnly) {
    if (upload.status === 'success')
      return `${file} is valid on ${host}: the appliance accepted its ${plural(upload.rows, 'device')} · ${elapsed}`
    if (upload.status === 'failure')
      return `${file} was refused by ${host}: ${plural(upload.messages.length, 'problem')} · ${elapsed}`
    return `Could not validate ${file} on ${host}: ${upload.problem?.what ?? 'the outcome is unknown'} · ${elapsed}`
  }
  const what = `${upload.problem?.what ?? 'the outcome is unknown'} · ${elapsed}`
  // What is known, once: started probably (taken, no job named), maybe (no clear answer), or not at all.
  if (upload.probablyStarted) return `The import of ${file} on ${host} has probably started, but ${what}`
  if (upload.mayHaveStarted) return `The import of ${file} on ${host} may have started: ${what}`
  return `Nothing was imported from ${file} on ${host}: ${what}`
}

/** `Uploaded servers.csv (3 devices): LXCA job 4229.` */
export function uploadLine(upload: UploadView): string | undefined {
  return upload.job
    ? `Uploaded ${upload.file} (${plural(upload.rows, 'device')}): it started LXCA job ${upload.job.id}.`
    : undefined
}

/** `rack12-node3 (10.240.9.13) servers.csv:4`: the server as people know it, and where the file has it. */
export function placeOf(view: Pick<JobView, 'file'>, device: { label: string; line?: number }): string {
  return view.file && device.line !== undefined ? `${device.label} ${view.file}:${device.line}` : device.label
}
