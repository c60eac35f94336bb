// A row, or a job's device, and the managed device it is: by identity only.
import { describe, expect, it } from '@jest/globals'
import type { InventoryDevice } from '../../src/lxca/inventory.js'
import { InventoryIndex, isOnline, isPending } from '../../src/outcome/inventory-match.js'
import { device, sourceRow } from '../helpers/rows.js'

const managed = (fields: Partial<InventoryDevice>): InventoryDevice => ({
  list: 'nodes',
  addresses: [],
  names: [],
  accessState: 'Online',
  ...fields
})

describe('InventoryIndex.forRow', () => {
  const a = managed({
    uuid: 'A'.repeat(32),
    addresses: ['10.0.0.1', 'FE80:0:0:0:0:0:0:1'],
    names: ['Rack1-Node2.lab.example']
  })
  const b = managed({
    uuid: 'B'.repeat(32),
    addresses: ['10.0.0.2'],
    names: ['rack1node2.lab.example'],
    serialNumber: 'J300ABCD'
  })
  const c = managed({ uuid: 'C'.repeat(32), names: ['web.site-a.example', 'web.site-b.example'] })
  const index = new InventoryIndex([a, b, c])

  it('an IPv4 or IPv6 address in any spelling', () => {
    expect(index.forRow(sourceRow(2, ['10.0.0.1']))).toEqual([a])
    expect(index.forRow(sourceRow(3, ['fe80::1']))).toEqual([a])
    expect(index.forRow(sourceRow(4, ['10.0.0.9']))).toEqual([])
  })

  it('a host name whole and in any case: rack1-node2 is not rack1node2', () => {
    expect(index.forRow(sourceRow(2, ['RACK1-NODE2.lab.example']))).toEqual([a])
    expect(index.forRow(sourceRow(3, ['rack1node2.lab.example']))).toEqual([b])
  })

  it('a short name matches an FQDN’s first label only when exactly one device has it', () => {
    expect(index.forRow(sourceRow(2, ['rack1-node2']))).toEqual([a])
    // Two names of one device with the same first label are still one device.
    expect(index.forRow(sourceRow(3, ['web']))).toEqual([c])
    const twice = new InventoryIndex([a, managed({ uuid: 'D'.repeat(32), names: ['rack1-node2.other.example'] })])
    expect(twice.forRow(sourceRow(4, ['rack1-node2']))).toEqual([])
  })

  it('a serial number or a UUID column', () => {
    expect(index.forRow(sourceRow(2, ['serial:j300abcd']))).toEqual([b])
    expect(
      index.forRow(
        sourceRow(3, [`uuid:${'c'.repeat(8)}-${'c'.repeat(4)}-${'c'.repeat(4)}-${'c'.repeat(4)}-${'c'.repeat(12)}`])
      )
    ).toEqual([c])
    // A serial number never meets an address.
    expect(index.forRow(sourceRow(4, ['serial:10.0.0.1']))).toEqual([])
  })
})

describe('InventoryIndex.forJobDevice', () => {
  it('by the job’s UUID first, else by the addresses it reports; a device listed under several addresses', () => {
    const a = managed({ uuid: 'A'.repeat(32), addresses: ['10.0.0.1', '10.0.1.1'] })
    const b = managed({ uuid: 'B'.repeat(32), addresses: ['10.0.0.2'] })
    const index = new InventoryIndex([a, b])
    expect(index.forJobDevice(device('10.0.0.2', 'a'.repeat(32)))).toBe(a)
    expect(index.forJobDevice(device('10.0.1.1'))).toBe(a)
    expect(index.forJobDevice(device('10.9.9.9, 10.0.0.2'))).toBe(b)
    expect(index.forJobDevice(device('10.9.9.9', 'F'.repeat(32)))).toBeUndefined()
  })
})

describe('access states', () => {
  it('Online in any case is ready; Pending is worth waiting for; the rest are neither', () => {
    expect(isOnline(managed({ accessState: 'online' }))).toBe(true)
    expect(isOnline(managed({ accessState: 'Offline' }))).toBe(false)
    expect(isOnline(managed({ accessState: undefined }))).toBe(false)
    expect(isPending(managed({ accessState: 'PENDING' }))).toBe(true)
    expect(isPending(managed({ accessState: 'Partial' }))).toBe(false)
  })
})
