// Failures are grouped by cause, not by wording: LXCA words many user actions
// per device, and two real causes must stay two rows whether ten devices or a
// hundred thousand share them, while two real causes never merge.
import { describe, expect, it } from '@jest/globals'
import { noSecrets } from '../../../src/common/secrets.js'
import { byCauseThenAddress, causesOf, maskParticulars } from '../../../src/report/model/causes.js'
import { seenOf } from '../../helpers/outcomes.js'

interface Failing {
  readonly address: string
  readonly uuid?: string
  readonly step?: string
  readonly result?: string
  readonly action: string
}

/** A finished job document whose devices failed as given. */
function failedJob(devices: readonly Failing[]): unknown {
  return {
    progress: 100,
    results: devices.map(device => ({
      messageParameters: device.address,
      uuid: device.uuid,
      result: device.result ?? 'OTHER_FAIL',
      progress: 'JOB_DONE',
      status: {
        substatus: [
          {
            id: device.step ?? 'INV_NODES',
            userAction: device.action,
            status: { state: 'Stopped_With_Error' }
          }
        ]
      }
    }))
  }
}

const addressOf = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
const uuidOf = (i: number): string => i.toString(16).padStart(32, '0').toUpperCase()

/** Two real causes, each action naming the device's own address, number and UUID. */
function twoCausesWordedPerDevice(count: number): Failing[] {
  return Array.from({ length: count }, (_, i) => {
    const address = addressOf(i)
    return i % 2
      ? {
          address,
          uuid: uuidOf(i),
          step: 'CFG_SECURITY',
          action: `Device ${address} (node ${i + 1}, UUID ${uuidOf(i)}): reset the BMC security settings.`
        }
      : {
          address,
          uuid: uuidOf(i),
          action: `Device ${address} (node ${i + 1}): check that the CMM at 192.168.${i % 250}.1 is reachable.`
        }
  })
}

const causes = (devices: readonly Failing[]) =>
  causesOf(
    seenOf(failedJob(devices)).assessment.devices.filter(item => item.state === 'failed'),
    noSecrets
  )

describe('maskParticulars: what is particular to one device', () => {
  it('replaces the device’s own identifiers, then other addresses, UUIDs, long hex and numbers', () => {
    expect(
      maskParticulars(
        'Device srv-a.lab (node 7) at 10.1.2.3:443 and fe80::1, job 0f1e2d3c4b, id 123e4567-e89b-12d3-a456-426614174000',
        ['srv-a.lab']
      )
    ).toBe('Device ‹device› (node ‹n›) at ‹address› and ‹address›, job ‹id›, id ‹id›')
  })

  it('leaves words alone: a step name or a plain sentence is not a particular', () => {
    expect(maskParticulars('Check the CMM firmware, then manage the chassis again.', [])).toBe(
      'Check the CMM firmware, then manage the chassis again.'
    )
    expect(maskParticulars('Use a decade-old BMC? Add the face cafe.', [])).toBe(
      'Use a decade-old BMC? Add the face cafe.'
    )
  })
})

describe('a device’s own names, as whole words', () => {
  const named = (i: number): Failing => ({
    address: addressOf(i),
    action: `Login to rack12-node${i} failed: check the BMC credentials of rack12-node${i}.`,
    step: 'LOGIN'
  })

  it('twelve failures quoting each server’s own name are one cause', () => {
    const devices = Array.from({ length: 12 }, (_, i) => named(i + 1))
    const items = seenOf(failedJob(devices)).assessment.devices
    const found = causesOf(items, noSecrets, item => [`rack12-node${items.indexOf(item) + 1}`])
    expect(found).toHaveLength(1)
    expect(found[0].devices).toHaveLength(12)
    expect(found[0].userAction).toBe('Login to ‹device› failed: check the BMC credentials of ‹device›.')
    // Without the names they are twelve: the names are what joins them.
    expect(causesOf(items, noSecrets)).toHaveLength(12)
  })

  it('only whole words, of at least 3 characters, in any case', () => {
    expect(maskParticulars('Login to RACK12-NODE7.lab failed', [], ['rack12-node7'])).toBe(
      'Login to ‹device›.lab failed'
    )
    expect(maskParticulars('Login to rack12-node70 failed', [], ['rack12-node7'])).toBe('Login to rack12-node70 failed')
    expect(maskParticulars('The webserver is down', [], ['web'])).toBe('The webserver is down')
    const [item] = seenOf(failedJob([{ address: '10.0.0.1', action: 'Check the db link.' }])).assessment.devices
    expect(causesOf([item], noSecrets, () => ['db'])[0].userAction).toBe('Check the db link.')
  })
})

describe('causesOf: grouping by cause, not by wording', () => {
  it.each([10, 100_000])('%s devices in two causes worded per device → exactly two causes', count => {
    const found = causes(twoCausesWordedPerDevice(count))
    expect(found.map(cause => [cause.rank, cause.devices.length, cause.step])).toEqual([
      [1, count / 2, 'INV_NODES'],
      [2, count / 2, 'CFG_SECURITY']
    ])
    // The action once, readable: the template, with placeholders where each device differs.
    expect(found[0].userAction).toBe('Device ‹device› (node ‹n›): check that the CMM at ‹address› is reachable.')
    expect(found[1].userAction).toBe('Device ‹device› (node ‹n›, UUID ‹device›): reset the BMC security settings.')
  })

  it('a cause whose devices all say the same keeps their text as written', () => {
    const same = [1, 2, 3].map(i => ({ address: addressOf(i), action: 'Reseat the CMM (slot 2).' }))
    expect(causes(same).map(cause => cause.userAction)).toEqual(['Reseat the CMM (slot 2).'])
  })

  it('two real causes never merge: another step, another result, or another sentence stays apart', () => {
    const base = { address: '10.0.0.1', action: 'Check the node.' }
    const found = causes([
      base,
      { ...base, address: '10.0.0.2', step: 'LOGIN' },
      { ...base, address: '10.0.0.3', result: 'TIMEOUT' },
      { ...base, address: '10.0.0.4', action: 'Replace the node.' },
      { ...base, address: '10.0.0.5' }
    ])
    expect(found.map(cause => cause.devices.map(item => item.device.address))).toEqual([
      ['10.0.0.1', '10.0.0.5'],
      ['10.0.0.2'],
      ['10.0.0.3'],
      ['10.0.0.4']
    ])
  })

  it('orders devices by cause (largest first), then by address with numbers as numbers', () => {
    const found = causes([
      { address: '10.0.0.10', action: 'A.' },
      { address: '10.0.0.9', step: 'LOGIN', action: 'B.' },
      { address: '10.0.0.2', action: 'A.' },
      { address: '10.0.0.100', action: 'A.' }
    ])
    expect(byCauseThenAddress(found, []).map(item => item.device.address)).toEqual([
      '10.0.0.2',
      '10.0.0.10',
      '10.0.0.100',
      '10.0.0.9'
    ])
  })
})
