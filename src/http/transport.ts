// The action's only network code. One request = one fresh connection:
// TCP (through a CONNECT proxy when one applies), then TLS verified by
// tls-verify.ts, and only then the HTTP request with its credentials. A
// total-time deadline covers connect, headers and the whole body, because an
// idle timeout misses a server that stalls after the headers or drips bytes.
// Polls are seconds apart, so keep-alive would save nothing and would leave
// sockets that keep the process alive.
import http, { type IncomingHttpHeaders } from 'node:http'
import net from 'node:net'
import tls from 'node:tls'
import { formatDuration } from '../common/duration.js'
import { RequestFault, messageOf } from '../common/errors.js'
import { tlsPolicy, verifyPeer, type TlsPolicy, type TlsSettings } from './tls-verify.js'
import { bareHostname, portOf, proxyCredentials } from './url.js'

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

/** Sends one request. Rejects only with a RequestFault. */
export type Transport = (request: HttpRequest, signal: AbortSignal, timeoutMs?: number) => Promise<HttpResponse>

export interface TransportOptions {
  readonly requestTimeoutMs: number
  readonly tls: TlsSettings
  /** The CONNECT proxy every request goes through (settings resolved HTTPS_PROXY/NO_PROXY); direct when undefined. */
  readonly proxy?: URL
  /** Bodies larger than this are refused (a 1,000-device job is about 10 MB). */
  readonly maxBodyBytes?: number
  /** Name resolution for direct connections (tests map names to loopback); dns.lookup by default. */
  readonly lookup?: net.LookupFunction
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024

export function createTransport(options: TransportOptions): Transport {
  const policies = new Map<string, TlsPolicy>()
  const policyFor = (host: string): TlsPolicy => {
    let policy = policies.get(host)
    if (!policy) policies.set(host, (policy = tlsPolicy(options.tls, host)))
    return policy
  }

  return async (request, signal, timeoutMs = options.requestTimeoutMs) => {
    if (signal.aborted) throw cancelledFault()
    const deadline = new AbortController()
    const timeout = new RequestFault(
      'timeout',
      `no complete response within ${formatDuration(timeoutMs)} (request-timeout)`,
      true
    )
    const timer = setTimeout(() => deadline.abort(timeout), timeoutMs)
    const cancel = (): void => deadline.abort(cancelledFault())
    signal.addEventListener('abort', cancel, { once: true })
    // Until the request is handed to the socket, nothing of it can have reached the appliance.
    const progress = { sending: false }
    let socket: net.Socket | undefined
    try {
      socket = await open(request.url, options, policyFor, deadline.signal)
      progress.sending = true
      return await exchange(socket, request, options.maxBodyBytes ?? DEFAULT_MAX_BODY, deadline.signal)
    } catch (error) {
      throw await explain(error, request, options, deadline.signal, progress.sending)
    } finally {
      clearTimeout(timer)
      signal.removeEventListener('abort', cancel)
      socket?.destroy()
    }
  }
}

/** TCP, through the proxy when there is one, then TLS verified: a socket ready for the request. */
async function open(
  url: URL,
  options: TransportOptions,
  policyFor: (host: string) => TlsPolicy,
  signal: AbortSignal
): Promise<net.Socket> {
  const host = bareHostname(url)
  const port = portOf(url)
  const socket = options.proxy
    ? await tunnel(options.proxy, host, port, signal)
    : await connect(host, port, options.lookup, signal)
  return url.protocol === 'https:' ? startTls(socket, host, port, policyFor(host), signal) : socket
}

/** The fault to report, saying whether the request may have been sent. */
async function explain(
  error: unknown,
  request: HttpRequest,
  options: TransportOptions,
  signal: AbortSignal,
  sending: boolean
): Promise<unknown> {
  if (!(error instanceof RequestFault)) return error
  // A TLS port hangs up on plain HTTP without a word: say so, rather than retry until the timeout.
  const plain = request.url.protocol === 'http:' && !options.proxy
  if (plain && error.kind === 'network' && (await speaksTls(request.url, signal))) {
    return new RequestFault('tls', `${request.url.host} answered with TLS: use https:// in host`, false, { sent: true })
  }
  return error.withSent(sending)
}

function cancelledFault(): RequestFault {
  return new RequestFault('cancelled', 'the request was cancelled', false)
}

/**
 * A promise that settles once, and on abort runs `stop` (which must release
 * the socket) and rejects with the abort reason.
 */
function abortable<T>(
  signal: AbortSignal,
  start: (resolve: (value: T) => void, reject: (error: unknown) => void) => () => void
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    let stop: () => void = () => undefined
    const onAbort = (): void => {
      stop()
      reject(signal.reason)
    }
    const settle =
      <A>(fn: (arg: A) => void) =>
      (arg: A): void => {
        signal.removeEventListener('abort', onAbort)
        fn(arg)
      }
    signal.addEventListener('abort', onAbort, { once: true })
    stop = start(settle(resolve), settle(reject))
  })
}

/** Name resolution said the host does not exist: asking again will not help. */
const PERMANENT_NETWORK_CODES = new Set(['ENOTFOUND'])

function networkFault(error: unknown, what: string): RequestFault {
  if (error instanceof RequestFault) return error
  const code = (error as NodeJS.ErrnoException).code
  const detail = code
    ? `${code === 'ENOTFOUND' ? 'host name not found' : messageOf(error)} (${code})`
    : messageOf(error)
  return new RequestFault('network', `${what}: ${detail}`, !PERMANENT_NETWORK_CODES.has(code ?? ''))
}

function connect(
  host: string,
  port: number,
  lookup: net.LookupFunction | undefined,
  signal: AbortSignal
): Promise<net.Socket> {
  return abortable(signal, (resolve, reject) => {
    const socket = net.connect({ host, port, ...(lookup ? { lookup } : {}) })
    socket.once('connect', () => resolve(socket))
    socket.on('error', error => reject(networkFault(error, `cannot connect to ${host}:${port}`)))
    return () => socket.destroy()
  })
}

function tunnel(proxy: URL, host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`
  const where = `proxy ${proxy.host}`
  return abortable(signal, (resolve, reject) => {
    if (proxy.protocol !== 'http:') {
      reject(new RequestFault('proxy', `${where}: only http:// proxies are supported, got ${proxy.protocol}//`, false))
      return () => undefined
    }
    const headers: Record<string, string> = { host: target }
    const credentials = proxyCredentials(proxy)
    if (credentials) {
      const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')
      headers['proxy-authorization'] = `Basic ${token}`
    }
    const request = http.request({
      host: bareHostname(proxy),
      port: portOf(proxy),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false
    })
    request.once('connect', (response, socket, head) => {
      if (response.statusCode === 407) {
        socket.destroy()
        const fix = credentials ? 'the credentials in the proxy URL were refused' : 'put them in the proxy URL'
        const message = `${where} requires authentication (HTTP 407): ${fix} (http://user:password@host:port)`
        reject(new RequestFault('proxy', message, false))
      } else if (response.statusCode !== 200) {
        socket.destroy()
        reject(
          new RequestFault('proxy', `${where} refused to connect to ${target} (HTTP ${response.statusCode})`, true)
        )
      } else if (head.length > 0) {
        socket.destroy()
        reject(new RequestFault('proxy', `${where} sent data before the tunnel was open`, true))
      } else {
        resolve(socket)
      }
    })
    request.on('error', error => reject(networkFault(error, `cannot reach ${where}`)))
    request.end()
    return () => request.destroy()
  })
}

/** Whether a TLS handshake with the URL's host and port gets a server hello. Never throws. */
async function speaksTls(url: URL, signal: AbortSignal): Promise<boolean> {
  return new Promise<boolean>(resolve => {
    if (signal.aborted) return resolve(false)
    const probe = tls.connect({ host: bareHostname(url), port: portOf(url), rejectUnauthorized: false })
    const finish = (answer: boolean): void => {
      signal.removeEventListener('abort', abort)
      probe.destroy()
      resolve(answer)
    }
    const abort = (): void => finish(false)
    probe.once('secureConnect', () => finish(true))
    probe.on('error', () => finish(false))
    signal.addEventListener('abort', abort, { once: true })
  })
}

function startTls(
  socket: net.Socket,
  host: string,
  port: number,
  policy: TlsPolicy,
  signal: AbortSignal
): Promise<net.Socket> {
  return abortable(signal, (resolve, reject) => {
    const secure = tls.connect({
      socket,
      // SNI takes names only; an IP address is sent without SNI.
      servername: net.isIP(policy.verifyName) ? undefined : policy.verifyName,
      // `ca` replaces the system store for this connection only.
      ca: policy.ca,
      // We decide in verifyPeer, on the handshake result, before any write.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ALPNProtocols: ['http/1.1']
    })
    secure.once('secureConnect', () => {
      const problem = verifyPeer(
        {
          chainVerified: secure.authorized,
          chainError: secure.authorizationError ? String(secure.authorizationError) : undefined,
          certificate: secure.getPeerCertificate()
        },
        policy
      )
      if (problem) {
        secure.destroy()
        reject(new RequestFault('tls', `TLS verification of ${host}:${port} failed: ${problem}`, false))
      } else {
        resolve(secure)
      }
    })
    secure.on('error', error => {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
        reject(
          new RequestFault(
            'tls',
            `TLS handshake with ${host}:${port} failed (${code}); check that host points at the appliance's HTTPS port`,
            false
          )
        )
      } else {
        reject(networkFault(error, `TLS handshake with ${host}:${port}`))
      }
    })
    return () => secure.destroy()
  })
}

function exchange(
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
      const chunks: Buffer[] = []
      let size = 0
      const truncated = (): void =>
        reject(new RequestFault('body', `${what}: the response body was cut off after ${size} bytes`, true))
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBodyBytes) {
          reject(new RequestFault('body', `${what}: the response is larger than ${maxBodyBytes} bytes`, true))
          response.destroy()
        } else {
          chunks.push(chunk)
        }
      })
      response.once('end', () => {
        if (!response.complete) return truncated()
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
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
