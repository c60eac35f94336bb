// CSV rows and parts as the row trace sees them, made by hand: a cell is an
// address (an IP or a host name) unless it says `serial:` or `uuid:`.
import { addressIdentity, serialIdentity, uuidIdentity, type Identity } from '../../src/common/identity.js'
import type { Device } from '../../src/lxca/document.js'
import type { Source, SourceRow } from '../../src/outcome/rows.js'

export function sourceRow(line: number, cells: readonly string[], name?: string): SourceRow {
  const identities = cells
    .map(cell => {
      if (cell.startsWith('serial:')) return serialIdentity(cell.slice(7))
      if (cell.startsWith('uuid:')) return uuidIdentity(cell.slice(5))
      return addressIdentity(cell)
    })
    .filter((item): item is Identity => item !== undefined)
  const identifiers = cells.map(cell => cell.replace(/^(serial|uuid):/, '').trim())
  return { line, identifiers, identities, ...(name ? { name } : {}) }
}

export function source(rows: SourceRow[], path = 'servers.csv'): Source {
  return { path, rows }
}

/** Rows of addresses, one per line from line 2. */
export function rowsOf(addresses: readonly string[], path = 'servers.csv', firstLine = 2): Source {
  return source(
    addresses.map((address, i) => sourceRow(firstLine + i, [address])),
    path
  )
}

export const device = (address: string, uuid?: string): Device => ({ address, uuid, done: true, steps: [] })
