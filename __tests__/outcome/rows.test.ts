// Every CSV row is matched to one device of its own part's job by identity,
// never by count where identities can be compared: IP with IP (IPv6 in any
// spelling), host name with host name, serial with serial, UUID with UUID.
import { describe, expect, it } from '@jest/globals'
import { withSource } from '../../src/outcome/job-outcome.js'
import { rowIndex, traceRows } from '../../src/outcome/rows.js'
import { errorOutcome, faultCause, outcomeFor } from '../helpers/outcomes.js'
import { device, rowsOf, source, sourceRow } from '../helpers/rows.js'

describe('traceRows: rows matched by identity', () => {
  it('IP with IP, host with host, serial with serial, UUID with UUID, in any case, trimmed', () => {
    const rows = [
      sourceRow(2, ['10.0.0.1']),
      sourceRow(3, ['  SRV-Lab-02.example.com ']),
      sourceRow(4, ['serial:7Z01CTO1WW', 'uuid:123e4567-e89b-12d3-a456-426614174000'])
    ]
    const devices = [
      device('srv-lab-02.EXAMPLE.com'),
      device('J300ABCD', '123E4567E89B12D3A456426614174000'),
      device('10.0.0.1')
    ]
    const trace = traceRows(source(rows), devices)
    expect(devices.map(item => trace.rowOf.get(item)?.line)).toEqual([3, 4, 2])
    expect(trace).toMatchObject({ notInJob: [], byCount: [], foreign: [] })
  })

  it('IPv6 in any spelling is one address: compressed, full, upper case, zeros', () => {
    const rows = rowsOf(['fe80::1', '2001:DB8::A:0:0:1'])
    const devices = [device('FE80:0:0:0:0:0:0:1'), device('2001:0db8:0000:0000:000a:0000:0000:0001')]
    const trace = traceRows(rows, devices)
    expect(devices.map(item => trace.rowOf.get(item)?.line)).toEqual([2, 3])
  })

  it('host names are compared whole: rack1-node2 is not rack1node2', () => {
    const rows = source([sourceRow(2, ['rack1-node2']), sourceRow(3, ['rack1node2'])])
    const devices = [device('rack1node2'), device('rack1-node2')]
    const trace = traceRows(rows, devices)
    expect(devices.map(item => trace.rowOf.get(item)?.line)).toEqual([3, 2])
  })

  it('a serial number is never compared with an address: the row is accounted for by count, not matched', () => {
    const rows = source([sourceRow(2, ['serial:10.0.0.1']), sourceRow(3, ['10.0.0.9'])])
    const byAddress = device('10.0.0.1')
    const trace = traceRows(rows, [byAddress, device('10.0.0.9')])
    expect(trace.rowOf.has(byAddress)).toBe(false)
    expect(trace.byCount.map(row => row.line)).toEqual([2])
    expect(trace.countedDevices).toEqual([byAddress])
  })

  it('a UUID is one UUID with or without dashes and braces, but a serial number is compared whole', () => {
    const rows = source([sourceRow(2, ['uuid:{123e4567-e89b-12d3-a456-426614174000}']), sourceRow(3, ['serial:J3-00'])])
    const byUuid = device('10.0.0.1', '123E4567E89B12D3A456426614174000')
    const bySerial = device('J300')
    const trace = traceRows(rows, [byUuid, bySerial])
    expect(trace.rowOf.get(byUuid)?.line).toBe(2)
    expect(trace.rowOf.has(bySerial)).toBe(false)
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
  })

  it('a device listed under several addresses matches the row of any of them', () => {
    const rows = rowsOf(['10.0.0.2'])
    const several = device('10.0.0.1, 10.0.0.2')
    expect(traceRows(rows, [several]).rowOf.get(several)?.line).toBe(2)
  })

  it('fewer devices than rows: the rows left are servers not in the job', () => {
    const trace = traceRows(rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3']), [device('10.0.0.3'), device('10.0.0.1')])
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
    expect(trace.foreign).toEqual([])
  })

  it('a row is claimed once: two rows of the same address are two servers', () => {
    const first = device('10.0.0.1')
    const trace = traceRows(rowsOf(['10.0.0.1', '10.0.0.1']), [first])
    expect(trace.rowOf.get(first)?.line).toBe(2)
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
  })
})

describe('traceRows: devices that are not this part’s', () => {
  const part1 = rowsOf(['10.0.0.1', '10.0.0.2'], 'servers.csv', 2)
  const part2 = rowsOf(['10.0.1.1', '10.0.1.2'], 'servers.csv', 302)
  const all = rowIndex([part1, part2])

  it('a job that lists another part’s devices: those devices are foreign (with their row), the part’s own rows not in the job', () => {
    const trace = traceRows(part2, [device('10.0.0.1'), device('10.0.0.2')], all)
    expect(trace.foreign.map(item => item.elsewhere)).toEqual([
      { path: 'servers.csv', line: 2 },
      { path: 'servers.csv', line: 3 }
    ])
    expect(trace.notInJob.map(row => row.line)).toEqual([302, 303])
  })

  it('a key that rows of two other parts share: the device is foreign, with the first of them', () => {
    const part3 = rowsOf(['10.0.0.1'], 'other.csv', 2)
    const trace = traceRows(part2, [device('10.0.0.1')], rowIndex([part1, part2, part3]))
    expect(trace.foreign.map(item => item.elsewhere)).toEqual([{ path: 'servers.csv', line: 2 }])
  })

  it('the same device listed twice, also a row of another part: the second listing is that part’s', () => {
    const part3 = rowsOf(['10.0.1.1'], 'other.csv', 7)
    const twice = [device('10.0.1.1'), device('10.0.1.1'), device('10.0.1.2')]
    const trace = traceRows(part2, twice, rowIndex([part2, part3]))
    expect(trace.foreign.map(item => item.elsewhere)).toEqual([{ path: 'other.csv', line: 7 }])
  })

  it('the same device listed twice: its own row once, and the second listing is of no part (never "elsewhere")', () => {
    const twice = [device('10.0.1.1'), device('10.0.1.1'), device('10.0.1.2')]
    const trace = traceRows(part2, twice, all)
    expect(trace.foreign).toHaveLength(1)
    expect(trace.foreign[0].elsewhere).toBeUndefined()
  })

  it('three rows, and a job of three devices at other addresses: every device foreign, every row not in the job', () => {
    const rows = rowsOf(['10.0.0.1', '10.0.0.2', '10.0.0.3'])
    const trace = traceRows(rows, [device('10.9.0.1', 'A'.repeat(32)), device('10.9.0.2'), device('10.9.0.3')])
    expect(trace.foreign).toHaveLength(3)
    expect(trace.foreign[0].elsewhere).toBeUndefined()
    expect(trace.notInJob).toHaveLength(3)
    expect(trace.byCount).toEqual([])
  })
})

describe('traceRows: rows that cannot be compared are accounted for by count, in their part only', () => {
  it('host names in the file, addresses in the job: as many rows as devices left over are accounted by count', () => {
    const rows = source([sourceRow(2, ['rack1.lab']), sourceRow(3, ['rack2.lab'])])
    const devices = [device('10.0.0.1', 'A'.repeat(32)), device('10.0.0.2')]
    const trace = traceRows(rows, devices)
    expect(trace.byCount.map(row => row.line)).toEqual([2, 3])
    expect(trace.countedDevices).toEqual(devices)
    expect(trace).toMatchObject({ notInJob: [], foreign: [] })
  })

  it('fewer devices left over than such rows: those rows are not in the job (which ones cannot be told)', () => {
    const rows = source([sourceRow(2, ['rack1.lab']), sourceRow(3, ['rack2.lab'])])
    const trace = traceRows(rows, [device('10.0.0.1')])
    expect(trace.byCount).toEqual([])
    expect(trace.notInJob.map(row => row.line)).toEqual([2, 3])
  })

  it('a mixed file: addresses matched by address, host names by count', () => {
    const rows = source([sourceRow(2, ['10.0.0.1']), sourceRow(3, ['rack2.lab'])])
    const own = device('10.0.0.1')
    const other = device('10.0.0.2')
    const trace = traceRows(rows, [other, own])
    expect(trace.rowOf.get(own)?.line).toBe(2)
    expect(trace.byCount.map(row => row.line)).toEqual([3])
    expect(trace.countedDevices).toEqual([other])
  })

  it('never by count when a device of the part is another part’s, even with a device left over for the row', () => {
    const part1 = rowsOf(['10.0.0.1'])
    const part2 = source([sourceRow(302, ['rack2.lab'])], 'servers.csv')
    const trace = traceRows(part2, [device('10.0.0.1'), device('10.0.5.5')], rowIndex([part1, part2]))
    expect(trace.byCount).toEqual([])
    expect(trace.countedDevices).toEqual([])
    expect(trace.notInJob.map(row => row.line)).toEqual([302])
    expect(trace.foreign).toHaveLength(1)
  })

  it('a device the rows cannot name, with every row matched, is neither foreign nor counted', () => {
    const rows = rowsOf(['10.0.0.1'])
    const serialOnly = device('J300ABCD')
    const trace = traceRows(rows, [device('10.0.0.1'), serialOnly])
    expect(trace).toMatchObject({ foreign: [], byCount: [], countedDevices: [], notInJob: [] })
  })

  it('a row that can be compared by one of its cells is compared: an address and a serial, the job by address', () => {
    const rows = source([sourceRow(2, ['10.0.0.1', 'serial:J300']), sourceRow(3, ['10.0.0.2', 'serial:J301'])])
    const trace = traceRows(rows, [device('10.0.0.1'), device('10.0.0.9')])
    expect(trace.notInJob.map(row => row.line)).toEqual([3])
    expect(trace).toMatchObject({ byCount: [], countedDevices: [] })
    expect(trace.foreign.map(item => item.device.address)).toEqual(['10.0.0.9'])
  })
})

describe('withSource', () => {
  const done = (addresses: string[]): unknown => ({
    progress: 100,
    results: addresses.map(address => ({ messageParameters: address, result: 'SUCCESS', progress: 'JOB_DONE' }))
  })
  const rows = rowsOf(['10.0.0.1', '10.0.0.2'])

  it('a job that succeeded for every device it lists but lists fewer servers than the file is a failure', () => {
    const outcome = withSource(outcomeFor(done(['10.0.0.1']), 'success'), rows)
    expect(outcome.status).toBe('failure')
    expect(outcome.rows?.notInJob.map(row => row.line)).toEqual([3])
  })

  it('every server listed and managed: still a success, each device on its row', () => {
    const outcome = withSource(outcomeFor(done(['10.0.0.2', '10.0.0.1']), 'success'), rows)
    expect(outcome.status).toBe('success')
    expect(outcome.seen?.document.devices.map(item => outcome.rows?.rowOf.get(item)?.line)).toEqual([3, 2])
  })

  it('a job that lists a device this part did not upload cannot pass: an error that names the devices', () => {
    const outcome = withSource(outcomeFor(done(['10.0.0.1', '10.9.9.9']), 'success'), rows)
    expect(outcome.status).toBe('error')
    expect(outcome.status === 'error' && outcome.cause).toMatchObject({
      kind: 'foreign',
      devices: [{ device: { address: '10.9.9.9' } }]
    })
    expect(outcome.seen).toBeDefined()
  })

  it('another part’s devices make a success of its job an error, and so a timeout; a cancellation stays one', () => {
    const other = rowsOf(['10.0.1.1'], 'servers.csv', 302)
    const all = rowIndex([rows, other])
    const listsOther = done(['10.0.0.1', '10.0.0.2', '10.0.1.1'])
    expect(withSource(outcomeFor(listsOther, 'success'), rows, all).status).toBe('error')
    expect(withSource(outcomeFor(listsOther, 'timeout'), rows, all).status).toBe('error')
    expect(withSource(outcomeFor(listsOther, 'cancelled'), rows, all).status).toBe('cancelled')
  })

  it('a timeout stays a timeout, and an error keeps its cause (with the file, but no trace without a document)', () => {
    expect(withSource(outcomeFor(done(['10.0.0.1']), 'timeout'), rows).status).toBe('timeout')
    const error = withSource(errorOutcome(faultCause('auth', 'refused', 401)), rows)
    expect(error).toMatchObject({ status: 'error', source: rows })
    expect(error.rows).toBeUndefined()
  })
})
