// One HTTP exchange over a socket that is ready (its TLS already verified):
// the request, then the whole response, within the caller's deadline, read
// into one buffer (body-buffer.ts). A body cut off, or larger than the bound,
// is a transient fault.
import http, { type IncomingHttpHeaders } from 'node:http'
import type net from 'node:net'
import { RequestFault } from '../common/errors.js'
import { BodyBuffer, declaredLength } from './body-buffer.js'
import { abortable, networkFault } from './sockets.js'

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly url: URL
  readonly headers?: Readonly<Record<string, string>>
  /** Several buffers are sent one after the other, never joined (an upload's file is sent as it was read). */
  readonly body?: string | Buffer | readonly Buffer[]
}

export interface HttpResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

export function exchange(
  socket: net.Socket,
  request: HttpRequest,
  maxBodyBytes: number,
  signal: AbortSignal
): Promise<HttpResponse> {
  const url = request.url
  const what = `${request.method} ${url.pathname}`
  return abortable(signal, (resolve, reject) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...request.headers,
      host: url.host,
      connection: 'close'
    }
    const parts =
      request.body === undefined
        ? []
        : typeof request.body === 'string' || Buffer.isBuffer(request.body)
          ? [request.body]
          : request.body
    if (request.body !== undefined)
      headers['content-length'] = String(parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0))
    const outgoing = http.request({
      method: request.method,
      path: url.pathname + url.search,
      headers,
      createConnection: () => socket
    })
    outgoing.on('error', error => reject(networkFault(error, what)))
    outgoing.once('response', response => {
      const declared = declaredLength(response.headers['content-length'])
      const body = new BodyBuffer(declared, maxBodyBytes)
      const tooLarge = (): void => {
        reject(new RequestFault('body', `${what}: the response is larger than ${maxBodyBytes} bytes`, true))
        response.destroy()
      }
      const truncated = (): void =>
        reject(new RequestFault('body', `${what}: the response body was cut off after ${body.length} bytes`, true))
      // A stated length past the bound is refused before a byte of the body is read.
      if (declared !== undefined && declared > maxBodyBytes) return tooLarge()
      response.on('data', (chunk: Buffer) => {
        if (!body.add(chunk)) tooLarge()
      })
      response.once('end', () => {
        if (!response.complete) return truncated()
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body.bytes() })
      })
      response.on('error', truncated)
      response.once('close', () => {
        if (!response.complete) truncated()
      })
    })
    for (const part of parts) outgoing.write(part)
    outgoing.end()
    return () => outgoing.destroy()
  })
}
