// The proxy variables as people set them, read as the runner ecosystem does,
// but never silently ignored when they do not parse.
import { afterEach, describe, expect, it } from '@jest/globals'
import { checkBypass } from '@actions/http-client/lib/proxy'
import { InputError } from '../../src/common/errors.js'
import { readWith } from '../helpers/settings-reader.js'
import type { ProxyEnvironment } from '../../src/settings/proxy.js'

const INPUTS: Record<string, string> = { host: 'lxca.example.com', username: 'admin', password: 'pw', 'job-id': '1' }

function read(
  variables: Record<string, string>,
  host = 'lxca.example.com',
  bypass: ProxyEnvironment['bypass'] = () => false
) {
  const inputs: Record<string, string> = { ...INPUTS, host }
  return readWith(inputs, {}, { variable: name => variables[name], bypass })
}

function problem(variables: Record<string, string>): string {
  try {
    read(variables)
  } catch (error) {
    if (error instanceof InputError) return error.sentences.join('\n')
    throw error
  }
  throw new Error('accepted')
}

describe('proxy variables', () => {
  it('no variable: a direct connection', () => {
    expect(read({}).proxy).toBeUndefined()
  })

  it('https_proxy wins over HTTPS_PROXY; an empty one does not count', () => {
    expect(read({ https_proxy: 'http://a:3128', HTTPS_PROXY: 'http://b:3128' }).proxy?.host).toBe('a:3128')
    expect(read({ https_proxy: ' ', HTTPS_PROXY: 'http://b:3128' }).proxy?.host).toBe('b:3128')
  })

  it('an http:// appliance (loopback only) reads the http_ pair', () => {
    expect(
      read({ HTTP_PROXY: 'http://c:3128', HTTPS_PROXY: 'http://b:3128' }, 'http://127.0.0.1:8080', () => false).proxy
        ?.host
    ).toBe('c:3128')
  })

  it.each(['localhost:3128', 'proxy.corp.example:8080', '10.0.0.1:3128'])(
    '%s without a scheme means http://, as curl reads it',
    value => {
      expect(read({ HTTPS_PROXY: value }).proxy?.href).toBe(`http://${value}/`)
    }
  )

  it('keeps the credentials for Proxy-Authorization', () => {
    const proxy = read({ HTTPS_PROXY: 'http://svc:p%40ss@proxy:3128' }).proxy
    expect([proxy?.username, proxy?.password]).toEqual(['svc', 'p%40ss'])
  })

  it('a value that does not parse is an error naming the variable, never a silent direct connection', () => {
    expect(problem({ HTTPS_PROXY: 'http://[bad' })).toBe(
      "Environment variable HTTPS_PROXY has an invalid value 'http://[bad': it is not a URL. Expected http://host:port, or http://user:password@host:port with special characters percent-encoded (% as %25, @ as %40)."
    )
  })

  it('a bare % in the password is an error, and the password is never shown', () => {
    const text = problem({ https_proxy: 'http://svc:50%off-secret@proxy:3128' })
    expect(text).toMatch(/^Environment variable https_proxy has a user name or password that is not percent-encoded/)
    expect(text).not.toContain('secret')
  })

  it('a proxy URL that cannot parse never shows its password either', () => {
    const text = problem({ HTTPS_PROXY: 'http://svc:hunter2@[bad' })
    expect(text).toContain("'http://svc:***@[bad'")
    expect(text).not.toContain('hunter2')
  })

  it.each(['https://proxy:3128', 'socks5://proxy:1080'])('%s: only http:// proxies are supported', value => {
    expect(problem({ HTTPS_PROXY: value })).toMatch(/only http:\/\/ proxies are supported/)
  })

  it('a bypassed host needs no proxy, so a broken variable does not matter to it', () => {
    expect(read({ HTTPS_PROXY: 'http://[bad' }, 'lxca.example.com', () => true).proxy).toBeUndefined()
  })

  describe("with @actions/http-client's NO_PROXY rule", () => {
    const saved = { ...process.env }
    afterEach(() => {
      delete process.env.NO_PROXY
      Object.assign(process.env, saved)
    })

    it('NO_PROXY=.internal sends lxca.internal directly; loopback is never proxied', () => {
      process.env.NO_PROXY = '.internal'
      expect(read({ HTTPS_PROXY: 'http://p:3128' }, 'lxca.internal', checkBypass).proxy).toBeUndefined()
      expect(read({ HTTPS_PROXY: 'http://p:3128' }, 'lxca.example.com', checkBypass).proxy?.host).toBe('p:3128')
      expect(read({ HTTPS_PROXY: 'http://p:3128' }, '127.0.0.1:8443', checkBypass).proxy).toBeUndefined()
    })
  })
})
