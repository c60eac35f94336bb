// The appliance address as people write it: `lxca.example.com`, `10.0.0.5`,
// `host:8443`, `[fe80::1]`, or a URL `https://host[:port][/]`.
import { isIPv6 } from 'node:net'

export type HostResult = { ok: true; url: URL } | { ok: false; reason: string }

export function parseHost(text: string): HostResult {
  let candidate = text
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    // A bare IPv6 address has colons that would read as a port.
    if (isIPv6(candidate)) candidate = `[${candidate}]`
    candidate = `https://${candidate}`
  }
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return { ok: false, reason: 'it is not a valid host name, address or URL' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the scheme ${url.protocol.slice(0, -1)}:// is not supported` }
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      ok: false,
      reason:
        'http:// would send the credentials in clear text; use https:// (http:// is allowed only to a loopback address)'
    }
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'it must not contain credentials; use the username and password inputs' }
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, reason: 'it must not contain a path, query or fragment' }
  }
  if (!url.hostname) return { ok: false, reason: 'it has no host name' }
  return { ok: true, url: new URL(`${url.protocol}//${url.host}`) }
}

/** Loopback as the runner's proxy rules and our http:// rule see it. */
function isLoopback(hostname: string): boolean {
  const name = hostname.toLowerCase()
  return name === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '[::1]' || name === '::1'
}
