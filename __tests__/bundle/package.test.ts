// The command line as an npm package: packed, installed from the tarball into
// an empty folder with no network, and run, against the simulator. What the
// package ships is only what runs (it bundles its libraries: installing pulls
// nothing).
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../scripts/action-docs.js'
import { scriptJob } from '../../src/simulator/documents.js'
import { SIMULATOR_CA, startSimulator } from '../../src/simulator/server.js'

const dir = mkdtempSync(join(tmpdir(), 'lxca-package-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const quiet = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false'
}

describe('the npm package', () => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env: quiet, encoding: 'utf8' })
  ) as Array<{ filename: string; files: Array<{ path: string }> }>

  it('ships only what runs: the command-line bundle and its licences, the README, the licence, the changelog', () => {
    const files = packed[0].files.map(file => file.path).sort()
    expect(files.filter(path => !path.startsWith('dist/cli/'))).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json'
    ])
    expect(files).toEqual(
      expect.arrayContaining(['dist/cli/index.js', 'dist/cli/licenses.txt', 'dist/cli/package.json'])
    )
  })

  it('installs offline from the tarball, pulling nothing, and runs: --version, then a real wait', async () => {
    const project = join(dir, 'project')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), '{"name":"user-project","private":true}\n')
    execFileSync('npm', ['install', '--offline', '--ignore-scripts', join(dir, packed[0].filename)], {
      cwd: project,
      env: quiet,
      stdio: 'pipe'
    })
    // Nothing but the package itself: every library is in its bundle.
    expect(readdirSync(join(project, 'node_modules')).filter(name => !name.startsWith('.'))).toEqual(['lxca-job-gate'])
    const bin = join(project, 'node_modules', '.bin', 'lxca-job-gate')
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' })
    expect(version.stdout).toMatch(/^lxca-job-gate \d+\.\d+\.\d+\n$/)

    const sim = await startSimulator({ jobs: { '4229': scriptJob({ devices: 2, pollsToComplete: 1 }) } })
    try {
      const run = await new Promise<{ code: number | null; stdout: string }>(resolve => {
        const child = spawn(bin, ['--job-id', '4229', '--poll-interval', '200ms'], {
          env: {
            PATH: process.env.PATH ?? '',
            LXCA_HOST: sim.url,
            LXCA_USERNAME: 'admin',
            LXCA_PASSWORD: 'Passw0rd!',
            LXCA_CA_CERTIFICATE: SIMULATOR_CA
          },
          stdio: ['ignore', 'pipe', 'pipe']
        })
        let stdout = ''
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        child.on('close', code => resolve({ code, stdout }))
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^✔ LXCA job 4229 on \S+ succeeded: all 2 devices managed/)
    } finally {
      await sim.close()
    }
  })
})
