import { describe, expect, it } from '@jest/globals'
import type { IncomingHttpHeaders } from 'node:http'
import { RequestFault } from '../../src/common/errors.js'
import { NO_SECRETS, SecretSet } from '../../src/common/secrets.js'
import { jsonBody, statusFault } from '../../src/lxca/responses.js'
import { expectNoPartOf } from '../helpers/secret-parts.js'

const response = (status: number, body = '', headers: IncomingHttpHeaders = {}) => ({
  status,
  headers,
  body: Buffer.from(body)
})
const fault = (status: number, body = '', headers: IncomingHttpHeaders = {}): RequestFault | undefined =>
  statusFault(
    response(status, body, headers),
    'GET /csvRequest/jobs/1',
    'job 1 was not found at https://h/csvRequest/jobs/1',
    NO_SECRETS
  )

const lxcaError = JSON.stringify({
  result: 'failed',
  messages: [{ id: 'FQXHMSE0001J', text: 'The user is not authorized.', recovery: { text: 'Log in again.' } }]
})

describe('statusFault', () => {
  it('accepts 2xx', () => {
    expect(fault(200)).toBeUndefined()
  })

  it.each([408, 429, 500, 502, 503, 504])('%i is retryable', status => {
    expect(fault(status)).toMatchObject({ kind: 'http', retryable: true })
  })

  it.each([400, 405, 409, 501, 505])('%i is not retryable', status => {
    expect(fault(status)).toMatchObject({ retryable: false })
  })

  it('401 and 403 are auth faults with the server message', () => {
    expect(fault(401, lxcaError)).toMatchObject({ kind: 'auth', retryable: false })
    expect(fault(403, lxcaError)?.message).toBe(
      'GET /csvRequest/jobs/1: the appliance refused the credentials (HTTP 403): The user is not authorized. Log in again'
    )
  })

  it('404 names the job and the URL', () => {
    expect(fault(404)?.message).toBe('job 1 was not found at https://h/csvRequest/jobs/1 (HTTP 404)')
  })

  it('3xx is never followed and names the Location', () => {
    const redirect = fault(302, '', { location: 'https://elsewhere/login' })
    expect(redirect).toMatchObject({ kind: 'redirect', retryable: false })
    expect(redirect?.message).toMatch(/redirected to https:\/\/elsewhere\/login \(HTTP 302\)/)
  })

  it('keeps Retry-After for retryable statuses', () => {
    expect(fault(503, '', { 'retry-after': '7' })?.retryAfter).toBe('7')
  })

  it('uses the title of an HTML error page, on one line', () => {
    expect(fault(502, '<html><head><title>502 Bad\nGateway</title></head><body>…</body></html>')?.message).toBe(
      'GET /csvRequest/jobs/1: HTTP 502: 502 Bad Gateway'
    )
  })
})

describe('jsonBody', () => {
  it('parses JSON', () => {
    expect(jsonBody(response(200, '{"progress":1}'), 'GET', NO_SECRETS)).toEqual({ progress: 1 })
  })

  it('accepts a UTF-8 byte-order mark before the document', () => {
    expect(jsonBody(response(200, '\ufeff{"progress":1}'), 'GET', NO_SECRETS)).toEqual({ progress: 1 })
  })

  it.each([
    ['', /the response body is empty/],
    ['<html>oops</html>', /not JSON \(text\/html, starts with "<html>oops<\/html>"\)/],
    ['{"progress": 1', /not JSON/]
  ])('refuses %p as a retryable body fault', (body, message) => {
    const error = (() => {
      try {
        jsonBody(response(200, body, { 'content-type': 'text/html' }), 'GET', NO_SECRETS)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(RequestFault)
    expect(error).toMatchObject({ kind: 'body', retryable: true })
    expect((error as Error).message).toMatch(message)
  })
})

describe('server text in a message is scrubbed before it is cut', () => {
  const password = 'Straddle-Pa55word!'
  const secrets = new SecretSet()
  secrets.add(password)
  /** The password starting a few characters before the cut of `at` characters. */
  const around = (at: number): string => `${'x'.repeat(at - 4)}${password} tail`

  it('the excerpt of a body that is not JSON (cut at 40)', () => {
    let message = ''
    try {
      jsonBody(response(200, around(40), { 'content-type': 'text/plain' }), 'GET', secrets)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/not JSON/)
    expectNoPartOf(message, password)
  })

  it.each([
    ['a plain-text error body (cut at 300)', response(500, around(300), { 'content-type': 'text/plain' })],
    ['an LXCA message (cut at 300)', response(500, JSON.stringify({ messages: [{ text: around(300) }] }))],
    ['an HTML title (cut at 300)', response(502, `<html><title>${around(300)}</title></html>`)],
    ['a redirect Location (cut at 300)', response(302, '', { location: around(300) })]
  ])('%s', (_name, answer) => {
    const message = statusFault(answer, 'GET /x', 'not found', secrets)?.message ?? ''
    expect(message).toContain('***')
    expectNoPartOf(message, password)
  })
})
