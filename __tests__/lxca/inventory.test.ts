// The inventory's lists, read as Lenovo's mocks show them and tolerantly
// where the mocks disagree; anything that does not say which devices it
// holds is not understood, and never reads as "managed".
import { describe, expect, it } from '@jest/globals'
import { inventoryUrl, parseInventory } from '../../src/lxca/inventory.js'

const node = {
  uuid: '425AF828DF7D11D4B0F8E76767BBBBBB',
  name: 'DaAn5',
  hostname: 'IMM2-40f2e9b81585',
  type: 'Rack-Tower Server',
  serialNumber: 'KVD0153',
  machineType: '5463',
  mgmtProcIPaddress: '10.243.6.69',
  ipv4Addresses: ['10.243.6.69', '169.254.95.118'],
  ipv6Addresses: ['fd55:faaf:e1ab:2021:42f2:e9ff:feb8:1585', 'fe80::42f2:e9ff:feb8:1585'],
  dnsHostnames: ['10.243.6.69', 'node5.lab.example', 'fd55:faaf:e1ab:2021:42f2:e9ff:feb8:1585'],
  accessState: 'Online',
  status: { message: 'managed', name: 'MANAGED' }
}

describe('parseInventory', () => {
  it('reads nodeList as the node mock writes it: identities, names and addresses, the access state', () => {
    const parsed = parseInventory({ nodeList: [node] }, 'nodes')
    expect(parsed).toEqual({
      ok: true,
      devices: [
        {
          list: 'nodes',
          uuid: node.uuid,
          name: 'DaAn5',
          hostname: 'IMM2-40f2e9b81585',
          type: 'Rack-Tower Server',
          serialNumber: 'KVD0153',
          machineType: '5463',
          accessState: 'Online',
          addresses: [
            '10.243.6.69',
            '10.243.6.69',
            '169.254.95.118',
            'fd55:faaf:e1ab:2021:42f2:e9ff:feb8:1585',
            'fe80::42f2:e9ff:feb8:1585',
            '10.243.6.69',
            'fd55:faaf:e1ab:2021:42f2:e9ff:feb8:1585'
          ],
          names: ['IMM2-40f2e9b81585', 'node5.lab.example']
        }
      ]
    })
  })

  it('takes a bare array, or an object whose one array holds the devices (chassisList, storageList, switchList)', () => {
    for (const raw of [[node], { chassisList: [node] }, { storageList: [node] }, { switchList: [node], note: 'x' }]) {
      const parsed = parseInventory(raw, 'chassis')
      expect(parsed.ok && parsed.devices.map(device => device.uuid)).toEqual([node.uuid])
    }
  })

  it('leaves out a device that says it is not managed (the filter asked for managed ones only)', () => {
    const parsed = parseInventory(
      { nodeList: [node, { ...node, uuid: 'B'.repeat(32), status: { name: 'UNMANAGED' } }] },
      'nodes'
    )
    expect(parsed.ok && parsed.devices).toHaveLength(1)
  })

  it.each([
    ['a bare device, as the switches mock shows', { ...node }, 'it is one device, not a list of devices'],
    ['an object without a list', { count: 0 }, 'it holds no list of devices'],
    ['two lists', { nodeList: [node], other: [] }, 'it holds 2 lists, not one of devices'],
    ['an entry that is not an object', { nodeList: [node, 'x'] }, 'entry 2 is not an object'],
    [
      'a page of a longer list',
      { nodeList: [node], total: 40 },
      'it says it holds 40 devices but lists 1 (a page of a longer list)'
    ],
    ['text', 'nodes', 'it is not a list of devices'],
    ['null', null, 'it is not a list of devices']
  ])('%s is not understood', (_name, raw, problem) => {
    expect(parseInventory(raw, 'nodes')).toEqual({ ok: false, problem })
  })

  it('keeps texts short: a name is cut, never a whole hostile string', () => {
    const parsed = parseInventory([{ ...node, name: 'n'.repeat(50_000) }], 'nodes')
    expect(parsed.ok && parsed.devices[0].name).toHaveLength(1_024)
  })
})

describe('inventoryUrl', () => {
  it('asks for managed devices only, and only for the fields it matches on', () => {
    const url = inventoryUrl(new URL('https://lxca.example.com'), 'storages')
    expect(url.pathname).toBe('/storages')
    expect(url.searchParams.get('status')).toBe('managed')
    expect(url.searchParams.get('includeAttributes')?.split(',')).toEqual(
      expect.arrayContaining([
        'uuid',
        'mgmtProcIPaddress',
        'ipv6Addresses',
        'dnsHostnames',
        'accessState',
        'serialNumber'
      ])
    )
  })
})
