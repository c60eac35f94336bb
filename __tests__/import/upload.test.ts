// The upload is sent again only when it provably never reached the appliance.
import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import type { HttpResponse } from '../../src/http/transport.js'
import type { LxcaClient } from '../../src/lxca/client.js'
import { startImport } from '../../src/import/upload.js'
import { NO_SECRETS } from '../../src/common/secrets.js'
import type { UploadOutcome } from '../../src/outcome/upload-outcome.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

/** The details sentence of an upload that ended in an error. */
const reasonOf = (upload: UploadOutcome): string | undefined =>
  upload.status === 'error' ? upload.cause.reason : undefined

/** A client whose uploads play `answers` in order, counting the attempts. */
function client(answers: Array<HttpResponse | RequestFault>): { client: LxcaClient; attempts: () => number } {
  let attempts = 0
  const fake = {
    sendOnce: async () => {
      const answer = answers[Math.min(attempts++, answers.length - 1)]
      if (answer instanceof RequestFault) throw answer
      return answer
    }
  }
  return { client: fake as unknown as LxcaClient, attempts: () => attempts }
}

const created: HttpResponse = { status: 201, headers: { location: '/csvRequest/jobs/4229' }, body: Buffer.from('{}') }
const refused = new RequestFault('network', 'cannot connect to lxca:443: connect ECONNREFUSED (ECONNREFUSED)', true, {
  sent: false
})

async function upload(answers: Array<HttpResponse | RequestFault>, maxRetries = 8) {
  const clock = new VirtualClock()
  const fake = client(answers)
  const outcome = await clock.drive(
    startImport({
      client: fake.client,
      baseUrl: new URL('https://lxca.example.com'),
      file: { name: 'servers.csv', bytes: Buffer.from('a,b\n1,2\n'), rows: 1 },
      validationOnly: false,
      clock,
      random: () => 0.5,
      signal: new AbortController().signal,
      secrets: NO_SECRETS,
      maxRetries,
      pollIntervalMs: 15_000
    })
  )
  return { outcome, attempts: fake.attempts(), clock }
}

describe('startImport: never twice', () => {
  it('a refused connection (nothing sent) is retried, with backoff, and the import starts', async () => {
    const { outcome, attempts, clock } = await upload([refused, refused, created])
    expect(outcome).toMatchObject({ status: 'success', job: { id: '4229', type: 'csv' }, attempts: 3 })
    expect(attempts).toBe(3)
    expect(clock.sleeps).toEqual([5_000, 10_000])
  })

  it('gives up after max-retries refusals, saying nothing was imported', async () => {
    const { outcome, attempts } = await upload([refused], 2)
    expect(attempts).toBe(3)
    expect(outcome).toMatchObject({ status: 'error', cause: { kind: 'not-imported' } })
    expect(reasonOf(outcome)).toMatch(/the upload never reached the appliance, so nothing was imported$/)
  })

  it.each([
    [
      'a timeout after the request was sent',
      new RequestFault('timeout', 'no complete response within 30 s (request-timeout)', true, { sent: true })
    ],
    [
      'a reset after the request was sent',
      new RequestFault('network', 'POST /csvRequest: socket hang up (ECONNRESET)', true, { sent: true })
    ],
    [
      'a fault whose sending is not known',
      new RequestFault('body', 'POST /csvRequest: the response body was cut off after 3 bytes', true)
    ]
  ])('%s → exactly one POST, and an error that the import may have started', async (_name, fault) => {
    const { outcome, attempts } = await upload([fault, created])
    expect(attempts).toBe(1)
    expect(outcome).toMatchObject({ status: 'error', cause: { kind: 'may-have-started' } })
    expect(reasonOf(outcome)).toMatch(/; the import may have started$/)
  })

  it('a 503 → exactly one POST', async () => {
    const { outcome, attempts } = await upload([{ status: 503, headers: {}, body: Buffer.from('') }, created])
    expect(attempts).toBe(1)
    expect(outcome).toMatchObject({ status: 'error', cause: { kind: 'may-have-started' }, httpStatus: 503 })
  })

  it('a TLS refusal (nothing sent, not retryable) → error, nothing imported', async () => {
    const tls = new RequestFault('tls', 'TLS verification of lxca:443 failed: certificate is self-signed', false, {
      sent: false
    })
    const { outcome, attempts } = await upload([tls])
    expect(attempts).toBe(1)
    expect(outcome).toMatchObject({ status: 'error', cause: { kind: 'not-imported', fault: { kind: 'tls' } } })
  })
})
