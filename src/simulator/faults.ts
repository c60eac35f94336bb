// Misbehaviour the simulator can script, one per job request or upload, to
// reproduce every transport fault a gate must ride through (or refuse) over
// real sockets.
import type { ServerResponse } from 'node:http'

export type Fault =
  /** Close the connection without a response (ECONNRESET). */
  | { kind: 'reset' }
  /** Take the request and never answer. */
  | { kind: 'hang' }
  /** Answer well, but only after `ms` (the poll counts). */
  | { kind: 'slow'; ms: number }
  /** Send 200 headers and part of the body, then nothing, forever. */
  | { kind: 'stall' }
  /** Send a valid body, one byte every `intervalMs`. */
  | { kind: 'drip'; intervalMs: number }
  /** Send half of the body and close, with Content-Length or chunked framing. */
  | { kind: 'truncate'; framing: 'length' | 'chunked' }
  /** Any status, with an optional body and Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; location?: string }
  /** A 200 with this body (HTML, `{}`, invalid JSON …). */
  | { kind: 'body'; body: string; contentType?: string }
  /**
   * The credentials of the request echoed back, as a careless appliance
   * might, as typed and encoded (percent, HTML entities, base64, upper
   * case): in a finished job's device texts (`document`), in an LXCA error
   * body (`error`, HTTP 500) or in an HTML page's title (`html`, HTTP 502).
   * `encoder` writes the JSON as org.json (`\/`) or Gson (`\u003c`) would.
   */
  | { kind: 'echo'; as: 'document' | 'error' | 'html'; encoder?: 'org.json' | 'gson' }

/** `echo` is what the `echo` fault repeats: the credentials the request carried. */
export function applyFault(fault: Fault, response: ServerResponse, goodBody: string, echo = ''): void {
  switch (fault.kind) {
    case 'reset':
      response.socket?.destroy()
      return
    case 'hang':
      return
    case 'slow':
      return later(fault.ms, response, () => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(goodBody)
      })
    case 'stall':
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(goodBody))
      })
      response.write(goodBody.slice(0, 10))
      return
    case 'drip':
      return drip(response, goodBody, fault.intervalMs)
    case 'truncate':
      return truncate(response, goodBody, fault.framing)
    case 'status':
      return status(response, fault)
    case 'body':
      response.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' })
      response.end(fault.body)
      return
    case 'echo':
      return echoCredentials(fault, response, echo)
  }
}

function later(ms: number, response: ServerResponse, answer: () => void): void {
  const timer = setTimeout(answer, ms)
  response.on('close', () => clearTimeout(timer))
}

/** A valid body, one byte every `intervalMs`. */
function drip(response: ServerResponse, goodBody: string, intervalMs: number): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(goodBody)) })
  const bytes = Buffer.from(goodBody)
  let sent = 0
  const timer = setInterval(() => {
    if (sent >= bytes.length || response.destroyed) {
      clearInterval(timer)
      if (!response.destroyed) response.end()
      return
    }
    response.write(bytes.subarray(sent, sent + 1))
    sent += 1
  }, intervalMs)
  response.on('close', () => clearInterval(timer))
}

/** Half of the body, then the connection closes. */
function truncate(response: ServerResponse, goodBody: string, framing: 'length' | 'chunked'): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (framing === 'length') headers['content-length'] = String(Buffer.byteLength(goodBody))
  response.writeHead(200, headers)
  response.write(goodBody.slice(0, Math.floor(goodBody.length / 2)), () =>
    setTimeout(() => response.socket?.destroy(), 20)
  )
}

function status(response: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter
  if (fault.location !== undefined) headers.location = fault.location
  response.writeHead(fault.status, headers)
  const simulated = { result: 'failed', messages: [{ id: 'FQXHMSE0001J', text: `Simulated HTTP ${fault.status}` }] }
  response.end(fault.body ?? JSON.stringify(simulated))
}

function echoCredentials(fault: Extract<Fault, { kind: 'echo' }>, response: ServerResponse, echo: string): void {
  const { as } = fault
  if (as === 'html') {
    response.writeHead(502, { 'content-type': 'text/html' })
    const html = echo.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    response.end(`<html><head><title>Proxy error for ${html}</title></head><body>${html}</body></html>`)
    return
  }
  if (as === 'error') {
    response.writeHead(500, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({ result: 'failed', messages: [{ id: 'FQXHMSE0500M', text: `Internal error for ${echo}` }] })
    )
    return
  }
  const device = {
    messageParameters: `10.0.0.1 (${echo})`,
    result: 'OTHER_FAIL',
    resultLongDescription: `Login failed with ${echo}`,
    progress: 'JOB_DONE',
    status: {
      state: 'Stopped_With_Error',
      substatus: [
        {
          id: 'LOGIN',
          shortDescription: `Login as ${echo}`,
          userAction: `Retry with ${echo}`,
          status: { state: 'Stopped_With_Error' }
        }
      ]
    }
  }
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(
    encodeJson(JSON.stringify({ progress: 100, status: `INCOMPLETE ${echo}`, results: [device] }), fault.encoder)
  )
}

/** JSON text as another encoder writes it: org.json escapes `/`, Gson escapes `<>&='` as `\u00XX`. */
function encodeJson(json: string, encoder: 'org.json' | 'gson' | undefined): string {
  if (encoder === 'org.json') return json.replace(/\//g, '\\/')
  if (encoder === 'gson')
    return json.replace(/[<>&=']/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return json
}
