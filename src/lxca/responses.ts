// What an HTTP response means for us. One table decides which statuses are
// worth asking again (the appliance restarting, a proxy hiccup, rate limits)
// and which can never get better (wrong credentials, unknown job, redirects).
// Every piece of server text quoted in a message is scrubbed of secrets
// before it is cut (see excerpt).
import { RequestFault } from '../common/errors.js'
import type { Scrubber } from '../common/secrets.js'
import { clause, excerpt } from '../common/text.js'
import { bodyText } from '../common/json.js'
import type { HttpResponse } from '../http/transport.js'
import { lxcaMessageBody } from './messages.js'

/** Statuses that a later request may not see again. 501 and 505 are not among them. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

export function isAuthRefusal(status: number): boolean {
  return status === 401 || status === 403
}

/**
 * Undefined for a 2xx; otherwise the fault, with the server's own message
 * (LXCA error bodies carry `messages[].text`) when it sent one.
 */
export function statusFault(
  response: HttpResponse,
  what: string,
  notFoundMessage: string,
  secrets: Scrubber
): RequestFault | undefined {
  const status = response.status
  if (status >= 200 && status < 300) return undefined
  const said = serverMessage(response, secrets)
  const detail = said ? `: ${clause(said)}` : ''
  if (status >= 300 && status < 400) {
    const location = excerpt(headerValue(response, 'location') ?? '(no Location header)', 300, secrets)
    return new RequestFault('redirect', `${what}: the appliance redirected to ${location} (HTTP ${status})`, false, {
      status
    })
  }
  if (isAuthRefusal(status)) {
    return new RequestFault('auth', `${what}: the appliance refused the credentials (HTTP ${status})${detail}`, false, {
      status
    })
  }
  if (status === 404)
    return new RequestFault('not-found', `${notFoundMessage} (HTTP 404)${detail}`, false, { status: 404 })
  const retryable = RETRYABLE_STATUSES.has(status)
  return new RequestFault('http', `${what}: HTTP ${status}${detail}`, retryable, {
    retryAfter: retryable ? headerValue(response, 'retry-after') : undefined,
    status
  })
}

/** The parsed JSON body of a 2xx response; unusable bodies are transient faults. */
export function jsonBody(response: HttpResponse, what: string, secrets: Scrubber): unknown {
  // A UTF-8 byte-order mark is not JSON, but some servers send one.
  const text = bodyText(response.body)
  // The status says the appliance answered: a first run that reached it is not a wrong address.
  const status = response.status
  if (text.trim() === '') throw new RequestFault('body', `${what}: the response body is empty`, true, { status })
  try {
    return JSON.parse(text)
  } catch {
    throw new RequestFault('body', `${what}: the response is not JSON (${bodyExcerpt(response, secrets)})`, true, {
      status
    })
  }
}

/** `text/html, starts with "<html>…"`: what a body that is not what we expected looks like. */
export function bodyExcerpt(response: HttpResponse, secrets: Scrubber, max = 40): string {
  const type = excerpt(headerValue(response, 'content-type') ?? 'no content type', 100, secrets)
  const text = bodyText(response.body).trim()
  return text === '' ? `${type}, empty` : `${type}, starts with "${excerpt(text, max, secrets)}"`
}

export function headerValue(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** LXCA's `{"messages":[{"text":…}]}`, a short plain-text body, or an HTML title. */
function serverMessage(response: HttpResponse, secrets: Scrubber): string | undefined {
  const text = response.body.toString('utf8', 0, Math.min(response.body.length, 64 * 1024)).trim()
  if (text === '') return undefined
  const answer = lxcaMessageBody(response.body)
  if (answer) {
    const first = answer.messages.find(message => message.text !== '(no text)')
    return first ? excerpt(first.text, 300, secrets) : undefined
  }
  if (/^[[{"]/.test(text)) return undefined
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
  if (title) return excerpt(decodeEntities(title[1]), 300, secrets)
  if (/^</.test(text)) return undefined
  return excerpt(text, 300, secrets)
}

/** An HTML title's text as plain text: the few entities a title holds. */
function decodeEntities(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return named[name.toLowerCase()] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })
}
