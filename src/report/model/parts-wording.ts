// What the reports say of an import in several parts, as plain text: its
// headline, and why each part did not pass (or was never uploaded).
import { formatDuration } from '../../common/duration.js'
import { plural } from '../../common/text.js'
import { STATUSES } from '../../outcome/status.js'
import type { GateView, JobView, PartView, UploadView } from './gate-view.js'
import { allowanceWords, count, why } from './wording.js'

/** A few words on why a part did not pass, or was never uploaded. */
export function partWhy(part: PartView): string {
  // The causes are said once, across the parts: a part's row keeps only its counts.
  if (part.jobView) return partCounts(part.jobView) || '—'
  if (part.upload) return uploadWhy(part.upload)
  if (part.notUploaded === 'deadline') return 'the timeout came first'
  if (part.notUploaded === 'unfinished') return 'the job before it never reported 100%'
  return 'an earlier part stopped the import'
}

/**
 * The first line of an import in several parts: `1,000 servers in 4 LXCA jobs
 * on host: 7 failed · 52m`; for validation, `1 of 4 parts refused by host`.
 */
export function partsHeadline(view: GateView, parts: readonly PartView[]): string {
  const servers = plural(
    parts.reduce((sum, part) => sum + part.rows, 0),
    'server'
  )
  const elapsed = formatDuration(
    parts.reduce((sum, part) => sum + (part.jobView?.elapsedMs ?? 0) + (part.upload?.elapsedMs ?? 0), 0)
  )
  if (parts.every(part => part.upload?.validationOnly)) {
    const refused = parts.filter(part => part.status !== 'success')
    if (refused.length === 0) return `${servers} in ${parts.length} parts are valid on ${view.host} · ${elapsed}`
    return `${refused.length} of ${parts.length} parts (${servers}) not valid on ${view.host} · ${elapsed}`
  }
  const jobs = parts.filter(part => part.jobView).length
  const facts: string[] = []
  const across = view.across
  // Said apart, as the outputs count them: failed counts devices of a job; a row in no job is not one.
  const failed = across?.failed.length ?? 0
  const missing = across?.notInJob.length ?? 0
  if (failed > 0) facts.push(`${count(failed)} failed`)
  if (missing > 0) facts.push(`${count(missing)} not in a job`)
  const stopped = parts.find(
    part => part.status !== undefined && !['success', 'failure', 'partial'].includes(part.status)
  )
  if (stopped?.status) facts.push(`part ${stopped.index} ${partVerb(stopped)}`)
  const left = parts.filter(part => part.notUploaded).length
  if (left > 0) facts.push(`${plural(left, 'part')} not uploaded`)
  if (view.excuse) facts.push(`${allowanceWords(view.excuse, view.naming, true)}: the step passes`)
  else if (view.overAllowance) facts.push(allowanceWords(view.overAllowance, view.naming, false))
  if (facts.length === 0) facts.push('all managed')
  return `${servers} in ${plural(jobs, 'LXCA job')} on ${view.host}: ${facts.join(', ')} · ${elapsed}`
}

/** A few words on an upload that started no job, for the parts table. */
export function uploadWhy(upload: UploadView): string {
  if (upload.status === 'success') return upload.validationOnly ? 'valid' : '—'
  if (upload.status === 'failure') return `refused: ${plural(upload.messages.length, 'problem')}`
  if (upload.status === 'cancelled') return 'cancelled while uploading'
  const what = upload.problem?.what ?? 'the outcome is unknown'
  if (upload.probablyStarted) return `probably started: ${what}`
  return upload.mayHaveStarted ? `may have started: ${what}` : `nothing imported: ${what}`
}

/** `12 failed, 2 not in the job` for a finished part; a timeout or an error says why. */
function partCounts(view: JobView): string {
  if (view.status !== 'failure' && view.status !== 'partial') return why(view)
  const counts = [
    view.failed.length > 0 ? `${count(view.failed.length)} failed` : '',
    view.notInJob.length > 0 ? `${count(view.notInJob.length)} not in the job` : ''
  ]
  return counts.filter(Boolean).join(', ')
}

/**
 * How a part ended, in the words of the parts table: an upload the appliance
 * definitely refused (HTTP 400, 401…: nothing was imported) is "refused",
 * never "could not be checked"; otherwise the status's own verb.
 */
export function partVerb(part: PartView): string {
  if (!part.status) return 'not uploaded'
  const upload = part.jobView ? undefined : part.upload
  if (upload?.status === 'error' && !upload.mayHaveStarted && !upload.probablyStarted) return 'refused'
  return STATUSES[part.status].verb
}
