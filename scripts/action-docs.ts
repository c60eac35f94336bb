// Generates the README's inputs and outputs tables from action.yml, so the
// two never drift apart. `npm run docs` rewrites the README between the
// markers; a test fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
export const BEGIN = '<!-- action-docs:begin (generated from action.yml by `npm run docs`) -->'
export const END = '<!-- action-docs:end -->'

export function readActionYml(): ActionYml {
  return parse(readFileSync(`${ROOT}action.yml`, 'utf8')) as ActionYml
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()

export function renderTables(action: ActionYml): string {
  const inputs = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? '**required**' : input.default ? `\`${input.default}\`` : '(empty)'
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  const outputs = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return [
    BEGIN,
    '### Inputs',
    '',
    '| Input | Default | Description |',
    '|---|---|---|',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| Output | Description |',
    '|---|---|',
    ...outputs,
    END
  ].join('\n')
}

/** The README with its generated section replaced. */
export function updateReadme(readme: string, action: ActionYml): string {
  const start = readme.indexOf(BEGIN)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} section`)
  return readme.slice(0, start) + renderTables(action) + readme.slice(end + END.length)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = `${ROOT}README.md`
  writeFileSync(path, updateReadme(readFileSync(path, 'utf8'), readActionYml()))
  console.log('README.md inputs and outputs tables updated from action.yml')
}
