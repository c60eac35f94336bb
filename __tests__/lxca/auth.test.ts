import { SecretSet } from '../../src/common/secrets.js'
import { describe, expect, it } from '@jest/globals'
import { basicAuth, sessionAuth } from '../../src/lxca/auth.js'
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'

const signal = new AbortController().signal
const credentials = { username: 'admin', password: 'pa55-word' }

function loginResponse(n: number): HttpResponse {
  return {
    status: 200,
    headers: { 'set-cookie': [`JSESSIONID=sess${n}; Path=/; Secure`, `csrf=tok${n}; Path=/`] },
    body: Buffer.from('{}')
  }
}

/** A transport that answers logins from `logins` (in order) and records every request. */
function fakeTransport(logins: Array<HttpResponse | Error>): { transport: Transport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = []
  let n = 0
  return {
    sent,
    transport: async request => {
      sent.push(request)
      if (request.method === 'POST') {
        const next = logins[n++]
        if (next instanceof Error) throw next
        return next
      }
      return { status: 200, headers: {}, body: Buffer.from('{}') }
    }
  }
}

/** The run's secrets, recording each one added. */
function recorder(added: string[]): SecretSet {
  return new SecretSet(value => void added.push(value))
}

const logins = (sent: HttpRequest[]): number => sent.filter(request => request.method === 'POST').length
const baseUrl = new URL('https://lxca.example.com')

describe('basicAuth', () => {
  it('sends the Basic header, masks its token, and never renews', async () => {
    const secrets: string[] = []
    const auth = basicAuth(credentials, recorder(secrets))
    const credential = await auth.credential(signal)
    expect(credential.headers).toEqual({ authorization: 'Basic YWRtaW46cGE1NS13b3Jk' })
    expect(secrets).toEqual(['YWRtaW46cGE1NS13b3Jk'])
    expect(await auth.renew(credential, signal)).toBe(false)
  })
})

describe('sessionAuth', () => {
  it('logs in once with UserId/password, then sends the cookie and X-Csrf-Token', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1)])
    const secrets: string[] = []
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: recorder(secrets) })
    const first = await auth.credential(signal)
    const second = await auth.credential(signal)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'POST', url: new URL('https://lxca.example.com/sessions') })
    expect(JSON.parse(String(sent[0].body))).toEqual({ UserId: 'admin', password: 'pa55-word' })
    expect(first.headers).toEqual({
      cookie: 'JSESSIONID=sess1; csrf=tok1',
      'x-csrf-token': 'tok1',
      'x-not-user-input': 'checkSession'
    })
    expect(second.headers).toEqual(first.headers)
    expect(secrets).toEqual(['sess1', 'tok1'])
  })

  it("masks only the session's own tokens, not cookies such as user=admin or inactivityTimeout=1", async () => {
    const login: HttpResponse = {
      status: 200,
      headers: {
        'set-cookie': ['JSESSIONID=s3ss10n-id; Secure', 'csrf=csrf-t0ken', 'inactivityTimeout=1', 'user=admin']
      },
      body: Buffer.from('{}')
    }
    const { transport } = fakeTransport([login])
    const secrets: string[] = []
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: recorder(secrets) })
    const credential = await auth.credential(signal)
    expect(secrets).toEqual(['s3ss10n-id', 'csrf-t0ken'])
    // Every cookie still goes back to the appliance.
    expect(credential.headers.cookie).toBe('JSESSIONID=s3ss10n-id; csrf=csrf-t0ken; inactivityTimeout=1; user=admin')
  })

  it('concurrent requests share one login', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1), loginResponse(2)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    await Promise.all([auth.credential(signal), auth.credential(signal), auth.credential(signal)])
    expect(logins(sent)).toBe(1)
  })

  it('a session refused before it ever worked is not renewed (no login storm)', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1), loginResponse(2)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    const credential = await auth.credential(signal)
    expect(await auth.renew(credential, signal)).toBe(false)
    expect(logins(sent)).toBe(1)
  })

  it('a session that worked and then expired is renewed once, and the new one is used', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1), loginResponse(2)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    const first = await auth.credential(signal)
    first.accepted()
    expect(await auth.renew(first, signal)).toBe(true)
    const second = await auth.credential(signal)
    expect(second.headers.cookie).toBe('JSESSIONID=sess2; csrf=tok2')
    // The renewed session is refused at once: fatal.
    expect(await auth.renew(second, signal)).toBe(false)
    expect(logins(sent)).toBe(2)
  })

  it('two requests refused with the same expired session renew it once', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1), loginResponse(2), loginResponse(3)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    const [a, b] = await Promise.all([auth.credential(signal), auth.credential(signal)])
    a.accepted()
    expect(await Promise.all([auth.renew(a, signal), auth.renew(b, signal)])).toEqual([true, true])
    expect(logins(sent)).toBe(2)
  })

  it('turns a refused login into a fatal auth fault', async () => {
    const { transport } = fakeTransport([{ status: 401, headers: {}, body: Buffer.from('') }])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    await expect(auth.credential(signal)).rejects.toMatchObject({ kind: 'auth', retryable: false })
  })

  it('a 503 on login stays retryable, and the next request logs in again', async () => {
    const { transport, sent } = fakeTransport([{ status: 503, headers: {}, body: Buffer.from('') }, loginResponse(2)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    await expect(auth.credential(signal)).rejects.toMatchObject({ kind: 'http', retryable: true })
    expect((await auth.credential(signal)).headers.cookie).toBe('JSESSIONID=sess2; csrf=tok2')
    expect(logins(sent)).toBe(2)
  })

  it('refuses a login that sets no cookie', async () => {
    const { transport } = fakeTransport([{ status: 200, headers: {}, body: Buffer.from('{}') }])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    await expect(auth.credential(signal)).rejects.toThrow(/set no session cookie/)
  })

  it('logs out with the session, once, and swallows errors', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1)])
    const auth = sessionAuth(credentials, { transport, baseUrl, secrets: new SecretSet() })
    await auth.close(signal, 500)
    expect(sent).toHaveLength(0) // never logged in: nothing to end
    await auth.credential(signal)
    await auth.close(signal, 500)
    await auth.close(signal, 500)
    const deletes = sent.filter(request => request.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    expect(deletes[0].headers?.cookie).toBe('JSESSIONID=sess1; csrf=tok1')
  })
})
