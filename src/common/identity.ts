// Who a device is, as a key that only the same device can have: its IP
// address (IPv4, or IPv6 in its one canonical spelling, whatever case,
// zeros or compression it was written with), its host name (whole, any
// case), its serial number (whole, any case) or its UUID (32 hex digits,
// dashes and braces aside). Keys of different kinds never meet: `rack1-node2`
// is not `rack1node2`, and a serial number is never compared with an
// address. A CSV row and a job document each say who a device is in their
// own way; rows.ts compares the keys.
import { isIPv4, isIPv6 } from 'node:net'

export type IdentityKind = 'ip' | 'host' | 'serial' | 'uuid'

export interface Identity {
  readonly kind: IdentityKind
  /** `ip:fe80::1`, `host:rack1.lab`: the kind is part of the key, so keys of two kinds never match. */
  readonly key: string
}

const identity = (kind: IdentityKind, value: string): Identity => ({ kind, key: `${kind}:${value}` })

/** An IP address in its canonical form (IPv6 compressed, lower case), or undefined when `text` is not one. */
export function canonicalIp(text: string): string | undefined {
  const value = text.trim()
  if (isIPv4(value)) return value
  // A zone (`fe80::1%eth0`) is kept as written: it names the link, not the device.
  const [address, zone] = value.split('%', 2)
  const bare = address.replace(/^\[(.*)\]$/, '$1')
  if (!isIPv6(bare)) return undefined
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1)
  return zone === undefined ? canonical : `${canonical}%${zone.toLowerCase()}`
}

/** 32 hex digits once dashes and braces are gone, lower case; undefined when `text` is not a UUID. */
export function canonicalUuid(text: string): string | undefined {
  const bare = text.trim().replace(/[-{}]/g, '').toLowerCase()
  return /^[0-9a-f]{32}$/.test(bare) ? bare : undefined
}

/** What an address cell of a CSV names: an IP address, else a host name. */
export function addressIdentity(text: string): Identity | undefined {
  const value = text.trim()
  if (value === '') return undefined
  const ip = canonicalIp(value)
  return ip === undefined ? identity('host', value.toLowerCase().replace(/\.$/, '')) : identity('ip', ip)
}

export function serialIdentity(text: string): Identity | undefined {
  const value = text.trim()
  return value === '' ? undefined : identity('serial', value.toLowerCase())
}

/** A UUID cell: the UUID, or (not a UUID's form) the value whole, which only the same text matches. */
export function uuidIdentity(text: string): Identity | undefined {
  const value = text.trim()
  if (value === '') return undefined
  return identity('uuid', canonicalUuid(value) ?? value.toLowerCase())
}

/**
 * What a job document says of a device: `messageParameters` (one value or
 * several, comma-separated) names it by its IP address if LXCA knows it, else
 * by its serial number, else by its UUID; and the device's own `uuid`. A
 * value that is neither an address nor a UUID may be a serial number or a
 * host name: it stands for both, each compared whole.
 */
export function reportedIdentities(address: string, uuid: string | undefined): Identity[] {
  const found: Identity[] = []
  for (const part of address.split(/,\s*/)) {
    const value = part.trim()
    if (value === '') continue
    const ip = canonicalIp(value)
    const asUuid = canonicalUuid(value)
    if (ip !== undefined) found.push(identity('ip', ip))
    else if (asUuid !== undefined) found.push(identity('uuid', asUuid))
    else found.push(identity('serial', value.toLowerCase()), identity('host', value.toLowerCase().replace(/\.$/, '')))
  }
  const own = uuid === undefined ? undefined : canonicalUuid(uuid)
  if (own !== undefined) found.push(identity('uuid', own))
  return found
}
