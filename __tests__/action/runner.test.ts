// The runner's side of the step through a deferred @actions/core: nothing is
// printed before it is loaded, calls keep their order (a mask before the line
// it protects), and a call that throws neither stops the others nor escapes.
import { describe, expect, it } from '@jest/globals'
import { deferredRunner } from '../../src/action/runner.js'

type Core = typeof import('@actions/core')

function fakeCore(): { core: Core; calls: string[] } {
  const calls: string[] = []
  const core = {
    info: (m: string) => calls.push(`info ${m}`),
    setSecret: (v: string) => calls.push(`mask ${v}`),
    setOutput: (n: string) => {
      if (n === 'broken') throw new Error('Missing file at path: /gone')
      calls.push(`output ${n}`)
    },
    setFailed: (m: string) => calls.push(`failed ${m}`),
    startGroup: (n: string) => calls.push(`group ${n}`),
    endGroup: () => calls.push('endgroup')
  }
  return { core: core as unknown as Core, calls }
}

describe('deferredRunner', () => {
  it('holds every call until @actions/core is loaded, then runs them in order', async () => {
    const { core, calls } = fakeCore()
    let release: (value: Core) => void = () => undefined
    const runner = deferredRunner(() => new Promise<Core>(resolve => (release = resolve)))
    runner.setSecret('s3cret')
    runner.info('line with s3cret')
    await runner.group('Polling', async () => runner.info('inside'))
    expect(calls).toEqual([])
    runner.load()
    release(core)
    await runner.ready()
    expect(calls).toEqual(['mask s3cret', 'info line with s3cret', 'group Polling', 'info inside', 'endgroup'])
    runner.info('after')
    expect(calls.at(-1)).toBe('info after')
  })

  it('a call that throws is recorded, and the calls after it still run', async () => {
    const { core, calls } = fakeCore()
    const runner = deferredRunner(async () => core)
    runner.setOutput('broken', 'x')
    runner.setOutput('status', 'error')
    await runner.ready()
    runner.setOutput('broken', 'y')
    runner.setFailed('done')
    expect(calls).toEqual(['output status', 'failed done'])
    expect(runner.failure).toBe('Missing file at path: /gone')
  })
})
