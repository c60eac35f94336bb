// The report file is written job by job, as each wait ends, never as one
// string: each document's bytes as received (scrubbed inside JSON strings).
import { describe, expect, it } from '@jest/globals'
import { noSecrets, SecretSet } from '../../../src/common/secrets.js'
import { reportWriter } from '../../../src/report/files/report-file.js'

function sink() {
  const writes: string[] = []
  let opened = 0
  let ended = 0
  const open = () => {
    opened += 1
    return { write: (chunk: Buffer | string) => void writes.push(chunk.toString()), end: () => void (ended += 1) }
  }
  return { open, writes, opened: () => opened, ended: () => ended }
}

describe('reportWriter', () => {
  it('several jobs: each document is written as it comes, before the next is known; the object closes at the end', () => {
    const file = sink()
    const writer = reportWriter(file.open, true, noSecrets)
    writer.add({ id: '5001', type: 'csv' }, Buffer.from('{"a":1}\n'))
    expect(file.writes.join('')).toBe('{\n  "csvRequest/jobs/5001": {"a":1}')
    writer.add({ id: '5002', type: 'csv' }, Buffer.from('\ufeff{"b":2}'))
    expect(writer.close()).toBe(true)
    expect(JSON.parse(file.writes.join(''))).toEqual({
      'csvRequest/jobs/5001': { a: 1 },
      'csvRequest/jobs/5002': { b: 2 }
    })
    expect([file.opened(), file.ended()]).toEqual([1, 1])
  })

  it('one job: its exact bytes; nothing opened when no document came', () => {
    const file = sink()
    const writer = reportWriter(file.open, false, noSecrets)
    writer.add({ id: '4229', type: 'csv' }, Buffer.from('\ufeff{"x": [1, 2]}'))
    writer.add({ id: '4229', type: 'csv' }, Buffer.from('{"later":true}'))
    writer.close()
    expect(file.writes.join('')).toBe('\ufeff{"x": [1, 2]}')
    const none = sink()
    expect(reportWriter(none.open, true, noSecrets).close()).toBe(false)
    expect(none.opened()).toBe(0)
  })

  it('secrets the appliance echoed inside JSON strings become ***, escaped or not', () => {
    const secrets = new SecretSet()
    secrets.add('pa55/word')
    const file = sink()
    const writer = reportWriter(file.open, true, secrets.scrub)
    writer.add({ id: '1', type: 'csv' }, Buffer.from('{"t":"pa55\\/word","u":"pa55/word"}'))
    writer.close()
    expect(JSON.parse(file.writes.join(''))).toEqual({ 'csvRequest/jobs/1': { t: '***', u: '***' } })
  })
})
