// Examples that are safe by construction: no `${{ … }}` that expands step
// outputs, inputs, secrets or event text inside a `run:` script, in the
// README's YAML blocks or in this repository's workflows. GitHub pastes such
// an expression into the script before the shell reads it, so appliance text
// in an output (a device's user action: `x'; touch PWNED; echo '`) would run
// as a command. Values reach a script through `env:` instead.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { ROOT } from '../../scripts/action-docs.js'

/** Contexts that carry nothing an outsider or the appliance could write. */
const SAFE = /^\s*(runner\.\w+|github\.(workspace|action_path|sha|run_id|run_number|run_attempt|token)|matrix\.\w+)\s*$/

interface Script {
  readonly where: string
  readonly text: string
}

/** Every `run:` script of a YAML text, found by its lines (README blocks are often fragments, not whole files). */
function runScripts(yamlText: string, where: string): Script[] {
  const lines = yamlText.split('\n')
  const scripts: Script[] = []
  lines.forEach((line, index) => {
    const match = /^(\s*)(?:-\s+)?run:\s*(.*)$/.exec(line)
    if (!match) return
    const [, indent, value] = match
    if (!/^[|>]/.test(value)) {
      scripts.push({ where: `${where}:${index + 1}`, text: value })
      return
    }
    const body: string[] = []
    for (const next of lines.slice(index + 1)) {
      if (
        next.trim() !== '' &&
        next.length - next.trimStart().length <= indent.length + (line.trimStart().startsWith('-') ? 2 : 0)
      )
        break
      body.push(next)
    }
    scripts.push({ where: `${where}:${index + 1}`, text: body.join('\n') })
  })
  return scripts
}

/** The expressions in a script that are not known to be safe. */
function unsafeExpressions(script: string): string[] {
  return [...script.matchAll(/\$\{\{(.*?)\}\}/gs)].map(match => match[1]).filter(expression => !SAFE.test(expression))
}

const documents = [
  'README.md',
  ...readdirSync(`${ROOT}docs`)
    .filter(file => file.endsWith('.md'))
    .map(file => `docs/${file}`)
]
const readmeBlocks = documents.flatMap(file =>
  [...readFileSync(`${ROOT}${file}`, 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match, index) => ({
    where: `${file} yaml block ${index + 1}`,
    text: match[1]
  }))
)
const workflowDir = `${ROOT}.github/workflows/`
const workflows = readdirSync(workflowDir)
  .filter(file => /\.ya?ml$/.test(file))
  .map(file => ({ where: `.github/workflows/${file}`, text: readFileSync(`${workflowDir}${file}`, 'utf8') }))

describe('no expression expands outputs, inputs or event text inside a run: script', () => {
  it('finds the scripts it checks (the README has examples with run: steps, and so do the workflows)', () => {
    expect(readmeBlocks.length).toBeGreaterThanOrEqual(10)
    expect(readmeBlocks.flatMap(block => runScripts(block.text, block.where)).length).toBeGreaterThanOrEqual(2)
    expect(workflows.flatMap(file => runScripts(file.text, file.where)).length).toBeGreaterThanOrEqual(5)
  })

  it.each([...readmeBlocks, ...workflows].map(item => [item.where, item.text]))('%s', (where, text) => {
    const unsafe = runScripts(text, where).flatMap(script =>
      unsafeExpressions(script.text).map(expression => `${script.where}: \${{${expression}}}`)
    )
    expect(unsafe).toEqual([])
  })

  it('every workflow parses', () => {
    for (const file of workflows) expect(() => parse(file.text)).not.toThrow()
  })

  it('catches the unsafe forms it is meant to catch', () => {
    const bad = [
      "      - run: echo '${{ steps.lxca.outputs.failed-devices }}'",
      '      - name: x',
      '        run: |',
      '          echo "${{ github.event.pull_request.title }}"',
      '          echo ${{ inputs.name }} ${{ secrets.TOKEN }}',
      '        env:',
      '          SAFE: ${{ steps.lxca.outputs.status }}'
    ].join('\n')
    const found = runScripts(bad, 'example').flatMap(script => unsafeExpressions(script.text))
    expect(found.map(expression => expression.trim())).toEqual([
      'steps.lxca.outputs.failed-devices',
      'github.event.pull_request.title',
      'inputs.name',
      'secrets.TOKEN'
    ])
    expect(unsafeExpressions('cd ${{ github.workspace }} && echo ${{ runner.temp }}')).toEqual([])
  })
})

describe('the workflows pin what they run', () => {
  it('every action from another repository is pinned by its full commit SHA, with its version in a comment', () => {
    const uses = workflows.flatMap(file =>
      file.text
        .split('\n')
        .map(line => /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null && !match[1].startsWith('./'))
        .map(match => ({ where: file.where, action: match[1], comment: match[2].trim() }))
    )
    expect(uses.length).toBeGreaterThan(5)
    for (const { where, action, comment } of uses) {
      expect([where, action]).toEqual([where, expect.stringMatching(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)])
      expect([where, comment]).toEqual([where, expect.stringMatching(/^# v\d+(\.\d+){0,2}$/)])
    }
  })
})

describe('the release', () => {
  it('attaches the command line’s tarball to the GitHub release', () => {
    const release = workflows.find(file => file.where.endsWith('release.yml'))?.text ?? ''
    expect(release).toMatch(/run: npm pack\n/)
    expect(release).toMatch(/gh release create .* lxca-job-gate-\*\.tgz/)
  })
})
