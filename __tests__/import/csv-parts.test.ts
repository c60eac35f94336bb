// A file cut into parts of at most 300 rows, each with the header; the
// appliance's line numbers of a part mapped back to the file's.
import { describe, expect, it } from '@jest/globals'
import { parseCsv, type CsvFile } from '../../src/import/csv.js'
import { inFileTerms, partPlace, partsOf } from '../../src/import/csv-parts.js'

function file(path: string, text: string): CsvFile {
  const parsed = parseCsv(path, Buffer.from(text))
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}
const rows = (n: number, from = 1): string[] =>
  Array.from({ length: n }, (_, i) => `10.0.${(from + i) >> 8}.${(from + i) & 255},n${from + i}`)

describe('partsOf', () => {
  it('cuts each file in order; parts are numbered across the files', () => {
    const a = file('a.csv', ['IP Address,Name', ...rows(301)].join('\n'))
    const b = file('b.csv', ['IP Address,Name', ...rows(2)].join('\n'))
    const parts = partsOf([a, b])
    expect(parts.map(part => [part.index, part.count, part.path, part.rows.length])).toEqual([
      [1, 3, 'a.csv', 300],
      [2, 3, 'a.csv', 1],
      [3, 3, 'b.csv', 2]
    ])
    expect(parts[1].bytes.toString()).toBe('IP Address,Name\n10.0.1.45,n301')
    expect(partPlace(parts[1])).toBe('a.csv line 302')
    expect(partPlace(parts[0])).toBe('a.csv lines 2–301')
  })

  it('blank lines are left out of a part, and line numbers still map to the file, past quoted line breaks', () => {
    const lines = ['IP Address,Name,Notes', ...rows(299), '', '10.9.9.1,x,"two', 'lines"', '', '10.9.9.2,y,z']
    const parts = partsOf([file('s.csv', lines.join('\r\n'))])
    expect(parts.map(part => part.rows.length)).toEqual([300, 1])
    // Part 2: header (file line 1), then the row on file line 305.
    expect(parts[1].bytes.toString()).toBe('IP Address,Name,Notes\r\n10.9.9.2,y,z')
    expect([1, 2, 3].map(line => parts[1].fileLine(line))).toEqual([1, 305, undefined])
    // Part 1: its 300th row starts on file line 302 and spans two lines.
    expect([300, 301, 302].map(line => parts[0].fileLine(line))).toEqual([300, 302, 303])
  })

  it('maps "Line N" and "row N" in what the appliance says, and leaves other numbers alone', () => {
    const [, second] = partsOf([file('s.csv', ['IP Address,Name', ...rows(305)].join('\n'))])
    expect(inFileTerms('FQXHMDI0204M: Line 3: the device type is not known (port 443).', second)).toBe(
      'FQXHMDI0204M: s.csv:303: the device type is not known (port 443).'
    )
    expect(inFileTerms('row 2 and line 99', second)).toBe('s.csv:302 and line 99')
  })
})
