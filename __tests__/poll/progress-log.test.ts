import { describe, expect, it } from '@jest/globals'
import { NO_SECRETS, SecretSet } from '../../src/common/secrets.js'
import { parseJob } from '../../src/lxca/document.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { createChangeLog } from '../../src/poll/progress-log.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { assess } from '../../src/lxca/verdict.js'
import { expectNoPartOf } from '../helpers/secret-parts.js'

const assessed = (raw: unknown) => {
  const parsed = parseJob(raw)
  if (!parsed.ok) throw new Error(parsed.problem)
  return assess(parsed.job, ['SUCCESS'])
}

describe('createChangeLog', () => {
  it('logs progress and device changes, and nothing when a poll changes nothing', () => {
    const log = createChangeLog(NO_SECRETS)
    const script = scriptJob({ devices: 2, pollsToComplete: 3, failures: [{ device: 1, step: 'CFG_NTP' }] })
    expect(log(assessed(jobDocument(script, 1)))).toEqual([
      'Job progress 33%: 0 of 2 devices done',
      '  - 10.240.72.1: Inventory › Chassis inventory (Running)',
      '  - 10.240.72.2: Inventory › Chassis inventory (Running)'
    ])
    expect(log(assessed(jobDocument(script, 1)))).toEqual([])
    expect(log(assessed(jobDocument(script, 2)))).toEqual([
      'Job progress 83%: 1 of 2 devices done',
      '  - 10.240.72.1: Configuration › Updating DNS servers ip addresses on CMM (Running)',
      '  - 10.240.72.2: OTHER_FAIL at Configuration › NTP'
    ])
  })

  it('cannot be made to print a workflow command or an extra line', () => {
    const log = createChangeLog(NO_SECRETS)
    const lines = log(
      assessed({ progress: 5, results: [{ result: 'INCOMPLETE', messageParameters: '::warning::pwned\n::error::x' }] })
    )
    for (const line of lines) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toMatch(/\n/)
    }
  })

  it('caps device lines per poll', () => {
    const lines = createChangeLog(NO_SECRETS)(assessed(jobDocument(scriptJob({ devices: 120, pollsToComplete: 3 }), 1)))
    expect(lines).toHaveLength(1 + 50 + 1)
    expect(lines[lines.length - 1]).toBe('… and 70 more devices changed')
  })

  it('says it is still waiting every 5 minutes while nothing changes, with the time left', () => {
    let now = 0
    const log = createChangeLog(NO_SECRETS, { now: () => now, deadline: deadlineFrom(0, 45 * 60_000, 30_000) })
    const running = assessed(jobDocument(scriptJob({ devices: 4, pollsToComplete: 10 }), 5))
    expect(log(running)).not.toEqual([])
    now = 4 * 60_000
    expect(log(running)).toEqual([])
    now = 5 * 60_000
    expect(log(running)).toEqual([
      'Still waiting: 46% · 0 of 4 devices done · 5m 0s elapsed · 40m 0s left before the timeout'
    ])
    now = 9 * 60_000
    expect(log(running)).toEqual([])
    now = 10 * 60_000 + 15_000
    expect(log(running)).toEqual([
      'Still waiting: 46% · 0 of 4 devices done · 10m 15s elapsed · 34m 45s left before the timeout'
    ])
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
    const lines = createChangeLog(secrets)(assessed(raw))
    const device = lines.find(line => line.startsWith('  - ')) ?? ''
    expect(device).toContain('***')
    expectNoPartOf(device, password)
  })
})
