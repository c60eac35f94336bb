// What the answer to POST /csvRequest means: the job only where LXCA puts
// it, and a validation verdict only on an answer that says so.
import { describe, expect, it } from '@jest/globals'
import type { IncomingHttpHeaders } from 'node:http'
import { NO_SECRETS, SecretSet } from '../../src/common/secrets.js'
import { importOf, jobsNamed, validationOf } from '../../src/import/upload-answer.js'
import type { UploadAnswer } from '../../src/outcome/upload-outcome.js'

const response = (status: number, body: unknown = '', headers: IncomingHttpHeaders = {}) => ({
  status,
  headers,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
})

/** The details sentence of an answer that is an error. */
const reasonOf = (answer: UploadAnswer): string | undefined =>
  answer.status === 'error' ? answer.cause.reason : undefined

describe('jobsNamed: where LXCA puts the job, and nowhere else', () => {
  it.each([
    ['a Location path (201)', response(201, '', { location: '/csvRequest/jobs/4229' })],
    ['a Location path (202)', response(202, '', { location: '/csvRequest/jobs/4229' })],
    [
      'a Location URL naming another host name',
      response(200, '', { location: 'https://lxca-1.internal/csvRequest/jobs/4229' })
    ],
    ['a jobId field', response(200, { result: 'success', jobId: '4229' })],
    ['a numeric jobid field', response(200, { jobid: 4229 })],
    ['a job_id field', response(200, { job_id: '4229' })],
    ['a jobID path', response(200, { jobID: '/csvRequest/jobs/4229' })],
    ['a statusDescription path', response(200, { statusDescription: '/csvRequest/jobs/4229' })],
    ['a statusDescription number', response(200, { result: 'success', statusDescription: '4229' })]
  ])('finds the job in %s', (_name, answer) => {
    expect(jobsNamed(answer)).toEqual([{ id: '4229', type: 'csv' }])
  })

  it.each([
    ['a job path in free text', { result: 'success', messages: [{ text: 'See /csvRequest/jobs/41 for details.' }] }],
    ['an LXCA message ID', { result: 'success', messages: [{ id: 'FQXHMDM0163I', text: 'Job started.' }] }],
    ['a nested id', { result: 'success', job: { id: 4229 } }],
    ['a top-level id', { id: 4229 }],
    ['device IDs', { devices: [{ id: '10' }, { id: '11' }] }],
    ['a job field that is a word', { job: 'running' }],
    ['job number 0', { jobid: 0 }],
    ['a negative or fractional number', { jobId: -3, jobid: 4.5 }],
    ['a manage job path', { jobId: '/manageRequest/jobs/4229' }],
    ['a path trick', { jobId: '../sessions' }],
    ['an ID that is not a number', { jobId: 'running' }]
  ])('never takes %s for the job', (_name, body) => {
    expect(jobsNamed(response(200, body))).toEqual([])
  })

  it('takes Location first; a Location of another type or without a path names nothing', () => {
    expect(jobsNamed(response(201, { jobId: '1' }, { location: '/csvRequest/jobs/2' }))).toEqual([
      { id: '2', type: 'csv' }
    ])
    expect(jobsNamed(response(201, '', { location: '/manageRequest/jobs/2' }))).toEqual([])
    expect(jobsNamed(response(201, '', { location: '4229' }))).toEqual([])
    expect(jobsNamed(response(201, '', { location: '/csvRequest/jobs/2?x=1' }))).toEqual([])
  })

  it('lists every job the fields name, once each', () => {
    expect(jobsNamed(response(200, { jobId: '41', statusDescription: '/csvRequest/jobs/42' }))).toEqual([
      { id: '41', type: 'csv' },
      { id: '42', type: 'csv' }
    ])
    expect(jobsNamed(response(200, { jobId: '41', jobid: 41 }))).toHaveLength(1)
  })
})

describe('importOf', () => {
  it('201, 202 or 200 with a Location → started', () => {
    for (const status of [200, 201, 202]) {
      expect(importOf(response(status, '', { location: '/csvRequest/jobs/77' }), NO_SECRETS)).toMatchObject({
        status: 'success',
        job: { id: '77', type: 'csv' }
      })
    }
  })

  it.each([
    [
      'the old job quoted in a refusal',
      {
        result: 'failed',
        messages: [{ text: 'Import /csvRequest/jobs/41 is still running; this file was not imported.' }]
      }
    ],
    [
      'an LXCA message ID',
      { result: 'success', messages: [{ id: 'FQXHMDM0163I', text: 'The request was accepted.' }] }
    ],
    ['device IDs', { result: 'success', devices: [{ id: '1' }] }],
    ['a job that is a word', { job: 'running' }],
    ['job number 0', { jobid: 0 }],
    ['nothing at all', '']
  ])('2xx naming no job (%s) → error: may have started, never a guess', (_name, body) => {
    const answer = importOf(response(200, body), NO_SECRETS)
    expect(answer).toMatchObject({
      status: 'error',
      cause: { kind: expect.stringMatching(/^(no-job|may-have-started)$/) }
    })
    expect(answer).not.toHaveProperty('job')
  })

  it('2xx without a job: says the import has probably started', () => {
    const answer = importOf(response(200, { result: 'accepted', note: 'queued' }), NO_SECRETS)
    expect(answer).toMatchObject({ status: 'error', httpStatus: 200, cause: { kind: 'no-job' } })
    expect(reasonOf(answer)).toBe(
      'the appliance accepted the upload (HTTP 200) but named no job (no Location header and no job ID field: no content type, starts with "{"result":"accepted","note":"queued"}"), so the import has probably started'
    )
  })

  it('2xx naming two jobs → error, neither is polled', () => {
    const answer = importOf(response(200, { jobId: '41', statusDescription: '42' }), NO_SECRETS)
    expect(answer).toMatchObject({ status: 'error', cause: { kind: 'no-job' } })
    expect(reasonOf(answer)).toMatch(/named 2 different jobs \(41, 42\)/)
  })

  it('2xx whose result says it failed → error with its messages, even with a Location', () => {
    const answer = importOf(
      response(
        201,
        { result: 'failed', messages: [{ id: 'FQXHMDI0300M', text: 'Busy.' }] },
        { location: '/csvRequest/jobs/9' }
      ),
      NO_SECRETS
    )
    expect(answer).toMatchObject({
      status: 'error',
      cause: { kind: 'may-have-started' },
      messages: ['FQXHMDI0300M: Busy.']
    })
    expect(answer).not.toHaveProperty('job')
  })

  it('400, 404, 401 → error, nothing imported, with the appliance messages', () => {
    const body = {
      result: 'failed',
      messages: [{ id: 'FQXHMDI0202M', text: 'Line 3: the device address is missing.' }]
    }
    for (const status of [400, 404, 401]) {
      const answer = importOf(response(status, body), NO_SECRETS)
      expect(answer).toMatchObject({
        status: 'error',
        cause: { kind: 'not-imported' },
        messages: ['FQXHMDI0202M: Line 3: the device address is missing.']
      })
      expect(reasonOf(answer)).toMatch(/; nothing was imported$/)
    }
  })

  it('503, 429, 408 → error: the import may have started', () => {
    for (const status of [503, 429, 408]) {
      const answer = importOf(response(status), NO_SECRETS)
      expect(answer).toMatchObject({ status: 'error', cause: { kind: 'may-have-started' } })
      expect(reasonOf(answer)).toMatch(new RegExp(`HTTP ${status}.*; the import may have started$`))
    }
  })
})

describe('validationOf', () => {
  const lxca = (result: string, ...messages: Array<[string, string]>) => ({
    result,
    messages: messages.map(([id, text]) => ({ id, text }))
  })

  it('success or informational, with no error message → accepted, with the appliance words', () => {
    expect(validationOf(response(200, lxca('success', ['FQXHMDI0200I', 'Valid.'])), NO_SECRETS)).toMatchObject({
      status: 'success',
      messages: ['FQXHMDI0200I: Valid.']
    })
    expect(validationOf(response(200, { result: 'informational' }), NO_SECRETS).status).toBe('success')
  })

  it('a warning result or warning messages → accepted, and the warnings are shown', () => {
    const answer = validationOf(response(200, lxca('warning', ['FQXHMDI0300G', 'Duplicate display name.'])), NO_SECRETS)
    expect(answer).toMatchObject({ status: 'success', messages: ['FQXHMDI0300G: Duplicate display name.'] })
  })

  it.each([
    ['a failed result with its reasons', lxca('failed', ['FQXHMDI0301M', 'Line 2: bad IP.'])],
    ['an error message under a success result', lxca('success', ['FQXHMDI0301M', 'Line 2: bad IP.'])],
    ['an errors list', { result: 'failed', errors: ['Line 2: bad IP'] }]
  ])('2xx reporting %s → refused', (_name, body) => {
    expect(validationOf(response(200, body), NO_SECRETS).status).toBe('failure')
  })

  it.each([
    ['an HTML login page', response(200, '<html><title>Login</title></html>', { 'content-type': 'text/html' })],
    ['an empty body', response(200, '')],
    ['a 204', response(204)],
    ['a cut-off JSON body', response(200, '{"result":"success","messa')],
    ['null', response(200, 'null')],
    ['a list', response(200, '[]')],
    ['unknown keys', response(200, { status: 'ok', valid: true })],
    ['an unknown result', response(200, { result: 'pending' })],
    ['messages without a result', response(200, { messages: [{ id: 'FQXHMDI0200I', text: 'Valid.' }] })],
    ['a failure that names no problem', response(200, { result: 'Failure' })],
    ['plain text', response(200, 'Validation failed: line 3 has no address', { 'content-type': 'text/plain' })],
    ['a 400 that does not say why', response(400, '<html>Bad Request</html>', { 'content-type': 'text/html' })]
  ])('%s → error: could not be read, never accepted', (_name, answer) => {
    const read = validationOf(answer, NO_SECRETS)
    expect(read.status).toBe('error')
    expect(reasonOf(read)).toMatch(
      /^the appliance's answer to the validation could not be read \(HTTP \d+, .*\); the file was not validated$/
    )
  })

  it('a 400 or 422 with the appliance reasons → refused; a 500 → not validated (error)', () => {
    expect(validationOf(response(400, { messages: [{ id: 'X1M', text: 'No header.' }] }), NO_SECRETS)).toMatchObject({
      status: 'failure',
      messages: ['X1M: No header.']
    })
    expect(validationOf(response(422, lxca('failed', ['FQXHMDI0202M', 'Bad row.'])), NO_SECRETS).status).toBe('failure')
    expect(validationOf(response(500), NO_SECRETS).status).toBe('error')
  })

  it('a secret straddling the excerpt cut leaves no part of itself behind', () => {
    const password = 'Straddle-9x!'
    const secrets = new SecretSet()
    secrets.add(password)
    // The excerpt keeps 200 characters: the password starts 5 before the cut.
    const body = `${'x'.repeat(195)}${password} and more`
    const read = validationOf(response(200, body, { 'content-type': 'text/plain' }), secrets)
    expect(reasonOf(read)).toContain('***')
    for (let length = 4; length <= password.length; length++) {
      expect(reasonOf(read)).not.toContain(password.slice(0, length))
    }
  })
})
