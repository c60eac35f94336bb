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

  it('failure of 12 devices: eight device annotations, a ninth that counts the rest, and the step failed', async () => {
    const env = stepFiles()
    const { context: ctx, recorded, ready } = await context(env)
    report(settings, singleJob(outcomeFor(failing(12), 'failure')), ctx, runFiles(env))
    await ready()
    expect(recorded.errors).toHaveLength(9)
    expect(recorded.errors[8]).toEqual({
      title: '4 more devices failed',
      message:
        '4 more devices failed; the step summary lists them, the devices-file output has every device, and the failed-devices output the first 50.'
    })
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
    reportInputErrors(new InputError([{ input: 'timeout', message: "has an invalid value 'x'." }]), ctx)
    reportUnexpectedError('something broke', ctx)
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
})
