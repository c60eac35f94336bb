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
  // Most values are IPv4 addresses or host names: neither needs the IPv6 parser (every IPv6 address has a colon).
  if (!value.includes(':')) return isIPv4(value) ? value : undefined
  // A zone (`fe80::1%eth0`) is kept as written: it names the link, not the device.
  const [address, zone] = value.split('%', 2)
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const canonical = compressedIpv6(bare)
  if (canonical === undefined) return undefined
  return zone === undefined ? canonical : `${canonical}%${zone.toLowerCase()}`
}

/**
 * An IPv6 address as WHATWG URLs write it (RFC 5952: lower case, no leading
 * zeros, the first longest run of two or more zero groups as `::`), or
 * undefined when it is not one. By hand, one character at a time, because
 * an inventory holds thousands of addresses and a URL parse each costs
 * microseconds; an address with an embedded IPv4 part (`::ffff:10.0.0.1`),
 * rare, is left to the URL parser.
 */
function compressedIpv6(text: string): string | undefined {
  if (text.includes('.')) return isIPv6(text) ? new URL(`http://[${text}]/`).hostname.slice(1, -1) : undefined
  const groups = parseIpv6Groups(text)
  if (!groups) return undefined
  // The first longest run of at least two zero groups.
  let runStart = -1
  let runLength = 1
  for (let i = 0; i < 8;) {
    let end = i
    while (end < 8 && groups[end] === 0) end += 1
    if (end - i > runLength) {
      runStart = i
      runLength = end - i
    }
    i = end === i ? i + 1 : end
  }
  let out = ''
  for (let i = 0; i < 8; i++) {
    if (i === runStart) {
      out += '::'
      i += runLength - 1
      continue
    }
    if (out !== '' && !out.endsWith(':')) out += ':'
    out += groups[i].toString(16)
  }
  return out
}

const COLON = 58

/** The eight 16-bit groups of a hex-only IPv6 address, `::` expanded; undefined when it is not one. */
function parseIpv6Groups(text: string): number[] | undefined {
  const groups: number[] = []
  let gap = -1
  let i = 0
  const n = text.length
  if (n >= 2 && text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return undefined
    gap = 0
    i = 2
  }
  while (i < n) {
    let value = 0
    let digits = 0
    for (; i < n && digits <= 4; i++, digits++) {
      const digit = hexDigit(text.charCodeAt(i))
      if (digit < 0) break
      value = value * 16 + digit
    }
    if (digits === 0 || digits > 4 || groups.length === 8) return undefined
    groups.push(value)
    if (i === n) break
    if (text.charCodeAt(i) !== COLON || i + 1 === n) return undefined
    i += 1
    if (text.charCodeAt(i) === COLON) {
      if (gap >= 0) return undefined
      gap = groups.length
      i += 1
    }
  }
  if (gap < 0) return groups.length === 8 ? groups : undefined
  if (groups.length > 7) return undefined
  groups.splice(gap, 0, ...Array<number>(8 - groups.length).fill(0))
  return groups
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  if (code >= 65 && code <= 70) return code - 55
  return -1
}

/** 32 hex digits once dashes and braces are gone, lower case; undefined when `text` is not a UUID. */
export function canonicalUuid(text: string): string | undefined {
  const bare = text.trim().replace(/[-{}]/g, '').toLowerCase()
  return /^[0-9a-f]{32}$/.test(bare) ? bare : undefined
}

/** A host name as compared: whole, in lower case, without a trailing dot. */
export function canonicalHost(text: string): string {
  const value = text.trim().toLowerCase()
  return value.endsWith('.') ? value.slice(0, -1) : value
}

/** A serial number as compared: whole, in lower case. */
export function canonicalSerial(text: string): string {
  return text.trim().toLowerCase()
}

/** What an address cell of a CSV names: an IP address, else a host name. */
export function addressIdentity(text: string): Identity | undefined {
  const value = text.trim()
  if (value === '') return undefined
  const ip = canonicalIp(value)
  return ip === undefined ? identity('host', canonicalHost(value)) : identity('ip', ip)
}

export function serialIdentity(text: string): Identity | undefined {
  const value = canonicalSerial(text)
  return value === '' ? undefined : identity('serial', value)
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
    else found.push(identity('serial', canonicalSerial(value)), identity('host', canonicalHost(value)))
  }
  const own = uuid === undefined ? undefined : canonicalUuid(uuid)
  if (own !== undefined) found.push(identity('uuid', own))
  return found
}
