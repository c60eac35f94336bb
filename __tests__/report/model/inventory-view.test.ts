// What the appliance's inventory said, as every report shows it: the one line
// ("1,000 servers: 412 already managed · 588 imported · all Online in the
// appliance's inventory"), a validation's plan whose counts add up, the rows
// managed here but not Online, and inventory text that is scrubbed and
// escaped like any other appliance text.
import { describe, expect, it } from '@jest/globals'
import { SecretSet, type Scrub } from '../../../src/common/secrets.js'
import type { InventoryDevice } from '../../../src/lxca/inventory.js'
import type { GateOutcome } from '../../../src/outcome/gate-outcome.js'
import type { InventoryOutcome, ManagedRow } from '../../../src/outcome/inventory.js'
import type { JobOutcome } from '../../../src/outcome/job-outcome.js'
import type { UploadOutcome } from '../../../src/outcome/upload-outcome.js'
import { devicesFileContent } from '../../../src/report/files/devices-file.js'
import { gateMessage } from '../../../src/report/github/outputs.js'
import { renderGateMarkdown } from '../../../src/report/markdown/gate-markdown.js'
import { inventoryLine, notOnlineSentence } from '../../../src/report/model/inventory-view.js'
import { renderTerminal } from '../../../src/report/terminal/terminal.js'
import { gateOf, outcomeFor, viewOf } from '../../helpers/outcomes.js'
import { sourceRow } from '../../helpers/rows.js'

const entry = (address: string, more: Partial<InventoryDevice> = {}): InventoryDevice => ({
  list: 'nodes',
  addresses: [address],
  names: [],
  accessState: 'Online',
  ...more
})
const address = (i: number): string => `10.${Math.floor(i / 250)}.${i % 250}.1`
const managedRow = (i: number, more: Partial<InventoryDevice> = {}): ManagedRow => ({
  row: sourceRow(i + 2, [address(i)], `node-${i}`),
  path: 'servers.csv',
  entry: entry(address(i), more)
})

/** A job whose `count` devices all succeeded, imported from as many rows. */
function importedJob(count: number, from: number): JobOutcome {
  const results = Array.from({ length: count }, (_, i) => ({
    messageParameters: address(from + i),
    result: 'SUCCESS',
    progress: 'JOB_DONE'
  }))
  return outcomeFor({ progress: 100, results }, 'success')
}

function run(job: JobOutcome, inventory: Partial<InventoryOutcome>, rows: number): GateOutcome {
  const validationOnly = inventory.planOnly === true
  const upload: UploadOutcome = {
    status: 'success',
    rows,
    file: 'servers.csv',
    validationOnly,
    attempts: 1,
    elapsedMs: 40,
    messages: [],
    ...(validationOnly ? {} : { job: job.job })
  }
  return {
    ...gateOf(validationOnly ? [] : [job], upload),
    inventory: {
      skipped: [],
      notOnline: [],
      verified: 0,
      checked: true,
      verify: false,
      skipManaged: true,
      ...inventory
    }
  }
}

describe('the one line', () => {
  it('1,000 servers: 412 already managed · 588 imported · all Online in the appliance’s inventory', () => {
    const skipped = Array.from({ length: 412 }, (_, i) => managedRow(i))
    const view = viewOf(run(importedJob(588, 412), { skipped, verified: 588 }, 588))
    expect(view.inventory && inventoryLine(view.inventory)).toBe(
      "1,000 servers: 412 already managed · 588 imported · all Online in the appliance's inventory"
    )
    expect(renderGateMarkdown(view)).toContain(
      '🗂️ 1,000 servers&#58; 412 already managed · 588 imported · all Online in the appliance&#39;s inventory'
    )
    expect(renderTerminal(view, false)).toContain(
      "1,000 servers: 412 already managed · 588 imported · all Online in the appliance's inventory"
    )
    // The run's one message says it too: the job alone imported 588, not 1,000.
    expect(gateMessage(view)).toMatch(
      /^LXCA job 4229 succeeded: all 588 devices managed · .* \| 1,000 servers: 412 already managed · 588 imported/
    )
  })

  it('one device imported, the rest managed already: its one device', () => {
    const view = viewOf(run(importedJob(1, 3), { skipped: [0, 1, 2].map(i => managedRow(i)), verified: 1 }, 1))
    expect(renderGateMarkdown(view)).toContain('succeeded&#58; its one device managed')
    expect(renderGateMarkdown(view)).toContain(
      '🗂️ 4 servers&#58; 3 already managed · 1 imported · Online in the appliance&#39;s inventory'
    )
  })

  it('says how many of the imported devices the inventory does not list Online, and the rows not Online', () => {
    const job = importedJob(3, 10)
    const notOnline = [managedRow(1, { accessState: 'Offline' })]
    const view = viewOf(run(job, { skipped: [managedRow(0)], notOnline, verified: 3 }, 3))
    expect(view.inventory && inventoryLine(view.inventory)).toBe(
      "5 servers: 1 already managed · 1 managed here but not Online · 3 imported · all Online in the appliance's inventory"
    )
    expect(view.inventory && notOnlineSentence(view.inventory)).toBe(
      '1 row managed here but not Online, not uploaded: node-1 (10.0.1.1) servers.csv:3 (Offline)'
    )
  })

  it('without skip-managed, only what the verification found', () => {
    const view = viewOf(run(importedJob(2, 0), { checked: true, verified: 2, skipManaged: false }, 2))
    expect(view.inventory && inventoryLine(view.inventory)).toBe(
      "2 servers: 2 imported · all Online in the appliance's inventory"
    )
  })
})

describe('a validation’s plan', () => {
  it('counts add up: rows managed here, rows not Online, and the rest a real run would import, listed', () => {
    const job = importedJob(0, 0)
    const wouldImport = [2, 3].map(i => ({ row: sourceRow(i + 2, [address(i)], `node-${i}`), path: 'servers.csv' }))
    const view = viewOf(
      run(
        job,
        {
          skipped: [managedRow(0)],
          notOnline: [managedRow(1, { accessState: 'Pending' })],
          planOnly: true,
          wouldImport,
          checked: false
        },
        4
      )
    )
    const markdown = renderGateMarkdown(view)
    expect(markdown).toContain('**Plan:** 1 row of 4 already managed here (a real run skips it); 2 would be imported.')
    expect(markdown).toContain('<summary>Rows a real run would import (2)</summary>')
    expect(markdown).toContain('| node-3 (10.0.3.1) | servers.csv&#58;5 |')
    expect(markdown).toContain('#### Managed here, but not Online: a real run would fail 1 row')
    // A plan decides nothing and is not a result: no one line, no ready rows.
    expect(view.inventory && inventoryLine(view.inventory)).toBeUndefined()
    expect(JSON.parse(devicesFileContent(view))).toEqual([])
    expect(renderTerminal(view, false)).toContain(
      'Plan: 1 of 4 rows already managed here (skipped by a real run); 2 would be imported.'
    )
  })
})

describe('inventory text is appliance text', () => {
  const PASSWORD = 'Inv3ntory|S3cret'
  const secrets = new SecretSet()
  secrets.add(PASSWORD)
  const scrub: Scrub = text => secrets.scrub(text)
  const hostile = managedRow(0, {
    accessState: `<img src=x onerror=alert(1)>|Offline ${PASSWORD}`,
    name: `[click](https://evil.example) ${PASSWORD}`,
    uuid: PASSWORD
  })

  it('is scrubbed everywhere and escaped in the summary: no markup, no link, no extra table cell', () => {
    const view = viewOf(run(importedJob(1, 5), { notOnline: [hostile], verified: 1 }, 1), scrub)
    const markdown = renderGateMarkdown(view)
    const terminal = renderTerminal(view, false)
    const file = devicesFileContent(view)
    for (const output of [markdown, terminal, file]) expect(output).not.toContain(PASSWORD)
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('](https://evil')
    const row = markdown.split('\n').find(line => line.startsWith('| node-0'))
    expect(row?.split('|')).toHaveLength(5)
  })
})
