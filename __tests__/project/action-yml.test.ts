// action.yml is the contract users read; the code, the README and the
// defaults must say the same thing.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Input, Output } from '../../src/settings/input-output-names.js'
import { DEFAULTS } from '../../src/settings/settings.js'
import { readActionYml, renderTables, ROOT, BEGIN, END } from '../../scripts/action-docs.js'

const action = readActionYml()
/** Every source file, to find where each input is read and each output set. */
const sources = readdirSync(`${ROOT}src`, { recursive: true, encoding: 'utf8' })
  .filter(file => file.endsWith('.ts') && !file.startsWith('simulator'))
  .map(file => readFileSync(`${ROOT}src/${file}`, 'utf8'))
  .join('\n')

describe('action.yml', () => {
  it('has Marketplace-ready metadata: a description under 125 characters, an author, branding', () => {
    const meta = action as unknown as { description: string; author: string; branding: Record<string, string> }
    expect(meta.description.length).toBeLessThan(125)
    expect(meta.description).toMatch(/XClarity/)
    expect(meta.author).toMatch(/\S/)
    expect(meta.author).not.toMatch(/your-org|TODO|example/i)
    expect(meta.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  it('runs the committed bundle on node24', () => {
    expect(action.runs.using).toBe('node24')
    expect(action.runs.main).toBe('dist/index.js')
    expect(existsSync(`${ROOT}${action.runs.main}`)).toBe(true)
    expect(JSON.parse(readFileSync(`${ROOT}dist/package.json`, 'utf8'))).toEqual({ type: 'module' })
  })

  it('declares exactly the inputs the code reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
    for (const [key, name] of Object.entries(Input)) {
      expect(sources).toContain(`Input.${key}`)
      expect(action.inputs[name].description.length).toBeGreaterThan(10)
    }
  })

  it('declares exactly the outputs the code sets, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
    for (const [key, name] of Object.entries(Output)) {
      expect(sources).toContain(`Output.${key}`)
      expect(action.outputs[name].description.length).toBeGreaterThan(10)
    }
  })

  it('states the same defaults as the code (which applies them when run outside a runner)', () => {
    const inputs = action.inputs
    expect(inputs[Input.Timeout].default).toBe(DEFAULTS.timeout)
    expect(inputs[Input.PollInterval].default).toBe(DEFAULTS.pollInterval)
    expect(inputs[Input.RequestTimeout].default).toBe(DEFAULTS.requestTimeout)
    expect(inputs[Input.MaxRetries].default).toBe(DEFAULTS.maxRetries)
    expect(inputs[Input.SuccessResults].default).toBe(DEFAULTS.successResults)
    expect(inputs[Input.AuthMethod].default).toBe(DEFAULTS.authMethod)
    expect(inputs[Input.JobType].default).toBe(DEFAULTS.jobType)
    for (const name of [Input.Host, Input.Username, Input.Password]) expect(inputs[name].required).toBe(true)
    // One of the two, checked in code: the runner cannot say "exactly one of".
    for (const name of [Input.JobId, Input.CsvFile]) expect(inputs[name].required).toBe(false)
    expect(inputs[Input.ValidationOnly].default).toBe('false')
  })
})

describe('README', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8')

  it('shows inputs and outputs tables generated from action.yml (run `npm run docs`)', () => {
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length)
    expect(section).toBe(renderTables(action))
  })

  it('shows the set-up commands', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })

  it('documents every outcome in the Outcomes table', () => {
    for (const status of ['success', 'partial', 'failure', 'timeout', 'error', 'cancelled'])
      expect(readme).toMatch(new RegExp(`\\| \`${status}\` \\|`))
  })
})

describe('README for the first ten minutes', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const headings = [...readme.matchAll(/^(##|###) (.+)$/gm)].map(match => ({ level: match[1], title: match[2] }))
  /** GitHub's anchor of a heading. */
  const anchor = (title: string): string =>
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N} -]/gu, '')
      .replace(/ /g, '-')

  it('starts with its contents, the quick start and how to install', () => {
    expect(headings.slice(0, 3).map(heading => heading.title)).toEqual(['Contents', 'Quick start', 'Install'])
  })

  it('reaches every section from its contents', () => {
    const contents = readme.slice(readme.indexOf('## Contents'), readme.indexOf('## Quick start'))
    const sections = headings.filter(heading => heading.level === '##' && heading.title !== 'Contents')
    expect(sections.length).toBeGreaterThanOrEqual(5)
    for (const { title } of sections) {
      expect([title, contents]).toEqual([title, expect.stringContaining(`(#${anchor(title)})`)])
    }
  })

  it('the quick start gives the minimal job-id form first, then the upload form', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Install'))
    expect(quick.indexOf('job-id: 4229')).toBeGreaterThan(0)
    expect(quick.indexOf('csv-file:')).toBeGreaterThan(quick.indexOf('job-id: 4229'))
  })

  it('says plainly that the action is not published yet, and the routes that work today', () => {
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Scenarios'))
    expect(install).toContain('**not yet published**')
    expect(install).toContain('uses: ./.github/actions/lxca-job-gate')
    expect(install).toContain('npm install --offline')
  })
})
