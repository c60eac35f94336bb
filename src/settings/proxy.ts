// The proxy to reach the appliance through, from the environment as the rest
// of the runner ecosystem reads it (@actions/http-client): `https_proxy`, then
// `HTTPS_PROXY` (the `http_` pair for an http:// host), and NO_PROXY through
// the caller's bypass rule. Unlike @actions/http-client, a value that does not
// parse is an error naming the variable, never a silent direct connection;
// a value without a scheme (`proxy:3128`) means http://, as curl reads it.
import type { InputReader } from './input-reader.js'

export interface ProxyEnvironment {
  /** An environment variable's value. */
  readonly variable: (name: string) => string | undefined
  /** True when `url` must be reached directly (loopback, NO_PROXY). */
  readonly bypass: (url: URL) => boolean
}

const FORM =
  'Expected http://host:port, or http://user:password@host:port with special characters percent-encoded (% as %25, @ as %40)'

/** The proxy for `target`, undefined for a direct connection; problems go to `inputs`. */
export function readProxy(target: URL, environment: ProxyEnvironment, inputs: InputReader): URL | undefined {
  const names = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  const name = names.find(candidate => environment.variable(candidate)?.trim())
  if (name === undefined || environment.bypass(target)) return undefined
  const text = (environment.variable(name) ?? '').trim()
  const shown = `'${redact(text)}'`
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  } catch {
    return inputs.failVariable(name, `has an invalid value ${shown}: it is not a URL. ${FORM}.`)
  }
  if (url.protocol !== 'http:') {
    return inputs.failVariable(name, `has the value ${shown}: only http:// proxies are supported. ${FORM}.`)
  }
  try {
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
  } catch {
    return inputs.failVariable(name, `has a user name or password that is not percent-encoded. ${FORM}.`)
  }
  return url
}

/** The value without its password, for messages: `http://user:***@host:3128`. */
function redact(text: string): string {
  // Up to the last '@': a password may hold an unencoded '@' too.
  const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text.replace(/^([^:/]*:\/\/[^:@/]*:).*@/, '$1***@')
    : text.replace(/^([^:@/]*:).*@/, '$1***@')
  return shown.length > 100 ? `${shown.slice(0, 97)}…` : shown
}
