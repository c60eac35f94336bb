// What the engine sets up before it asks anything: the TLS warning, the
// secrets it knows from the settings, and how requests prove who we are.
import { formatDuration } from '../common/duration.js'
import type { Secrets } from '../common/secrets.js'
import type { Transport } from '../http/transport.js'
import { basicAuth, sessionAuth, type Authenticator } from '../lxca/auth.js'
import { jobUrl, type JobRef } from '../lxca/job-ref.js'
import type { Settings } from '../settings/settings.js'
import type { GateLog } from './gate-deps.js'

export function authenticator(settings: Settings, transport: Transport, secrets: Secrets, log: GateLog): Authenticator {
  const credentials = { username: settings.username, password: settings.password }
  if (settings.authMethod === 'basic') return basicAuth(credentials, secrets)
  return sessionAuth(credentials, {
    transport,
    baseUrl: settings.baseUrl,
    secrets,
    onLogin: () => log.debug('Logging in (POST /sessions)')
  })
}

export function warnIfInsecure(settings: Settings, log: GateLog): void {
  if (!settings.tls.insecure) return
  log.warning(
    settings.tls.fingerprint
      ? 'insecure-skip-tls-verify is on: the certificate chain and name are not verified; only the tls-fingerprint pin protects the credentials.'
      : "insecure-skip-tls-verify is on: the appliance's certificate is not verified, so anyone on the network path can read the credentials. Set ca-certificate or tls-fingerprint instead.",
    'TLS verification is off'
  )
}

/** The secrets the settings bring: the CSV's credential cells, and the proxy password (raw, decoded, as a token). */
export function addSettingsSecrets(settings: Settings, secrets: Secrets): void {
  for (const secret of settings.upload?.files.flatMap(file => file.secrets) ?? []) secrets.add(secret)
  const proxy = settings.proxy
  if (!proxy?.password) return
  secrets.add(proxy.password)
  try {
    const password = decodeURIComponent(proxy.password)
    secrets.add(password)
    secrets.add(Buffer.from(`${decodeURIComponent(proxy.username)}:${password}`).toString('base64'))
  } catch {
    // Settings refuse a password that does not decode; nothing more to mask.
  }
}

/** The first line of a wait: what is waited for, how long, how often, how. */
export function startLine(settings: Settings, jobs: readonly JobRef[]): string {
  const { baseUrl } = settings
  const what = jobs.length > 1 ? `${jobs.length} jobs on ${baseUrl.host}` : jobUrl(baseUrl, jobs[0]).href
  return (
    `Waiting for ${what}: timeout ${formatDuration(settings.timeoutMs)}, ` +
    `poll interval up to ${formatDuration(settings.pollIntervalMs)}, ${settings.authMethod} authentication` +
    (settings.proxy ? `, through proxy ${settings.proxy.host}` : '')
  )
}
