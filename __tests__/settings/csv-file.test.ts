// The CSV is checked for what is known for sure before anything is sent; each
// problem names its line, and no message ever quotes a cell.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputFileFinder } from '../../src/settings/file-finder.js'
import { inputFileReader } from '../../src/settings/input-file.js'
import type { Settings } from '../../src/settings/settings.js'
import { problemsWith, readWith } from '../helpers/settings-reader.js'

const BASE: Record<string, string> = { host: 'lxca.example.com', username: 'admin', password: 'pw-123' }
const HEADER = 'Type,IP Address,User,Password'

function read(inputs: Record<string, string>, file?: string | Buffer): Settings {
  return readWith({ ...BASE, ...inputs }, file === undefined ? {} : { '/work/servers.csv': file })
}

function problems(inputs: Record<string, string>, file?: string | Buffer): string[] {
  return problemsWith({ ...BASE, ...inputs }, file === undefined ? {} : { '/work/servers.csv': file })
}

const csv = (rows: number, header = HEADER): string =>
  [header, ...Array.from({ length: rows }, (_, i) => `server,10.0.0.${i + 1},USERID,S3cret-bmc-${i}`)].join('\r\n')

describe('csv-file', () => {
  it('reads a valid CSV: its name, its exact bytes, its device rows; credential cells become secrets', () => {
    const file = Buffer.from(`\ufeff${csv(3)}\r\n\r\n`)
    const upload = read({ 'csv-file': '/work/servers.csv' }, file).upload
    expect(upload?.files[0]).toMatchObject({
      path: '/work/servers.csv',
      name: 'servers.csv',
      columns: ['Type', 'IP Address', 'User', 'Password'],
      // After the 3-byte byte-order mark.
      header: { start: 3, end: 34 }
    })
    // Each row: where it starts, its bytes (line ending included), what says which device it is.
    expect(upload?.files[0].rows).toEqual([
      {
        line: 2,
        start: 34,
        end: 71,
        identifiers: ['10.0.0.1'],
        identities: [{ kind: 'ip', key: 'ip:10.0.0.1' }],
        kind: 'nodes'
      },
      {
        line: 3,
        start: 71,
        end: 108,
        identifiers: ['10.0.0.2'],
        identities: [{ kind: 'ip', key: 'ip:10.0.0.2' }],
        kind: 'nodes'
      },
      {
        line: 4,
        start: 108,
        end: 145,
        identifiers: ['10.0.0.3'],
        identities: [{ kind: 'ip', key: 'ip:10.0.0.3' }],
        kind: 'nodes'
      }
    ])
    expect(file.subarray(34, 71).toString()).toBe('server,10.0.0.1,USERID,S3cret-bmc-0\r\n')
    expect(upload?.files[0].bytes.equals(file)).toBe(true)
    expect(upload?.files[0].secrets).toEqual(['S3cret-bmc-0', 'S3cret-bmc-1', 'S3cret-bmc-2'])
    expect(upload?.validationOnly).toBe(false)
  })

  it('counts quoted fields with commas and line breaks as one row, and blank lines as none', () => {
    const file = `${HEADER}\n\nserver,"10.0.0.1",USERID,"p,a\nss"\n\n  \nserver,10.0.0.2,USERID,x\n`
    const rows = read({ 'csv-file': '/work/servers.csv' }, file).upload?.files[0].rows
    expect(rows?.map(row => row.line)).toEqual([3, 7])
  })

  it('rows of empty cells (",,,," as spreadsheets leave them) are not devices', () => {
    const file = `${HEADER}\nserver,10.0.0.1,USERID,x\n,,,\n , ,,\n`
    expect(read({ 'csv-file': '/work/servers.csv' }, file).upload?.files[0].rows).toHaveLength(1)
  })

  it('knows addresses, serial numbers, UUIDs and display names by their column names', () => {
    const file =
      'Type,Serial Number,Display Name,IPv4 Address,MAC Address,Password\nserver,J30A1B2C,rack12-node3,,aa:bb,p\n'
    const [row] = read({ 'csv-file': '/work/servers.csv' }, file).upload?.files[0].rows ?? []
    expect(row).toMatchObject({ identifiers: ['J30A1B2C'], name: 'rack12-node3' })
  })

  it.each([
    [
      'a missing file',
      undefined,
      "Input 'csv-file' names '/work/servers.csv', which cannot be read (ENOENT). Expected a regular file in the workspace."
    ],
    [
      'an empty file',
      '',
      "Input 'csv-file' names an empty file: '/work/servers.csv'. Expected the bulk-import CSV: a header row and at least one device row."
    ],
    [
      'a file with a NUL byte',
      `${HEADER}\nserver,10.0.0.1,USERID,S3cret\u0000\n`,
      "Input 'csv-file' line 2 holds a NUL byte: '/work/servers.csv' is not a text file. Expected the bulk-import CSV: a header row and at least one device row."
    ],
    [
      'a header without an address column',
      'Type,User,Password\nserver,USERID,S3cret\n',
      "Input 'csv-file' line 1 (the header row) names no address column. Expected a column such as IP Address or Host Name (or Serial Number) that says which device each row is."
    ],
    [
      'a device row without an address',
      `${HEADER}\nserver,10.0.0.1,USERID,S3cret\nserver,,USERID,S3cret\n`,
      "Input 'csv-file' line 3 names no device: its IP Address cell is empty. Expected an address in every device row."
    ],
    [
      'a file that is not UTF-8',
      Buffer.concat([Buffer.from(`${HEADER}\nserver,10.0.0.1,r`), Buffer.from([0xe9]), Buffer.from('sum\n')]),
      "Input 'csv-file' is not UTF-8 text: line 2 has a byte that is not UTF-8. Save the file as UTF-8 (CSV UTF-8 in Excel)."
    ],
    [
      'a semicolon-delimited file',
      'Type;IP Address;User\nserver;10.0.0.1;USERID\n',
      "Input 'csv-file' line 1 is not a comma-delimited header row (it uses ';'). Expected column names separated by commas."
    ],
    [
      'a header row only',
      `\n${HEADER}\n\n`,
      "Input 'csv-file' has a header row but no device rows. Expected at least one device row."
    ],
    [
      'a header of 1,001 columns',
      `Type,IP Address${',x'.repeat(999)}\nserver,10.0.0.1\n`,
      "Input 'csv-file' line 1 (the header row) has 1,001 columns. Expected the bulk-import CSV's few dozen, at most 1,000."
    ],
    [
      'a header row and rows of commas only',
      `${HEADER}\n,,,\n,,,\n`,
      "Input 'csv-file' has a header row but no device rows. Expected at least one device row."
    ],
    [
      'an empty column name',
      'Type,,User\nserver,10.0.0.1,x\n',
      "Input 'csv-file' line 1 (the header row) has an empty column name in column 2. Expected a name for every column."
    ],
    [
      'an unclosed quote',
      `${HEADER}\nserver,10.0.0.1,USERID,"S3cret\nserver,10.0.0.2,USERID,x\n`,
      "Input 'csv-file' has a quoted field opened on line 2 that is never closed. Expected a closing '\"'."
    ]
  ])('%s: one problem naming the line, never a cell', (_name, file, problem) => {
    const found = problems({ 'csv-file': '/work/servers.csv' }, file)
    expect(found).toEqual([problem])
    expect(found.join('\n')).not.toMatch(/S3cret|USERID|10\.0\.0/)
  })

  it('takes 300 devices in one part, and 1,000 in parts of 300, 300, 300 and 100, each with the header', () => {
    expect(read({ 'csv-file': '/work/servers.csv' }, csv(300)).upload?.parts).toHaveLength(1)
    const file = `\ufeff${csv(1000)}\r\n`
    const parts = read({ 'csv-file': '/work/servers.csv' }, file).upload?.parts ?? []
    expect(parts.map(part => part.rows.length)).toEqual([300, 300, 300, 100])
    expect(parts.map(part => [part.rows[0].line, part.rows[part.rows.length - 1].line])).toEqual([
      [2, 301],
      [302, 601],
      [602, 901],
      [902, 1001]
    ])
    const second = parts[1].bytes.toString('utf8').split('\r\n')
    expect(second[0]).toBe(`\ufeff${HEADER}`)
    expect(second).toHaveLength(302)
    expect(second[1]).toBe('server,10.0.0.301,USERID,S3cret-bmc-300')
    // The appliance's "Line 3" of part 2 is line 303 of the file.
    expect(parts[1].fileLine(3)).toBe(303)
    expect(parts[1].fileLine(1)).toBe(1)
  })

  it('a file of one part is sent exactly as it is', () => {
    const file = `${csv(3)}\r\n\r\n`
    expect(read({ 'csv-file': '/work/servers.csv' }, file).upload?.parts[0].bytes.toString()).toBe(file)
  })

  it('csv-file and job-id: exactly one of them', () => {
    expect(problems({ 'csv-file': '/work/servers.csv', 'job-id': '4229' }, csv(1))).toEqual([
      "Input 'csv-file' and job-id are both set. Expected one of them: csv-file to start the import here, or job-id to wait for one started elsewhere."
    ])
    expect(problems({})).toEqual([
      "Input 'job-id' is required, or csv-file. Expected csv-file (the bulk-import CSV to upload) or job-id (the job of an import started elsewhere, for example 4229)."
    ])
  })

  it('validation-only goes with csv-file', () => {
    expect(read({ 'csv-file': '/work/servers.csv', 'validation-only': 'true' }, csv(2)).upload?.validationOnly).toBe(
      true
    )
    expect(problems({ 'job-id': '4229', 'validation-only': 'true' })).toEqual([
      "Input 'validation-only' needs csv-file: it validates a CSV file on the appliance without importing it."
    ])
    expect(problems({ 'csv-file': '/work/servers.csv', 'validation-only': 'yes' }, csv(2))[0]).toMatch(
      /Expected true or false/
    )
  })
})

describe('csv-file: one upload per file', () => {
  it('a file named several ways is read once: ./x, x, a pattern, //, sub/.., an absolute path, a link', () => {
    const root = mkdtempSync(join(tmpdir(), 'lxca-once-'))
    mkdirSync(join(root, 'inv', 'sub'), { recursive: true })
    writeFileSync(join(root, 'servers.csv'), `${HEADER}\nserver,10.0.0.1,USERID,pw-aaa\n`)
    writeFileSync(join(root, 'inv', 'a.csv'), `${HEADER}\nserver,10.0.0.2,USERID,pw-bbb\n`)
    symlinkSync(join(root, 'inv', 'a.csv'), join(root, 'latest.csv'))
    const policy = { base: root, roots: [root] }
    const files = {
      readSent: inputFileReader(policy),
      readTrusted: inputFileReader(policy),
      find: inputFileFinder(policy)
    }
    const entries = [
      'servers.csv',
      './servers.csv',
      'inv/a.csv',
      'inv/*.csv',
      'inv//a.csv',
      'inv/sub/../a.csv',
      join(root, 'inv', 'a.csv'),
      'latest.csv'
    ]
    const upload = readWith({ ...BASE, 'csv-file': entries.join('\n') }, files).upload
    expect(upload?.files.map(file => file.path)).toEqual(['servers.csv', 'inv/a.csv'])
    expect(upload?.parts).toHaveLength(2)
  })
})
