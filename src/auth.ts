// How requests prove who we are. Basic sends the credentials on every
// request; a session logs in once (POST /sessions), then sends the cookie and
// the CSRF token, logs in again at most once when a used session expires, and
// logs out at the end. Every secret it creates is handed to `onSecret` before
// it can reach a log.
import { PollFault } from './errors.js'
import { headerValue, isAuthRefusal, statusFault } from './responses.js'
import type { Transport } from './transport.js'

export interface Authenticator {
  /** Headers for the next request (logs in first when needed). */
  headers(signal: AbortSignal): Promise<Record<string, string>>
  /**
   * Called after a 401/403. True when a new session was made and the request
   * deserves one more try; false when trying again cannot help.
   */
  renew(signal: AbortSignal): Promise<boolean>
  /** Ends the session, if any. Never throws. */
  close(signal: AbortSignal, timeoutMs: number): Promise<void>
}

export interface Credentials {
  readonly username: string
  readonly password: string
}

export function basicAuth(credentials: Credentials, onSecret: (value: string) => void): Authenticator {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')
  onSecret(token)
  const header = { authorization: `Basic ${token}` }
  return {
    headers: async () => header,
    renew: async () => false,
    close: async () => undefined
  }
}

interface Session {
  readonly cookie: string
  readonly csrf?: string
  /** Requests sent with this session. A refusal on the first means the login itself is not accepted. */
  uses: number
}

export function sessionAuth(
  credentials: Credentials,
  deps: { transport: Transport; baseUrl: URL; onSecret: (value: string) => void; onLogin?: () => void }
): Authenticator {
  let session: Session | undefined
  const url = new URL('/sessions', deps.baseUrl)

  const login = async (signal: AbortSignal): Promise<Session> => {
    deps.onLogin?.()
    const response = await deps.transport(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ UserId: credentials.username, password: credentials.password })
      },
      signal
    )
    const what = 'login (POST /sessions)'
    const fault = statusFault(response, what, `${what}: ${url.href} does not exist; is this an XClarity Administrator?`)
    if (fault) throw isAuthRefusal(response.status) ? new PollFault('auth', fault.message, false) : fault
    const cookies = parseSetCookie(response.headers['set-cookie'] ?? [])
    if (cookies.size === 0) throw new PollFault('auth', `${what}: the appliance set no session cookie`, false)
    for (const value of cookies.values()) deps.onSecret(value)
    const csrf = [...cookies].find(([name]) => name.toLowerCase() === 'csrf')?.[1] ?? headerValue(response, 'x-csrf-token')
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    deps.onSecret(cookie)
    if (csrf) deps.onSecret(csrf)
    return { cookie, csrf, uses: 0 }
  }

  const headersOf = (current: Session): Record<string, string> => ({
    cookie: current.cookie,
    ...(current.csrf ? { 'x-csrf-token': current.csrf } : {}),
    // Lenovo asks scripts to mark their polling so it does not count as user activity.
    'x-not-user-input': 'checkSession'
  })

  return {
    async headers(signal) {
      session ??= await login(signal)
      session.uses += 1
      return headersOf(session)
    },
    async renew(signal) {
      if (!session || session.uses <= 1) return false
      session = undefined
      session = await login(signal)
      return true
    },
    async close(signal, timeoutMs) {
      if (!session) return
      const current = session
      session = undefined
      try {
        await deps.transport({ method: 'DELETE', url, headers: headersOf(current) }, signal, timeoutMs)
      } catch {
        // Logging out is a courtesy; the session expires on its own.
      }
    }
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
