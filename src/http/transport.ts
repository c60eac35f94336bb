// The action's only network code (with sockets.ts and exchange.ts, which it
// drives). One request = one fresh connection:
// TCP (through a CONNECT proxy when one applies), then TLS verified by
// tls-verify.ts, and only then the HTTP request with its credentials. A
// total-time deadline covers connect, headers and the whole body, because an
// idle timeout misses a server that stalls after the headers or drips bytes.
// Polls are seconds apart, so keep-alive would save nothing and would leave
// sockets that keep the process alive.
import type net from 'node:net'
import { formatDuration } from '../common/duration.js'
import { RequestFault } from '../common/errors.js'
import { exchange, type HttpRequest, type HttpResponse } from './exchange.js'
import { connect, speaksTls, startTls, tunnel } from './sockets.js'
import { tlsPolicy, type TlsPolicy, type TlsSettings } from './tls-verify.js'
import { bareHostname, portOf } from './url.js'

export type { HttpRequest, HttpResponse } from './exchange.js'

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

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024

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
    const message = `${request.url.host} answered a plain http:// request with TLS`
    return new RequestFault('tls', message, false, { sent: true, code: 'plain-to-tls', endpoint: request.url.host })
  }
  return error.with({ sent: sending })
}

function cancelledFault(): RequestFault {
  return new RequestFault('cancelled', 'the request was cancelled', false)
}
