// The bundled command line (dist/cli/index.js) against the simulator.
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scriptJob } from '../../src/simulator/documents.js'
import { SIMULATOR_CA, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'
import { CLI_BUNDLE } from '../../scripts/run-action.js'
import { csvFile, serversCsv } from '../helpers/engine.js'
import { simulators } from '../helpers/simulators.js'
import { echoedForms } from '../helpers/echo-forms.js'

const PASSWORD = 'Cl1-Sup3r-Secret'
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version

const started = simulators({ password: PASSWORD })

function simulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return started({
    ...options,
    jobs: {
      '4229': scriptJob({ devices: 2, pollsToComplete: 2 }),
      '4230': scriptJob({
        devices: 2,
        pollsToComplete: 2,
        failures: [{ device: 1, step: 'LOGIN', userAction: 'Check the BMC password.' }]
      }),
      '4231': scriptJob({ devices: 1, pollsToComplete: Infinity })
    }
  })
}

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** From SIGINT to exit, when it was interrupted. */
  afterInterruptMs?: number
}

/** Runs the bundled CLI; sends `signal` once stderr matches `interruptWhen`. */
function cli(
  args: string[],
  env: Record<string, string> = {},
  interruptWhen?: RegExp,
  signal: NodeJS.Signals = 'SIGINT'
): Promise<CliRun> {
  return new Promise(resolve => {
    let interruptedAt: number | undefined
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (interruptWhen?.test(stderr) && interruptedAt === undefined) {
        interruptedAt = performance.now()
        child.kill(signal)
      }
    })
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000)
    child.on('close', code => {
      clearTimeout(guard)
      const afterInterruptMs = interruptedAt === undefined ? undefined : performance.now() - interruptedAt
      resolve({ code, stdout, stderr, afterInterruptMs })
    })
  })
}

const env = (sim: Simulator, extra: Record<string, string> = {}): Record<string, string> => ({
  LXCA_HOST: sim.url,
  LXCA_USERNAME: 'admin',
  LXCA_PASSWORD: PASSWORD,
  LXCA_CA_CERTIFICATE: SIMULATOR_CA,
  LXCA_POLL_INTERVAL: '200ms',
  ...extra
})

describe('the command line', () => {
  it('--help lists every flag and the environment variables, and exits 0', async () => {
    const result = await cli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('--job-id VALUE')
    expect(result.stdout).toContain('LXCA_PASSWORD')
  })

  it('--version prints the version, and exits 0', async () => {
    const result = await cli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`lxca-job-gate ${VERSION}\n`)
  })

  it('success → exit 0, progress on stderr, a plain summary on stdout without colour', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '4229'], env(sim))
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^✔ LXCA job 4229 on 127\.0\.0\.1:\d+ succeeded: all 2 devices managed · /)
    expect(result.stdout).toContain('2 polls, 0 retries')
    expect(result.stdout).toContain('✔ 2 devices succeeded: 10.240.72.1, 10.240.72.2')
    expect(result.stdout).not.toContain('\u001b[')
    expect(result.stderr).toContain('Job progress 100%')
  })

  it('failure → exit 1, the failed device with its step tree and user action', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '4230', '--color'], env(sim))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('\u001b[31m')
    const plain = result.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')
    expect(plain).toContain('Failed at: Login')
    expect(plain).toContain('User action: Check the BMC password.')
    expect(plain).toMatch(/✖ Login \(stopped with error\) {2}← failed here/)
    expect(plain).toContain('· Duplicate check (not run)')
  })

  it('timeout → exit 2', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '4231', '--timeout', '1s'], env(sim))
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(
      /^⏱ LXCA job 4231 on \S+ timed out after 1 s: 0% done of 1 device: 0 succeeded, 0 failed, 1 not finished\n/
    )
    expect(result.stdout).toContain('The LXCA job keeps running on the appliance')
  })

  it('error (unknown job) → exit 3', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '999'], env(sim))
    expect(result.code).toBe(3)
    expect(result.stdout).toMatch(
      /^! Could not check LXCA job 999 on \S+: job not found \(HTTP 404\) · \d+(\.\d)? m?s\n/
    )
    expect(result.stdout).toContain(
      '  Fix: Check --job-id (LXCA_JOB_ID) (and --job-type (LXCA_JOB_TYPE) for a bare ID)'
    )
    expect(result.stdout).toContain('  Details: job 999 was not found at')
  })

  it('bad or missing options → exit 3 before any request, naming the flag', async () => {
    const sim = await simulator()
    const result = await cli(
      ['--job-id', '../x', '--timeout', '-1s'],
      env(sim, { LXCA_HOST: '', LXCA_POLL_INTERVAL: 'often' })
    )
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('--host (or LXCA_HOST) is required')
    expect(result.stderr).toContain("--job-id has an invalid value '../x'")
    expect(result.stderr).toContain("--timeout must be positive; got '-1s'")
    // A bad value from the environment is named by its variable.
    expect(result.stderr).toContain("LXCA_POLL_INTERVAL has an invalid value 'often'")
    expect(result.stderr).not.toMatch(/\.\.\s|Unexpected|\n\s+at /)
    expect(sim.requests).toHaveLength(0)
    const unknown = await cli(['--nope'])
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toBe("lxca-job-gate: Unknown option '--nope'. Run with --help to see every flag.\n")
  })

  it('bad options with --junit → the JUnit file holds one error case with the message (a CI step reading it finds it)', async () => {
    const sim = await simulator()
    const junit = join(mkdtempSync(join(tmpdir(), 'lxca-cli-junit-')), 'junit.xml')
    const result = await cli(['--job-id', '../x', '--junit', junit], env(sim))
    expect(result.code).toBe(3)
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toMatch(/<testsuites name="lxca-job-gate" tests="1" failures="0" errors="1"/)
    expect(xml).toContain(`invalid options, nothing was sent to the appliance: --job-id has an invalid value '../x'.`)
    expect(sim.requests).toHaveLength(0)
  })

  it('several jobs → the worst exit code, and the Markdown and report files', async () => {
    const sim = await simulator()
    const dir = mkdtempSync(join(tmpdir(), 'lxca-cli-'))
    const result = await cli(
      ['--job-id', '4229,4230', '--summary-file', join(dir, 's.md'), '--report-file', join(dir, 'r.json')],
      env(sim)
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^✖ 1 of 2 LXCA jobs on \S+ did not pass: 1 failed\n\n✖ LXCA job 4230 failed/)
    expect(readFileSync(join(dir, 's.md'), 'utf8')).toMatch(
      /^## ❌ 1 of 2 LXCA jobs on \S+ did not pass&#58; 1 failed · /
    )
    // Keyed by job, in the order the waits ended (the jobs are watched at once, so either may end first).
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).sort()).toEqual([
      'csvRequest/jobs/4229',
      'csvRequest/jobs/4230'
    ])
  })

  it('--csv-file with --validation-only=true: the CSV checked on the appliance, exit 0, nothing imported', async () => {
    const sim = await simulator()
    const result = await cli(['--csv-file', csvFile(serversCsv(2)), '--validation-only=true'], env(sim))
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^✔ servers\.csv is valid on \S+: the appliance accepted its 2 devices · /)
    expect(sim.requests.map(request => `${request.method} ${request.path}`)).toEqual(['GET /nodes', 'POST /csvRequest'])
  })

  // The appliance asks for a minute's pause (503, Retry-After: 60): a signal that did not cut the wait short
  // would end the run a minute later, far past the 10-second bound.
  const pause = { faults: [{ kind: 'status' as const, status: 503, retryAfter: '60' }] }

  it('SIGINT during a one-minute wait → exit 130 at once, with the summary', async () => {
    const sim = await simulator(pause)
    const result = await cli(['--job-id', '4231'], env(sim), /Retrying in 1m/)
    expect(result.code).toBe(130)
    expect(result.afterInterruptMs).toBeLessThan(10_000)
    expect(result.stdout).toMatch(/^⊘ Cancelled while waiting for LXCA job 4231 on \S+ · \d+(\.\d)? m?s\n/)
  })

  it('never prints the password or the Basic token, even when verbose', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '4230', '--verbose', '--password', PASSWORD], env(sim))
    const all = result.stdout + result.stderr
    expect(all).toContain('debug:')
    expect(all).not.toContain(PASSWORD)
    expect(all).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'))
  })

  it('SIGHUP (the terminal or SSH session closed) during a one-minute wait → exit 130 with the summary, as Ctrl-C', async () => {
    const sim = await simulator(pause)
    const result = await cli(['--job-id', '4231'], env(sim), /Retrying in 1m/, 'SIGHUP')
    expect(result.code).toBe(130)
    expect(result.afterInterruptMs).toBeLessThan(10_000)
    expect(result.stdout).toMatch(/^⊘ Cancelled while waiting for LXCA job 4231/)
  })

  it('no password given either way → exit 3 naming LXCA_PASSWORD first, before any request', async () => {
    const sim = await simulator()
    const result = await cli(['--job-id', '4229'], env(sim, { LXCA_PASSWORD: '' }))
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('  LXCA_PASSWORD (or --password) is required.')
    expect(sim.requests).toHaveLength(0)
  })

  it('a --summary-file that cannot be written → exit 3 before any request, saying which and why', async () => {
    const sim = await simulator()
    const missing = join(tmpdir(), 'no-such-folder-for-lxca', 'summary.md')
    const result = await cli(['--job-id', '4229', '--summary-file', missing], env(sim))
    expect(result.code).toBe(3)
    expect(result.stderr).toBe(
      `lxca-job-gate: --summary-file ${missing} cannot be written (ENOENT); nothing was sent to the appliance.\n`
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('secrets the appliance echoes, encoded, reach neither the terminal nor the summary and report files', async () => {
    const password = 'P@ss/w0rd<&>=x'
    const sim = await simulator({ password, faults: [{ kind: 'echo', as: 'document', encoder: 'gson' }] })
    const dir = mkdtempSync(join(tmpdir(), 'lxca-cli-'))
    const files = ['--summary-file', join(dir, 's.md'), '--report-file', join(dir, 'r.json')]
    const result = await cli(['--job-id', '4229', ...files], env(sim, { LXCA_PASSWORD: password }))
    expect(result.code).toBe(1)
    const all = [
      result.stdout,
      result.stderr,
      readFileSync(join(dir, 's.md'), 'utf8'),
      readFileSync(join(dir, 'r.json'), 'utf8')
    ]
    expect(all[0]).toContain('***')
    for (const text of all) for (const form of echoedForms(password)) expect(text).not.toContain(form)
    expect(JSON.stringify(JSON.parse(all[3]))).not.toContain(password)
  })
})

describe('the command line after a partial failure', () => {
  it('--allowed-failures 1 with 1 of 3 failed → exit 0 (partial); --failed-csv (0600) and --devices-file written', async () => {
    const sim = await simulator()
    const dir = mkdtempSync(join(tmpdir(), 'lxca-cli-files-'))
    const csv = csvFile(serversCsv(3, { 1: 'fail:LOGIN:Check the BMC password.' }))
    const failed = join(dir, 'failed.csv')
    const devices = join(dir, 'devices.json')
    const junit = join(dir, 'junit.xml')
    const result = await cli(
      [
        '--csv-file',
        csv,
        '--allowed-failures',
        '1',
        '--failed-csv',
        failed,
        '--devices-file',
        devices,
        '--junit',
        junit
      ],
      env(sim)
    )
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="lxca-job-gate" tests="3" failures="1" errors="0"/)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^Uploaded servers\.csv \(3 devices\): it started LXCA job 5001\.\n\n▲ LXCA job 5001 on \S+ passed: 1 of 3 devices failed, within --allowed-failures 1 \(LXCA_ALLOWED_FAILURES=1\) · /
    )
    expect(result.stdout).toContain('rack-2 (10.240.9.2)')
    expect(result.stdout).toMatch(/servers\.csv:3/)
    const lines = readFileSync(csv, 'utf8').split('\r\n')
    expect(readFileSync(failed, 'utf8')).toBe(`${lines[0]}\r\n${lines[2]}\r\n`)
    expect(statSync(failed).mode & 0o777).toBe(0o600)
    const all = JSON.parse(readFileSync(devices, 'utf8')) as Array<{ name: string; state: string }>
    expect(all.map(item => [item.name, item.state])).toEqual([
      ['rack-1', 'imported'],
      ['rack-3', 'imported'],
      ['rack-2', 'failed']
    ])
    // The CSV's BMC passwords are on no screen.
    expect(result.stdout + result.stderr).not.toMatch(/Bmc-Passw0rd/)
  })

  it('the same run without --allowed-failures → exit 1; a bad value is named by its flag', async () => {
    const sim = await simulator()
    const csv = csvFile(serversCsv(3, { 1: 'fail:LOGIN' }))
    expect((await cli(['--csv-file', csv], env(sim))).code).toBe(1)
    const before = sim.requests.length
    const bad = await cli(['--csv-file', csv, '--allowed-failures', '5.5'], env(sim))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain("--allowed-failures has an invalid value '5.5'. Expected a whole number of devices")
    expect(sim.requests).toHaveLength(before)
  })
})

describe('the command line with several files', () => {
  it('takes --csv-file more than once, and globs; one job at a time, in order', async () => {
    const sim = await simulator()
    const dir = mkdtempSync(join(tmpdir(), 'lxca-cli-racks-'))
    for (const name of ['rack-b', 'rack-a', 'rack-c'])
      writeFileSync(join(dir, `${name}.csv`), serversCsv(1).replace('rack-1', name))
    writeFileSync(join(dir, 'extra.csv'), serversCsv(2))
    const result = await cli(['--csv-file', join(dir, 'rack-*.csv'), '--csv-file', join(dir, 'extra.csv')], env(sim))
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^✔ 5 servers in 4 LXCA jobs on \S+: all managed · /)
    const order = [
      ...result.stderr.matchAll(/^Part (\d) of 4 \(\S+\/([a-z-]+)\.csv lines? [\d–]+\): job \d+ started/gm)
    ].map(match => `${match[1]} ${match[2]}`)
    expect(order).toEqual(['1 rack-a', '2 rack-b', '3 rack-c', '4 extra'])
  })
})

describe('the command line: what the workspace names', () => {
  it('a CSV named with an escape sequence and a line break: no control character reaches the terminal', async () => {
    const sim = await simulator()
    const dir = mkdtempSync(join(tmpdir(), 'lxca-cli-names-'))
    const name = join(dir, 'rack\u001b[2J\nx.csv')
    writeFileSync(name, serversCsv(1))
    const result = await cli(['--csv-file', join(dir, 'rack*.csv'), '--validation-only=true'], env(sim))
    expect(result.code).toBe(0)
    expect(result.stderr + result.stdout).not.toContain('\u001b')
    expect(result.stderr).toContain('rack\\u001b[2J\\nx.csv')
  })
})
