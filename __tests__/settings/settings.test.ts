import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { InputName } from '../../src/settings/input-output-names.js'
import type { Settings } from '../../src/settings/settings.js'
import { problemsWith, readWith, type Files } from '../helpers/settings-reader.js'
import { SIMULATOR_CA } from '../../src/simulator/server.js'

const BASE: Partial<Record<InputName, string>> = {
  host: 'lxca.example.com',
  username: 'admin',
  password: 's3cr3t-pa55',
  'job-id': '4229'
}

function settings(inputs: Partial<Record<InputName, string>>, files: Files = {}): Settings {
  return readWith({ ...BASE, ...inputs }, files)
}

/** The problems reported for these inputs (fails the test if they were accepted). */
function problems(inputs: Partial<Record<InputName, string>>, files?: Files): string[] {
  return problemsWith({ ...BASE, ...inputs }, files)
}

const CA_PEM = readFileSync(SIMULATOR_CA, 'utf8')

describe('readSettings: defaults', () => {
  it('fills every optional input with its documented default', () => {
    const s = settings({})
    expect(s.baseUrl.href).toBe('https://lxca.example.com/')
    expect(s.jobs).toEqual([{ id: '4229', type: 'csv' }])
    expect(s.timeoutMs).toBe(3_600_000)
    expect(s.pollIntervalMs).toBe(15_000)
    expect(s.requestTimeoutMs).toBe(30_000)
    expect(s.maxRetries).toBe(8)
    expect(s.successResults).toEqual(['SUCCESS'])
    expect(s.authMethod).toBe('basic')
    expect(s.tls).toEqual({ ca: undefined, serverName: undefined, fingerprint: undefined, insecure: false })
  })
})

describe('readSettings: host', () => {
  it.each([
    ['lxca.example.com', 'https://lxca.example.com/'],
    ['10.0.0.5', 'https://10.0.0.5/'],
    ['lxca.example.com:8443', 'https://lxca.example.com:8443/'],
    ['https://lxca.example.com/', 'https://lxca.example.com/'],
    ['https://10.0.0.5:8443', 'https://10.0.0.5:8443/'],
    ['fe80::1', 'https://[fe80::1]/'],
    ['[fe80::1]:8443', 'https://[fe80::1]:8443/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://localhost', 'http://localhost/'],
    ['http://[::1]:9000', 'http://[::1]:9000/']
  ])('accepts %s', (host, url) => {
    expect(settings({ host }).baseUrl.href).toBe(url)
  })

  it.each([
    ['http://lxca.example.com', /clear text/],
    ['http://10.0.0.5', /clear text/],
    ['ftp://lxca', /scheme ftp/],
    ['https://lxca.example.com/ui/index.html', /path/],
    ['https://lxca.example.com/?x=1', /query/],
    ['https://admin:pw@lxca.example.com', /credentials/],
    ['lxca.example.com:99999', /not a valid/],
    ['exa mple.com', /not a valid/]
  ])('refuses %s, naming the input and the form', (host, reason) => {
    const [problem] = problems({ host })
    expect(problem).toMatch(/^Input 'host' /)
    expect(problem).toMatch(reason)
    expect(problem).toMatch(/Expected lxca\.example\.com/)
  })
})

describe('readSettings: job-id', () => {
  it.each([
    ['4229', { id: '4229', type: 'csv' }],
    ['job_42-a', { id: 'job_42-a', type: 'csv' }],
    ['/csvRequest/jobs/4229', { id: '4229', type: 'csv' }],
    ['csvRequest/jobs/4229/', { id: '4229', type: 'csv' }],
    ['https://lxca.example.com/csvRequest/jobs/4229', { id: '4229', type: 'csv' }],
    ['https://LXCA.example.com:443/csvRequest/jobs/4229', { id: '4229', type: 'csv' }],
    ['/manageRequest/jobs/77', { id: '77', type: 'manage' }],
    ['https://lxca.example.com/unmanageRequest/jobs/78', { id: '78', type: 'unmanage' }]
  ])('accepts %s', (jobId, job) => {
    expect(settings({ 'job-id': jobId }).jobs).toEqual([job])
  })

  it('takes the type from job-type for a bare ID', () => {
    expect(settings({ 'job-id': '9', 'job-type': 'manage' }).jobs).toEqual([{ id: '9', type: 'manage' }])
  })

  it('takes several jobs separated by commas, spaces or new lines, and polls duplicates once', () => {
    expect(
      settings({
        'job-id': '4229, 4230\n/manageRequest/jobs/7 4229 https://lxca.example.com/csvRequest/jobs/4230',
        'job-type': 'csv'
      }).jobs
    ).toEqual([
      { id: '4229', type: 'csv' },
      { id: '4230', type: 'csv' },
      { id: '7', type: 'manage' }
    ])
  })

  it.each([
    ['https://lxca-b.example.com/csvRequest/jobs/4229', 'lxca-b.example.com'],
    ['https://lxca.example.com:8443/csvRequest/jobs/4229', 'lxca.example.com:8443']
  ])('refuses a job URL on another appliance than host: %s', (jobId, other) => {
    const [problem] = problems({ 'job-id': jobId })
    expect(problem).toBe(
      `Input 'job-id' names the appliance ${other} in '${jobId}', but host is lxca.example.com. Give the job of the appliance in host, or its bare ID.`
    )
  })

  it('names the bad entry among several', () => {
    const [problem] = problems({ 'job-id': '4229, ../x, 4230' })
    expect(problem).toMatch(/^Input 'job-id' has an invalid value '\.\.\/x'/)
  })

  it('refuses more than 20 jobs', () => {
    const ids = Array.from({ length: 21 }, (_, i) => String(i)).join(',')
    expect(problems({ 'job-id': ids })[0]).toMatch(/lists 21 jobs; at most 20/)
  })

  it.each([
    '../../etc/passwd',
    '4229/../1',
    '/csvRequest/jobs/../../sessions',
    '4229?x=1',
    '%2e%2e',
    '/other/jobs/1',
    'https://h/csvRequest/jobs/1?y',
    'a'.repeat(129)
  ])('refuses %p: no path tricks reach the server', jobId => {
    const [problem] = problems({ 'job-id': jobId })
    expect(problem).toMatch(/^Input 'job-id' has an invalid value/)
    expect(problem).toMatch(/letters, digits, '-' or '_'/)
  })
})

describe('readSettings: credentials', () => {
  it('requires username and password and never echoes the password', () => {
    const found = problems({ username: '', password: '' })
    expect(found).toEqual([
      "Input 'username' is required. Expected the LXCA user name.",
      "Input 'password' is required. Expected the LXCA password, from a secret."
    ])
  })

  it('refuses a password with a line break without showing it', () => {
    const [problem] = problems({ password: 'abc\ndef-secret' })
    expect(problem).toMatch(/^Input 'password' must not contain control characters/)
    expect(problem).not.toContain('secret')
  })

  it("refuses a username with ':' (Basic cannot carry it)", () => {
    expect(problems({ username: 'dom:user' })[0]).toMatch(/^Input 'username' must not contain ':'/)
  })
})

describe('readSettings: durations and numbers', () => {
  it.each([
    ['timeout', '1h30m', 'timeoutMs', 5_400_000],
    ['timeout', '90', 'timeoutMs', 90_000],
    ['poll-interval', '500ms', 'pollIntervalMs', 500],
    ['request-timeout', '2m', 'requestTimeoutMs', 120_000],
    ['max-retries', '0', 'maxRetries', 0],
    ['max-retries', '20', 'maxRetries', 20]
  ] as const)('%s %s', (input, text, key, value) => {
    expect(settings({ [input]: text })[key]).toBe(value)
  })

  it.each([
    ['timeout', 'soon', /Expected a duration such as 500ms/],
    ['timeout', '0', /between 1 s and 5d 0h/],
    ['timeout', '-1s', /must be positive; got '-1s'/],
    ['poll-interval', '10ms', /between 100 ms and 1h 0m/],
    ['request-timeout', '1d', /between 100 ms and 10m 0s/],
    ['max-retries', '-1', /whole number from 0 to 100/],
    ['max-retries', '3.5', /whole number from 0 to 100/],
    ['max-retries', '101', /whole number from 0 to 100/]
  ])('refuses %s=%s', (input, text, reason) => {
    const [problem] = problems({ [input]: text })
    expect(problem).toMatch(new RegExp(`^Input '${input}'`))
    expect(problem).toMatch(reason)
  })

  it('reports every bad input at once', () => {
    expect(problems({ host: '', timeout: 'x', 'max-retries': 'y', 'auth-method': 'ntlm' })).toHaveLength(4)
  })
})

describe('readSettings: success-results, auth-method, job-type', () => {
  it('splits, trims and upper-cases success-results', () => {
    expect(settings({ 'success-results': ' success , Warning_1 ' }).successResults).toEqual(['SUCCESS', 'WARNING_1'])
  })

  it.each([',', 'SUCCESS;OK', 'SUCC ESS'])('refuses success-results %p', text => {
    expect(problems({ 'success-results': text })[0]).toMatch(/^Input 'success-results' .*comma-separated/)
  })

  it('accepts session auth in any case', () => {
    expect(settings({ 'auth-method': 'Session' }).authMethod).toBe('session')
  })

  it.each([
    ['auth-method', 'ntlm', /Expected basic or session/],
    ['job-type', 'deploy', /Expected csv, manage or unmanage/]
  ])('refuses %s=%s', (input, text, reason) => {
    expect(problems({ [input]: text })[0]).toMatch(reason)
  })
})

describe('readSettings: TLS', () => {
  it('takes ca-certificate as PEM text', () => {
    expect(settings({ 'ca-certificate': CA_PEM }).tls.ca).toContain('BEGIN CERTIFICATE')
  })

  it('takes ca-certificate as a path', () => {
    expect(settings({ 'ca-certificate': '/etc/lxca-ca.pem' }, { '/etc/lxca-ca.pem': CA_PEM }).tls.ca).toContain(
      'BEGIN CERTIFICATE'
    )
  })

  it.each([
    ['/missing.pem', /names '\/missing.pem', which cannot be read \(ENOENT\)/],
    ['-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----', /cannot be parsed/],
    ['-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----', /contains no certificate/]
  ])('refuses ca-certificate %p', (text, reason) => {
    const [problem] = problems({ 'ca-certificate': text })
    expect(problem).toMatch(/^Input 'ca-certificate' /)
    expect(problem).toMatch(reason)
    expect(problem).toMatch(/Expected PEM text/)
  })

  it('normalises tls-fingerprint to the colon form Node reports', () => {
    const hex = 'ab'.repeat(32)
    const expected = Array(32).fill('AB').join(':')
    expect(settings({ 'tls-fingerprint': hex }).tls.fingerprint).toBe(expected)
    expect(settings({ 'tls-fingerprint': `SHA256:${expected.toLowerCase()}` }).tls.fingerprint).toBe(expected)
  })

  it.each([
    `sha256 Fingerprint=${Array(32).fill('AB').join(':')}`,
    `SHA256 Fingerprint=${Array(32).fill('ab').join(':')}`,
    `  sha256 fingerprint = ${Array(32).fill('Ab').join(':')}\n`
  ])('takes the exact output of openssl x509 -noout -fingerprint -sha256: %p', text => {
    expect(settings({ 'tls-fingerprint': text }).tls.fingerprint).toBe(Array(32).fill('AB').join(':'))
  })

  it('takes ca-certificate PEM text with lines before and between the blocks (openssl output)', () => {
    const text = `subject=CN = LXCA Simulator Test CA\nissuer=CN = LXCA Simulator Test CA\n${CA_PEM}\nCertificate:\n    Data:\n        Version: 3 (0x2)\n${CA_PEM}`
    expect(settings({ 'ca-certificate': text }).tls.ca?.match(/BEGIN CERTIFICATE/g)).toHaveLength(2)
  })

  it('never echoes certificate-like text that is neither PEM nor a path', () => {
    const text =
      'MIIBkTCB+wIJAKHHIGw0oZ1WMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnNl\ncnZlcjAeFw0yNjExMjcxMjAwMDBaFw0yNzExMjcxMjAwMDBa'
    const [problem] = problems({ 'ca-certificate': text })
    expect(problem).toBe(
      "Input 'ca-certificate' contains no PEM certificate. Expected PEM text (-----BEGIN CERTIFICATE----- …) or the path of a PEM file."
    )
  })

  it.each(['abc', 'zz'.repeat(32), 'ab'.repeat(20)])('refuses tls-fingerprint %p', text => {
    expect(problems({ 'tls-fingerprint': text })[0]).toMatch(/^Input 'tls-fingerprint' .*64 hex digits/)
  })

  it('reads insecure-skip-tls-verify like core.getBooleanInput', () => {
    expect(settings({ 'insecure-skip-tls-verify': 'TRUE' }).tls.insecure).toBe(true)
    expect(settings({ 'insecure-skip-tls-verify': 'False' }).tls.insecure).toBe(false)
    expect(problems({ 'insecure-skip-tls-verify': 'yes' })[0]).toMatch(/Expected true or false/)
  })

  it('checks tls-server-name is a DNS name', () => {
    expect(settings({ 'tls-server-name': 'lxca.internal' }).tls.serverName).toBe('lxca.internal')
    expect(problems({ 'tls-server-name': 'bad name!' })[0]).toMatch(/^Input 'tls-server-name'/)
  })
})

describe('readSettings: allowed-failures', () => {
  it('takes a count or a percentage of the devices; 0 (the default) allows none', () => {
    expect(settings({}).allowance).toBeUndefined()
    expect(settings({ 'allowed-failures': '0' }).allowance).toBeUndefined()
    expect(settings({ 'allowed-failures': '0%' }).allowance).toBeUndefined()
    expect(settings({ 'allowed-failures': '5' }).allowance).toEqual({ count: 5 })
    expect(settings({ 'allowed-failures': ' 2% ' }).allowance).toEqual({ percent: 2 })
    expect(settings({ 'allowed-failures': '0.5%' }).allowance).toEqual({ percent: 0.5 })
    expect(settings({ 'allowed-failures': '100%' }).allowance).toEqual({ percent: 100 })
  })

  it.each(['-1', '5.5', '101%', 'abc', '5 devices', '%', '1e3'])(
    'refuses %s, naming the input and its forms',
    value => {
      expect(problems({ 'allowed-failures': value })).toEqual([
        `Input 'allowed-failures' has an invalid value '${value}'. Expected a whole number of devices (0, 5) or a percentage of the devices from 0% to 100% (2%, 0.5%); the default 0 lets no device fail.`
      ])
    }
  )
})
