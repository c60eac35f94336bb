// What the inventory decides: rows managed here and Online are left out and
// ready; managed but not Online, failed rows; after a job, a device passes
// only if the inventory confirms it (stricter than the job, never looser).
import { describe, expect, it } from '@jest/globals'
import type { InventoryDevice } from '../../src/lxca/inventory.js'
import { jobDevicesInInventory } from '../../src/outcome/inventory-match.js'
import { planSkip, standingOf, withInventory, type Standing } from '../../src/outcome/inventory.js'
import { withSource } from '../../src/outcome/job-outcome.js'
import { outcomeFor } from '../helpers/outcomes.js'
import { device, rowsOf } from '../helpers/rows.js'

const managed = (address: string, accessState = 'Online', uuid?: string): InventoryDevice => ({
  list: 'nodes',
  addresses: [address],
  names: [],
  accessState,
  ...(uuid ? { uuid } : {})
})

describe('planSkip', () => {
  it('Online here: left out; managed but not Online: a failed row, never a silent skip; the rest: to import', () => {
    const rows = rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
    const index = [managed('10.0.0.1'), managed('10.0.0.2', 'Offline'), managed('10.0.0.4', 'Pending')]
    const plan = planSkip([rows], index)
    expect(plan.skipped.map(item => item.row.line)).toEqual([2])
    expect(plan.notOnline.map(item => [item.row.line, item.entry.accessState])).toEqual([
      [3, 'Offline'],
      [5, 'Pending']
    ])
    expect([...plan.toImport].map(row => row.line)).toEqual([4])
  })

  it('a row two managed devices match is skipped only if both are Online', () => {
    const rows = rowsOf(['10.0.0.1'])
    const index = [managed('10.0.0.1'), { ...managed('10.0.0.1', 'Offline'), uuid: 'B'.repeat(32) }]
    expect(planSkip([rows], index).notOnline).toHaveLength(1)
  })
})

describe('standingOf', () => {
  const inventory = [
    managed('10.0.0.1', 'Online'),
    managed('10.0.0.2', 'Pending'),
    managed('10.0.0.3', 'Offline'),
    managed('10.0.0.4', 'Partial')
  ]
  const standing = (address: string, unmanage: boolean): Standing => {
    const item = device(address)
    return standingOf(jobDevicesInInventory([item], inventory).get(item), unmanage)
  }

  it('after a manage job: Online is ready; missing or Pending, wait; anything else, not Online', () => {
    expect(standing('10.0.0.1', false).kind).toBe('ready')
    expect(standing('10.0.0.2', false)).toMatchObject({ kind: 'wait', why: 'pending' })
    expect(standing('10.0.0.9', false)).toMatchObject({ kind: 'wait', why: 'missing' })
    expect(standing('10.0.0.3', false).kind).toBe('not-online')
    expect(standing('10.0.0.4', false).kind).toBe('not-online')
  })

  it('after an unmanage job: gone is ready; still listed, wait', () => {
    expect(standing('10.0.0.9', true).kind).toBe('ready')
    expect(standing('10.0.0.3', true)).toMatchObject({ kind: 'wait', why: 'still-managed' })
  })
})

describe('withInventory', () => {
  const raw = {
    progress: 100,
    results: ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(address => ({
      messageParameters: address,
      result: address === '10.0.0.3' ? 'OTHER_FAIL' : 'SUCCESS',
      progress: 'JOB_DONE'
    }))
  }
  const rows = rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3'])
  const job = withSource(outcomeFor(raw, 'failure'), rows)
  const [one, two] = job.seen?.document.devices ?? []
  const online: Standing = { kind: 'ready', entry: managed('10.0.0.1', 'Online', 'A'.repeat(32)) }

  it('a device the job managed but the inventory lists Offline fails, with its own result and step', () => {
    const standings = new Map<typeof one, Standing>([
      [one, online],
      [two, { kind: 'not-online', entry: managed('10.0.0.2', 'Offline') }]
    ])
    const checked = withInventory(job, standings, false)
    expect(checked.status).toBe('failure')
    const devices = checked.seen?.assessment.devices ?? []
    expect(devices.map(item => [item.device.result, item.state])).toEqual([
      ['SUCCESS', 'succeeded'],
      ['NOT_ONLINE', 'failed'],
      ['OTHER_FAIL', 'failed']
    ])
    expect(devices[1].device.jobResult).toBe('SUCCESS')
    expect(devices[1].stepPath[0]).toMatchObject({
      label: 'Appliance inventory',
      longDescription: 'The job managed it, but the appliance lists it Offline, not Online.',
      userAction: expect.stringContaining('run the step again once it is Online')
    })
    // The job's own "managed successfully" is not what the reader sees any more.
    expect(devices[1].device.longDescription).toBe(
      'The job managed it, but the appliance lists it Offline, not Online.'
    )
    expect(devices[0].device.inventory?.uuid).toBe('A'.repeat(32))
    // Each device is still on its row.
    expect(devices.map(item => checked.rows?.rowOf.get(item.device)?.line)).toEqual([2, 3, 4])
  })

  it('a success stays a success only when every device is confirmed', () => {
    const all = withSource(
      outcomeFor({ ...raw, results: raw.results.slice(0, 2) }, 'success'),
      rowsOf(['10.0.0.1', '10.0.0.2'])
    )
    const [a, b] = all.seen?.document.devices ?? []
    expect(
      withInventory(
        all,
        new Map([
          [a, online],
          [b, online]
        ]),
        false
      ).status
    ).toBe('success')
    const missing = withInventory(
      all,
      new Map<typeof a, Standing>([
        [a, online],
        [b, { kind: 'wait', why: 'missing' }]
      ]),
      false
    )
    expect(missing.status).toBe('failure')
    expect(missing.seen?.assessment.devices[1].device.result).toBe('NOT_IN_INVENTORY')
  })

  it('still waiting when the deadline came: not finished, and the job times out', () => {
    const standings = new Map<typeof one, Standing>([
      [two, { kind: 'wait', why: 'pending', entry: managed('10.0.0.2', 'Pending') }]
    ])
    const checked = withInventory(job, standings, true)
    expect(checked.status).toBe('timeout')
    expect(checked.seen?.assessment.pending).toBe(1)
  })
})
