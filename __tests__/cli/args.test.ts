import { describe, expect, it } from '@jest/globals'
import { UsageError } from '../../src/common/errors.js'
import { helpText, parseCli } from '../../src/cli/args.js'
import { envName } from '../../src/settings/input-output-names.js'
import { Input } from '../../src/settings/input-output-names.js'

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

describe('parseCli: what people type', () => {
  it('--version', () => {
    expect(parseCli(['--version'], {}).version).toBe(true)
  })

  it.each([
    ['--insecure-skip-tls-verify=true', 'true'],
    ['--insecure-skip-tls-verify=false', 'false'],
    ['--insecure-skip-tls-verify=FALSE', 'false'],
    ['--insecure-skip-tls-verify', 'true']
  ])('a boolean flag takes =true and =false: %s', (flag, value) => {
    expect(parseCli([flag], { LXCA_INSECURE_SKIP_TLS_VERIFY: 'true' }).read('insecure-skip-tls-verify')).toBe(value)
  })

  it('a boolean flag with another value is a usage error', () => {
    expect(() => parseCli(['--insecure-skip-tls-verify=maybe'], {})).toThrow(
      "--insecure-skip-tls-verify takes true or false, got 'maybe'. Run with --help to see every flag."
    )
  })

  it('a value that starts with a dash is the value, for the settings to judge (--timeout -1s)', () => {
    expect(parseCli(['--timeout', '-1s', '--job-id', '1'], {}).read('timeout')).toBe('-1s')
  })

  it('a flag followed by another flag is still "missing its value"', () => {
    expect(() => parseCli(['--job-id', '--host', 'h'], {})).toThrow(UsageError)
  })

  it('names a bad value where it came from: the flag, else its environment variable', () => {
    const options = parseCli(['--timeout', 'soon'], { LXCA_POLL_INTERVAL: 'often', LXCA_HOST: '' })
    expect(options.subject({ input: 'timeout', message: '' })).toBe('--timeout')
    expect(options.subject({ input: 'poll-interval', message: '' })).toBe('LXCA_POLL_INTERVAL')
    // Given neither way: both, the environment variable first for a credential.
    expect(options.subject({ input: 'host', message: '' })).toBe('--host (or LXCA_HOST)')
    expect(options.subject({ input: 'password', message: '' })).toBe('LXCA_PASSWORD (or --password)')
    expect(options.subject({ variable: 'HTTPS_PROXY', message: '' })).toBe('environment variable HTTPS_PROXY')
  })

  it.each([[['--nope']], [['--job-id']], [['--verbose=1']], [['4229']]])(
    'no usage message has a double full stop: %p',
    argv => {
      expect(() => parseCli(argv, {})).toThrow(UsageError)
      expect(() => parseCli(argv, {})).not.toThrow(/\.\./)
    }
  )
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
    expect(help).toContain('0 success, 0 partial, 1 failure, 2 timeout, 3 error, 130 cancelled')
  })
})
