// What the appliance's inventory said, for a terminal: the one line, the
// rows managed here but not Online, a validation's plan, or (nothing was
// uploaded) the whole story with its fix. Plain text, one line per fact.
import { singleLine } from '../../common/text.js'
import { STATUSES } from '../../outcome/status.js'
import type { GateView } from '../model/gate-view.js'
import { inventoryHeadline, inventoryLine } from '../model/inventory-view.js'

type Paint = (text: string, color: 'red' | 'green' | 'yellow' | 'dim' | 'bold') => string

export function inventoryLines(view: GateView, paint: Paint): string[] {
  const inventory = view.inventory
  if (!inventory) return []
  const lines: string[] = []
  const nothingUploaded = view.jobs.length === 0 && !view.upload && !view.parts
  if (nothingUploaded) {
    const { mark, tint } = STATUSES[view.status]
    lines.push(paint(`${mark} ${singleLine(inventoryHeadline(inventory, view.host), 600)}`, tint))
    if (inventory.problem) lines.push(paint(`  Fix: ${singleLine(inventory.problem.fix, 800)}`, 'bold'))
    if (inventory.reason) lines.push(`  Details: ${singleLine(inventory.reason, 1_000)}`)
  } else {
    const line = inventoryLine(inventory)
    if (line) lines.push(`  ${singleLine(line, 600)}`)
  }
  if (inventory.notOnline.length > 0) {
    lines.push(`  Managed here, but not Online${inventory.planOnly ? ' (a real run would fail them)' : ''}:`)
    for (const row of inventory.notOnline.slice(0, 50))
      lines.push(
        `    ${singleLine(row.label, 120)}  ${singleLine(row.accessState ?? 'no access state', 40)}  ${singleLine(`${row.file}:${row.line}`, 200)}`
      )
  }
  if (inventory.planOnly) {
    lines.push(
      `  Plan: ${inventory.skipped.length} of ${inventory.rows} rows already managed here (skipped by a real run); ${inventory.uploaded} would be imported.`
    )
  }
  const rest = view.next?.rest
  if (rest && !view.parts) lines.push(paint(`  Next: ${singleLine(rest, 600)}`, 'bold'))
  return lines
}
