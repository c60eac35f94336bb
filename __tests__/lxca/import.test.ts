// What the answer to POST /csvRequest means.
import { describe, expect, it } from '@jest/globals'
import type { IncomingHttpHeaders } from 'node:http'
import { importOf, jobFromResponse, validationOf } from '../../src/lxca/import.js'

const response = (status: number, body: unknown = '', headers: IncomingHttpHeaders = {}) => ({
  status,
  headers,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
})

describe('jobFromResponse', () => {
  it.each([
    ['a Location path', response(201, '', { location: '/csvRequest/jobs/4229' })],
    ['a Location URL', response(201, '', { location: 'https://lxca.example.com/csvRequest/jobs/4229' })],
    ['a jobId field', response(200, { result: 'success', jobId: '4229' })],
    ['a numeric jobID field', response(202, { jobID: 4229 })],
    [
      'a job path anywhere in the body',
      response(200, { result: 'success', links: [{ rel: 'job', href: '/csvRequest/jobs/4229' }] })
    ],
    ['a nested id', response(200, { job: { id: 4229 } })]
  ])('finds the job in %s', (_name, answer) => {
    expect(jobFromResponse(answer)).toEqual({ id: '4229', type: 'csv' })
  })

  it('prefers the Location header, and never takes a path trick for an ID', () => {
    expect(jobFromResponse(response(201, { jobId: '1' }, { location: '/csvRequest/jobs/2' }))?.id).toBe('2')
    expect(jobFromResponse(response(201, { jobId: '../sessions' }))).toBeUndefined()
    expect(jobFromResponse(response(201, { result: 'success' }))).toBeUndefined()
    expect(jobFromResponse(response(201, '<html>ok</html>'))).toBeUndefined()
  })
})

describe('importOf', () => {
  it('2xx with a job → started', () => {
    expect(importOf(response(201, '', { location: '/csvRequest/jobs/77' }))).toMatchObject({
      status: 'success',
      job: { id: '77' }
    })
  })

  it('2xx without a job → error: probably started, showing the status and an excerpt, pointing to job-id', () => {
    const answer = importOf(response(200, { result: 'accepted', note: 'queued' }))
    expect(answer).toMatchObject({ status: 'error', mayHaveStarted: true, httpStatus: 200 })
    expect(answer.reason).toBe(
      'the appliance accepted the upload (HTTP 200) but named no job (no Location header, no job ID in the body: {"result":"accepted","note":"queued"}); the import has probably started: find its job in XClarity Administrator › Monitoring › Jobs and pass it as job-id instead'
    )
  })

  it('400 → error, nothing imported, with the appliance messages', () => {
    const answer = importOf(
      response(400, {
        result: 'failed',
        messages: [{ id: 'FQXHMDI0202M', text: 'Line 3: the device address is missing.' }]
      })
    )
    expect(answer).toMatchObject({
      status: 'error',
      mayHaveStarted: false,
      messages: ['FQXHMDI0202M: Line 3: the device address is missing.']
    })
    expect(answer.reason).toMatch(/; nothing was imported$/)
  })

  it('503 → error: the import may or may not have started', () => {
    const answer = importOf(response(503))
    expect(answer).toMatchObject({ status: 'error', mayHaveStarted: true })
    expect(answer.reason).toMatch(
      /HTTP 503.*the import may or may not have started: look for it in XClarity Administrator › Monitoring › Jobs/
    )
  })
})

describe('validationOf', () => {
  it('2xx with nothing wrong → accepted, with the appliance words', () => {
    expect(
      validationOf(response(200, { result: 'success', messages: [{ id: 'FQXHMDI0200I', text: 'Valid.' }] }))
    ).toMatchObject({
      status: 'success',
      messages: ['FQXHMDI0200I: Valid.']
    })
    expect(validationOf(response(204)).status).toBe('success')
  })

  it.each([
    ['a failed result', { result: 'failed', messages: [] }],
    ['a warning message', { messages: [{ id: 'FQXHMDI0300F', text: 'Duplicate device.' }] }],
    ['a critical message', { messages: [{ id: 'FQXHMDI0301M', text: 'Bad row.' }] }],
    ['an errors list', { errors: ['Line 2: bad IP'] }]
  ])('2xx reporting %s → refused', (_name, body) => {
    expect(validationOf(response(200, body)).status).toBe('failure')
  })

  it('400 → refused with its messages; 500 → not validated (error)', () => {
    expect(validationOf(response(400, { messages: [{ id: 'X1M', text: 'No header.' }] }))).toMatchObject({
      status: 'failure',
      messages: ['X1M: No header.']
    })
    expect(validationOf(response(500)).status).toBe('error')
  })
})
