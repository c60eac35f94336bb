// Misbehaviour the simulator can script, one per job request, to reproduce
// every transport fault a gate must ride through (or refuse) over real sockets.
import type { ServerResponse } from 'node:http'

export type Fault =
  /** Close the connection without a response (ECONNRESET). */
  | { kind: 'reset' }
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

export function applyFault(fault: Fault, response: ServerResponse, goodBody: string): void {
  const socket = response.socket
  switch (fault.kind) {
    case 'reset':
      socket?.destroy()
      return
    case 'stall':
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(goodBody))
      })
      response.write(goodBody.slice(0, 10))
      return
    case 'drip': {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(goodBody))
      })
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
      }, fault.intervalMs)
      response.on('close', () => clearInterval(timer))
      return
    }
    case 'truncate': {
      const half = goodBody.slice(0, Math.floor(goodBody.length / 2))
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (fault.framing === 'length') headers['content-length'] = String(Buffer.byteLength(goodBody))
      response.writeHead(200, headers)
      response.write(half, () => setTimeout(() => socket?.destroy(), 20))
      return
    }
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter
      if (fault.location !== undefined) headers.location = fault.location
      response.writeHead(fault.status, headers)
      response.end(
        fault.body ??
          JSON.stringify({
            result: 'failed',
            messages: [{ id: 'FQXHMSE0001J', text: `Simulated HTTP ${fault.status}` }]
          })
      )
      return
    }
    case 'body':
      response.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' })
      response.end(fault.body)
  }
}
