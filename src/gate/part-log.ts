// What the log says of each upload and each part, outside the polling
// groups so that a reader scanning the folded log sees every part's fate:
// what is being sent, the job it started (or why there is none), and how the
// part ended, one line each.
import { capitalise, plural, thousands } from '../common/text.js'
import { partPlace, type CsvPart } from '../import/csv-parts.js'
import { jobUrl } from '../lxca/job-ref.js'
import type { JobOutcome } from '../outcome/job-outcome.js'
import { STATUSES } from '../outcome/status.js'
import { mayHaveStarted, type UploadOutcome } from '../outcome/upload-outcome.js'

const count = thousands

/** `Part 2 of 10 (servers.csv lines 302–601)`. */
function partName(part: CsvPart): string {
  return `Part ${part.index} of ${part.count} (${partPlace(part)})`
}

/** `Uploading servers.csv lines 2–301 (300 devices): POST https://…/csvRequest`. */
export function uploadingLine(part: CsvPart, several: boolean, validationOnly: boolean, url: string): string {
  const what = several ? partPlace(part) : part.file.name
  return `${validationOnly ? 'Validating' : 'Uploading'} ${what} (${plural(part.rows.length, 'device')}): POST ${url}`
}

/** The job the upload started, the validation's verdict, or why there is no job; undefined when nothing is to say. */
export function uploadedLine(
  outcome: UploadOutcome,
  baseUrl: URL,
  validationOnly: boolean,
  part?: CsvPart
): string | undefined {
  const prefix = part ? `${partName(part)}: ` : ''
  if (outcome.status === 'success' && outcome.job) {
    const url = jobUrl(baseUrl, outcome.job).href
    return part ? `${prefix}job ${outcome.job.id} started (${url})` : `Import started: ${url}`
  }
  if (validationOnly && (outcome.status === 'success' || outcome.status === 'failure'))
    return `${prefix}${outcome.status === 'success' ? 'the appliance accepted the file' : 'the appliance refused the file'}`
  // The reason ends with what is known of the import (started probably, maybe, or not at all): said once.
  if (outcome.status === 'error') return `${prefix}${part ? outcome.cause.reason : capitalise(outcome.cause.reason)}`
  if (outcome.status === 'cancelled')
    return `${prefix}cancelled while uploading; ${mayHaveStarted(outcome) ? 'the import may have started' : 'nothing was imported'}`
  return undefined
}

/** How a part's job ended: `✖ Part 2 of 10 (servers.csv lines 302–601): job 5002 failed · 10 of 300 devices failed`. */
export function partEndLine(part: CsvPart, job: JobOutcome): string {
  const { mark, verb } = STATUSES[job.status]
  const assessment = job.seen?.assessment
  const total = assessment ? assessment.devices.length : 0
  let facts = ''
  if (assessment && job.status === 'success') facts = ` · all ${plural(total, 'device')} managed`
  else if (assessment && job.status === 'failure')
    facts = ` · ${count(assessment.failed)} of ${plural(total, 'device')} failed`
  else if (assessment)
    facts = ` · ${count(assessment.succeeded + assessment.failed)} of ${plural(total, 'device')} done, ${count(assessment.failed)} failed`
  const missing = job.rows?.notInJob.length ?? 0
  const notInJob = missing > 0 ? `, ${plural(missing, 'row')} not in the job` : ''
  return `${mark} ${partName(part)}: job ${job.job.id} ${verb}${facts}${notInJob}`
}
