// A row, or a job's device, and the managed device it is: by identity only.
import { describe, expect, it } from '@jest/globals'
import type { InventoryDevice } from '../../src/lxca/inventory.js'
import type { Device } from '../../src/lxca/document.js'
import type { SourceRow } from '../../src/outcome/rows.js'
import { isOnline, isPending, jobDevicesInInventory, rowsInInventory } from '../../src/outcome/inventory-match.js'
import { device, sourceRow } from '../helpers/rows.js'

const managed = (fields: Partial<InventoryDevice>): InventoryDevice => ({
  list: 'nodes',
  addresses: [],
  names: [],
  accessState: 'Online',
  ...fields
})

/** One question at a time (the engine asks them all at once: see the last tests). */
const forRow = (devices: readonly InventoryDevice[], row: SourceRow): InventoryDevice[] =>
  rowsInInventory([row], devices).get(row) ?? []
const forJobDevice = (devices: readonly InventoryDevice[], item: Device): InventoryDevice | undefined =>
  jobDevicesInInventory([item], devices).get(item)

describe('rowsInInventory', () => {
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
  const index = { forRow: (row: SourceRow) => forRow([a, b, c], row) }

  it('an IPv4 or IPv6 address in any spelling', () => {
    expect(index.forRow(sourceRow(2, ['10.0.0.1']))).toEqual([a])
    for (const spelling of [
      'fe80::1',
      'FE80::0001',
      '[fe80::1]',
      'fe80:0:0::1',
      'fe80:0000:0000:0000:0000:0000:0000:0001'
    ])
      expect(index.forRow(sourceRow(3, [spelling]))).toEqual([a])
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
    const twice = [a, managed({ uuid: 'D'.repeat(32), names: ['rack1-node2.other.example'] })]
    expect(forRow(twice, sourceRow(4, ['rack1-node2']))).toEqual([])
    // A device whose name is the short name whole is that name's device; no first label is looked at.
    const exact = managed({ uuid: 'E'.repeat(32), names: ['rack1-node2'] })
    expect(forRow([a, exact], sourceRow(5, ['rack1-node2']))).toEqual([exact])
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

describe('jobDevicesInInventory', () => {
  it('by the job’s UUID first, else by the addresses it reports; a device listed under several addresses', () => {
    const a = managed({ uuid: 'A'.repeat(32), addresses: ['10.0.0.1', '10.0.1.1'] })
    const b = managed({ uuid: 'B'.repeat(32), addresses: ['10.0.0.2'] })
    expect(forJobDevice([a, b], device('10.0.0.2', 'a'.repeat(32)))).toBe(a)
    expect(forJobDevice([b, a], device('10.0.0.2', 'a'.repeat(32)))).toBe(a)
    expect(forJobDevice([a, b], device('10.0.1.1'))).toBe(a)
    expect(forJobDevice([a, b], device('10.9.9.9, 10.0.0.2'))).toBe(b)
    // Several addresses: the first the job reports that the inventory knows, whatever the inventory's order.
    expect(forJobDevice([b, a], device('10.0.0.1, 10.0.0.2'))).toBe(a)
    expect(forJobDevice([a, b], device('10.9.9.9', 'F'.repeat(32)))).toBeUndefined()
  })

  it('asks for every device at once: each gets its own entry, and those not found are left out', () => {
    const entries = Array.from({ length: 50 }, (_, i) =>
      managed({ uuid: i.toString(16).padStart(32, '0'), addresses: [`10.1.0.${i}`] })
    )
    const wanted = Array.from({ length: 60 }, (_, i) => device(`10.1.0.${i}`))
    const found = jobDevicesInInventory(wanted, entries)
    expect(found.size).toBe(50)
    expect(wanted.slice(0, 50).every((item, i) => found.get(item) === entries[i])).toBe(true)
  })
})

describe('rowsInInventory, all rows at once', () => {
  it('each row gets its own devices; rows sharing a short name share its one owner', () => {
    const one = managed({ uuid: '1'.repeat(32), addresses: ['10.2.0.1'], names: ['db.site.example'] })
    const two = managed({ uuid: '2'.repeat(32), addresses: ['10.2.0.2'], serialNumber: 'SN2' })
    const rows = [
      sourceRow(2, ['10.2.0.1']),
      sourceRow(3, ['db']),
      sourceRow(4, ['db']),
      sourceRow(5, ['serial:sn2']),
      sourceRow(6, ['10.2.0.9'])
    ]
    const found = rowsInInventory(rows, [one, two])
    expect(rows.map(row => found.get(row))).toEqual([[one], [one], [one], [two], undefined])
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
