// What the appliance's inventory said, in Markdown: the one line (`1,000
// servers: 412 already managed · 588 imported · all Online in the appliance's
// inventory`), the rows managed here but not Online, the plan of a
// validation, and the whole summary of a run that had nothing to upload or
// could not read the inventory.
import { plural } from '../../common/text.js'
import { STATUSES } from '../../outcome/status.js'
import type { GateView } from '../model/gate-view.js'
import { inventoryLine, type InventoryView, type ManagedRowView } from '../model/inventory-view.js'
import { collapsed, escapeMarkdown, table } from './escape.js'

/** Rows listed at most in the tables below; the devices-file output has every one. */
const MAX_ROWS = 200

/** The line under the headline, when the inventory was asked. */
export function inventoryNote(view: GateView): string {
  const line = view.inventory && inventoryLine(view.inventory)
  return line ? `🗂️ ${escapeMarkdown(line, 600)}` : ''
}

/** The rows managed here but not Online: failed, not uploaded; and a validation's plan. */
export function inventoryTables(view: GateView): string {
  const inventory = view.inventory
  if (!inventory) return ''
  const blocks: string[] = []
  if (inventory.notOnline.length > 0) {
    const title = inventory.planOnly
      ? `#### Managed here, but not Online: a real run would fail ${plural(inventory.notOnline.length, 'row')}`
      : `#### Managed here, but not Online (${plural(inventory.notOnline.length, 'row')}, not uploaded)`
    blocks.push(`${title}\n\n${rowsTable(inventory.notOnline, true)}`)
    blocks.push(notOnlineAdvice(inventory.notOnline))
  }
  if (inventory.planOnly) blocks.push(plan(inventory))
  return blocks.join('\n\n')
}

/** What to do: a stale entry is unmanaged; a Pending device is waited for. */
function notOnlineAdvice(rows: readonly ManagedRowView[]): string {
  const pending = rows.some(row => row.accessState?.toLowerCase() === 'pending')
  const other = rows.some(row => row.accessState?.toLowerCase() !== 'pending')
  const advice: string[] = []
  if (other)
    advice.push(
      'A device the appliance lists at the address of a new server is often a stale entry: unmanage it in XClarity Administrator, then run the step again.'
    )
  if (pending)
    advice.push('A Pending device is still being brought under management: run the step again once it is Online.')
  return advice.join(' ')
}

function plan(inventory: InventoryView): string {
  const lead = `**Plan:** ${plural(inventory.skipped.length, 'row')} of ${inventory.rows.toLocaleString('en-US')} already managed here (a real run skips ${inventory.skipped.length === 1 ? 'it' : 'them'}); ${inventory.uploaded.toLocaleString('en-US')} would be imported.`
  const lists: string[] = []
  if (inventory.skipped.length > 0)
    lists.push(
      collapsed(`Rows already managed here (${count(inventory.skipped)})`, rowsTable(inventory.skipped, false))
    )
  if (inventory.wouldImport.length > 0)
    lists.push(
      collapsed(
        `Rows a real run would import (${count(inventory.wouldImport)})`,
        rowsTable(inventory.wouldImport, false)
      )
    )
  return [lead, ...lists].join('\n\n')
}

const count = (rows: readonly unknown[]): string => rows.length.toLocaleString('en-US')

function rowsTable(rows: readonly ManagedRowView[], withState: boolean): string {
  const shown = rows
    .slice(0, MAX_ROWS)
    .map(row => [
      escapeMarkdown(row.label, 160),
      ...(withState ? [escapeMarkdown(row.accessState ?? 'no access state', 40)] : []),
      `${escapeMarkdown(row.file, 200)}&#58;${row.line}`
    ])
  const more =
    rows.length > shown.length ? `\n\n… and ${(rows.length - shown.length).toLocaleString('en-US')} more` : ''
  return `${table(['Device', ...(withState ? ['In the inventory'] : []), 'CSV line'], shown)}${more}`
}

/** The whole summary when nothing was uploaded: every row managed already, or an inventory that could not be read. */
export function renderInventoryOnlyMarkdown(view: GateView): string {
  const inventory = view.inventory as InventoryView
  const { icon } = STATUSES[view.status]
  if (inventory.problem) {
    const lines = [
      `### ${icon} ${escapeMarkdown(`Nothing was uploaded to ${view.host}: ${inventory.problem.what}`, 600)}`,
      `**Fix:** ${escapeMarkdown(inventory.problem.fix, 800)}`
    ]
    if (inventory.reason) lines.push(`> **Details:** ${escapeMarkdown(`${inventory.reason}.`, 2_000)}`)
    return lines.join('\n\n')
  }
  const all = inventory.notOnline.length === 0
  const headline = all
    ? `${plural(inventory.rows, 'server')} on ${view.host}: all already managed here and Online, nothing to import`
    : `${plural(inventory.rows, 'server')} on ${view.host}: ${inventory.skipped.length.toLocaleString('en-US')} already managed, ${inventory.notOnline.length.toLocaleString('en-US')} managed here but not Online; nothing uploaded`
  return [`### ${icon} ${escapeMarkdown(headline, 600)}`, inventoryTables(view)].filter(Boolean).join('\n\n')
}
