// The run's verdict with the inventory beside the jobs: a row managed here but
// not Online fails the run even when every job passed; rows skipped as already
// managed count as ready; a plan (validation) decides nothing.
import { describe, expect, it } from '@jest/globals'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { gateOutcome } from '../../src/outcome/gate-outcome.js'
import type { InventoryOutcome, ManagedRow } from '../../src/outcome/inventory.js'
import { outcomeFor } from '../helpers/outcomes.js'
import { rowsOf } from '../helpers/rows.js'

const deadline = deadlineFrom(0, 60_000, 1_000)
const passing = outcomeFor(
  { progress: 100, results: [{ messageParameters: '10.0.0.1', result: 'SUCCESS', progress: 'JOB_DONE' }] },
  'success'
)
const [row] = rowsOf(['10.0.0.9'], 's.csv').rows
const managed: ManagedRow = { row, path: 's.csv', entry: { addresses: ['10.0.0.9'] } as unknown as ManagedRow['entry'] }
const inventory = (extra: Partial<InventoryOutcome>): InventoryOutcome => ({
  skipped: [],
  notOnline: [],
  verified: 1,
  checked: true,
  verify: true,
  skipManaged: true,
  ...extra
})

describe('gateOutcome with the inventory', () => {
  it('a row managed here but not Online fails a run whose jobs all passed', () => {
    expect(gateOutcome([passing], undefined, deadline, undefined, undefined, inventory({})).status).toBe('success')
    const outcome = gateOutcome(
      [passing],
      undefined,
      deadline,
      undefined,
      undefined,
      inventory({ notOnline: [managed] })
    )
    expect(outcome.status).toBe('failure')
  })

  it('a plan (validation-only) decides nothing: the same row does not fail it', () => {
    const plan = inventory({ notOnline: [managed], planOnly: true })
    expect(gateOutcome([passing], undefined, deadline, undefined, undefined, plan).status).toBe('success')
  })

  it('no job, only rows managed but not Online (nothing uploaded): a failure, not a success', () => {
    const upload = {
      file: 's.csv',
      rows: 0,
      validationOnly: false,
      attempts: 0,
      elapsedMs: 0,
      messages: [],
      status: 'success' as const
    }
    const outcome = gateOutcome([], upload, deadline, undefined, undefined, inventory({ notOnline: [managed] }))
    expect(outcome.status).toBe('failure')
  })
})
