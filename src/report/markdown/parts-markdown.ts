// The step summary of an import in several parts: one headline for all of
// them, a table of the parts (file, lines, job, outcome, why), the failures
// by cause across every part, then each part that did not pass, as for
// several jobs; those that passed, collapsed. The parts share the budget.
import { jobUrl } from '../../lxca/job-ref.js'
import { STATUSES } from '../../outcome/status.js'
import { plural } from '../../common/text.js'
import { Budget, shareOf } from './budget.js'
import { causeTrees, causesTable } from './cause-markdown.js'
import { renderJobMarkdown } from './job-markdown.js'
import { byteLength, collapsed, escapeMarkdown, table } from './escape.js'
import { inventoryNote, inventoryTables } from './inventory-markdown.js'
import { nextStepsMarkdown } from './next-steps-markdown.js'
import { renderUploadMarkdown } from './upload-markdown.js'
import type { GateView, PartView } from '../model/gate-view.js'
import * as partsWording from '../model/parts-wording.js'

export function renderPartsMarkdown(view: GateView, parts: readonly PartView[], budgetBytes: number): string {
  const icon = STATUSES[view.status].icon
  const head = [
    `## ${icon} ${escapeMarkdown(partsWording.partsHeadline(view, parts), 600)}`,
    partsTable(view, parts)
  ].join('\n\n')
  // What comes before the parts, said once: the inventory, what to do next, the rows managed but not Online.
  const next = [inventoryNote(view), nextStepsMarkdown(view.next), inventoryTables(view)].filter(Boolean).join('\n\n')
  const budget = new Budget(budgetBytes - byteLength(head) - byteLength(next))
  // The causes and their trees, once for every part: each part below keeps its devices and CSV lines.
  const across = view.across
    ? [causesTable(view.across, budget, 'Failures by cause, across all parts'), causeTrees(view.across, budget)]
        .filter(Boolean)
        .join('\n\n')
    : ''
  const failing = parts.filter(
    part =>
      (part.status !== undefined && !STATUSES[part.status].passes) || (part.upload && part.upload.status !== 'success')
  )
  const passed = parts.filter(part => part.jobView && STATUSES[part.jobView.status].passes)
  const share = shareOf(budgetBytes, byteLength(head) + byteLength(next) + byteLength(across), parts.length)
  const jobOptions = (part: PartView) => ({
    baseUrl: view.baseUrl,
    note: placeNote(part),
    nextStepsElsewhere: true,
    causesElsewhere: view.across !== undefined
  })
  const shown = failing.map(part =>
    part.jobView
      ? renderJobMarkdown(part.jobView, share, jobOptions(part))
      : renderUploadMarkdown(part.upload!, view.host)
  )
  if (passed.length > 0) {
    const rendered = passed.map(part => renderJobMarkdown(part.jobView!, share, jobOptions(part)))
    shown.push(collapsed(`✅ ${plural(passed.length, 'part')} passed`, rendered.join('\n\n')))
  }
  return [head, next, across, ...shown].filter(Boolean).join('\n\n')
}

/** Where a job's part is: `Part 2 of 4 · servers.csv lines 302–601`. */
function placeNote(part: PartView): string {
  return `📄 Part ${part.index} of ${part.count} · ${escapeMarkdown(part.file, 200)} lines ${part.lines}`
}

function partsTable(view: GateView, parts: readonly PartView[]): string {
  const rows = parts.map(part => [
    String(part.index),
    escapeMarkdown(part.file, 200),
    part.lines,
    part.rows.toLocaleString('en-US'),
    part.job ? `[${escapeMarkdown(part.job.id, 140)}](${jobUrl(view.baseUrl, part.job).href})` : '—',
    part.status ? `${STATUSES[part.status].icon} ${partsWording.partVerb(part)}` : '⏭️ not uploaded',
    escapeMarkdown(partsWording.partWhy(part), 200)
  ])
  return table(['Part', 'File', 'Lines', 'Devices', 'Job', 'Outcome', 'Why'], rows, [
    '--:',
    '---',
    '---',
    '--:',
    '---',
    '---',
    '---'
  ])
}
