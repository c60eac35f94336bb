// What an HTTP response means for us. One table decides which statuses are
// worth asking again (the appliance restarting, a proxy hiccup, rate limits)
// and which can never get better (wrong credentials, unknown job, redirects).
import { PollFault } from '../common/errors.js'
import { bodyText, clause, clean } from '../common/text.js'
import type { HttpResponse } from '../http/transport.js'

/** Statuses that a later request may not see again. 501 and 505 are not among them. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

export function isAuthRefusal(status: number): boolean {
  return status === 401 || status === 403
}

/**
 * Undefined for a 2xx; otherwise the fault, with the server's own message
 * (LXCA error bodies carry `messages[].text`) when it sent one.
 */
export function statusFault(response: HttpResponse, what: string, notFoundMessage: string): PollFault | undefined {
  const status = response.status
  if (status >= 200 && status < 300) return undefined
  const said = serverMessage(response)
  const detail = said ? `: ${clause(said)}` : ''
  if (status >= 300 && status < 400) {
    const location = headerValue(response, 'location') ?? '(no Location header)'
    return new PollFault(
      'redirect',
      `${what}: the appliance redirected to ${clean(location)} (HTTP ${status}); redirects are not followed with credentials. Check the host input`,
      false,
      { status }
    )
  }
  if (isAuthRefusal(status)) {
    return new PollFault(
      'auth',
      `${what}: the appliance refused the credentials (HTTP ${status})${detail}. Check username and password, and that the account may read jobs`,
      false,
      { status }
    )
  }
  if (status === 404)
    return new PollFault('not-found', `${notFoundMessage} (HTTP 404)${detail}`, false, { status: 404 })
  const retryable = RETRYABLE_STATUSES.has(status)
  return new PollFault('http', `${what}: HTTP ${status}${detail}`, retryable, {
    retryAfter: retryable ? headerValue(response, 'retry-after') : undefined,
    status
  })
}

/** The parsed JSON body of a 2xx response; unusable bodies are transient faults. */
export function jsonBody(response: HttpResponse, what: string): unknown {
  // A UTF-8 byte-order mark is not JSON, but some servers send one.
  const text = bodyText(response.body)
  if (text.trim() === '') throw new PollFault('body', `${what}: the response body is empty`, true)
  try {
    return JSON.parse(text)
  } catch {
    const type = headerValue(response, 'content-type') ?? 'no content type'
    throw new PollFault(
      'body',
      `${what}: the response is not JSON (${clean(type)}, starts with "${clean(text.slice(0, 40))}")`,
      true
    )
  }
}

export function headerValue(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** LXCA's `{"messages":[{"text":…}]}`, a short plain-text body, or an HTML title. */
function serverMessage(response: HttpResponse): string | undefined {
  const text = response.body.toString('utf8', 0, Math.min(response.body.length, 64 * 1024)).trim()
  if (text === '') return undefined
  try {
    const parsed = JSON.parse(text) as { messages?: Array<{ text?: unknown; recovery?: { text?: unknown } }> } | null
    const first = Array.isArray(parsed?.messages) ? parsed?.messages[0] : undefined
    if (first && typeof first.text === 'string') {
      const recovery = typeof first.recovery?.text === 'string' ? first.recovery.text.trim() : ''
      return clean(recovery ? `${clause(first.text)}. ${recovery}` : first.text)
    }
    return undefined
  } catch {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
    if (title) return clean(decodeEntities(title[1]))
    if (/^</.test(text)) return undefined
    return clean(text)
  }
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
