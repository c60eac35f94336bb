// Which job to watch: a plain ID, a job path, or a URL; only a plain ID ever
// reaches a URL.
import { describe, expect, it } from '@jest/globals'
import { jobPath, jobTextHost, jobUrl, parseJobRef } from '../../src/lxca/job-ref.js'

describe('parseJobRef', () => {
  it.each([
    ['4229', { id: '4229', type: 'csv' }],
    ['/csvRequest/jobs/4229', { id: '4229', type: 'csv' }],
    ['csvrequest/jobs/4229/', { id: '4229', type: 'csv' }],
    ['/manageRequest/jobs/77', { id: '77', type: 'manage' }],
    ['/unmanageRequest/jobs/78', { id: '78', type: 'unmanage' }],
    ['https://lxca.example.com/csvRequest/jobs/4229', { id: '4229', type: 'csv' }],
    ['http://127.0.0.1:8443/manageRequest/jobs/5', { id: '5', type: 'manage' }],
    ['HTTPS://LXCA/csvRequest/jobs/A-b_1', { id: 'A-b_1', type: 'csv' }]
  ])('reads %p', (text, job) => {
    expect(parseJobRef(text, 'csv')).toEqual(job)
  })

  it('a bare ID takes the default type', () => {
    expect(parseJobRef('4229', 'unmanage')).toEqual({ id: '4229', type: 'unmanage' })
  })

  it.each([
    'see https://lxca/csvRequest/jobs/1',
    'ftp://lxca/csvRequest/jobs/1',
    'https://lxca/csvRequest/jobs/1?x=1',
    'https://lxca/csvRequest/jobs/1#top',
    'https://[bad/csvRequest/jobs/1',
    '/sessions/jobs/1',
    '/csvRequest/jobs/../sessions',
    '/csvRequest/jobs/',
    '../sessions',
    'a b',
    'x'.repeat(129)
  ])('refuses %p', text => {
    expect(parseJobRef(text, 'csv')).toBeUndefined()
  })
})

describe('jobTextHost', () => {
  it('the host[:port] a URL names; nothing for an ID, a path or what is not a URL', () => {
    expect(jobTextHost('https://lxca.example.com:8443/csvRequest/jobs/1')).toBe('lxca.example.com:8443')
    expect(jobTextHost('http://10.0.0.5/csvRequest/jobs/1')).toBe('10.0.0.5')
    expect(jobTextHost('4229')).toBeUndefined()
    expect(jobTextHost('/csvRequest/jobs/4229')).toBeUndefined()
    expect(jobTextHost('x https://h/csvRequest/jobs/1')).toBeUndefined()
    expect(jobTextHost('https://[bad')).toBeUndefined()
  })
})

describe('jobPath and jobUrl', () => {
  it('build the path on the appliance of the base URL', () => {
    expect(jobPath({ id: '77', type: 'manage' })).toBe('/manageRequest/jobs/77')
    expect(jobUrl(new URL('https://lxca:8443'), { id: '1', type: 'csv' }).href).toBe(
      'https://lxca:8443/csvRequest/jobs/1'
    )
  })
})
