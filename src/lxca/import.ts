// What the appliance's answer to POST /csvRequest means: the job of a started
// import (Location header or body), or whether validation accepted the file,
// with the appliance's own words. How the upload is sent, and never sent
// twice, is poll/upload.ts.
import type { UploadOutcome } from '../common/outcome.js'
import { bodyText, clause, clean, MAY_HAVE_STARTED, MONITORING } from '../common/text.js'
import type { HttpResponse } from '../http/transport.js'
import { parseJobRef, type JobRef } from './job-ref.js'
import { headerValue, isAuthRefusal, statusFault } from './responses.js'

/** Statuses for a CSV the appliance looked at and refused: nothing was imported. */
const REFUSED = new Set([400, 409, 413, 415, 422])

export type Answer = Pick<UploadOutcome, 'status'> & Partial<UploadOutcome>

/** The job of a started import, from the Location header or the body. */
export function importOf(response: HttpResponse): Answer {
  const httpStatus = response.status
  if (httpStatus >= 200 && httpStatus < 300) {
    const job = jobFromResponse(response)
    if (job) return { status: 'success', job, httpStatus, mayHaveStarted: true }
    const excerpt = clean(bodyText(response.body), 300) || '(empty body)'
    const reason = `the appliance accepted the upload (HTTP ${httpStatus}) but named no job (no Location header, no job ID in the body: ${excerpt}); the import has probably started: find its job in ${MONITORING} and pass it as job-id instead`
    return { status: 'error', httpStatus, reason, mayHaveStarted: true, faultKind: 'shape' }
  }
  const messages = lxcaMessages(response)
  const refused = REFUSED.has(httpStatus) || isAuthRefusal(httpStatus) || (httpStatus >= 300 && httpStatus < 400)
  const fault = statusFault(
    response,
    'POST /csvRequest',
    'POST /csvRequest: the appliance has no bulk import here; is this an XClarity Administrator?'
  )
  const reason = refused
    ? `${clause(fault?.message ?? `HTTP ${httpStatus}`)}; nothing was imported`
    : `${clause(fault?.message ?? `HTTP ${httpStatus}`)}; ${MAY_HAVE_STARTED}`
  return { status: 'error', httpStatus, reason, messages, faultKind: fault?.kind, mayHaveStarted: !refused }
}

/** validationOnly=true: accepted, refused (with the appliance's words), or a fault. */
export function validationOf(response: HttpResponse): Answer {
  const httpStatus = response.status
  const messages = lxcaMessages(response)
  if (httpStatus >= 200 && httpStatus < 300) {
    return { status: reportsProblem(response) ? 'failure' : 'success', httpStatus, messages }
  }
  if (REFUSED.has(httpStatus))
    return {
      status: 'failure',
      httpStatus,
      messages: messages.length > 0 ? messages : [clean(bodyText(response.body), 300) || `HTTP ${httpStatus}`]
    }
  const fault = statusFault(
    response,
    'POST /csvRequest?validationOnly=true',
    'POST /csvRequest: the appliance has no bulk import here; is this an XClarity Administrator?'
  )
  return {
    status: 'error',
    httpStatus,
    messages,
    reason: `${clause(fault?.message ?? `HTTP ${httpStatus}`)}; the file was not validated`,
    faultKind: fault?.kind
  }
}

/**
 * Whether a 2xx validation answer reports a problem: `result` says it failed,
 * or a message is a warning or worse (LXCA ids end in a severity letter,
 * I informational, F–H and J warning, K–N critical), or it lists errors.
 */
function reportsProblem(response: HttpResponse): boolean {
  const body = parseJson(response)
  if (!isObject(body)) return false
  if (typeof body.result === 'string' && /fail|error|invalid/i.test(body.result)) return true
  if (Array.isArray(body.errors) && body.errors.length > 0) return true
  const messages = Array.isArray(body.messages) ? body.messages : []
  return messages.some(message => isObject(message) && typeof message.id === 'string' && /[FGHJ-N]$/.test(message.id))
}

/** The appliance's messages (`messages[].text` and what to do), one line each. */
function lxcaMessages(response: HttpResponse): string[] {
  const body = parseJson(response)
  if (!isObject(body)) return []
  const entries = [
    ...(Array.isArray(body.messages) ? body.messages : []),
    ...(Array.isArray(body.errors) ? body.errors : [])
  ]
  return entries
    .slice(0, 50)
    .map(entry => {
      if (typeof entry === 'string') return clean(entry, 500)
      if (!isObject(entry)) return ''
      const id = typeof entry.id === 'string' ? `${entry.id}: ` : ''
      const text = typeof entry.text === 'string' ? entry.text : typeof entry.message === 'string' ? entry.message : ''
      const recovery = isObject(entry.recovery) && typeof entry.recovery.text === 'string' ? entry.recovery.text : ''
      return clean(`${id}${clause(text)}${recovery ? `. ${recovery}` : text ? '.' : ''}`, 500)
    })
    .filter(Boolean)
}

/**
 * The job, as the sister endpoints return it: `Location: /csvRequest/jobs/N`
 * (a path or a URL); else a job ID in a JSON body: a jobId-like field, or a
 * `/csvRequest/jobs/N` string anywhere in it.
 */
export function jobFromResponse(response: HttpResponse): JobRef | undefined {
  const location = headerValue(response, 'location')
  const fromLocation = location ? jobOfPath(location) : undefined
  if (fromLocation) return fromLocation
  const body = parseJson(response)
  let byPath: JobRef | undefined
  let byId: JobRef | undefined
  // Breadth-first and bounded: the body is the appliance's, its depth is not ours to trust.
  const queue: Array<{ value: unknown; depth: number }> = [{ value: body, depth: 0 }]
  for (let index = 0; index < queue.length && index < 10_000; index++) {
    const { value, depth } = queue[index]
    if (typeof value === 'string') byPath ??= jobOfPath(value)
    if (depth >= 8 || typeof value !== 'object' || value === null) continue
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const named = /^(job_?id|job|jobs|id)$/i.test(key) && (typeof child === 'string' || typeof child === 'number')
      if (named && /^job/i.test(key)) {
        const job = parseJobRef(String(child), 'csv')
        if (job) return job
      }
      if (named) byId ??= parseJobRef(String(child), 'csv')
      queue.push({ value: child, depth: depth + 1 })
    }
  }
  return byPath ?? byId
}

function jobOfPath(text: string): JobRef | undefined {
  const match = /\/?(csvRequest\/jobs\/[A-Za-z0-9_-]+)\/?(?:$|[?#\s"'])/i.exec(text)
  return match ? parseJobRef(`/${match[1]}`, 'csv') : undefined
}

function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(bodyText(response.body))
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
