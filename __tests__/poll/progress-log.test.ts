// The log while a job runs: one line per change whatever the job's size,
// failures first and named, device lines under debug only, thousands
// separators, and one heartbeat for the whole run.
import { describe, expect, it } from '@jest/globals'
import { NO_SECRETS, SecretSet } from '../../src/common/secrets.js'
import { parseJob } from '../../src/lxca/document.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { createChangeLog, createHeartbeat } from '../../src/poll/progress-log.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { twoCausesPerDevice } from '../../src/simulator/scenarios.js'
import { assess } from '../../src/lxca/verdict.js'
import { expectNoPartOf } from '../helpers/secret-parts.js'

const assessed = (raw: unknown) => {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return assess(parsed.job, ['SUCCESS'])
}

describe('createChangeLog', () => {
  it('one progress line per change: failures first and named, then what succeeded, what runs and where most of it is', () => {
    const log = createChangeLog(NO_SECRETS)
    const script = scriptJob({ devices: 2, pollsToComplete: 3, failures: [{ device: 1, step: 'CFG_NTP' }] })
    expect(log(assessed(jobDocument(script, 1))).info).toEqual([
      'Job progress 33% · 2 running · 2 at Inventory › Chassis inventory'
    ])
    expect(log(assessed(jobDocument(script, 1))).info).toEqual([])
    expect(log(assessed(jobDocument(script, 2))).info).toEqual([
      'Job progress 83% · 1 failed (10.240.72.2 at Configuration › NTP) · 1 running · 1 at Configuration › Updating DNS servers ip addresses on CMM'
    ])
    expect(log(assessed(jobDocument(script, 3))).info).toEqual([
      'Job progress 100% · +1 succeeded · all 2 done: 1 failed, 1 succeeded'
    ])
  })

  it('device lines go to debug, capped, and only those that changed', () => {
    const log = createChangeLog(NO_SECRETS)
    const script = scriptJob({ devices: 120, pollsToComplete: 3 })
    const first = log(assessed(jobDocument(script, 1)))
    expect(first.debug).toHaveLength(50 + 1)
    expect(first.debug[0]).toBe('  - 10.240.72.1: Inventory › Chassis inventory (Running)')
    expect(first.debug[50]).toBe('… and 70 more devices changed')
    expect(log(assessed(jobDocument(script, 1))).debug).toEqual([])
  })

  it('names at most three new failures, and says how many more; thousands separators', () => {
    const script = scriptJob({ devices: 3_000, pollsToComplete: 2, failures: twoCausesPerDevice(3_000, 2) })
    const [line] = createChangeLog(NO_SECRETS)(assessed(jobDocument(script, 2))).info
    expect(line).toMatch(
      /^Job progress 100% · 1,500 failed \(10\.240\.72\.1 at [^,]+, 10\.240\.72\.3 at [^,]+, 10\.240\.72\.5 at [^,]+, \+1,497\) · \+1,500 succeeded · all 3,000 done: 1,500 failed, 1,500 succeeded$/
    )
  })

  it('a 1,000-device job polled 6 times: at most 6 visible lines, one per poll, however many devices change', () => {
    const script = scriptJob({ devices: 1_000, pollsToComplete: 6, failures: twoCausesPerDevice(1_000, 10) })
    const log = createChangeLog(NO_SECRETS)
    const lines = [1, 2, 3, 4, 5, 6].flatMap(poll => log(assessed(jobDocument(script, poll))).info)
    expect(lines.length).toBeLessThanOrEqual(6)
    expect(lines.every(line => line.length <= 400)).toBe(true)
    expect(lines[lines.length - 1]).toContain('all 1,000 done: 100 failed, 900 succeeded')
  })

  it('cannot be made to print a workflow command or an extra line', () => {
    const log = createChangeLog(NO_SECRETS)
    const { info, debug } = log(
      assessed({
        progress: 5,
        results: [{ result: 'OTHER_FAIL', progress: 'JOB_DONE', messageParameters: '::warning::pwned\n::error::x' }]
      })
    )
    for (const line of [...info, ...debug]) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toMatch(/\n/)
    }
  })
})

describe('the heartbeat', () => {
  it('says it is still waiting after 5 minutes of silence, with the time left; any line logged resets it', () => {
    let now = 0
    const heartbeat = createHeartbeat(
      () => now,
      () => deadlineFrom(0, 45 * 60_000, 30_000)
    )
    const log = createChangeLog(NO_SECRETS, heartbeat)
    const running = assessed(jobDocument(scriptJob({ devices: 4, pollsToComplete: 10 }), 5))
    expect(log(running).info).not.toEqual([])
    now = 4 * 60_000
    expect(log(running).info).toEqual([])
    now = 5 * 60_000
    expect(log(running).info).toEqual([
      'Still waiting: 46% · 0 of 4 devices done · 5m 0s elapsed · 40m 0s left before the timeout'
    ])
    now = 9 * 60_000
    expect(log(running).info).toEqual([])
    // Something else was logged (a part's upload, say): the silence starts again from there.
    heartbeat.lastLineAt = 8 * 60_000
    now = 12 * 60_000
    expect(log(running).info).toEqual([])
    now = 13 * 60_000 + 15_000
    expect(log(running).info).toEqual([
      'Still waiting: 46% · 0 of 4 devices done · 13m 15s elapsed · 31m 45s left before the timeout'
    ])
  })

  it('is one for the run: a second job’s log (the next part) does not restart it', () => {
    let now = 0
    const heartbeat = createHeartbeat(
      () => now,
      () => deadlineFrom(0, 60 * 60_000, 30_000)
    )
    const running = assessed(jobDocument(scriptJob({ devices: 4, pollsToComplete: 10 }), 5))
    createChangeLog(NO_SECRETS, heartbeat)(running)
    now = 3 * 60_000
    // The next part's log starts: its first line is news, and resets the silence like any line.
    expect(createChangeLog(NO_SECRETS, heartbeat)(running).info).toHaveLength(1)
    const part2 = createChangeLog(NO_SECRETS, heartbeat)
    part2(running)
    now = 8 * 60_000 - 1
    expect(part2(running).info).toEqual([])
    now = 8 * 60_000
    expect(part2(running).info).toHaveLength(1)
  })
})

describe('a device line is scrubbed before it is cut', () => {
  it('a secret straddling the 300-character cut leaves no part behind', () => {
    const password = 'Straddle-Pa55word!'
    const secrets = new SecretSet()
    secrets.add(password)
    const raw = {
      progress: 50,
      results: [{ messageParameters: `${'x'.repeat(300 - 8)}${password}`, result: 'OTHER_FAIL', progress: 'JOB_DONE' }]
    }
    const { info, debug } = createChangeLog(secrets)(assessed(raw))
    const device = debug.find(line => line.startsWith('  - ')) ?? ''
    expect(device).toContain('***')
    expectNoPartOf(device, password)
    for (const line of info) expectNoPartOf(line, password)
  })
})
