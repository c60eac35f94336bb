// What the appliance's answer to POST /csvRequest means: the job of a started
// import, or whether validation accepted the file, with the appliance's own
// words. Nothing is guessed: the job comes only from where LXCA puts it, and
// a validation answer is a verdict only when it is LXCA's answer shape with a
// result we know. Anything else is an error that says what came back. How the
// upload is sent, and never sent twice, is upload.ts.
import type { Scrubber } from '../common/secrets.js'
import { clause, excerpt, plural } from '../common/text.js'
import { bodyText, isObject } from '../common/json.js'
import type { HttpResponse } from '../http/transport.js'
import { parseJobRef, type JobRef } from '../lxca/job-ref.js'
import { lxcaMessageBody, messageLine, resultKind, type LxcaMessageBody } from '../lxca/messages.js'
import { bodyExcerpt, headerValue, isAuthRefusal, statusFault } from '../lxca/responses.js'
import type { FaultFacts } from '../outcome/job-outcome.js'
import type { UploadAnswer, UploadCause } from '../outcome/upload-outcome.js'

/** Statuses for a CSV the appliance looked at and refused: nothing was imported. */
const REFUSED = new Set([400, 409, 413, 415, 422])
/** The statuses that may carry a new job (pylxca accepts these three). */
const CREATED = new Set([200, 201, 202])
/** Top-level fields that may name the job, as Lenovo's manageRequest pages and clients spell them. */
const JOB_FIELDS = ['jobId', 'jobid', 'job_id', 'jobID', 'statusDescription'] as const
const UPLOAD = 'POST /csvRequest'
const NO_IMPORT_HERE = `${UPLOAD}: the appliance has no bulk import here; is this an XClarity Administrator?`

/** The job of a started import (never a guess), or why there is none. */
export function importOf(response: HttpResponse, secrets: Scrubber, scheme?: string): UploadAnswer {
  const httpStatus = response.status
  const answer = lxcaMessageBody(response.body)
  const messages = linesOf(answer, secrets)
  const error = (cause: UploadCause): UploadAnswer => ({ status: 'error', cause, httpStatus, messages })
  if (httpStatus >= 200 && httpStatus < 300) {
    const named = CREATED.has(httpStatus) ? jobsNamed(response) : []
    if (resultKind(answer?.result) === 'failed') {
      const said = `the appliance answered the upload with HTTP ${httpStatus} and the result '${excerpt(answer?.result ?? '', 40, secrets)}'`
      return error({
        kind: 'may-have-started',
        reason: `${said}; the import may have started`,
        fault: { kind: 'http', message: said, httpStatus }
      })
    }
    if (named.length === 1) return { status: 'success', job: named[0], httpStatus, messages }
    const which =
      named.length > 1
        ? `named ${named.length} different jobs (${named.map(job => job.id).join(', ')})`
        : `named no job (no Location header and no job ID field: ${bodyExcerpt(response, secrets, 300)})`
    const reason = `the appliance accepted the upload (HTTP ${httpStatus}) but ${which}, so the import has probably started`
    return error({ kind: 'no-job', reason })
  }
  const facts = refusalFacts(response, UPLOAD, secrets, scheme)
  const said = clause(facts.message)
  const refused =
    REFUSED.has(httpStatus) ||
    isAuthRefusal(httpStatus) ||
    httpStatus === 404 ||
    (httpStatus >= 300 && httpStatus < 400)
  if (refused) return error({ kind: 'not-imported', reason: `${said}; nothing was imported`, fault: facts })
  return error({ kind: 'may-have-started', reason: `${said}; the import may have started`, fault: facts })
}

/**
 * validationOnly=true: accepted or refused only when the answer says so in
 * LXCA's words; anything else (HTML, an empty body, a 204, cut-off or unknown
 * JSON, plain text) could not be read, and is an error.
 */
export function validationOf(response: HttpResponse, secrets: Scrubber, scheme?: string): UploadAnswer {
  const httpStatus = response.status
  const answer = lxcaMessageBody(response.body)
  const messages = linesOf(answer, secrets)
  const unreadable = (why: string): UploadAnswer => ({
    status: 'error',
    httpStatus,
    messages,
    cause: {
      kind: 'unreadable',
      reason: `the appliance's answer to the validation could not be read (HTTP ${httpStatus}, ${why}); the file was not validated`
    }
  })
  if (httpStatus >= 200 && httpStatus < 300) {
    if (!answer) return unreadable(bodyExcerpt(response, secrets, 200))
    const errors = answer.messages.filter(message => message.severity === 'error').length
    switch (resultKind(answer.result)) {
      case 'success':
      case 'warning':
        return errors > 0 ? { status: 'failure', httpStatus, messages } : { status: 'success', httpStatus, messages }
      case 'failed':
        return messages.length > 0
          ? { status: 'failure', httpStatus, messages }
          : unreadable(`the result '${excerpt(answer.result ?? '', 40, secrets)}' with no message saying what is wrong`)
      case 'unknown':
        return unreadable(
          answer.result === undefined
            ? `no result among ${plural(answer.messages.length, 'message')}`
            : `an unknown result '${excerpt(answer.result, 40, secrets)}'`
        )
    }
  }
  if (REFUSED.has(httpStatus)) {
    if (messages.length > 0) return { status: 'failure', httpStatus, messages }
    return unreadable(`a refusal that does not say what is wrong: ${bodyExcerpt(response, secrets, 200)}`)
  }
  const facts = refusalFacts(response, `${UPLOAD}?validationOnly=true`, secrets, scheme)
  const reason = `${clause(facts.message)}; the file was not validated`
  return { status: 'error', httpStatus, messages, cause: { kind: 'not-imported', reason, fault: facts } }
}

/** A status that is not a 2xx, as a fault; a refusal of the credentials says how they were sent (`scheme`). */
function refusalFacts(response: HttpResponse, what: string, secrets: Scrubber, scheme?: string): FaultFacts {
  const fault = statusFault(response, what, NO_IMPORT_HERE, secrets)
  const kind = fault?.kind ?? 'http'
  const facts: FaultFacts = { kind, message: fault?.message ?? `HTTP ${response.status}`, httpStatus: response.status }
  return kind === 'auth' && scheme ? { ...facts, code: scheme } : facts
}

/** The appliance's messages, one line each, scrubbed before they are cut. */
function linesOf(answer: LxcaMessageBody | undefined, secrets: Scrubber): string[] {
  return (answer?.messages ?? []).map(message => excerpt(messageLine(message), 500, secrets))
}

/**
 * The jobs the answer names where LXCA names them: the `Location` header (a
 * path or a URL; only its path counts, the host may be the appliance's own
 * name behind a proxy), else an explicit top-level job field. Never free
 * text, never a message ID, never a nested `id`; only jobs of the bulk
 * import's own type.
 */
export function jobsNamed(response: HttpResponse): JobRef[] {
  const location = headerValue(response, 'location')?.trim()
  const fromLocation = location && location.includes('/') ? csvJob(parseJobRef(location, 'csv')) : undefined
  if (fromLocation) return [fromLocation]
  let body: unknown
  try {
    body = JSON.parse(bodyText(response.body))
  } catch {
    return []
  }
  if (!isObject(body)) return []
  const jobs: JobRef[] = []
  for (const field of JOB_FIELDS) {
    const job = jobOfField(body[field])
    if (job && !jobs.some(known => known.id === job.id)) jobs.push(job)
  }
  return jobs
}

/** A positive job number, or the path or URL of a bulk-import job. */
function jobOfField(value: unknown): JobRef | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? { id: String(value), type: 'csv' } : undefined
  }
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^[1-9][0-9]{0,17}$/.test(text)) return { id: text, type: 'csv' }
  return text.includes('/') ? csvJob(parseJobRef(text, 'csv')) : undefined
}

function csvJob(job: JobRef | undefined): JobRef | undefined {
  return job?.type === 'csv' ? job : undefined
}
