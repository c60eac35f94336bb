// What allowed-failures may excuse: servers the job does not list fail it;
// only finished jobs' failures are ever excused, and never more than asked.
import { describe, expect, it } from '@jest/globals'
import { allowedOf, excuseOf } from '../../src/outcome/allowance.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { gateOutcome } from '../../src/outcome/gate-outcome.js'
import { withSource, type JobOutcome } from '../../src/outcome/job-outcome.js'
import { errorOutcome, outcomeFor } from '../helpers/outcomes.js'
import { rowsOf } from '../helpers/rows.js'

describe('allowed-failures', () => {
  const failing = (failed: number, of: number): JobOutcome =>
    outcomeFor(
      {
        progress: 100,
        results: Array.from({ length: of }, (_, i) => ({
          messageParameters: `10.0.0.${i + 1}`,
          result: i < failed ? 'OTHER_FAIL' : 'SUCCESS',
          progress: 'JOB_DONE'
        }))
      },
      failed > 0 ? 'failure' : 'success'
    )
  const deadline = deadlineFrom(0, 60_000, 1_000)

  it('a percentage is of every device, rounded down: never more than asked', () => {
    expect(allowedOf({ percent: 2 }, 300)).toBe(6)
    expect(allowedOf({ percent: 2 }, 49)).toBe(0)
    expect(allowedOf({ percent: 0.5 }, 1_000)).toBe(5)
    expect(allowedOf({ percent: 100 }, 7)).toBe(7)
    expect(allowedOf({ count: 3 }, 1)).toBe(3)
  })

  it('within the allowance → partial, with the excuse; one more → failure', () => {
    expect(gateOutcome([failing(1, 4)], undefined, deadline, { count: 1 })).toMatchObject({
      status: 'partial',
      excuse: { given: '1', allowed: 1, notSucceeded: 1, total: 4 }
    })
    expect(gateOutcome([failing(2, 4)], undefined, deadline, { count: 1 }).status).toBe('failure')
    expect(gateOutcome([failing(2, 4)], undefined, deadline, { percent: 50 })).toMatchObject({
      status: 'partial',
      excuse: { given: '50%: 2' }
    })
    expect(gateOutcome([failing(0, 4)], undefined, deadline, { count: 1 }).status).toBe('success')
  })

  it('servers not in the job count as failed, of every server', () => {
    const missing = withSource(
      outcomeFor(
        { progress: 100, results: [{ messageParameters: '10.0.0.1', result: 'SUCCESS', progress: 'JOB_DONE' }] },
        'success'
      ),
      rowsOf(['10.0.0.1', '10.0.0.2'])
    )
    expect(excuseOf([missing], { count: 1 })).toEqual({ given: '1', allowed: 1, notSucceeded: 1, total: 2 })
    expect(excuseOf([missing], { percent: 49 })).toBeUndefined()
  })

  it('never excuses a timeout, an error, a cancellation, an empty job or a device without a result', () => {
    const all = { percent: 100 }
    const timeout = outcomeFor(
      {
        progress: 50,
        results: [
          { messageParameters: 'a', result: 'OTHER_FAIL', progress: 'JOB_DONE' },
          { messageParameters: 'b', progress: 40 }
        ]
      },
      'timeout'
    )
    expect(gateOutcome([failing(1, 2), timeout], undefined, deadline, all).status).toBe('timeout')
    expect(gateOutcome([failing(1, 2), errorOutcome({ kind: 'empty' })], undefined, deadline, all).status).toBe('error')
    expect(gateOutcome([errorOutcome({ kind: 'unreported', devices: [] })], undefined, deadline, all).status).toBe(
      'error'
    )
    const cancelled: JobOutcome = { ...failing(1, 2), status: 'cancelled' }
    expect(gateOutcome([cancelled], undefined, deadline, all).status).toBe('cancelled')
  })
})
