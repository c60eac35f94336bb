// The connections under a request: TCP (directly, or through a CONNECT
// proxy), then TLS verified by tls-verify.ts before anything is written. Each
// step is abortable, and every socket error becomes a RequestFault.
import http from 'node:http'
import net from 'node:net'
import tls from 'node:tls'
import { RequestFault, messageOf } from '../common/errors.js'
import { verifyPeer, type TlsPolicy } from './tls-verify.js'
import { bareHostname, portOf, proxyCredentials } from './url.js'

/**
 * A promise that settles once, and on abort runs `stop` (which must release
 * the socket) and rejects with the abort reason.
 */
export function abortable<T>(
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

export function networkFault(error: unknown, what: string, endpoint?: string): RequestFault {
  if (error instanceof RequestFault) return error
  const code = (error as NodeJS.ErrnoException).code
  const detail = code
    ? `${code === 'ENOTFOUND' ? 'host name not found' : messageOf(error)} (${code})`
    : messageOf(error)
  return new RequestFault('network', `${what}: ${detail}`, !PERMANENT_NETWORK_CODES.has(code ?? ''), {
    code,
    endpoint
  })
}

export function connect(
  host: string,
  port: number,
  lookup: net.LookupFunction | undefined,
  signal: AbortSignal
): Promise<net.Socket> {
  return abortable(signal, (resolve, reject) => {
    const socket = net.connect({ host, port, ...(lookup ? { lookup } : {}) })
    socket.once('connect', () => resolve(socket))
    socket.on('error', error => reject(networkFault(error, `cannot connect to ${host}:${port}`, `${host}:${port}`)))
    return () => socket.destroy()
  })
}

export function tunnel(proxy: URL, host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
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
    // The proxy, not the appliance, is what did not answer: its own fix (HTTPS_PROXY), and no first-run grace.
    request.on('error', error => {
      const fault = networkFault(error, `cannot reach ${where}`)
      reject(new RequestFault('proxy', fault.message, fault.retryable, { code: fault.code }))
    })
    request.end()
    return () => request.destroy()
  })
}

/** Whether a TLS handshake with the URL's host and port gets a server hello. Never throws. */
export async function speaksTls(url: URL, signal: AbortSignal): Promise<boolean> {
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

export function startTls(
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
        const message = `TLS verification of ${host}:${port} failed: ${problem.text}`
        reject(new RequestFault('tls', message, false, { code: problem.problem, endpoint: `${host}:${port}` }))
      } else {
        resolve(secure)
      }
    })
    secure.on('error', error => {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
        reject(
          new RequestFault('tls', `TLS handshake with ${host}:${port} failed (${code})`, false, {
            code: 'handshake',
            endpoint: `${host}:${port}`
          })
        )
      } else {
        reject(networkFault(error, `TLS handshake with ${host}:${port}`))
      }
    })
    return () => secure.destroy()
  })
}
