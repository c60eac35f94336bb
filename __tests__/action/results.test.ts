// The end of the Action's run, in-process: files, outputs, annotations and
// the one exit decision, from an outcome made here.
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  report,
  reportInputErrors,
  reportUnexpectedError,
  type ActionContext,
  type RunFiles
} from '../../src/action/results.js'
import { deferredRunner } from '../../src/action/runner.js'
import { InputError } from '../../src/common/errors.js'
import { noSecrets, SecretSet } from '../../src/common/secrets.js'
import type { Settings } from '../../src/settings/settings.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { fakeCore } from '../helpers/fake-core.js'
import { folderPlaces, openReport } from '../../src/report/files/result-files.js'
import { BASE_URL, JOB, outcomeFor, singleJob } from '../helpers/outcomes.js'

const settings = { baseUrl: BASE_URL } as Settings

async function context(env: Record<string, string> = {}) {
  const { core, recorded } = fakeCore()
  const runner = deferredRunner(async () => core)
  const secrets = new SecretSet()
  return { context: { env, runner, secrets } as ActionContext, recorded, ready: () => runner.ready() }
}

function stepFiles(): Record<string, string> {
  const temp = mkdtempSync(join(tmpdir(), 'lxca-results-'))
  const summary = join(temp, 'summary')
  writeFileSync(summary, '')
  return { RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary }
}

const failing = (devices: number) =>
  jobDocument(
    scriptJob({
      devices,
      pollsToComplete: 1,
      failures: Array.from({ length: devices }, (_, device) => ({ device, step: 'LOGIN' }))
    }),
    1
  )

/** The run's files in RUNNER_TEMP, with the report the engine would have written (`body`), if any. */
function runFiles(env: { RUNNER_TEMP?: string }, body?: string): RunFiles {
  const places = folderPlaces(env.RUNNER_TEMP ?? tmpdir(), undefined)
  const writer = openReport(places, false, noSecrets)
  if (body !== undefined) writer?.add(JOB, Buffer.from(body))
  return { places, reported: writer?.close() ?? false }
}

describe('report', () => {
  it('success: the summary appended to the step summary and kept in RUNNER_TEMP, outputs set, no failure', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    report(
      settings,
      singleJob(outcomeFor(jobDocument(scriptJob({ devices: 2 }), 3), 'success')),
      ctx,
      runFiles(env, '{}')
    )
    await ready()
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')
    expect(summary).toMatch(/^### ✅ \[LXCA job 4229\]\(https:\/\/lxca\.example\.com\/csvRequest\/jobs\/4229\)/)
    const file = recorded.outputs.get('summary-file') as string
    expect(file.startsWith(env.RUNNER_TEMP)).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe(summary)
    expect(existsSync(recorded.outputs.get('report') as string)).toBe(true)
    expect(recorded.failed).toEqual([])
    expect(recorded.infos).toContain('LXCA job 4229 succeeded: all 2 devices managed · 4m 12s.')
  })

  it('failure of 12 devices of one cause: one annotation that counts them, and the step failed', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    report(settings, singleJob(outcomeFor(failing(12), 'failure')), ctx, runFiles(env))
    await ready()
    expect(recorded.errors).toHaveLength(1)
    expect(recorded.errors[0].title).toBe('OTHER_FAIL at Login (12 devices)')
    expect(recorded.failed).toHaveLength(1)
  })

  it('without GITHUB_STEP_SUMMARY (not on a runner): says so, and still writes the summary file', async () => {
    const env = { RUNNER_TEMP: stepFiles().RUNNER_TEMP }
    const { context: ctx, recorded, ready } = await context(env)
    report(settings, singleJob(outcomeFor(failing(1), 'failure')), ctx, runFiles(env))
    await ready()
    expect(recorded.infos).toContain(
      'GITHUB_STEP_SUMMARY is not set (not running on a GitHub runner); the summary is not written there.'
    )
    expect(existsSync(recorded.outputs.get('summary-file') as string)).toBe(true)
  })

  it('invalid inputs and a bug of ours: a summary, status error, and one failure line each', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    const places = folderPlaces(env.RUNNER_TEMP, undefined)
    reportInputErrors(new InputError([{ input: 'timeout', message: "has an invalid value 'x'." }]), ctx, places)
    reportUnexpectedError('something broke', ctx, places)
    await ready()
    expect(recorded.failed).toEqual([
      "Invalid inputs, nothing was sent to the appliance:\nInput 'timeout' has an invalid value 'x'.",
      'Unexpected error: something broke'
    ])
    expect(recorded.outputs.get('status')).toBe('error')
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')
    expect(summary).toContain('invalid inputs')
    expect(summary).toContain('unexpected error')
  })

  it('invalid inputs: a JUnit file with one error case carrying the message, scrubbed; its path is the junit-file output', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    ctx.secrets.add('Hunter2-Secret')
    const error = new InputError([{ input: 'host', message: "has an invalid value 'https://Hunter2-Secret@x'." }])
    reportInputErrors(error, ctx, folderPlaces(env.RUNNER_TEMP, undefined))
    await ready()
    const junit = readFileSync(recorded.outputs.get('junit-file') as string, 'utf8')
    expect(junit).toMatch(/<testsuite [^>]*tests="1"[^>]*errors="1"/)
    // The message on one line, as test-report views show it; the text as the step's failure says it.
    expect(junit).toContain(
      `<error message="Invalid inputs, nothing was sent to the appliance: Input 'host' has an invalid value 'https://***@x'." type="error">`
    )
    expect(junit).not.toContain('Hunter2-Secret')
    expect(readFileSync(recorded.outputs.get('summary-file') as string, 'utf8')).toContain('invalid inputs')
  })

  it('a bug of ours: the JUnit file holds it too, and where no file can be written the step still fails with the message', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    reportUnexpectedError('something broke', ctx, folderPlaces(env.RUNNER_TEMP, undefined))
    const nowhere = await context(stepFiles())
    reportUnexpectedError('something else broke', nowhere.context, folderPlaces('/proc/no-such-folder', undefined))
    await ready()
    await nowhere.ready()
    expect(readFileSync(recorded.outputs.get('junit-file') as string, 'utf8')).toContain(
      'Unexpected error: something broke'
    )
    expect(nowhere.recorded.failed).toEqual(['Unexpected error: something else broke'])
    expect(nowhere.recorded.outputs.get('junit-file')).toBeUndefined()
    expect(nowhere.recorded.infos.join('\n')).toMatch(/The result files could not be written/)
  })
})
