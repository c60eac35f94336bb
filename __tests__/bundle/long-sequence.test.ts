// Ten parts whose documents are each near the 64 MiB bound end with a
// verdict, within 1 GiB: the report is written job by job, and no part's
// document is kept once its wait has ended.
import { describe, expect, it } from '@jest/globals'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runAction } from '../../scripts/run-action.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'

const simulator = importSimulators()
const MAX_RSS = fileURLToPath(new URL('../fixtures/max-rss.mjs', import.meta.url))
const DOCUMENT_BYTES = 56 * 1024 * 1024

/** `length` bytes of a file from `start`, as text: the report is too large to read whole. */
function bytesOf(path: string, start: number, length: number): string {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    readSync(fd, buffer, 0, length, start)
    return buffer.toString('utf8')
  } finally {
    closeSync(fd)
  }
}

describe('a long sequence of large documents', () => {
  it('ten parts of documents near the body bound: a verdict, the whole report, under 1 GiB', async () => {
    const sim = await simulator({ importPolls: 1, documentBytes: DOCUMENT_BYTES })
    const files = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `inv/rack-${String(i).padStart(2, '0')}.csv`,
        `${HEADER}\r\nserver,10.0.${i}.7,node-${i},USERID,Bmc-${i}-pw,\r\n`
      ])
    )
    const result = await runAction(
      {
        host: sim.url,
        username: 'admin',
        password: PASSWORD,
        'poll-interval': '100ms',
        'ca-certificate': CA,
        'csv-file': 'inv/*.csv'
      },
      { files, killAfterMs: 120_000, nodeArgs: ['--import', MAX_RSS] }
    )
    expect(result.outputs.status).toBe('success')
    expect(result.outputs['job-id'].split(',')).toHaveLength(10)
    const report = result.outputs.report
    expect(statSync(report).size).toBeGreaterThan(10 * DOCUMENT_BYTES * 0.9)
    expect(bytesOf(report, 0, 40)).toMatch(/^\{\n {2}"csvRequest\/jobs\/5001": \{/)
    expect(bytesOf(report, statSync(report).size - 3, 3)).toBe('}\n}\n'.slice(-3))
    const rssKib = Number(/max-rss-kib=(\d+)/.exec(result.stderr)?.[1])
    expect(rssKib).toBeGreaterThan(0)
    expect(rssKib).toBeLessThan(1024 * 1024)
  }, 150_000)
})
