import { describe, expect, it } from '@jest/globals'
import { basicAuth, sessionAuth } from '../src/auth.js'
import type { HttpRequest, HttpResponse, Transport } from '../src/transport.js'

const signal = new AbortController().signal
const credentials = { username: 'admin', password: 'pa55-word' }

function loginResponse(n: number): HttpResponse {
  return {
    status: 200,
    headers: { 'set-cookie': [`JSESSIONID=sess${n}; Path=/; Secure`, `csrf=tok${n}; Path=/`] },
    body: Buffer.from('{}')
  }
}

/** A transport that answers logins from `logins` and records every request. */
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

describe('basicAuth', () => {
  it('sends the Basic header, masks its token, and never renews', async () => {
    const secrets: string[] = []
    const auth = basicAuth(credentials, value => secrets.push(value))
    expect(await auth.headers(signal)).toEqual({ authorization: 'Basic YWRtaW46cGE1NS13b3Jk' })
    expect(secrets).toEqual(['YWRtaW46cGE1NS13b3Jk'])
    expect(await auth.renew(signal)).toBe(false)
  })
})

describe('sessionAuth', () => {
  const baseUrl = new URL('https://lxca.example.com')

  it('logs in once with UserId/password, then sends the cookie and X-Csrf-Token', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1)])
    const secrets: string[] = []
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: value => secrets.push(value) })
    const first = await auth.headers(signal)
    const second = await auth.headers(signal)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'POST', url: new URL('https://lxca.example.com/sessions') })
    expect(JSON.parse(sent[0].body ?? '')).toEqual({ UserId: 'admin', password: 'pa55-word' })
    expect(first).toEqual({ cookie: 'JSESSIONID=sess1; csrf=tok1', 'x-csrf-token': 'tok1', 'x-not-user-input': 'checkSession' })
    expect(second).toEqual(first)
    expect(secrets).toEqual(expect.arrayContaining(['sess1', 'tok1', 'JSESSIONID=sess1; csrf=tok1']))
  })

  it('renews a used session once, but never a fresh one (no login storm)', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1), loginResponse(2)])
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: () => undefined })
    await auth.headers(signal)
    expect(await auth.renew(signal)).toBe(false) // refused on its first use: the login itself is not accepted
    await auth.headers(signal)
    expect(await auth.renew(signal)).toBe(true) // used before: it expired, log in again
    expect((await auth.headers(signal)).cookie).toBe('JSESSIONID=sess2; csrf=tok2')
    expect(await auth.renew(signal)).toBe(false)
    expect(sent.filter(request => request.method === 'POST')).toHaveLength(2)
  })

  it('turns a refused login into a fatal auth fault', async () => {
    const { transport } = fakeTransport([{ status: 401, headers: {}, body: Buffer.from('') }])
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: () => undefined })
    await expect(auth.headers(signal)).rejects.toMatchObject({ kind: 'auth', retryable: false })
  })

  it('a 503 on login stays retryable', async () => {
    const { transport } = fakeTransport([{ status: 503, headers: {}, body: Buffer.from('') }])
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: () => undefined })
    await expect(auth.headers(signal)).rejects.toMatchObject({ kind: 'http', retryable: true })
  })

  it('refuses a login that sets no cookie', async () => {
    const { transport } = fakeTransport([{ status: 200, headers: {}, body: Buffer.from('{}') }])
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: () => undefined })
    await expect(auth.headers(signal)).rejects.toThrow(/set no session cookie/)
  })

  it('logs out with the session, once, and swallows errors', async () => {
    const { transport, sent } = fakeTransport([loginResponse(1)])
    const auth = sessionAuth(credentials, { transport, baseUrl, onSecret: () => undefined })
    await auth.close(signal, 500)
    expect(sent).toHaveLength(0) // never logged in: nothing to end
    await auth.headers(signal)
    await auth.close(signal, 500)
    await auth.close(signal, 500)
    const deletes = sent.filter(request => request.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    expect(deletes[0].headers?.cookie).toBe('JSESSIONID=sess1; csrf=tok1')
  })
})
