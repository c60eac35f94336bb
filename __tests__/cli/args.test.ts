import { describe, expect, it } from '@jest/globals'
import { envName, helpText, parseCli, UsageError } from '../../src/cli/args.js'
import { Input } from '../../src/settings/names.js'

describe('parseCli', () => {
  it('reads every input from its flag, else from LXCA_*', () => {
    const { read } = parseCli(['--host', 'flag-host', '--job-id=1,2', '--insecure-skip-tls-verify'], {
      LXCA_HOST: 'env-host',
      LXCA_TIMEOUT: '5m',
      LXCA_PASSWORD: 'pw'
    })
    expect(read('host')).toBe('flag-host')
    expect(read('job-id')).toBe('1,2')
    expect(read('timeout')).toBe('5m')
    expect(read('password')).toBe('pw')
    expect(read('insecure-skip-tls-verify')).toBe('true')
    expect(read('poll-interval')).toBe('')
  })

  it('warns when the password is given as a flag', () => {
    expect(parseCli(['--password', 'x'], {}).warnings).toEqual([expect.stringMatching(/set LXCA_PASSWORD instead/)])
    expect(parseCli([], { LXCA_PASSWORD: 'x' }).warnings).toEqual([])
  })

  it('refuses unknown flags and stray arguments with a hint', () => {
    expect(() => parseCli(['--hots', 'x'], {})).toThrow(UsageError)
    expect(() => parseCli(['--hots', 'x'], {})).toThrow(/Unknown option '--hots'.*--help/)
    expect(() => parseCli(['4229'], {})).toThrow(UsageError)
  })

  it('decides colour from flags, NO_COLOR and FORCE_COLOR, else leaves it to the terminal', () => {
    expect(parseCli([], {}).color).toBeUndefined()
    expect(parseCli(['--no-color'], { FORCE_COLOR: '1' }).color).toBe(false)
    expect(parseCli([], { NO_COLOR: '1' }).color).toBe(false)
    expect(parseCli([], { FORCE_COLOR: '1' }).color).toBe(true)
    expect(parseCli([], { FORCE_COLOR: '0' }).color).toBeUndefined()
    expect(parseCli(['--color'], {}).color).toBe(true)
  })

  it('takes --summary-file, --report-file, --verbose and --help', () => {
    expect(parseCli(['--summary-file', 's.md', '--report-file', 'r.json', '--verbose', '-h'], {})).toMatchObject({
      summaryFile: 's.md',
      reportFile: 'r.json',
      verbose: true,
      help: true
    })
  })
})

describe('helpText', () => {
  it('lists every input as a flag with its environment variable, and the exit codes', () => {
    const help = helpText('lxca-job-gate')
    for (const name of Object.values(Input)) {
      expect(help).toContain(`--${name}`)
      expect(help).toContain(envName(name))
    }
    expect(help).toContain('LXCA_USERNAME')
    expect(help).toContain('LXCA_PASSWORD')
    expect(help).toContain('0 success, 1 failure, 2 timeout, 3 error, 130 cancelled')
  })
})
