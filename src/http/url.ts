// What the transport needs of a URL: the host as sockets and TLS want it, the
// port, and a proxy URL's credentials.

/** Host name without IPv6 brackets, as sockets and TLS want it. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port)
  return url.protocol === 'http:' ? 80 : 443
}

/** A proxy URL's credentials, decoded, for Proxy-Authorization. */
export function proxyCredentials(proxy: URL): { username: string; password: string } | undefined {
  if (!proxy.username && !proxy.password) return undefined
  return { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) }
}
