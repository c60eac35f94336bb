// An LXCA simulator for tests, the demo and anyone who wants to try a
// workflow without an appliance. Serves the job endpoints over HTTPS on
// loopback with scripted job progressions, checks HTTP Basic credentials or a
// session (cookie + CSRF header, as LXCA does), records every request, and
// can misbehave on cue (see faults.ts).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { jobDocument, type JobScript } from './documents.js'
import { applyFault, type Fault } from './faults.js'

export type CertificateName = 'loopback' | 'named' | 'selfsigned' | 'expired'

export interface SimulatorOptions {
  readonly jobs: Readonly<Record<string, JobScript>>
  readonly username?: string
  readonly password?: string
  /** basic: only Basic; session: only a session; any: either (like LXCA). */
  readonly auth?: 'basic' | 'session' | 'any'
  /** Faults for the job requests, in order: the n-th job request gets faults[n-1] (undefined = behave). */
  readonly faults?: ReadonlyArray<Fault | undefined>
  /** Session requests accepted per session before it "expires" (401). */
  readonly sessionLifetime?: number
  readonly certificate?: CertificateName
  /** Plain HTTP, for the loopback http:// case. */
  readonly plainHttp?: boolean
  readonly port?: number
  readonly host?: string
  /** The time recorded with each request (tests pass their virtual clock); performance.now() by default. */
  readonly now?: () => number
}

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly at: number
  /** Basic credentials, a session cookie or a login body came with it. */
  readonly carriedCredentials: boolean
  readonly headers: IncomingMessage['headers']
}

export interface Simulator {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  readonly logins: () => number
  readonly logouts: () => number
  close(): Promise<void>
}

export const CERT_DIR = fileURLToPath(new URL('./certs/', import.meta.url))
export const SIMULATOR_CA = `${CERT_DIR}simulator-ca.pem`

const JOB_PATH = /^\/(csvRequest|manageRequest|unmanageRequest)\/jobs\/([^/?]+)$/
const TYPE_OF_SEGMENT: Record<string, JobScript['type']> = {
  csvRequest: 'csv',
  manageRequest: 'manage',
  unmanageRequest: 'unmanage'
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const username = options.username ?? 'admin'
  const password = options.password ?? 'Passw0rd!'
  const authMode = options.auth ?? 'any'
  const expectedBasic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  const requests: RecordedRequest[] = []
  const sessions = new Map<string, { csrf: string; uses: number }>()
  const goodPolls = new Map<string, number>()
  let jobRequests = 0
  let logins = 0
  let logouts = 0

  const handle = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const path = (request.url ?? '/').split('?')[0]
    const cookie = parseCookies(request.headers.cookie)
    const sessionId = cookie.get('JSESSIONID')
    const carriedCredentials =
      request.headers.authorization !== undefined ||
      sessionId !== undefined ||
      (path === '/sessions' && body.includes(password))
    requests.push({
      method: request.method ?? '',
      path,
      at: options.now ? options.now() : performance.now(),
      carriedCredentials,
      headers: request.headers
    })

    if (path === '/sessions' && request.method === 'POST') {
      let login: { UserId?: unknown; password?: unknown } = {}
      try {
        login = JSON.parse(body) as typeof login
      } catch {
        return sendJson(response, 400, errorBody('FQXHMSE0003J', 'The request body is not valid JSON.'))
      }
      if (authMode === 'basic') return sendJson(response, 404, errorBody('FQXHMSE0404J', 'Not found.'))
      if (login.UserId !== username || login.password !== password) {
        return sendJson(response, 401, errorBody('FQXHMSE0124J', 'The user name or password is not valid.'))
      }
      logins += 1
      const id = randomBytes(16).toString('hex')
      const csrf = randomBytes(16).toString('hex')
      sessions.set(id, { csrf, uses: 0 })
      response.setHeader('set-cookie', [
        `JSESSIONID=${id}; Path=/; Secure; HttpOnly`,
        `csrf=${csrf}; Path=/; Secure`,
        'inactivityTimeout=1440; Path=/'
      ])
      return sendJson(response, 200, { UserId: username, result: 'success' })
    }

    // Authentication: a valid session (cookie + CSRF header) or Basic credentials.
    const session = sessionId ? sessions.get(sessionId) : undefined
    const sessionOk =
      authMode !== 'basic' &&
      session !== undefined &&
      request.headers['x-csrf-token'] === session.csrf &&
      (options.sessionLifetime === undefined || session.uses < options.sessionLifetime)
    const basicOk = authMode !== 'session' && request.headers.authorization === expectedBasic
    if (!sessionOk && !basicOk) {
      return sendJson(response, 401, errorBody('FQXHMSE0001J', 'The request requires user authentication.'))
    }
    if (sessionOk && session) session.uses += 1

    if (path === '/sessions' && request.method === 'DELETE') {
      logouts += 1
      if (sessionId) sessions.delete(sessionId)
      return sendJson(response, 200, { result: 'success' })
    }

    const match = JOB_PATH.exec(path)
    if (!match || request.method !== 'GET')
      return sendJson(response, 404, errorBody('FQXHMSE0404J', `No resource at ${path}.`))
    const [, segment, id] = match
    const script = options.jobs[id]
    if (!script || (script.type ?? 'csv') !== TYPE_OF_SEGMENT[segment]) {
      return sendJson(response, 404, errorBody('FQXHMDI0404J', `The job ${id} was not found.`))
    }
    jobRequests += 1
    const key = `${segment}/${id}`
    const fault = options.faults?.[jobRequests - 1]
    const nextPoll = (goodPolls.get(key) ?? 0) + 1
    const document = JSON.stringify(jobDocument(script, nextPoll))
    if (fault) return applyFault(fault, response, document, echoOf(request, password))
    goodPolls.set(key, nextPoll)
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(document)
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')))
  }
  const certificate = options.certificate ?? 'loopback'
  const server = options.plainHttp
    ? http.createServer(listener)
    : https.createServer(
        { cert: readFileSync(`${CERT_DIR}${certificate}.pem`), key: readFileSync(`${CERT_DIR}${certificate}-key.pem`) },
        listener
      )
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // Clients that drop the connection mid-handshake are expected in TLS tests.
  server.on('tlsClientError', () => undefined)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `${options.plainHttp ? 'http' : 'https'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    logins: () => logins,
    logouts: () => logouts,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** What a careless appliance could echo: the password, and the token or session the request carried. */
function echoOf(request: IncomingMessage, password: string): string {
  const basic = request.headers.authorization?.replace(/^Basic /, '')
  const session = parseCookies(request.headers.cookie).get('JSESSIONID')
  const csrf = request.headers['x-csrf-token']
  return [
    `password ${password}`,
    basic && `token ${basic}`,
    session && `session ${session}`,
    csrf && `csrf ${String(csrf)}`
  ]
    .filter(Boolean)
    .join(', ')
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

function errorBody(id: string, text: string): unknown {
  return { result: 'failed', messages: [{ id, text, explanation: '', recovery: { text: '', URL: '' } }] }
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=')
    if (equals > 0) cookies.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim())
  }
  return cookies
}
