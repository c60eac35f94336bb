import { describe, expect, it } from '@jest/globals'
import { MAX_DEVICES, parseJob, type JobDocument } from '../../src/lxca/document.js'
import { fixture } from '../helpers/fixtures.js'

function parsed(raw: unknown): JobDocument {
  const result = parseJob(raw)
  if (!result.ok) throw new Error(result.problem)
  return result.job
}

describe('parseJob', () => {
  it("reads Lenovo's documented example", () => {
    const job = parsed(fixture('seed-running.json'))
    expect(job.progress).toBeCloseTo(17.647, 3)
    expect(job.status).toBe('INCOMPLETE')
    expect(job.devices).toHaveLength(1)
    const device = job.devices[0]
    expect(device).toMatchObject({
      address: '10.243.3.55',
      uuid: '48331a223bf34fba90732b379b837b9c',
      result: 'INCOMPLETE',
      done: false,
      timeSpentMs: 117527,
      taskId: 371
    })
    expect(device.steps.map(step => step.id)).toEqual([
      'STARTING',
      'NETWORK_CHOICE',
      'DESCRIPTOR',
      'LOGIN',
      'DUPLICATE_CHECK',
      'INVENTORY',
      'INTEROP_CHECK',
      'CONFIGURATION',
      'CFG_CABINET'
    ])
    const inventory = device.steps[5]
    expect(inventory).toMatchObject({ label: 'Inventory', state: 'Running' })
    expect(inventory.children.map(step => step.label)).toEqual([
      'Chassis inventory',
      'Node inventory',
      'I/O module inventory'
    ])
  })

  it('reads progress JOB_DONE as a finished device', () => {
    const device = parsed(fixture('failed-job.json')).devices[0]
    expect(device.done).toBe(true)
    expect(device.progress).toBe(100)
  })

  it('takes the address from messageAttributes, a list, or falls back to the UUID', () => {
    const base = { result: 'SUCCESS', uuid: 'abc' }
    const job = parsed({
      progress: 100,
      results: [
        { ...base, messageAttributes: '10.0.0.9' },
        { ...base, messageParameters: ['10.0.0.1', 'SN123'] },
        { ...base },
        { result: 'SUCCESS' }
      ]
    })
    expect(job.devices.map(device => device.address)).toEqual(['10.0.0.9', '10.0.0.1, SN123', 'abc', 'device #4'])
  })

  it('accepts progress as a numeric string', () => {
    expect(parsed({ progress: '55.5', results: [] }).progress).toBe(55.5)
  })

  it('accepts a new job that lists no devices yet', () => {
    expect(parsed({ progress: 0 }).devices).toEqual([])
  })

  it('drops malformed optional detail instead of failing', () => {
    const job = parsed({
      progress: 10,
      results: [
        {
          result: 'INCOMPLETE',
          time_spent: 'long',
          uuid: 5,
          status: { substatus: [null, 7, { id: 'X', status: null }] }
        }
      ]
    })
    expect(job.devices[0].timeSpentMs).toBeUndefined()
    expect(job.devices[0].uuid).toBeUndefined()
    expect(job.devices[0].steps).toEqual([expect.objectContaining({ id: 'X', label: 'X', state: undefined })])
  })

  it('stops at a sane depth on a deeply nested tree', () => {
    let node: Record<string, unknown> = { id: 'leaf' }
    for (let i = 0; i < 10_000; i++) node = { id: `n${i}`, status: { substatus: [node] } }
    const job = parsed({ progress: 1, results: [{ result: 'INCOMPLETE', status: { substatus: [node] } }] })
    let depth = 0
    for (let steps = job.devices[0].steps; steps.length > 0; steps = steps[0].children) depth += 1
    expect(depth).toBe(16)
  })

  it.each([
    [null, /expected a JSON object, got null/],
    ['<html>', /expected a JSON object, got a string of 6 characters$/],
    [[], /expected a JSON object, got a list/],
    [{}, /neither "progress" nor "results"/],
    [{ status: 'COMPLETE' }, /neither "progress" nor "results"/],
    [{ progress: 100, results: 'none' }, /"results" should be a list/],
    [{ progress: 100, results: [null] }, /results\[0\] should be an object/],
    [{ progress: 100, results: [{ result: 1 }] }, /results\[0\]\.result should be a string, got a number/]
  ])('reports %p as a problem, never a job', (raw, problem) => {
    const result = parseJob(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(problem)
  })

  it.each([[{}], [{ result: null }], [{ result: '' }]])(
    'reads a device without a result (%p) as one that has not reported one yet',
    extra => {
      expect(parsed({ progress: 40, results: [{ uuid: 'a', ...extra }] }).devices[0].result).toBeUndefined()
    }
  )

  it('a substatus tree thousands of levels deep is read to a bounded depth, without recursion trouble', () => {
    const open = '{"id":"L","status":{"state":"Complete","substatus":['.repeat(3000)
    const tree = `${open}{"id":"LEAF","status":{"state":"Stopped_With_Error"}}${']}}'.repeat(3000)}`
    const raw = JSON.parse(`{"progress":100,"results":[{"result":"OTHER_FAIL","status":{"substatus":[${tree}]}}]}`)
    expect(parsed(raw).devices[0].steps[0].id).toBe('L')
  })

  it('refuses more devices than supported, as a lasting problem', () => {
    const raw = { progress: 100, results: Array.from({ length: MAX_DEVICES + 1 }, () => ({ result: 'SUCCESS' })) }
    expect(parseJob(raw)).toEqual({
      ok: false,
      problem: 'the job lists 100,001 devices; at most 100,000 are supported',
      lasting: true
    })
    expect(parseJob({ ...raw, results: raw.results.slice(1) }).ok).toBe(true)
  })
})
