// The verdict's edges, one rule per test: what counts as done, failed, at
// work; where a device stopped; which user action speaks for it. (Written
// against the mutation run's survivors: each test fails when its rule does.)
import { describe, expect, it } from '@jest/globals'
import { parseJob, type JobDocument } from '../../src/lxca/document.js'
import { assess, isDone, isFailedState, stepPathLabel, userActionOf } from '../../src/lxca/verdict.js'

function job(raw: unknown): JobDocument {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.job
}

const step = (id: string, state: string, extra: Record<string, unknown> = {}) => ({
  id,
  shortDescription: id,
  status: { state, ...(extra.children ? { substatus: extra.children } : {}) },
  ...(extra.userAction ? { userAction: extra.userAction } : {})
})

describe('isDone', () => {
  it('a job that lists no device and says no progress is not done; one at 100 % is', () => {
    expect(isDone(job({ results: [] }))).toBe(false)
    expect(isDone(job({ progress: 99.9, results: [] }))).toBe(false)
    expect(isDone(job({ progress: 100, results: [] }))).toBe(true)
  })

  it('without a top-level progress: done only when every device says so', () => {
    expect(isDone(job({ results: [{ result: 'SUCCESS', progress: 'JOB_DONE' }, { result: 'SUCCESS' }] }))).toBe(false)
    expect(
      isDone(
        job({
          results: [
            { result: 'SUCCESS', progress: 100 },
            { result: 'X', progress: 'JOB_DONE' }
          ]
        })
      )
    ).toBe(true)
  })
})

describe('isFailedState', () => {
  it.each([
    ['Stopped_With_Error', true],
    ['Cancelled', true],
    ['Interrupted', true],
    ['Running_With_Errors', true],
    ['Failed', true],
    ['Complete', false],
    ['Running', false],
    ['Pending', false],
    ['', false]
  ])('%p → %p', (state, failed) => {
    expect(isFailedState(state)).toBe(failed)
  })

  it('no state at all is not a failure', () => {
    expect(isFailedState(undefined)).toBe(false)
  })
})

describe('assess: each device’s state and path', () => {
  it('a running job: devices without a result are pending, nothing is unreported yet', () => {
    const a = assess(
      job({
        progress: 40,
        results: [
          { result: null, progress: 40 },
          { result: 'SUCCESS', progress: 100 }
        ]
      }),
      ['SUCCESS']
    )
    expect(a.devices.map(item => item.state)).toEqual(['pending', 'succeeded'])
    expect(a.devices[1].stepPath).toEqual([])
    expect(a.unreported).toEqual([])
    expect(a).toMatchObject({ verdict: 'running', succeeded: 1, failed: 0, pending: 1 })
  })

  it('where a device is at work: the step that says Running, even after one that waits', () => {
    const steps = [step('A', 'Complete'), step('B', 'Pending'), step('C', 'Running')]
    const a = assess(
      job({ progress: 30, results: [{ result: 'INCOMPLETE', progress: 30, status: { substatus: steps } }] }),
      ['SUCCESS']
    )
    expect(a.devices[0].stepPath.map(node => node.id)).toEqual(['C'])
  })

  it('with no Running step, where it is: the first step not complete, whatever the case of its state', () => {
    const steps = [step('A', 'COMPLETE'), step('B', 'Pending'), step('C', 'Pending')]
    const a = assess(job({ progress: 30, results: [{ progress: 30, status: { substatus: steps } }] }), ['SUCCESS'])
    expect(a.devices[0].stepPath.map(node => node.id)).toEqual(['B'])
  })

  it('a failed device’s path ends at the deepest failed step; with no step failed, at the step it stopped at', () => {
    const nested = [
      step('A', 'Complete'),
      step('INV', 'Stopped_With_Error', { children: [step('INV_N', 'Stopped_With_Error')] })
    ]
    const failed = assess(job({ progress: 100, results: [{ result: 'OTHER_FAIL', status: { substatus: nested } }] }), [
      'SUCCESS'
    ])
    expect(stepPathLabel(failed.devices[0].stepPath)).toBe('INV › INV_N')
    const stale = [step('A', 'Complete'), step('B', 'running'), step('C', 'Pending')]
    const quiet = assess(job({ progress: 100, results: [{ result: 'OTHER_FAIL', status: { substatus: stale } }] }), [
      'SUCCESS'
    ])
    expect(quiet.devices[0].stepPath.map(node => node.id)).toEqual(['B'])
  })
})

describe('userActionOf', () => {
  const failedWith = (substatus: unknown[]) =>
    assess(job({ progress: 100, results: [{ result: 'OTHER_FAIL', status: { substatus } }] }), ['SUCCESS']).devices[0]

  it('the action of the deepest step on the failed path, before its parents’', () => {
    const item = failedWith([
      step('INV', 'Stopped_With_Error', {
        userAction: 'Check the chassis.',
        children: [step('INV_N', 'Stopped_With_Error', { userAction: 'Check the node.' })]
      })
    ])
    expect(userActionOf(item)).toBe('Check the node.')
  })

  it('a parent’s action when the failed step has none', () => {
    const item = failedWith([
      step('INV', 'Stopped_With_Error', {
        userAction: 'Check the chassis.',
        children: [step('INV_N', 'Stopped_With_Error')]
      })
    ])
    expect(userActionOf(item)).toBe('Check the chassis.')
  })

  it('else the first action anywhere in the tree, depth first; none when no step has one', () => {
    const item = failedWith([
      step('A', 'Complete', { children: [step('A1', 'Complete', { userAction: 'First, in depth.' })] }),
      step('B', 'Stopped_With_Error'),
      step('C', 'Complete', { userAction: 'Later.' })
    ])
    expect(userActionOf(item)).toBe('First, in depth.')
    expect(userActionOf(failedWith([step('B', 'Stopped_With_Error')]))).toBeUndefined()
  })
})

describe('where a device stopped, from the survivors of the mutation run', () => {
  const assessOne = (entry: Record<string, unknown>, progress = 50) => {
    const parsed = parseJob({ progress, results: [entry] })
    if (!parsed.ok) throw new Error(parsed.problem)
    return assess(parsed.job, ['SUCCESS']).devices[0]
  }

  it('a device at work whose steps lack a state still gets its current step (no state is not complete)', () => {
    const item = assessOne({
      messageParameters: 'a',
      progress: 40,
      status: {
        substatus: [
          { id: 'LOGIN', shortDescription: 'Login' },
          { id: 'INVENTORY', status: { state: 'Pending' } }
        ]
      }
    })
    expect(item.state).toBe('pending')
    expect(item.stepPath.map(node => node.id)).toEqual(['LOGIN'])
  })

  it("the user action on the failing step's own path wins over one earlier in the tree, even at its root", () => {
    const item = assessOne(
      {
        messageParameters: 'a',
        result: 'OTHER_FAIL',
        progress: 'JOB_DONE',
        status: {
          substatus: [
            { id: 'LOGIN', userAction: 'Not this one.', status: { state: 'Complete' } },
            { id: 'INVENTORY', userAction: 'Reseat the CMM.', status: { state: 'Stopped_With_Error' } }
          ]
        }
      },
      100
    )
    expect(item.stepPath.map(node => node.id)).toEqual(['INVENTORY'])
    expect(userActionOf(item)).toBe('Reseat the CMM.')
  })
})
