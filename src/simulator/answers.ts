// How the simulated appliance answers: JSON with LXCA's error shape, the
// cookies a request carries, and what a careless appliance echoes back.
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * What a careless appliance could echo: the password as typed and in the
 * encodings its layers use (a URL, a web page, base64, an upper-casing log),
 * and the token or session the request carried.
 */
export function echoOf(request: IncomingMessage, password: string): string {
  const basic = request.headers.authorization?.replace(/^Basic /, '')
  const session = parseCookies(request.headers.cookie).get('JSESSIONID')
  const csrf = request.headers['x-csrf-token']
  const entities = [...password].map(char => `&#${char.codePointAt(0)};`).join('')
  return [
    `password ${password}`,
    `in a URL ${encodeURIComponent(password)}`,
    `on a page ${entities}`,
    `in base64 ${Buffer.from(password).toString('base64')}`,
    `shouted ${password.toUpperCase()}`,
    basic && `token ${basic}`,
    session && `session ${session}`,
    csrf && `csrf ${String(csrf)}`
  ]
    .filter(Boolean)
    .join(', ')
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export function errorBody(id: string, text: string): unknown {
  return { result: 'failed', messages: [{ id, text, explanation: '', recovery: { text: '', URL: '' } }] }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=')
    if (equals > 0) cookies.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim())
  }
  return cookies
}
