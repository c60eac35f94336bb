// The simulator's command line: what people type, what it serves, and that
// it stops cleanly (Ctrl-C, or its parent gone), leaving nothing listening.
import { describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import https from 'node:https'
import { parseSimulatorCli } from '../../src/simulator/cli-args.js'
import { SIMULATOR_CA } from '../../src/simulator/server.js'

const CLI = new URL('../../src/simulator/cli.ts', import.meta.url).pathname

describe('parseSimulatorCli', () => {
  it('serves three jobs by default: a success, a failure at a named step, one that never finishes', () => {
    const options = parseSimulatorCli([])
    expect(options.fates).toEqual([
      { id: '4229', fate: 'success' },
      { id: '4230', fate: 'device 2 fails at INV_CHASSIS' },
      { id: '4231', fate: 'never finishes' }
    ])
    expect(options).toMatchObject({
      port: 8443,
      username: 'admin',
      password: 'Passw0rd!',
      auth: 'any',
      certificate: 'loopback',
      faults: []
    })
  })

  it('takes several jobs, each with its fate, and faults in order', () => {
    const options = parseSimulatorCli([
      '--job',
      '1=success',
      '--job',
      '2=fail:LOGIN:Check the BMC password.',
      '--devices',
      '5',
      '--fault',
      '503x2:retry-after=3',
      '--fault',
      'reset',
      '--fault',
      'slow=1500'
    ])
    expect(Object.keys(options.jobs)).toEqual(['1', '2'])
    expect(options.jobs['2'].devices[1]).toMatchObject({ failAt: 'LOGIN', userAction: 'Check the BMC password.' })
    expect(options.jobs['1'].devices).toHaveLength(5)
    expect(options.faults).toEqual([
      { kind: 'status', status: 503, retryAfter: '3' },
      { kind: 'status', status: 503, retryAfter: '3' },
      { kind: 'reset' },
      { kind: 'slow', ms: 1500 }
    ])
  })

  it.each([
    [['--port', 'x'], "--port must be a whole number from 0 to 65535; got 'x'."],
    [['--job', '4229'], "--job '4229' is not ID=FATE, for example 4229=success or 4230=fail:INV_CHASSIS."],
    [['--job', '1=fail:NOPE'], /--job '1=fail:NOPE': the fate must be success, never, or fail:STEP_ID/],
    [['--fault', '418'], /--fault '418' is not one of/],
    [['--certificate', 'mine'], "--certificate must be loopback, named, selfsigned, expired; got 'mine'."],
    [['--nope'], "Unknown option '--nope'. Run with --help to see every option."],
    // Node turns a timer past 2^31 - 1 ms into 1 ms: such a "slow" answer would come at once.
    [
      ['--fault', 'slow=99999999999'],
      "--fault 'slow=99999999999': the delay must be a whole number from 0 to 3600000; got '99999999999'."
    ],
    [['--password', ''], '--password must not be empty.'],
    [['--username', ' '], '--username must not be empty.']
  ])('refuses %p with one sentence', (argv, message) => {
    expect(() => parseSimulatorCli(argv)).toThrow(message)
  })
})

/** Starts the simulator from its sources, as `npm run simulator` does; resolves with its banner. */
function start(args: string[]): Promise<{ child: ChildProcess; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let banner = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString()
      if (banner.includes('Ctrl-C')) resolve({ child, banner })
    })
    child.on('close', code => reject(new Error(`exited with ${code} before its banner`)))
  })
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const auth = `Basic ${Buffer.from('admin:Passw0rd!').toString('base64')}`
    https
      .get(url, { ca: readFileSync(SIMULATOR_CA), headers: { authorization: auth } }, response => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      .on('error', reject)
  })
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise(resolve => child.once('exit', resolve))

describe('the simulator from its command line', () => {
  it('serves its jobs, answers 404 for others, and stops on Ctrl-C with the port closed', async () => {
    const { child, banner } = await start(['--job', '7=success'])
    const url = /on (https:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? ''
    expect(banner).toContain('credentials: username admin, password Passw0rd!')
    expect(banner).toContain(`trust it with: ca-certificate: ${SIMULATOR_CA}`)
    expect(await get(`${url}/csvRequest/jobs/7`)).toBe(200)
    expect(await get(`${url}/csvRequest/jobs/8`)).toBe(404)
    child.kill('SIGINT')
    expect(await exited(child)).toBe(0)
    await expect(get(`${url}/csvRequest/jobs/7`)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('a self-signed certificate gets a trust hint that works for it', async () => {
    const { child, banner } = await start(['--certificate', 'selfsigned'])
    child.kill('SIGINT')
    await exited(child)
    expect(banner).toMatch(
      /trust it with: ca-certificate: \S+selfsigned\.pem \(the certificate itself\), or insecure-skip-tls-verify: true with tls-fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/
    )
    expect(banner).not.toContain('simulator-ca.pem')
  })

  it('stops when its parent is gone (npm killed): no listening child left behind', async () => {
    const shell = spawn('sh', ['-c', `"${process.execPath}" --import tsx "${CLI}" --port 0; sleep 60`], {
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let banner = ''
    await new Promise<void>(resolve =>
      shell.stdout?.on('data', (chunk: Buffer) => {
        banner += chunk.toString()
        if (banner.includes('Ctrl-C')) resolve()
      })
    )
    const url = /on (https:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? ''
    expect(await get(`${url}/csvRequest/jobs/4229`)).toBe(200)
    shell.kill('SIGKILL')
    // Nothing is listening any more: the port refuses (within a wide bound, the check runs every 500 ms).
    const started = performance.now()
    let refused = false
    while (!refused && performance.now() - started < 20_000) {
      refused = await get(`${url}/csvRequest/jobs/4229`).then(
        () => false,
        (error: Error) => /ECONNREFUSED/.test(error.message)
      )
      if (!refused) await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(refused).toBe(true)
  })

  it('--help, and a bad option: one line and exit 2, no stack trace', async () => {
    const run = (args: string[]): Promise<{ code: number | null; out: string }> =>
      new Promise(resolve => {
        const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.on('close', code => resolve({ code, out }))
      })
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('--job ID=FATE')
    const bad = await run(['--port', '99999'])
    expect(bad).toEqual({ code: 2, out: "simulator: --port must be a whole number from 0 to 65535; got '99999'.\n" })
  })
})
