// The layers stay layers: every import (type imports included, and dynamic
// ones) points down the stack below, never up and never sideways between
// groups of one floor; the renderers never reach the network; only the
// composition roots touch @actions/core and the process.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { ROOT } from '../../scripts/action-docs.js'

const SRC = join(ROOT, 'src')
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter(file => file.endsWith('.ts'))
  .map(file => file.split('\\').join('/'))

/**
 * The stack, from the ground floor up: a file may import from its own group
 * and from any lower floor. The report's model (the view every report draws
 * from, its wording and fixes) is below its renderers: Markdown, the
 * terminal, GitHub's outputs and annotations, and the files. The renderers
 * and the engine share a floor and never import each other. The simulator
 * stands apart, on the ground floor only.
 */
const FLOORS: ReadonlyArray<readonly string[]> = [
  ['common'],
  ['http'],
  ['lxca'],
  ['outcome'],
  ['import'],
  ['poll'],
  ['settings'],
  ['report/model'],
  ['gate', 'report/markdown', 'report/terminal', 'report/github', 'report/files'],
  ['action', 'cli-root'],
  ['entry']
]

function groupOf(file: string): string {
  if (/^(index|cli)\.ts$/.test(file)) return 'entry'
  const [folder, sub] = file.split('/')
  if (folder === 'report') return `report/${sub}`
  return folder === 'cli' ? 'cli-root' : folder
}

function floorOf(group: string): number {
  return FLOORS.findIndex(floor => floor.includes(group))
}

/** Code of a file without its comments (an import named in a comment is no import). */
const code = (file: string): string =>
  readFileSync(join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')

/** Every import of a file: static, type-only, re-exports and dynamic. */
function imports(file: string): string[] {
  const text = code(file)
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s[^'"]*?\sfrom\s+'([^']+)'/gm)].map(match => match[1]),
    ...[...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map(match => match[1]),
    ...[...text.matchAll(/\bimport\('([^']+)'\)/g)].map(match => match[1])
  ]
  return specifiers.map(specifier =>
    specifier.startsWith('.') ? normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier
  )
}

const graph = new Map(files.map(file => [file, imports(file)]))

/** Every source file `file` reaches, itself excluded. */
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

/** Why an import from `file` to `target` is not allowed, or undefined. */
function wrongWay(file: string, target: string): string | undefined {
  const [from, to] = [groupOf(file), groupOf(target)]
  if (from === 'simulator') return to === 'simulator' || to === 'common' ? undefined : 'the simulator stands apart'
  if (to === 'simulator') return 'only tests and scripts use the simulator'
  if (from === to) return undefined
  if (floorOf(to) < floorOf(from)) return undefined
  return floorOf(to) === floorOf(from) ? 'sideways' : 'up'
}

describe('the layers', () => {
  it('the graph is read: every group has a floor, and every relative import names a source file', () => {
    expect(files.length).toBeGreaterThan(50)
    for (const file of files)
      expect([file, floorOf(groupOf(file)) >= 0 || groupOf(file) === 'simulator']).toEqual([file, true])
    for (const [file, targets] of graph) {
      for (const target of targets.filter(target => target.endsWith('.ts')))
        expect([file, target, graph.has(target)]).toEqual([file, target, true])
    }
  })

  it('every import points down (type imports included): none up, none sideways between groups', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(target => target.endsWith('.ts'))
        .map(target => ({ file, target, why: wrongWay(file, target) }))
        .filter(item => item.why !== undefined)
        .map(({ file, target, why }) => `${file} → ${target} (${why})`)
    )
    expect(wrong).toEqual([])
  })

  it('has no import cycles', () => {
    expect(files.filter(file => reach(file).has(file))).toEqual([])
  })

  it('the report (report/) never reaches the network, the engine or the roots', () => {
    const forbidden =
      /^(http\/|poll\/|import\/(upload|upload-answer)\.ts|action\/|cli\/|gate\/|lxca\/(client|auth|responses)\.ts)/
    for (const file of files.filter(item => item.startsWith('report/'))) {
      expect([file, [...reach(file)].filter(target => forbidden.test(target))]).toEqual([file, []])
    }
  })

  it('only the composition roots and entry points touch @actions/core and the process', () => {
    const roots =
      /^(index\.ts|cli\.ts|action\/main\.ts|action\/runner\.ts|action\/results\.ts|cli\/main\.ts|simulator\/)/
    const touching = files.filter(
      file =>
        !roots.test(file) && /@actions\/core|\bprocess\.(env|exit|on|stdout|stderr|argv|kill|cwd)\b/.test(code(file))
    )
    expect(touching).toEqual([])
  })

  it('catches what it is meant to catch', () => {
    // A type-only import is an arrow too.
    expect(imports('poll/poller.ts')).toContain('outcome/job-outcome.ts')
    expect(wrongWay('common/text.ts', 'lxca/document.ts')).toBe('up')
    expect(wrongWay('report/markdown/job-markdown.ts', 'gate/run-gate.ts')).toBe('sideways')
    expect(wrongWay('report/markdown/job-markdown.ts', 'report/github/outputs.ts')).toBe('sideways')
    expect(wrongWay('report/model/wording.ts', 'report/markdown/escape.ts')).toBe('up')
    expect(wrongWay('http/transport.ts', 'settings/host.ts')).toBe('up')
    expect(wrongWay('lxca/client.ts', 'http/transport.ts')).toBeUndefined()
    expect(reach('gate/run-gate.ts')).toContain('http/transport.ts')
  })
})
