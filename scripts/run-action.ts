// Runs the built bundle the way the GitHub runner does: `node dist/index.js`
// with inputs as INPUT_* variables (hyphens kept: INPUT_JOB-ID), started in
// the workspace (GITHUB_WORKSPACE), and the runner's files in a fresh temp
// folder (RUNNER_TEMP).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BUNDLE = fileURLToPath(new URL('../dist/index.js', import.meta.url))
export const CLI_BUNDLE = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))

export interface ActionRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string
  readonly durationMs: number
  /** When the interrupt signal was sent, in ms from the start (if it was). */
  readonly interruptedAt?: number
  /**
   * Everything a reader of the run could see: logs, outputs, summary, files.
   * `::add-mask::` lines are left out: the runner consumes them and shows
   * nothing (that is how masking is requested).
   */
  readonly everything: string
}

export interface RunOptions {
  /** Extra environment (proxies). */
  readonly env?: Record<string, string>
  /** Send this signal once stdout matches `whenStdout`, once `when()` is true (checked every 10 ms), or after `afterMs`. */
  readonly interrupt?: { signal: NodeJS.Signals; afterMs?: number; whenStdout?: RegExp; when?: () => boolean }
  /** A run still going after this long is killed, so a hang fails the test instead of hanging it (default 20 s). */
  readonly killAfterMs?: number
  /** The checkout the step runs in (GITHUB_WORKSPACE and its working folder); a fresh folder by default. */
  readonly workspace?: string
  /** Files to put in the workspace first: path relative to it → content. */
  readonly files?: Readonly<Record<string, string | Buffer>>
  /** Node options before the bundle (`--import` a file that measures it). */
  readonly nodeArgs?: readonly string[]
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lxca-action-'))
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'lxca-workspace-'))
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), RUNNER_TEMP: dir }
  writeFileSync(files.GITHUB_OUTPUT, '')
  writeFileSync(files.GITHUB_STEP_SUMMARY, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_WORKSPACE: workspace,
    ...files,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  const started = performance.now()
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BUNDLE], {
    env,
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let interruptedAt: number | undefined
  const interrupt = (): void => {
    if (interruptedAt !== undefined || !options.interrupt) return
    interruptedAt = performance.now()
    child.kill(options.interrupt.signal)
  }
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (options.interrupt?.whenStdout?.test(stdout)) interrupt()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = options.interrupt?.afterMs !== undefined ? setTimeout(interrupt, options.interrupt.afterMs) : undefined
  const condition = options.interrupt?.when
  const watcher = condition ? setInterval(() => condition() && interrupt(), 10) : undefined
  // A hung child must fail the test, not hang it.
  const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  clearTimeout(timer)
  clearInterval(watcher)
  clearTimeout(guard)
  const durationMs = performance.now() - started

  const outputs = parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'))
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  // Not failed-csv: it is the user's own CSV rows, credentials included, by design (mode 0600, never printed).
  // Files too large to hold as one string (a report of ten 56 MiB documents) are the tests' own to read.
  const written = [outputs.report, outputs['summary-file'], outputs['devices-file']]
    .filter(path => path && existsSync(path) && statSync(path).size < 256 * 1024 * 1024)
    .map(path => readFileSync(path, 'utf8'))
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs,
    summary,
    durationMs,
    interruptedAt: interruptedAt === undefined ? undefined : interruptedAt - started,
    everything: [stdout, stderr, JSON.stringify(outputs), summary, ...written]
      .join('\n')
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
  }
}

/** GITHUB_OUTPUT's heredoc form: `name<<delimiter`, value lines, `delimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value: string[] = []
    for (i += 1; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}
