// How requests prove who we are. Basic sends the credentials on every
// request; a session logs in once (POST /sessions), then sends the cookie and
// the CSRF token, logs in again when a session that has worked expires, and
// logs out at the end. Several jobs polled at once share one session, so a
// login in flight is shared and an expiry seen by two requests renews once.
// Every secret it creates is added to the run's secrets before it can reach a log.
import { RequestFault } from '../common/errors.js'
import type { Secrets } from '../common/secrets.js'
import { headerValue, isAuthRefusal, statusFault } from './responses.js'
import type { Transport } from '../http/transport.js'

/** What one request carries, and how to report that the appliance accepted it. */
export interface Credential {
  readonly headers: Readonly<Record<string, string>>
  /** The appliance answered with something other than 401/403. */
  accepted(): void
}

export interface Authenticator {
  /** How it proves who we are: the fix of a refusal depends on it. */
  readonly scheme: 'basic' | 'session'
  /** The credential for the next request (logs in first when needed). */
  credential(signal: AbortSignal): Promise<Credential>
  /**
   * Called when `refused` got a 401/403. True when a new session exists and
   * the request deserves one more try; false when trying again cannot help.
   */
  renew(refused: Credential, signal: AbortSignal): Promise<boolean>
  /** Ends the session, if any. Never throws. */
  close(signal: AbortSignal, timeoutMs: number): Promise<void>
}

export interface Credentials {
  readonly username: string
  readonly password: string
}

export function basicAuth(credentials: Credentials, secrets: Secrets): Authenticator {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')
  secrets.add(token)
  const credential: Credential = { headers: { authorization: `Basic ${token}` }, accepted: () => undefined }
  return {
    scheme: 'basic',
    credential: async () => credential,
    renew: async () => false,
    close: async () => undefined
  }
}

interface Session {
  readonly cookie: string
  readonly csrf?: string
  /** Some request with this session was accepted: a later refusal means it expired. */
  proven: boolean
}

interface SessionCredential extends Credential {
  readonly session: Session
}

interface SessionDeps {
  readonly transport: Transport
  readonly baseUrl: URL
  readonly secrets: Secrets
  readonly onLogin?: () => void
}

export function sessionAuth(credentials: Credentials, deps: SessionDeps): Authenticator {
  const url = new URL('/sessions', deps.baseUrl)
  /** The session being used, or being logged in. */
  let current: Promise<Session> | undefined
  /** The session `current` resolved to; undefined while a login is in flight. */
  let latest: Session | undefined

  /** Starts a login that every caller shares; a failed login is forgotten so the next poll may try again. */
  const startLogin = (signal: AbortSignal): Promise<Session> => {
    latest = undefined
    const attempt = login(credentials, url, deps, signal).then(session => (latest = session))
    current = attempt
    attempt.catch(() => {
      if (current === attempt) current = undefined
    })
    return attempt
  }

  return {
    scheme: 'session',
    async credential(signal) {
      const session = await (current ?? startLogin(signal))
      const credential: SessionCredential = {
        session,
        headers: sessionHeaders(session),
        accepted: () => (session.proven = true)
      }
      return credential
    },
    async renew(refused, signal) {
      const refusedSession = (refused as SessionCredential).session
      // Another request already replaced the session, or is replacing it: try again with that one.
      if (latest !== refusedSession && current !== undefined) return true
      // Refused before it ever worked: the login itself is not accepted, and logging in again would only hammer the account.
      if (!refusedSession.proven) return false
      await startLogin(signal)
      return true
    },
    async close(signal, timeoutMs) {
      const session = latest
      current = undefined
      latest = undefined
      if (!session) return
      try {
        await deps.transport({ method: 'DELETE', url, headers: sessionHeaders(session) }, signal, timeoutMs)
      } catch {
        // Logging out is a courtesy; the session expires on its own.
      }
    }
  }
}

/** POST /sessions; the session's own tokens become secrets before anything can print them. */
async function login(credentials: Credentials, url: URL, deps: SessionDeps, signal: AbortSignal): Promise<Session> {
  deps.onLogin?.()
  const body = JSON.stringify({ UserId: credentials.username, password: credentials.password })
  const response = await deps.transport(
    { method: 'POST', url, headers: { 'content-type': 'application/json' }, body },
    signal
  )
  const what = 'login (POST /sessions)'
  const notFound = `${what}: ${url.href} does not exist; is this an XClarity Administrator?`
  const fault = statusFault(response, what, notFound, deps.secrets)
  if (fault) {
    throw isAuthRefusal(response.status)
      ? new RequestFault('auth', fault.message, false, { status: response.status, code: 'session' })
      : fault
  }
  const cookies = parseSetCookie(response.headers['set-cookie'] ?? [])
  const named = (test: (name: string) => boolean): string | undefined =>
    [...cookies].find(([name]) => test(name.toLowerCase()))?.[1]
  // Only the session's own tokens are secrets: masking every cookie value
  // (`user=admin`, `inactivityTimeout=1`) would blank common words in every later log line.
  const session =
    named(name => name === 'jsessionid') ?? named(name => name.includes('session')) ?? named(name => name !== 'csrf')
  if (!session) throw new RequestFault('auth', `${what}: the appliance set no session cookie`, false)
  deps.secrets.add(session)
  const csrf = named(name => name === 'csrf') ?? headerValue(response, 'x-csrf-token')
  if (csrf) deps.secrets.add(csrf)
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  return { cookie, csrf, proven: false }
}

function sessionHeaders(session: Session): Record<string, string> {
  return {
    cookie: session.cookie,
    ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}),
    // Lenovo asks scripts to mark their polling so it does not count as user activity.
    'x-not-user-input': 'checkSession'
  }
}

function parseSetCookie(values: readonly string[]): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const line of values) {
    const pair = line.split(';', 1)[0]
    const equals = pair.indexOf('=')
    if (equals <= 0) continue
    cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim())
  }
  return cookies
}
