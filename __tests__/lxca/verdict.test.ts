import { describe, expect, it } from '@jest/globals'
import { parseJob, type JobDocument } from '../../src/lxca/document.js'
import { scriptJob, jobDocument } from '../../src/simulator/documents.js'
import { assess, isDone, stepPathLabel } from '../../src/lxca/verdict.js'
import { fixture } from '../helpers/fixtures.js'

function job(raw: unknown): JobDocument {
  const result = parseJob(raw)
  if (!result.ok) throw new Error(result.problem)
  return result.job
}

const SUCCESS = ['SUCCESS']

describe('assess', () => {
  it("a running job (Lenovo's example) is not done", () => {
    const a = assess(job(fixture('seed-running.json')), SUCCESS)
    expect(a.verdict).toBe('running')
    expect(a.pending).toBe(1)
    expect(stepPathLabel(a.devices[0].stepPath)).toBe('Inventory › Chassis inventory')
  })

  it('a finished job with every device SUCCESS passes', () => {
    const a = assess(job(fixture('success-job.json')), SUCCESS)
    expect(a).toMatchObject({ verdict: 'success', succeeded: 2, failed: 0, pending: 0 })
  })

  it('a finished job with status INCOMPLETE and all devices SUCCESS passes (top-level status is never used)', () => {
    const raw = { ...fixture('success-job.json'), status: 'INCOMPLETE' }
    expect(assess(job(raw), SUCCESS).verdict).toBe('success')
  })

  it('a finished, failed job (top-level INCOMPLETE, device OTHER_FAIL) fails, naming the first failed step', () => {
    const a = assess(job(fixture('failed-job.json')), SUCCESS)
    expect(a.verdict).toBe('failure')
    expect(a.failed).toBe(1)
    const [device] = a.devices
    expect(device.device.result).toBe('OTHER_FAIL')
    // INVENTORY and everything after it say Stopped_With_Error; MANAGESTOP still says Running.
    expect(stepPathLabel(device.stepPath)).toBe('Inventory › Chassis inventory')
  })

  it('a finished job with no results is "empty", never success', () => {
    expect(assess(job({ progress: 100, results: [] }), SUCCESS).verdict).toBe('empty')
  })

  it('a status of COMPLETE alone never passes: devices decide', () => {
    const raw = { progress: 100, status: 'COMPLETE', results: [{ result: 'INCOMPLETE', progress: 'JOB_DONE' }] }
    expect(assess(job(raw), SUCCESS).verdict).toBe('failure')
  })

  it('an unknown device result on a finished job is a failure, not a success', () => {
    const raw = { progress: 100, results: [{ result: 'PARTIAL_SUCCESS', progress: 'JOB_DONE' }] }
    expect(assess(job(raw), SUCCESS).verdict).toBe('failure')
  })

  it('counts a result as success when it is in success-results, case-insensitively', () => {
    const raw = { progress: 100, results: [{ result: 'success' }, { result: 'WARNING' }] }
    expect(assess(job(raw), ['SUCCESS', 'WARNING']).verdict).toBe('success')
    expect(assess(job(raw), ['SUCCESS']).verdict).toBe('failure')
  })

  it('is done when every device says JOB_DONE even if the top-level progress lags', () => {
    const raw = {
      progress: 99.9,
      results: [
        { result: 'SUCCESS', progress: 'JOB_DONE' },
        { result: 'SUCCESS', progress: 100 }
      ]
    }
    expect(isDone(job(raw))).toBe(true)
    expect(assess(job(raw), SUCCESS).verdict).toBe('success')
  })

  it('a device that failed early counts as failed while the job still runs', () => {
    const script = scriptJob({ devices: 3, pollsToComplete: 4, failures: [{ device: 0, step: 'LOGIN' }] })
    const a = assess(job(jobDocument(script, 2)), SUCCESS)
    expect(a.verdict).toBe('running')
    expect(a.failed).toBe(1)
    expect(a.pending).toBe(2)
    expect(stepPathLabel(a.devices[0].stepPath)).toBe('Login')
  })

  it('falls back to the first unfinished step when no step says it failed', () => {
    const raw = {
      progress: 100,
      results: [
        {
          result: 'OTHER_FAIL',
          status: {
            substatus: [
              { id: 'A', shortDescription: 'A', status: { state: 'Complete' } },
              { id: 'B', shortDescription: 'B', status: { state: 'Pending' } }
            ]
          }
        }
      ]
    }
    expect(stepPathLabel(assess(job(raw), SUCCESS).devices[0].stepPath)).toBe('B')
  })
})
