// The layers stay layers: the runtime imports between source files form no
// cycle, the renderers never reach the network code, the ground floor stands
// on nothing, and only the composition roots touch @actions/core and the
// process. (Type-only imports carry no code and are not counted.)
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { ROOT } from '../../scripts/action-docs.js'

const SRC = join(ROOT, 'src')
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter(file => file.endsWith('.ts'))
  .map(file => file.split('\\').join('/'))

/** Code of a file without its comments (an import named in a comment is no import). */
const code = (file: string): string =>
  readFileSync(join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')

/** Every runtime import of a file: static, re-exports and dynamic, without `import type`. */
function imports(file: string): string[] {
  const text = code(file)
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?\sfrom\s+'([^']+)'/gm)].map(match => match[1]),
    ...[...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map(match => match[1]),
    ...[...text.matchAll(/\bimport\('([^']+)'\)/g)].map(match => match[1])
  ]
  return specifiers.map(specifier =>
    specifier.startsWith('.') ? normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier
  )
}

const graph = new Map(files.map(file => [file, imports(file)]))

/** Every source file `file` reaches at runtime, itself excluded. */
function reach(file: string): Set<string> {
  const seen = new Set<string>()
  const stack = [...(graph.get(file) ?? [])]
  while (stack.length > 0) {
    const next = stack.pop() as string
    if (seen.has(next) || !graph.has(next)) continue
    seen.add(next)
    stack.push(...(graph.get(next) ?? []))
  }
  return seen
}

describe('the layers', () => {
  it('the graph is read: every relative import names a source file', () => {
    expect(files.length).toBeGreaterThan(40)
    for (const [file, targets] of graph) {
      for (const target of targets.filter(target => target.endsWith('.ts')))
        expect([file, graph.has(target)]).toEqual([file, true])
    }
  })

  it('has no import cycles', () => {
    const cycles = files.filter(file => reach(file).has(file))
    expect(cycles).toEqual([])
  })

  it('the renderers (summary/) never reach the network, the engine or the roots', () => {
    const forbidden = /^(http\/|poll\/|action\/|cli\/|gate\.ts|lxca\/(client|auth)\.ts)/
    for (const file of files.filter(item => item.startsWith('summary/'))) {
      expect([file, [...reach(file)].filter(target => forbidden.test(target))]).toEqual([file, []])
    }
  })

  it('the ground floor (common/) stands on nothing else', () => {
    for (const file of files.filter(item => item.startsWith('common/'))) {
      expect([file, [...reach(file)].filter(target => !target.startsWith('common/'))]).toEqual([file, []])
    }
  })

  it('only the composition roots and entry points touch @actions/core and the process', () => {
    const roots = /^(index\.ts|cli\.ts|action\/|cli\/main\.ts|simulator\/)/
    const touching = files.filter(
      file => !roots.test(file) && /@actions\/core|\bprocess\.(env|exit|on|stdout|stderr|argv|kill)\b/.test(code(file))
    )
    expect(touching).toEqual([])
  })

  it('catches what it is meant to catch', () => {
    expect(imports('action/main.ts')).toEqual(
      expect.arrayContaining(['gate.ts', './results.js'.replace('./', 'action/').replace('.js', '.ts')])
    )
    expect(imports('summary/view.ts')).not.toContain('common/outcome.ts')
    expect(reach('gate.ts')).toContain('http/transport.ts')
  })
})
