// csv-file entries that are patterns: an entry naming an existing file is
// that file; a pattern walks only down from its own folder, inside the
// workspace however it is spelled, and visits a bounded number of entries.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputFileFinder } from '../../src/settings/file-finder.js'
import { FileRefused } from '../../src/settings/input-file.js'

function workspace(): { root: string; outside: string } {
  const top = mkdtempSync(join(tmpdir(), 'lxca-finder-'))
  const root = join(top, 'workspace')
  const outside = join(top, 'elsewhere')
  mkdirSync(root)
  mkdirSync(outside)
  writeFileSync(join(outside, 'secret.csv'), 'x')
  return { root, outside }
}

function refusal(find: () => unknown): string {
  try {
    find()
  } catch (error) {
    if (error instanceof FileRefused) return error.reason
    throw error
  }
  throw new Error('found')
}

describe('inputFileFinder', () => {
  it('expands a pattern in the workspace, sorted, regular files only, no dot files', () => {
    const { root } = workspace()
    mkdirSync(join(root, 'racks'))
    for (const name of ['rack-b.csv', 'rack-a.csv', '.hidden.csv', 'notes.txt'])
      writeFileSync(join(root, 'racks', name), 'x')
    mkdirSync(join(root, 'racks', 'folder.csv'))
    mkdirSync(join(root, '.git'))
    writeFileSync(join(root, '.git', 'x.csv'), 'x')
    const find = inputFileFinder({ base: root, roots: [root] })
    expect(find('racks/*.csv', 10)).toEqual(['racks/rack-a.csv', 'racks/rack-b.csv'])
    expect(find('**/*.csv', 10)).toEqual(['racks/rack-a.csv', 'racks/rack-b.csv'])
  })

  it('an entry that names an existing file is that file, whatever its name holds; a backslash escapes a pattern character', () => {
    const { root } = workspace()
    mkdirSync(join(root, 'inv'))
    for (const name of ['rack[1].csv', 'rack1.csv', 'rack{a,b}.csv', 'racka.csv'])
      writeFileSync(join(root, 'inv', name), 'x')
    const find = inputFileFinder({ base: root, roots: [root] })
    expect(find('inv/rack[1].csv', 10)).toEqual(['inv/rack[1].csv'])
    expect(find('inv/rack{a,b}.csv', 10)).toEqual(['inv/rack{a,b}.csv'])
    // A name that does not exist is a pattern: [1] is the character class, matching rack1.csv.
    expect(find('inv/rack[12].csv', 10)).toEqual(['inv/rack1.csv'])
    // Escaped, it is a name again (which the reader may then find missing).
    expect(find('inv/rack\\[2\\].csv', 10)).toEqual(['inv/rack[2].csv'])
  })

  it('refuses a pattern whose own folder is outside the workspace, however it is spelled, before reading any folder', () => {
    const { root, outside } = workspace()
    const find = inputFileFinder({ base: root, roots: [root] })
    for (const pattern of [
      `${outside}/*.csv`,
      '../elsewhere/*.csv',
      '/**/*.csv',
      'racks/../../elsewhere/*.csv',
      '\\.\\./elsewhere/*.csv',
      '.\\./*/*.csv'
    ]) {
      expect([pattern, refusal(() => find(pattern, 10))]).toEqual([pattern, 'leads outside the workspace'])
    }
  })

  it('a pattern that names the parent inside a group or an extglob walks only the workspace, and finds nothing outside', () => {
    const { root } = workspace()
    writeFileSync(join(root, 'a.csv'), 'x')
    const find = inputFileFinder({ base: root, roots: [root] })
    expect(find('{..,elsewhere}/*.csv', 10)).toEqual([])
    expect(find('+(..)/*.csv', 10)).toEqual([])
    expect(find('{..,.}/*.csv', 10)).toEqual([])
  })

  it('the command line may name an absolute pattern the user typed', () => {
    const { root, outside } = workspace()
    const find = inputFileFinder({ base: root, roots: [root], absoluteAnywhere: true })
    expect(find(`${outside}/*.csv`, 10)).toEqual([join(outside, 'secret.csv')])
  })

  it('stops a walk past its bound of visits with a clear error, naming no path it found', () => {
    const { root } = workspace()
    mkdirSync(join(root, 'many'))
    for (let i = 0; i < 30; i++) writeFileSync(join(root, 'many', `f${i}.txt`), 'x')
    const find = inputFileFinder({ base: root, roots: [root] }, 20)
    const reason = refusal(() => find('**/*.csv', 10))
    expect(reason).toBe(
      'visits more than 20 files and folders before it is done; name the folder the files are in (inventory/*.csv)'
    )
    expect(inputFileFinder({ base: root, roots: [root] }, 40)('**/*.csv', 10)).toEqual([])
  })
})
