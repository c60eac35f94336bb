// Reading the inventory on the virtual clock: one read per list per round,
// Pending devices read again at the poll interval until Online, for at most
// inventory-wait and never past the deadline; faults retried; an answer not
// understood is trouble, never "managed".
import { describe, expect, it } from '@jest/globals'
import { RequestFault } from '../../src/common/errors.js'
import type { InventoryList } from '../../src/lxca/inventory.js'
import { deadlineFrom } from '../../src/outcome/deadline.js'
import { readLists, verifyDevices, type InventoryReadOptions } from '../../src/poll/inventory-reader.js'
import { device } from '../helpers/rows.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

type Answer = unknown | RequestFault

/** An appliance whose lists answer from `script` (by list, each read taking the next answer; the last repeats). */
function appliance(clock: VirtualClock, script: Partial<Record<InventoryList, Answer[]>>) {
  const reads: Array<{ list: InventoryList; at: number }> = []
  const count = new Map<InventoryList, number>()
  const getInventory = async (list: InventoryList) => {
    reads.push({ list, at: clock.now() })
    const answers = script[list] ?? [{ nodeList: [] }]
    const n = count.get(list) ?? 0
    count.set(list, n + 1)
    const answer = answers[Math.min(n, answers.length - 1)]
    if (answer instanceof RequestFault) throw answer
    return { document: answer }
  }
  return { reads, getInventory }
}

function options(
  clock: VirtualClock,
  getInventory: InventoryReadOptions['getInventory'],
  timeoutMs = 3_600_000
): InventoryReadOptions {
  return {
    getInventory,
    clock,
    random: () => 0.5,
    signal: new AbortController().signal,
    deadline: deadlineFrom(clock.now(), timeoutMs, 30_000),
    pollIntervalMs: 15_000,
    maxRetries: 3
  }
}

const node = (address: string, accessState: string) => ({ uuid: undefined, mgmtProcIPaddress: address, accessState })
const list = (...devices: unknown[]) => ({ nodeList: devices })

describe('verifyDevices', () => {
  it('Pending, then Online: read again at the poll interval, one read of the list per round', async () => {
    const clock = new VirtualClock()
    const { reads, getInventory } = appliance(clock, {
      nodes: [list(node('10.0.0.1', 'Pending')), list(node('10.0.0.1', 'Pending')), list(node('10.0.0.1', 'Online'))]
    })
    const target = device('10.0.0.1')
    const result = await clock.drive(
      verifyDevices([{ device: target, list: 'nodes' }], false, 300_000, options(clock, getInventory))
    )
    expect('standings' in result && result.standings.get(target)?.kind).toBe('ready')
    expect(reads.map(read => [read.list, read.at])).toEqual([
      ['nodes', 0],
      ['nodes', 15_000],
      ['nodes', 30_000]
    ])
  })

  it('still Pending when inventory-wait ends: the wait ends there, and the device is still waiting (it will fail)', async () => {
    const clock = new VirtualClock()
    const { reads, getInventory } = appliance(clock, { nodes: [list(node('10.0.0.1', 'Pending'))] })
    const target = device('10.0.0.1')
    const result = await clock.drive(verifyDevices([{ device: target }], false, 40_000, options(clock, getInventory)))
    expect(result).toMatchObject({ deadline: false })
    expect('standings' in result && result.standings.get(target)).toMatchObject({ kind: 'wait', why: 'pending' })
    expect(clock.now()).toBe(40_000)
    expect(reads.filter(read => read.list === 'nodes')).toHaveLength(4)
  })

  it('the run’s deadline before inventory-wait: the wait stops at the deadline, and says so', async () => {
    const clock = new VirtualClock()
    const { getInventory } = appliance(clock, { nodes: [list(node('10.0.0.1', 'Pending'))] })
    const result = await clock.drive(
      verifyDevices([{ device: device('10.0.0.1') }], false, 300_000, options(clock, getInventory, 20_000))
    )
    expect(result).toMatchObject({ deadline: true })
    expect(clock.now()).toBe(20_000)
  })

  it('a device of no row: /nodes first, the other lists only when it is not there', async () => {
    const clock = new VirtualClock()
    const { reads, getInventory } = appliance(clock, {
      nodes: [list(node('10.0.0.1', 'Online'))],
      switches: [{ switchList: [node('10.0.0.7', 'Online')] }]
    })
    const found = await clock.drive(
      verifyDevices([{ device: device('10.0.0.1') }], false, 0, options(clock, getInventory))
    )
    expect('standings' in found).toBe(true)
    expect(reads.map(read => read.list)).toEqual(['nodes'])
    const other = device('10.0.0.7')
    const elsewhere = await clock.drive(verifyDevices([{ device: other }], false, 0, options(clock, getInventory)))
    expect('standings' in elsewhere && elsewhere.standings.get(other)?.kind).toBe('ready')
    expect(reads.map(read => read.list)).toEqual(['nodes', 'nodes', 'chassis', 'switches', 'storages'])
  })

  it('after an unmanage job: read again while the device is still listed; gone is ready', async () => {
    const clock = new VirtualClock()
    const { getInventory } = appliance(clock, { nodes: [list(node('10.0.0.1', 'Online')), list()] })
    const target = device('10.0.0.1')
    const result = await clock.drive(
      verifyDevices([{ device: target, list: 'nodes' }], true, 60_000, options(clock, getInventory))
    )
    expect('standings' in result && result.standings.get(target)?.kind).toBe('ready')
  })
})

describe('readLists', () => {
  it('retries a transient fault, then reads the list', async () => {
    const clock = new VirtualClock()
    const reset = new RequestFault('network', 'GET /nodes: read ECONNRESET', true)
    const { reads, getInventory } = appliance(clock, { nodes: [reset, reset, list(node('10.0.0.1', 'Online'))] })
    const read = await clock.drive(readLists(['nodes'], options(clock, getInventory)))
    expect('devices' in read && read.devices).toHaveLength(1)
    expect(reads).toHaveLength(3)
  })

  it('an answer it does not understand is trouble, not an empty inventory; so are too many faults and a refusal', async () => {
    const clock = new VirtualClock()
    const odd = appliance(clock, { nodes: [{ results: 'x', other: [], more: [] }] })
    expect(await clock.drive(readLists(['nodes'], options(clock, odd.getInventory)))).toMatchObject({
      trouble: { kind: 'not-understood', list: 'nodes' }
    })
    const down = appliance(clock, { nodes: [new RequestFault('http', 'GET /nodes: HTTP 503', true, { status: 503 })] })
    expect(await clock.drive(readLists(['nodes'], options(clock, down.getInventory)))).toMatchObject({
      trouble: { kind: 'fault', fault: { httpStatus: 503 } }
    })
    expect(down.reads).toHaveLength(4)
    const refused = appliance(clock, { nodes: [new RequestFault('auth', 'refused', false, { status: 403 })] })
    expect(await clock.drive(readLists(['nodes'], options(clock, refused.getInventory)))).toMatchObject({
      trouble: { kind: 'fault', fault: { kind: 'auth' } }
    })
    expect(refused.reads).toHaveLength(1)
  })
})
