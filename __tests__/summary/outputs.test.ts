import { describe, expect, it } from '@jest/globals'
import {
  buildOutputs,
  deviceAnnotations,
  gateMessage,
  outcomeMessage,
  reportContent
} from '../../src/summary/outputs.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { fixture } from '../helpers/fixtures.js'
import { JOB, outcomeFor, singleJob } from '../helpers/outcomes.js'

const failing = (devices: number, failed: number): unknown =>
  jobDocument(
    scriptJob({
      devices,
      pollsToComplete: 1,
      failures: Array.from({ length: failed }, (_, device) => ({
        device,
        step: 'INV_CHASSIS',
        userAction: `Reseat chassis ${device}.`
      }))
    }),
    1
  )

describe('outcomeMessage', () => {
  it('names the failed device, its result and the first failed step in one line', () => {
    expect(outcomeMessage(outcomeFor(fixture('failed-job.json'), 'failure'), JOB, 3_600_000)).toBe(
      '1 of 1 devices failed: 10.240.72.172 OTHER_FAIL at Inventory › Chassis inventory'
    )
  })

  it('lists three failures and counts the rest', () => {
    const message = outcomeMessage(outcomeFor(failing(10, 5), 'failure'), JOB, 3_600_000)
    expect(message).toBe(
      '5 of 10 devices failed: 10.240.72.1 OTHER_FAIL at Inventory › Chassis inventory; 10.240.72.2 OTHER_FAIL at Inventory › Chassis inventory; 10.240.72.3 OTHER_FAIL at Inventory › Chassis inventory; and 2 more'
    )
  })

  it('says what a timeout, an error and a cancellation mean', () => {
    const running = outcomeFor(fixture('seed-running.json'), 'timeout', {
      reason: 'the job did not finish within 1h 0m'
    })
    expect(outcomeMessage(running, JOB, 3_600_000)).toBe(
      'LXCA job 4229 timed out: the job did not finish within 1h 0m (progress 17%, 1 of 1 devices not finished)'
    )
    expect(
      outcomeMessage(
        { status: 'error', reason: 'job 4229 was not found (HTTP 404)', polls: 1, retries: 0, elapsedMs: 1 },
        JOB,
        1
      )
    ).toBe('Could not tell the outcome of LXCA job 4229: job 4229 was not found (HTTP 404)')
    expect(outcomeMessage({ ...running, status: 'cancelled' }, JOB, 1)).toBe(
      'Cancelled while waiting for LXCA job 4229 (progress 17%, 1 of 1 devices not finished).'
    )
  })

  it('keeps a hostile message on one line', () => {
    const raw = { progress: 100, results: [{ result: 'FAIL\n::error::pwned', messageParameters: 'a\r\nb' }] }
    expect(outcomeMessage(outcomeFor(raw, 'failure'), JOB, 1)).not.toMatch(/[\r\n]/)
  })
})

describe('deviceAnnotations', () => {
  it('one per failed device, naming device, result, step and user action', () => {
    expect(deviceAnnotations(singleJob(JOB, outcomeFor(failing(3, 1), 'failure')))).toEqual([
      {
        title: 'Device 10.240.72.1: OTHER_FAIL',
        message: '10.240.72.1 OTHER_FAIL at Inventory › Chassis inventory. Reseat chassis 0.'
      }
    ])
  })

  it('nine at most: eight devices and one line for the rest', () => {
    const annotations = deviceAnnotations(singleJob(JOB, outcomeFor(failing(30, 20), 'failure')))
    expect(annotations).toHaveLength(9)
    expect(annotations[8]).toEqual(expect.objectContaining({ title: '12 more devices failed' }))
  })

  it('exactly nine failures fit without a summary line', () => {
    const annotations = deviceAnnotations(singleJob(JOB, outcomeFor(failing(9, 9), 'failure')))
    expect(annotations).toHaveLength(9)
    expect(annotations.every(a => a.title.startsWith('Device '))).toBe(true)
  })
})

describe('buildOutputs', () => {
  it('on success', () => {
    const outputs = buildOutputs(singleJob(JOB, outcomeFor(fixture('success-job.json'), 'success')), {
      report: '/t/report.json',
      summaryFile: '/t/summary.md'
    })
    expect(outputs).toEqual({
      status: 'success',
      result: 'SUCCESS',
      progress: '100',
      devices: '2',
      succeeded: '2',
      failed: '0',
      'failed-devices': '[]',
      report: '/t/report.json',
      'summary-file': '/t/summary.md'
    })
  })

  it('on failure: the first non-success result and the failed devices as JSON', () => {
    const outputs = buildOutputs(singleJob(JOB, outcomeFor(fixture('failed-job.json'), 'failure')), {})
    expect(outputs).toMatchObject({
      status: 'failure',
      result: 'OTHER_FAIL',
      devices: '1',
      succeeded: '0',
      failed: '1'
    })
    expect(JSON.parse(outputs['failed-devices'])).toEqual([
      {
        device: '10.240.72.172',
        uuid: '48331a223bf34fba90732b379b837b9c',
        result: 'OTHER_FAIL',
        step: 'Inventory › Chassis inventory',
        message: 'Verify the chassis management module is reachable, then manage the chassis again.'
      }
    ])
  })

  it('caps failed-devices at 50', () => {
    const outputs = buildOutputs(singleJob(JOB, outcomeFor(failing(80, 80), 'failure')), {})
    expect(JSON.parse(outputs['failed-devices'])).toHaveLength(50)
    expect(outputs.failed).toBe('80')
  })

  it('on a timeout with a running job: progress to 2 decimals and the pending result', () => {
    const outputs = buildOutputs(singleJob(JOB, outcomeFor(fixture('seed-running.json'), 'timeout')), {})
    expect(outputs).toMatchObject({ status: 'timeout', result: 'INCOMPLETE', progress: '17.65', failed: '0' })
  })

  it('without any document: only the status says something', () => {
    const outputs = buildOutputs(singleJob(JOB, { status: 'error', polls: 1, retries: 0, elapsedMs: 1 }), {})
    expect(outputs).toMatchObject({
      status: 'error',
      result: '',
      progress: '',
      devices: '',
      'failed-devices': '[]',
      report: ''
    })
  })
})

describe('several jobs', () => {
  const jobA = { id: '4229', type: 'csv' as const }
  const jobB = { id: '77', type: 'manage' as const }
  const result = {
    status: 'failure' as const,
    jobs: [
      { job: jobA, outcome: outcomeFor(fixture('success-job.json'), 'success') },
      { job: jobB, outcome: outcomeFor(failing(3, 2), 'failure') }
    ]
  }

  it('adds outputs up across jobs and names the job of each failed device', () => {
    const outputs = buildOutputs(result, {})
    expect(outputs).toMatchObject({
      status: 'failure',
      result: 'OTHER_FAIL',
      devices: '5',
      succeeded: '3',
      failed: '2',
      progress: '100'
    })
    expect(JSON.parse(outputs['failed-devices'])).toEqual([
      expect.objectContaining({ job: '77', device: '10.240.72.1' }),
      expect.objectContaining({ job: '77', device: '10.240.72.2' })
    ])
  })

  it('says which jobs did not succeed in one line', () => {
    expect(gateMessage(result, 1)).toBe(
      '1 of 2 LXCA jobs did not succeed. LXCA job 77: 2 of 3 devices failed: 10.240.72.1 OTHER_FAIL at Inventory › Chassis inventory; 10.240.72.2 OTHER_FAIL at Inventory › Chassis inventory'
    )
    expect(gateMessage({ status: 'success', jobs: [result.jobs[0], { ...result.jobs[0], job: jobB }] }, 1)).toBe(
      'All 2 LXCA jobs succeeded: 4 devices managed.'
    )
  })

  it('names the job in device annotations', () => {
    expect(deviceAnnotations(result)[0].title).toBe('Job 77, device 10.240.72.1: OTHER_FAIL')
  })

  it('reports every job document, keyed by job path, each as received', () => {
    const report = JSON.parse(String(reportContent(result)))
    expect(Object.keys(report)).toEqual(['csvRequest/jobs/4229', 'manageRequest/jobs/77'])
    expect(report['csvRequest/jobs/4229']).toEqual(fixture('success-job.json'))
  })

  it('writes the exact bytes received, never a re-serialisation (a document may nest deeper than JSON.stringify can go)', () => {
    const deep = `{"progress":100,"results":[{"result":"SUCCESS"}],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`
    const outcome = { ...outcomeFor(fixture('success-job.json'), 'success'), lastBody: Buffer.from(`\ufeff${deep}`) }
    expect(reportContent(singleJob(JOB, outcome))?.toString()).toBe(`\ufeff${deep}`)
    const several = {
      status: 'success' as const,
      jobs: [
        { job: JOB, outcome },
        { job: jobB, outcome }
      ]
    }
    expect(reportContent(several)?.toString()).toBe(
      `{\n  "csvRequest/jobs/4229": ${deep},\n  "manageRequest/jobs/77": ${deep}\n}\n`
    )
  })

  it('a single job keeps its plain outputs: no job field, the document itself as report', () => {
    const single = singleJob(jobB, outcomeFor(failing(3, 1), 'failure'))
    expect(JSON.parse(buildOutputs(single, {})['failed-devices'])[0]).not.toHaveProperty('job')
    expect(JSON.parse(String(reportContent(single)))).toHaveProperty('results')
  })
})
