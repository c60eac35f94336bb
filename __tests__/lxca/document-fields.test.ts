// How each field of the job document is read when the appliance sends it
// oddly: spaces, nulls, lists with holes, numbers as text. (Written against
// the mutation run's survivors: each test fails when its rule does.)
import { describe, expect, it } from '@jest/globals'
import { MAX_TEXT, parseJob, type JobDocument } from '../../src/lxca/document.js'

function job(raw: unknown): JobDocument {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.job
}
const device = (entry: Record<string, unknown>) => job({ progress: 50, results: [entry] }).devices[0]

describe('the document', () => {
  it('results null is no list yet, as results missing; progress may be missing when results are there', () => {
    expect(job({ progress: 0, results: null }).devices).toEqual([])
    expect(job({ results: [{ result: 'SUCCESS' }] })).toMatchObject({
      progress: undefined,
      devices: [{ result: 'SUCCESS' }]
    })
  })
})

describe('a device', () => {
  it('its address: trimmed; from a list, the non-blank strings; else its UUID', () => {
    expect(device({ messageParameters: '  10.0.0.1 ' }).address).toBe('10.0.0.1')
    expect(device({ messageParameters: ['10.0.0.1', ' ', 7, null, 'SN1'] }).address).toBe('10.0.0.1, SN1')
    expect(device({ messageParameters: [' ', 3], uuid: 'ABCD' }).address).toBe('ABCD')
    expect(device({ messageParameters: '   ', uuid: 'ABCD' }).address).toBe('ABCD')
  })

  it('its progress: a number, a number in text, JOB_DONE; nothing else', () => {
    expect(device({ progress: '40.5' })).toMatchObject({ progress: 40.5, done: false })
    expect(device({ progress: ' 100 ' })).toMatchObject({ progress: 100, done: true })
    expect(device({ progress: 'JOB_DONE' })).toMatchObject({ progress: 100, done: true })
    for (const odd of [' ', '', true, [], {}, 'half'])
      expect(device({ progress: odd })).toMatchObject({ progress: undefined, done: false })
  })

  it('without a progress it is not done', () => {
    expect(device({ result: 'SUCCESS' }).done).toBe(false)
  })

  it('numbers that are not numbers are left out', () => {
    expect(device({ time_spent: '68026', taskid: '5' })).toMatchObject({ timeSpentMs: undefined, taskId: undefined })
    expect(device({ time_spent: 68026, taskid: 5 })).toMatchObject({ timeSpentMs: 68026, taskId: 5 })
  })
})

describe('a long text', () => {
  it('is cut at MAX_TEXT characters, marked with …; shorter texts and the verdict fields are as sent', () => {
    const long = 'x'.repeat(MAX_TEXT * 4)
    const read = device({
      messageParameters: '10.0.0.1',
      result: 'OTHER_FAIL',
      resultLongDescription: long,
      status: { substatus: [{ id: 'LOGIN', userAction: long, longDescription: 'short' }] }
    })
    expect(read.longDescription).toBe(`${'x'.repeat(MAX_TEXT)}…`)
    expect(read.steps[0].userAction).toHaveLength(MAX_TEXT + 1)
    expect(read.steps[0].longDescription).toBe('short')
    expect(read.result).toBe('OTHER_FAIL')
    expect(device({ result: long }).result).not.toBe(long)
  })
})

describe('a step', () => {
  const steps = (substatus: unknown[]) => device({ status: { substatus } }).steps

  it('without an id, named by its place; its label falls back to the id', () => {
    expect(steps([{ status: { state: 'Complete' } }, { id: 'X' }]).map(node => [node.id, node.label])).toEqual([
      ['step 1', 'step 1'],
      ['X', 'X']
    ])
  })

  it('its percentage: the status’s, else the step’s own progress', () => {
    expect(steps([{ id: 'A', progress: 30 }])[0].percentage).toBe(30)
    expect(steps([{ id: 'A', progress: 30, status: { percentage: 60 } }])[0].percentage).toBe(60)
    expect(steps([{ id: 'A' }])[0].percentage).toBeUndefined()
  })

  it('its user action: trimmed, and none when blank', () => {
    expect(steps([{ id: 'A', userAction: '  Reseat the CMM.  ' }])[0].userAction).toBe('Reseat the CMM.')
    expect(steps([{ id: 'A', userAction: '   ' }])[0].userAction).toBeUndefined()
    expect(steps([{ id: 'A', userAction: 5 }])[0].userAction).toBeUndefined()
  })
})

describe('numbers that are not numbers', () => {
  it('a progress of Infinity (as text, or 1e999 in JSON) is no progress: it never makes a device or a job done', () => {
    expect(device({ progress: 'Infinity' })).toMatchObject({ progress: undefined, done: false })
    expect(device(JSON.parse('{"progress": 1e999}') as Record<string, unknown>)).toMatchObject({
      progress: undefined,
      done: false
    })
    expect(job({ progress: '1e999', results: [] }).progress).toBeUndefined()
  })

  it('a time spent or a task ID that is not a finite number is left out, not shown as NaN or Infinity', () => {
    expect(device({ time_spent: Number.POSITIVE_INFINITY, taskid: 'x' })).toMatchObject({
      timeSpentMs: undefined,
      taskId: undefined
    })
    expect(device({ time_spent: 1200, taskid: 7 })).toMatchObject({ timeSpentMs: 1200, taskId: 7 })
  })
})
