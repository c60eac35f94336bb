// Keys that only the same device can have: one canonical spelling per
// address, whole host names and serials, UUIDs without their dashes; keys of
// two kinds never meet.
import { describe, expect, it } from '@jest/globals'
import { isIPv6 } from 'node:net'
import {
  addressIdentity,
  canonicalIp,
  canonicalUuid,
  reportedIdentities,
  serialIdentity,
  uuidIdentity
} from '../../src/common/identity.js'

describe('canonicalIp', () => {
  it('IPv6 in any spelling is one address', () => {
    for (const spelling of ['fe80::1', 'FE80:0:0:0:0:0:0:1', 'fe80:0000:0000:0000:0000:0000:0000:0001', '[fe80::1]'])
      expect([spelling, canonicalIp(spelling)]).toEqual([spelling, 'fe80::1'])
    expect(canonicalIp('2001:DB8::A:0:0:1')).toBe('2001:db8::a:0:0:1')
    expect(canonicalIp(' ::ffff:10.0.0.1 ')).toBe('::ffff:a00:1')
  })

  it('keeps an IPv6 zone, in lower case; IPv4 as written; anything else is not an address', () => {
    expect(canonicalIp('FE80::1%ETH0')).toBe('fe80::1%eth0')
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1')
    for (const other of ['rack1.lab', '10.0.0', '010.0.0.1', 'fe80::1::2', '', '12345'])
      expect(canonicalIp(other)).toBeUndefined()
  })
})

describe('canonicalIp against the URL parser', () => {
  /** What WHATWG URLs make of an address: the reference the hand-written compression must agree with. */
  const viaUrl = (text: string): string | undefined =>
    isIPv6(text) ? new URL(`http://[${text}]/`).hostname.slice(1, -1) : undefined

  it('agrees on 20,000 spellings: random groups, zero runs, case, leading zeros, and broken ones', () => {
    let seed = 7
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const disagreements: string[] = []
    for (let k = 0; k < 20_000; k++) {
      const groups = Array.from({ length: 8 }, () => (random() < 0.5 ? 0 : Math.floor(random() * 65536)))
      const written = groups.map(group => {
        const hex = random() < 0.3 ? group.toString(16).toUpperCase() : group.toString(16)
        return hex.padStart(Math.min(4, hex.length + Math.floor(random() * 3)), '0')
      })
      let text = written.join(':')
      const from = Math.floor(random() * 8)
      let to = from
      while (to < 8 && groups[to] === 0) to += 1
      if (to > from && random() < 0.6) text = `${written.slice(0, from).join(':')}::${written.slice(to).join(':')}`
      const broken = random()
      if (broken < 0.05) text += ':1'
      else if (broken < 0.1) text = text.replace(/[0-9a-f]/i, 'g')
      else if (broken < 0.12) text += '::'
      else if (broken < 0.14) text = `:${text}`
      if (canonicalIp(text) !== viaUrl(text)) disagreements.push(text)
    }
    expect(disagreements).toEqual([])
  })

  it('agrees at the edges', () => {
    for (const text of ['::', '::1', '1::', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:0:0:2:0:0:0:3', '0:0:1:0:0:1:0:0'])
      expect([text, canonicalIp(text)]).toEqual([text, viaUrl(text)])
    for (const text of [':::', '1:::2', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '1::2::3', '::ffff:10.0.0.256'])
      expect([text, canonicalIp(text)]).toEqual([text, undefined])
  })
})

describe('canonicalUuid', () => {
  it('32 hex digits with or without dashes and braces, lower case; anything else is not a UUID', () => {
    expect(canonicalUuid('{123E4567-E89B-12D3-A456-426614174000}')).toBe('123e4567e89b12d3a456426614174000')
    expect(canonicalUuid('123e4567e89b12d3a456426614174000')).toBe('123e4567e89b12d3a456426614174000')
    expect(canonicalUuid('123e4567e89b12d3a45642661417400')).toBeUndefined()
    expect(canonicalUuid('J3-00')).toBeUndefined()
  })
})

describe('identities', () => {
  it('an address cell is an IP or else a host name (whole, lower case, without a final dot)', () => {
    expect(addressIdentity(' FE80::1 ')).toEqual({ kind: 'ip', key: 'ip:fe80::1' })
    expect(addressIdentity('Rack1-Node2.Lab.')).toEqual({ kind: 'host', key: 'host:rack1-node2.lab' })
    expect(addressIdentity(' ')).toBeUndefined()
  })

  it('serials and UUIDs are keyed by their own kind: the same text of two kinds is two keys', () => {
    expect(serialIdentity('J300ABCD')).toEqual({ kind: 'serial', key: 'serial:j300abcd' })
    expect(uuidIdentity('123E4567-E89B-12D3-A456-426614174000')?.key).toBe('uuid:123e4567e89b12d3a456426614174000')
    expect(uuidIdentity('not-a-uuid')?.key).toBe('uuid:not-a-uuid')
    expect(serialIdentity('10.0.0.1')?.key).not.toBe(addressIdentity('10.0.0.1')?.key)
    expect(serialIdentity('')).toBeUndefined()
    expect(uuidIdentity('')).toBeUndefined()
  })

  it('what a job reports: each address, a UUID in its place, else a serial or a host name; and the device UUID', () => {
    expect(
      reportedIdentities('10.0.0.1, FE80:0:0:0:0:0:0:1', '123E4567E89B12D3A456426614174000').map(item => item.key)
    ).toEqual(['ip:10.0.0.1', 'ip:fe80::1', 'uuid:123e4567e89b12d3a456426614174000'])
    expect(reportedIdentities('J300ABCD', undefined).map(item => item.key)).toEqual([
      'serial:j300abcd',
      'host:j300abcd'
    ])
    expect(reportedIdentities('{123E4567-E89B-12D3-A456-426614174000}', 'nope').map(item => item.key)).toEqual([
      'uuid:123e4567e89b12d3a456426614174000'
    ])
  })
})
