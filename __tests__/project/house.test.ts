// The house rules a reader relies on: small files, and names that mean one
// thing (no two exported things share a name, so a search finds the one).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../scripts/action-docs.js'

const SRC = join(ROOT, 'src')
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter(file => file.endsWith('.ts'))
  .map(file => file.split('\\').join('/'))
const source = (file: string): string => readFileSync(join(SRC, file), 'utf8')

describe('the house', () => {
  it('has no source file over 250 lines', () => {
    const long = files.filter(file => source(file).split('\n').length > 250)
    expect(long).toEqual([])
  })

  it('exports no name twice', () => {
    const owners = new Map<string, string[]>()
    for (const file of files) {
      for (const match of source(file).matchAll(
        /^export (?:async )?(?:function|const|let|class|interface|type|enum) (\w+)/gm
      )) {
        owners.set(match[1], [...(owners.get(match[1]) ?? []), file])
      }
    }
    expect(owners.size).toBeGreaterThan(150)
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([])
  })
})
