// The step summary: one job's part, or for several jobs a headline that
// counts the outcomes, a table of the jobs, the parts of the jobs that did
// not pass (failures first), and the successful ones collapsed. The jobs
// share the size budget, so the whole stays under GitHub's limit.
import { formatDuration } from '../../common/duration.js'
import { plural } from '../../common/text.js'
import { jobUrl } from '../../lxca/job-ref.js'
import { SEPARATOR_BYTES, shareOf, SUMMARY_BUDGET_BYTES } from './budget.js'
import { renderJobMarkdown } from './job-markdown.js'
import { renderPartsMarkdown } from './parts-markdown.js'
import { renderUploadMarkdown } from './upload-markdown.js'
import { inventoryNote, inventoryTables, renderInventoryOnlyMarkdown } from './inventory-markdown.js'
import { notReadyHeadline } from '../model/inventory-view.js'
import { STATUSES } from '../../outcome/status.js'
import { nextStepsMarkdown } from './next-steps-markdown.js'
import { byteLength, collapsed, escapeMarkdown, table } from './escape.js'
import type { GateView } from '../model/gate-view.js'
import * as wording from '../model/wording.js'

export function renderGateMarkdown(view: GateView, budgetBytes = SUMMARY_BUDGET_BYTES): string {
  const footer = renderFooter(view)
  // The footer, and the blank line before it and the line end after it.
  const room = budgetBytes - byteLength(footer) - 2 * SEPARATOR_BYTES
  if (view.parts) return `${renderPartsMarkdown(view, view.parts, room)}\n\n${footer}\n`
  // Nothing uploaded: every row managed already, or an inventory that could not be read.
  if (view.jobs.length === 0 && !view.upload && view.inventory)
    return `${renderInventoryOnlyMarkdown(view)}\n\n${footer}\n`
  // An upload that left no job to wait on (validation only, or no import started).
  if (view.jobs.length === 0 && view.upload) {
    const blocks = [renderUploadMarkdown(view.upload, view.host), inventoryNote(view), inventoryTables(view), footer]
    return `${blocks.filter(Boolean).join('\n\n')}\n`
  }
  const uploaded = view.upload && wording.uploadLine(view.upload)
  if (view.jobs.length === 1) {
    // A passing job in a failing run (rows managed here but not Online): the run's verdict comes first.
    const ahead = view.inventory && notReadyHeadline(view.inventory, view.status, view.jobs[0].status, view.host)
    const first = ahead ? `### ${STATUSES[view.status].icon} ${escapeMarkdown(ahead, 600)}\n\n` : ''
    const notes = [uploaded ? `📤 ${escapeMarkdown(uploaded, 600)}` : '', inventoryNote(view), inventoryTables(view)]
    const next = nextStepsMarkdown(view.next, true)
    const options = {
      baseUrl: view.baseUrl,
      host: view.host,
      footer: [next, footer].filter(Boolean).join('\n\n'),
      note: notes.filter(Boolean).join('\n\n') || undefined
    }
    return `${first}${renderJobMarkdown(view.jobs[0], room - byteLength(first), options)}\n`
  }
  const statuses = view.jobs.map(job => job.status)
  const elapsed = Math.max(...view.jobs.map(job => job.elapsedMs))
  const head = [
    `## ${wording.gateIcon(statuses)} ${escapeMarkdown(wording.gateHeadline(view.jobs, view.host), 400)} · ${formatDuration(elapsed)}`,
    inventoryNote(view),
    jobsTable(view)
  ]
    .filter(Boolean)
    .join('\n\n')
  const failing = view.jobs.filter(job => job.status !== 'success')
  const passed = view.jobs.filter(job => job.status === 'success')
  // An equal share each; a part that needs less leaves its share unused, which keeps the arithmetic simple and safe.
  const share = shareOf(budgetBytes, byteLength(head) + byteLength(footer), view.jobs.length)
  const parts = failing.map(job => renderJobMarkdown(job, share, { baseUrl: view.baseUrl }))
  if (passed.length > 0) {
    const devices = passed.reduce((sum, job) => sum + job.total, 0)
    const summary = `✅ ${plural(passed.length, 'job')} succeeded (${plural(devices, 'device')})`
    const rendered = passed.map(job => renderJobMarkdown(job, share, { baseUrl: view.baseUrl }))
    parts.push(collapsed(summary, rendered.join('\n\n')))
  }
  return `${[head, ...parts, footer].join('\n\n')}\n`
}

/** Every job on the first screen: its link, its outcome, its counts, and why it did not pass. */
function jobsTable(view: GateView): string {
  const rows = view.jobs.map(job => [
    `[${escapeMarkdown(job.job.id, 140)}](${jobUrl(view.baseUrl, job.job).href})`,
    wording.outcomeWords(job.status),
    job.seen ? job.total.toLocaleString('en-US') : '—',
    job.seen ? job.failed.length.toLocaleString('en-US') : '—',
    job.seen ? job.pending.length.toLocaleString('en-US') : '—',
    escapeMarkdown(wording.why(job), 200)
  ])
  const header = ['Job', 'Outcome', 'Devices', 'Failed', 'Not finished', 'Why']
  return table(header, rows, ['---', '---', '--:', '--:', '--:', '---'])
}

/** Links built from the validated host and job IDs only: no server text ever reaches a link. */
function renderFooter(view: GateView): string {
  const appliance = `Open [XClarity Administrator](${view.baseUrl.href}) › Monitoring › Jobs to follow a job`
  // No job (a validation, an upload that started none, nothing to upload): nothing to follow.
  if (view.jobs.length === 0) return `---\n<sub>[XClarity Administrator](${view.baseUrl.href})</sub>`
  const api = view.jobs
    .map(job => `[${escapeMarkdown(job.job.id, 140)}](${jobUrl(view.baseUrl, job.job).href})`)
    .join(' · ')
  const report = view.jobs.some(job => job.reported)
    ? ' · Keep the `report` output file (actions/upload-artifact) for the whole last document'
    : ''
  return [
    '---',
    `<sub>${appliance} · Job ${view.jobs.length === 1 ? 'document' : 'documents'} (API): ${api}${report}</sub>`
  ].join('\n')
}
