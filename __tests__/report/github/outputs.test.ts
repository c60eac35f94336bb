import { describe, expect, it } from '@jest/globals'
import { noSecrets } from '../../../src/common/secrets.js'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { LEAVES } from '../../../src/simulator/management-steps.js'
import { buildOutputs, gateMessage } from '../../../src/report/github/outputs.js'
import { annotations as deviceAnnotations } from '../../../src/report/github/annotations.js'
import { fixture } from '../../helpers/fixtures.js'
import {
  errorOutcome,
  faultCause,
  gateOf,
  JOB,
  outcomeFor,
  reportFileOf,
  reportOf,
  singleJob,
  viewOf
} from '../../helpers/outcomes.js'

const failing = (devices: number, failed: number, step = 'INV_CHASSIS'): unknown =>
  jobDocument(
    scriptJob({
      devices,
      pollsToComplete: 1,
      failures: Array.from({ length: failed }, (_, device) => ({
        device,
        step,
        userAction: `Reseat chassis ${device}.`
      }))
    }),
    1
  )
const single = (raw: unknown, status: Parameters<typeof outcomeFor>[1], extra = {}) =>
  viewOf(singleJob(outcomeFor(raw, status, extra)))

describe('gateMessage: one line for one job', () => {
  it('names the failed device, its result and the failed step', () => {
    expect(gateMessage(single(fixture('failed-job.json'), 'failure'))).toBe(
      '1 of 1 device failed: 10.240.72.172 OTHER_FAIL at Inventory › Chassis inventory'
    )
  })

  it('groups failures by cause, two causes at most, the rest counted', () => {
    const raw = {
      progress: 100,
      results: ['A', 'B', 'C', 'D'].flatMap((result, i) =>
        Array.from({ length: 4 - i }, (_, n) => ({ messageParameters: `10.0.${i}.${n}`, result, progress: 'JOB_DONE' }))
      )
    }
    expect(gateMessage(single(raw, 'failure'))).toBe(
      '10 of 10 devices failed: 4 devices A (10.0.0.0, 10.0.0.1, … +2); 3 devices B (10.0.1.0, 10.0.1.1, … +1); and 2 more causes'
    )
  })

  it('says what a timeout and a cancellation knew, and that the job keeps running', () => {
    const running = fixture('seed-running.json')
    expect(gateMessage(single(running, 'timeout'))).toBe(
      'LXCA job 4229 timed out after 1h 0m: 17% done of 1 device: 0 succeeded, 0 failed, 1 not finished. The LXCA job keeps running on the appliance: raise timeout and run again, or follow it in XClarity Administrator › Monitoring › Jobs.'
    )
    expect(gateMessage(single(running, 'cancelled'))).toBe(
      'Cancelled while waiting for LXCA job 4229: 17% done of 1 device: 0 succeeded, 0 failed, 1 not finished · 4m 12s. The LXCA job keeps running on the appliance: follow it in XClarity Administrator › Monitoring › Jobs.'
    )
  })

  it('an error gives what went wrong and the fix, with no double full stop (the details are the summary’s)', () => {
    const outcome = errorOutcome(
      faultCause(
        'auth',
        'GET /csvRequest/jobs/4229: the appliance refused the credentials (HTTP 401): Not allowed.',
        401
      )
    )
    expect(gateMessage(viewOf(singleJob(outcome)))).toBe(
      'Could not check LXCA job 4229: credentials refused (HTTP 401). Check the username and password inputs (and the secrets they come from); any LXCA role may read jobs and the inventory (lxc-operator is enough).'
    )
  })

  it('keeps a hostile message on one line', () => {
    const raw = {
      progress: 100,
      results: [{ result: 'FAIL\n::error::pwned', messageParameters: 'a\r\nb', progress: 'JOB_DONE' }]
    }
    expect(gateMessage(single(raw, 'failure'))).not.toMatch(/[\r\n]/)
  })
})

/** `failed` devices, device i failing at the i-th leaf step: one cause each. */
const manyCauses = (failed: number): unknown =>
  jobDocument(
    scriptJob({
      devices: failed,
      pollsToComplete: 1,
      failures: Array.from({ length: failed }, (_, device) => ({ device, step: LEAVES[device] }))
    }),
    1
  )

describe('deviceAnnotations (a job-id run: no CSV line to point at)', () => {
  it('one per cause, naming the device, result, step and user action', () => {
    expect(deviceAnnotations(single(failing(3, 1), 'failure'))).toEqual([
      {
        title: 'OTHER_FAIL at Inventory › Chassis inventory',
        message: '10.240.72.1 OTHER_FAIL at Inventory › Chassis inventory. Reseat chassis 0.',
        devices: 1
      }
    ])
  })

  it('a cause of 20 devices is one annotation, counting them and naming ten more', () => {
    const annotations = deviceAnnotations(single(failing(30, 20), 'failure'))
    expect(annotations).toHaveLength(1)
    expect(annotations[0].title).toBe('OTHER_FAIL at Inventory › Chassis inventory (20 devices)')
    expect(annotations[0].message).toMatch(
      /^10\.240\.72\.1 OTHER_FAIL .*\. Also 10\.240\.72\.2, .*10\.240\.72\.11, … \+9\.$/
    )
    expect(annotations[0].devices).toBe(20)
  })

  it('nine at most: eight causes and one line for the rest', () => {
    const annotations = deviceAnnotations(single(manyCauses(12), 'failure'))
    expect(annotations).toHaveLength(9)
    expect(annotations[8]).toEqual(expect.objectContaining({ title: '4 more devices failed' }))
  })

  it('exactly nine causes fit without a summary line', () => {
    const annotations = deviceAnnotations(single(manyCauses(9), 'failure'))
    expect(annotations).toHaveLength(9)
    expect(annotations.every(a => a.title.startsWith('OTHER_FAIL at '))).toBe(true)
  })
})

describe('buildOutputs', () => {
  it('on success', () => {
    const outputs = buildOutputs(single(fixture('success-job.json'), 'success'), {
      report: '/t/report.json',
      summaryFile: '/t/summary.md'
    })
    expect(outputs).toEqual({
      'already-managed': '',
      'job-id': '4229',
      status: 'success',
      result: 'SUCCESS',
      progress: '100',
      devices: '2',
      succeeded: '2',
      failed: '0',
      'failed-devices': '[]',
      report: '/t/report.json',
      'summary-file': '/t/summary.md',
      'failed-csv': '',
      'succeeded-devices': '[{"device":"10.240.72.1"},{"device":"10.240.72.2"}]',
      'devices-file': '',
      'junit-file': ''
    })
  })

  it('on failure: the first non-success result and the failed devices as JSON', () => {
    const outputs = buildOutputs(single(fixture('failed-job.json'), 'failure'), {})
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
    const outputs = buildOutputs(single(failing(80, 80), 'failure'), {})
    expect(JSON.parse(outputs['failed-devices'])).toHaveLength(50)
    expect(outputs.failed).toBe('80')
  })

  it('on a timeout with a running job: progress to 2 decimals and the pending result', () => {
    expect(buildOutputs(single(fixture('seed-running.json'), 'timeout'), {})).toMatchObject({
      status: 'timeout',
      result: 'INCOMPLETE',
      progress: '17.65',
      failed: '0'
    })
  })

  it('without any document: only the status says something', () => {
    const outputs = buildOutputs(viewOf(singleJob(errorOutcome({ kind: 'never-understood' }))), {})
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
  const result = gateOf([
    outcomeFor(fixture('success-job.json'), 'success', { job: jobA }),
    outcomeFor(failing(3, 2), 'failure', { job: jobB })
  ])

  it('job-id lists the jobs in the order they were started or named, not in the order the summary reads them', () => {
    // The summary puts the failed job (77) first; the output keeps the run's order, as it said while the jobs ran.
    expect(viewOf(result).jobs.map(job => job.job.id)).toEqual(['77', '4229'])
    expect(buildOutputs(viewOf(result), {})['job-id']).toBe('4229,77')
  })

  it('adds outputs up across jobs and names the job of each failed device', () => {
    const outputs = buildOutputs(viewOf(result), {})
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

  it('says which jobs did not pass in one line', () => {
    expect(gateMessage(viewOf(result))).toBe(
      '1 of 2 LXCA jobs on lxca.example.com did not pass: 1 failed. LXCA job 77: 2 of 3 devices failed: 2 devices OTHER_FAIL at Inventory › Chassis inventory (10.240.72.1, 10.240.72.2)'
    )
    const passed = gateOf([result.jobs[0], { ...result.jobs[0], job: jobB }])
    expect(gateMessage(viewOf(passed))).toBe('All 2 LXCA jobs succeeded: 4 devices managed.')
  })

  it('names the job in cause annotations', () => {
    expect(deviceAnnotations(viewOf(result))[0].title).toMatch(/^Job 77: OTHER_FAIL at /)
  })

  it('reports every job document, keyed by job path, each as received', () => {
    const report = JSON.parse(String(reportOf(result, noSecrets)))
    expect(Object.keys(report)).toEqual(['csvRequest/jobs/4229', 'manageRequest/jobs/77'])
    expect(report['csvRequest/jobs/4229']).toEqual(fixture('success-job.json'))
  })

  it('writes the exact bytes received, never a re-serialisation (a document may nest deeper than JSON.stringify can go)', () => {
    const deep = `{"progress":100,"results":[{"result":"SUCCESS"}],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`
    const body = Buffer.from(`\ufeff${deep}`)
    expect(reportFileOf([[JOB, body]], noSecrets)).toBe(`\ufeff${deep}`)
    expect(
      reportFileOf(
        [
          [JOB, body],
          [jobB, body]
        ],
        noSecrets
      )
    ).toBe(`{\n  "csvRequest/jobs/4229": ${deep},\n  "manageRequest/jobs/77": ${deep}\n}\n`)
  })

  it('a single job keeps its plain outputs: no job field, the document itself as report', () => {
    const one = singleJob(outcomeFor(failing(3, 1), 'failure', { job: jobB }))
    expect(JSON.parse(buildOutputs(viewOf(one), {})['failed-devices'])[0]).not.toHaveProperty('job')
    expect(JSON.parse(String(reportOf(one, noSecrets)))).toHaveProperty('results')
  })
})
