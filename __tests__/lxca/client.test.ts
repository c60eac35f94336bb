// The upload is sent once; a refusal of an expired session is the one case
// where it is sent again: the appliance refused it before doing anything.
import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import { SecretSet } from '../../src/common/secrets.js'
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'
import { basicAuth, sessionAuth } from '../../src/lxca/auth.js'
import { LxcaClient } from '../../src/lxca/client.js'

const signal = new AbortController().signal
const baseUrl = new URL('https://lxca.example.com')
const credentials = { username: 'admin', password: 'pa55-word' }
const upload: HttpRequest = { method: 'POST', url: new URL('/csvRequest', baseUrl), body: 'csv' }
const answer = (status: number): HttpResponse => ({ status, headers: {}, body: Buffer.from('{}') })

/** An appliance whose sessions expire after `uses` requests each, and whose logins answer as `login` says. */
function appliance(uses: number, login: () => HttpResponse | Error = () => answer(200)) {
  const sent: HttpRequest[] = []
  let sessions = 0
  const left = new Map<string, number>()
  const transport: Transport = async request => {
    sent.push(request)
    if (request.url.pathname === '/sessions') {
      const made = login()
      if (made instanceof Error) throw made
      if (made.status !== 200) return made
      sessions += 1
      left.set(`s${sessions}`, uses)
      return { ...made, headers: { 'set-cookie': [`JSESSIONID=s${sessions}`, `csrf=t${sessions}`] } }
    }
    const session = /JSESSIONID=(\w+)/.exec(request.headers?.cookie ?? '')?.[1]
    const remaining = left.get(session ?? '') ?? (request.headers?.authorization ? 1 : 0)
    if (remaining <= 0) return answer(401)
    if (session) left.set(session, remaining - 1)
    return answer(request.method === 'POST' ? 201 : 200)
  }
  const posts = (): number => sent.filter(request => request.url.pathname === '/csvRequest').length
  const logins = (): number => sent.filter(request => request.url.pathname === '/sessions').length
  return { transport, posts, logins }
}

function sessionClient(transport: Transport): LxcaClient {
  const secrets = new SecretSet()
  return new LxcaClient(transport, baseUrl, sessionAuth(credentials, { transport, baseUrl, secrets }), secrets)
}

describe('LxcaClient.sendOnce', () => {
  it('a session that expired between parts: one new login, the upload sent once more, and it is taken', async () => {
    const sim = appliance(1)
    const client = sessionClient(sim.transport)
    await client.getJob({ id: '1', type: 'csv' }, signal).catch(() => undefined)
    const response = await client.sendOnce(upload, signal)
    expect(response.status).toBe(201)
    expect(sim.posts()).toBe(2)
    expect(sim.logins()).toBe(2)
  })

  it('a session refused before it ever worked is not renewed: the refusal stands, sent once', async () => {
    const sim = appliance(0)
    const response = await sessionClient(sim.transport).sendOnce(upload, signal)
    expect(response.status).toBe(401)
    expect(sim.posts()).toBe(1)
    expect(sim.logins()).toBe(1)
  })

  it('Basic credentials refused: the refusal stands, sent once', async () => {
    const sent: HttpRequest[] = []
    const transport: Transport = async request => {
      sent.push(request)
      return answer(401)
    }
    const secrets = new SecretSet()
    const client = new LxcaClient(transport, baseUrl, basicAuth(credentials, secrets), secrets)
    expect((await client.sendOnce(upload, signal)).status).toBe(401)
    expect(sent).toHaveLength(1)
  })

  it('a new login that fails leaves the upload not sent again, and says so (sent: false)', async () => {
    let n = 0
    const sim = appliance(1, () => (++n === 1 ? answer(200) : new RequestFault('network', 'reset', true)))
    const client = sessionClient(sim.transport)
    await client.getJob({ id: '1', type: 'csv' }, signal).catch(() => undefined)
    const fault = await client.sendOnce(upload, signal).catch((error: unknown) => error)
    expect(fault).toBeInstanceOf(RequestFault)
    expect((fault as RequestFault).sent).toBe(false)
    expect(sim.posts()).toBe(1)
  })
})
