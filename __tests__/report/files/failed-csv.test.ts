// The rows to upload again, byte for byte, and the hint for a server LXCA
// finds managed already.
import { describe, expect, it } from '@jest/globals'
import { parseCsv, type CsvFile } from '../../../src/import/csv.js'
import { withSource, type JobOutcome } from '../../../src/outcome/job-outcome.js'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { renderGateMarkdown } from '../../../src/report/markdown/gate-markdown.js'
import { retryPlan } from '../../../src/outcome/retry.js'
import { failedCsvs } from '../../../src/report/files/failed-csv.js'
import { numbered } from '../../../src/report/files/result-files.js'
import { errorOutcome, faultCause, gateOf, outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

/** The failed-csv of a run that uploaded `csv` and waited on `jobs`. */
const failedCsv = (csv: CsvFile, jobs: JobOutcome[]): Buffer | undefined =>
  failedCsvs([csv], retryPlan(gateOf(jobs)).rows)[0]

function file(text: string): CsvFile {
  const parsed = parseCsv('inventory/servers.csv', Buffer.from(text))
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}

/** A finished job whose devices (by address) succeeded or failed. */
function finished(results: Record<string, 'SUCCESS' | 'OTHER_FAIL'>): JobOutcome {
  const raw = {
    progress: 100,
    results: Object.entries(results).map(([address, result]) => ({
      messageParameters: address,
      result,
      progress: 'JOB_DONE'
    }))
  }
  return outcomeFor(raw, Object.values(results).includes('OTHER_FAIL') ? 'failure' : 'success')
}

describe('failedCsv', () => {
  const text =
    'IP Address,Name,Notes\r\n10.0.0.1,a,"two\r\nlines, quoted"\r\n\r\n10.0.0.2,b,plain\r\n10.0.0.3,c,"last ""row"""'
  const csv = file(text)

  it('keeps the header and, byte for byte, the rows that did not succeed: a quoted line break; a last row without a line ending gets the file’s', () => {
    const job = withSource(finished({ '10.0.0.1': 'OTHER_FAIL', '10.0.0.2': 'SUCCESS', '10.0.0.3': 'OTHER_FAIL' }), csv)
    expect(failedCsv(csv, [job])?.toString()).toBe(
      'IP Address,Name,Notes\r\n10.0.0.1,a,"two\r\nlines, quoted"\r\n10.0.0.3,c,"last ""row"""\r\n'
    )
  })

  it('nothing when every row succeeded', () => {
    const job = withSource(finished({ '10.0.0.1': 'SUCCESS', '10.0.0.2': 'SUCCESS', '10.0.0.3': 'SUCCESS' }), csv)
    expect(failedCsv(csv, [job])).toBeUndefined()
  })

  it('no row of a job that could not be checked: it may still be running, and uploading its rows would import them twice', () => {
    const job = withSource(errorOutcome(faultCause('auth', 'refused', 401)), csv)
    expect(failedCsv(csv, [job])).toBeUndefined()
  })

  it('keeps a byte-order mark', () => {
    const bom = file('\ufeffIP Address,Name\n10.0.0.1,a\n10.0.0.2,b\n')
    const job = withSource(finished({ '10.0.0.1': 'OTHER_FAIL', '10.0.0.2': 'SUCCESS' }), bom)
    expect(failedCsv(bom, [job])).toEqual(Buffer.from('\ufeffIP Address,Name\n10.0.0.1,a\n'))
  })
})

describe('a device that fails the duplicate check', () => {
  it('gets the hint that it is probably managed already, in the digest and over its tree', () => {
    const raw = jobDocument(
      scriptJob({ devices: 2, pollsToComplete: 1, failures: [{ device: 1, step: 'DUPLICATE_CHECK' }] }),
      1
    )
    const markdown = renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, 'failure'))))
    const hint =
      'The server is probably managed already (by this or another XClarity Administrator)&#58; drop its row from the CSV, or unmanage it first.'
    expect(markdown.match(new RegExp(hint.replace(/[()]/g, '\\$&'), 'g'))).toHaveLength(2)
  })

  it('no such hint for a failure at another step', () => {
    const raw = jobDocument(scriptJob({ devices: 2, pollsToComplete: 1, failures: [{ device: 1, step: 'LOGIN' }] }), 1)
    expect(renderGateMarkdown(viewOf(singleJob(outcomeFor(raw, 'failure'))))).not.toContain('managed already')
  })
})

describe('failedCsvs across files', () => {
  it('one CSV for the files that share a header (the first file’s header), one more for another header; each row on a line of its own', () => {
    const a = file('IP Address,Name\n10.0.0.1,a\n10.0.0.2,b\n')
    const b = { ...file('IP Address,Name\r\n10.0.1.1,c\r\n'), path: 'inventory/b.csv' }
    const c = { ...file('Host,IP Address\n h,10.0.2.1\n'), path: 'inventory/c.csv' }
    const rows = new Set([a.rows[1], ...b.rows, ...c.rows])
    const csvs = failedCsvs([a, b, c], rows)
    expect(csvs.map(csv => csv.toString())).toEqual([
      'IP Address,Name\n10.0.0.2,b\n10.0.1.1,c\r\n',
      'Host,IP Address\n h,10.0.2.1\n'
    ])
  })

  it('names the second and later files after the first', () => {
    expect([0, 1, 2].map(i => numbered('/tmp/x/failed-servers.csv', i))).toEqual([
      '/tmp/x/failed-servers.csv',
      '/tmp/x/failed-servers-2.csv',
      '/tmp/x/failed-servers-3.csv'
    ])
    expect(numbered('/tmp/x.y/failed', 1)).toBe('/tmp/x.y/failed-2')
  })
})
