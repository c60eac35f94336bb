// The documentation people copy from: every YAML block of the README and of
// docs/ parses (a user pastes it whole into a workflow file), every file the
// architecture names exists, every module has a home for its tests, and the
// README stays short enough to read in the first ten minutes.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../scripts/action-docs.js'

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter(file => file.endsWith('.md'))
    .map(file => `docs/${file}`)
]
const text = (file: string): string => readFileSync(join(ROOT, file), 'utf8')

/** Fenced blocks of a language (yaml, yml), with where they are. */
export function fencedBlocks(file: string, languages: readonly string[]): Array<{ where: string; body: string }> {
  const blocks: Array<{ where: string; body: string }> = []
  const pattern = /^([ \t]*)(`{3,}|~{3,})[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm
  for (const match of text(file).matchAll(pattern)) {
    if (!languages.includes(match[3])) continue
    const indent = match[1]
    const body = match[4]
      .split('\n')
      .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
    blocks.push({ where: `${file} block ${blocks.length + 1}`, body })
  }
  return blocks
}

const yamlBlocks = DOCS.flatMap(file => fencedBlocks(file, ['yaml', 'yml']))

describe('the documentation', () => {
  it('has YAML examples to check', () => {
    expect(yamlBlocks.length).toBeGreaterThan(15)
  })

  it.each(yamlBlocks.map(block => [block.where, block.body]))(
    '%s parses as YAML, without duplicate keys',
    (_where, body) => {
      expect(() => parse(body, { uniqueKeys: true, strict: true })).not.toThrow()
    }
  )

  it('the README is at most 300 lines, and keeps the two set-up commands', () => {
    const readme = text('README.md')
    expect(readme.split('\n').length).toBeLessThanOrEqual(300)
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })

  it('every file path docs/architecture.md names exists', () => {
    const paths = [...text('docs/architecture.md').matchAll(/`((?:src|__tests__|docs|scripts)\/[\w./-]+)`/g)].map(
      match => match[1]
    )
    expect(paths.length).toBeGreaterThan(40)
    expect(paths.filter(path => !existsSync(join(ROOT, path)))).toEqual([])
  })

  it('every link between the documents leads to a file that exists', () => {
    const links = DOCS.flatMap(file =>
      [...text(file).matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map(match => ({ file, target: match[1] }))
    )
    expect(links.length).toBeGreaterThan(10)
    const missing = links.filter(
      ({ file, target }) => !existsSync(join(ROOT, file.includes('/') ? 'docs' : '', target))
    )
    expect(missing).toEqual([])
  })

  it('every module has a home for its tests: a test file of its name, or a line of docs/architecture.md', () => {
    const tests = new Set(
      readdirSync(join(ROOT, '__tests__'), { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.test.ts'))
        .map(file => basename(file, '.test.ts'))
    )
    const architecture = text('docs/architecture.md')
    const modules = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter(file => file.endsWith('.ts'))
      .map(file => `src/${file.split('\\').join('/')}`)
    const homeless = modules.filter(
      module =>
        !tests.has(basename(module, '.ts')) && !architecture.includes(`\`${module}\``) && module !== 'src/cli.ts'
    )
    expect(homeless).toEqual([])
  })
})
