// The summary for a terminal, drawn from the same view and wording as the
// Markdown summary, as plain text: the headline, failures by cause, the
// devices that did not succeed, a handful of step trees, the rest counted.
// Colour only when asked (a TTY). Server strings are made one line with
// control characters removed, so a device name cannot move the cursor or
// recolour the screen.
import { formatDuration } from '../../common/duration.js'
import { STATUSES } from '../../outcome/status.js'
import { singleLine, percent, plural } from '../../common/text.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import type { StepView } from '../model/step-view.js'
import { byCauseThenAddress } from '../model/causes.js'
import type { CauseView, GateView, JobView, PartView } from '../model/gate-view.js'
import { placeOf } from '../model/wording.js'
import * as partsWording from '../model/parts-wording.js'
import * as wording from '../model/wording.js'
import { inventoryLines } from './inventory-lines.js'
import { notReadyHeadline } from '../model/inventory-view.js'

const COLORS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const
type Paint = (text: string, color: keyof typeof COLORS) => string

/** A terminal is no place for 100,000 rows: past these, the report file has them. */
const MAX_ROWS = 200
const MAX_TREES = 5
const MAX_CAUSES = 10
const MAX_NAMES = 30

export function renderTerminal(view: GateView, color: boolean): string {
  const paint: Paint = (value, name) => (color ? `\u001b[${COLORS[name]}m${value}\u001b[0m` : value)
  const several = view.jobs.length > 1
  const blocks: string[] = []
  if (view.upload) {
    const lines = uploadLines(view, paint)
    if (lines.length > 0) blocks.push(lines.join('\n'))
  }
  if (view.parts) blocks.push(partsBlock(view, view.parts, paint).join('\n'))
  else if (several) {
    const passed = view.jobs.every(job => job.status === 'success')
    blocks.push(paint(`${passed ? '✔' : '✖'} ${wording.gateHeadline(view.jobs, view.host)}`, passed ? 'green' : 'red'))
  }
  const ahead =
    view.jobs.length === 1 && view.inventory
      ? notReadyHeadline(view.inventory, view.status, view.jobs[0].status, view.host)
      : undefined
  if (ahead) blocks.push(paint(`${STATUSES[view.status].mark} ${singleLine(ahead, 600)}`, STATUSES[view.status].tint))
  for (const job of view.jobs) blocks.push(jobBlock(job, several ? undefined : view.host, paint))
  const inventory = inventoryLines(view, paint)
  if (inventory.length > 0) blocks.push(inventory.join('\n'))
  return `${blocks.join('\n\n')}\n`
}

function jobBlock(view: JobView, host: string | undefined, paint: Paint): string {
  const { mark, tint } = STATUSES[view.status]
  const lines = [paint(`${mark} ${singleLine(wording.headline(view, host), 600)}`, tint)]
  const facts = [`Job ${view.path}`]
  if (view.seen) facts.push(`Progress ${percent(view.progress)}`)
  const status = wording.lxcaStatusNote(view)
  if (view.lxcaStatus) facts.push(`LXCA status ${singleLine(view.lxcaStatus, 40)}${status ? ` (${status})` : ''}`)
  facts.push(`${plural(view.polls, 'poll')}, ${plural(view.retries, 'retry')}`)
  lines.push(`  ${facts.join(' · ')}`)
  if (view.problem) lines.push(paint(`  Fix: ${singleLine(view.problem.fix, 600)}`, 'bold'))
  const open = wording.keepsRunning(view)
  if (open) lines.push(paint(`  ${open}`, 'bold'))
  const why = wording.detailsSentence(view)
  if (why) lines.push(`  Details: ${singleLine(why, 1_000)}`)
  if (view.causes.length + view.notInJob.length + view.byCount > 0) lines.push('', ...causeLines(view))
  if (view.failed.length + view.pending.length + view.notInJob.length > 0) lines.push('', ...deviceTable(view, paint))
  for (const cause of view.causes.slice(0, MAX_TREES)) lines.push('', ...causeLinesTree(view, cause, paint))
  if (view.succeeded.length > 0) lines.push('', successLine(view, paint))
  return lines.join('\n')
}

/** An import in several parts: the headline, then a line per part; the refused or failed uploads in full. */
function partsBlock(view: GateView, parts: readonly PartView[], paint: Paint): string[] {
  const { mark, tint } = STATUSES[view.status]
  const lines = [paint(`${mark} ${singleLine(partsWording.partsHeadline(view, parts), 600)}`, tint)]
  for (const part of parts) {
    const outcome = partsWording.partVerb(part)
    const job = part.job ? ` → job ${singleLine(part.job.id, 60)}` : ''
    const why = partsWording.partWhy(part)
    lines.push(
      `  Part ${part.index} of ${part.count}: ${singleLine(part.file, 200)} lines ${part.lines} (${plural(part.rows, 'device')})${job}: ${outcome}${why && why !== '—' ? ` (${singleLine(why, 200)})` : ''}`
    )
  }
  for (const part of parts) {
    if (!part.upload || part.upload.status === 'success') continue
    if (part.upload.problem) lines.push(paint(`  Fix: ${singleLine(part.upload.problem.fix, 600)}`, 'bold'))
    for (const message of part.upload.messages.slice(0, 50)) lines.push(`  - ${singleLine(message, 500)}`)
  }
  const next = view.next
  if (next) {
    lines.push('', paint('  What next:', 'bold'))
    if (next.wait)
      lines.push(
        `  - ${singleLine(next.wait.sentence, 600)}`,
        `      ${next.wait.snippet.split('\n').join('\n      ')}`
      )
    if (next.lookFor) lines.push(`  - ${singleLine(next.lookFor, 800)}`)
    if (next.notUploaded) lines.push(`  - ${singleLine(next.notUploaded, 1_200)}`)
    if (next.rest) lines.push(`  - ${singleLine(next.rest, 600)}`)
  }
  return lines
}

/** The upload: a line when it started the job below, the whole story when it started none. */
function uploadLines(view: GateView, paint: Paint): string[] {
  const upload = view.upload
  if (!upload) return []
  const started = wording.uploadLine(upload)
  if (started) return [`${singleLine(started, 600)}`]
  const { mark, tint } = STATUSES[upload.status]
  const lines = [paint(`${mark} ${singleLine(wording.uploadHeadline(upload, view.host), 600)}`, tint)]
  if (upload.problem) lines.push(paint(`  Fix: ${singleLine(upload.problem.fix, 600)}`, 'bold'))
  if (upload.reason) lines.push(`  Details: ${singleLine(upload.reason, 1_000)}`)
  for (const message of upload.messages.slice(0, 50)) lines.push(`  - ${singleLine(message, 500)}`)
  return lines
}

function causeLines(view: JobView): string[] {
  const lines = [`  Failures by cause (${plural(view.failed.length + view.notInJob.length, 'device')}):`]
  /** The first three, and how many more. */
  const list = (labels: readonly string[], total: number): string =>
    `(${labels.map(label => singleLine(label, 120)).join(', ')}${total > labels.length ? `, … +${total - labels.length}` : ''})`
  for (const cause of view.causes.slice(0, MAX_CAUSES)) {
    const labels = cause.devices.slice(0, 3).map(item => placeOf(view, view.device(item)))
    const at = cause.step ? ` at ${singleLine(cause.step, 160)}` : ''
    const said = [cause.userAction, cause.hint].filter(Boolean).join(' ')
    const action = said ? ` — ${singleLine(said, 800)}` : ''
    lines.push(
      `    ${cause.devices.length} × ${singleLine(cause.result, 60)}${at}${action} ${list(labels, cause.devices.length)}`
    )
  }
  if (view.causes.length > MAX_CAUSES) lines.push(`    +${plural(view.causes.length - MAX_CAUSES, 'other cause')}`)
  if (view.notInJob.length > 0) {
    const labels = view.notInJob.slice(0, 3).map(row => placeOf(view, row))
    const fix = singleLine(wording.notInJobFix(view), 300)
    lines.push(`    ${view.notInJob.length} × not in the job — ${fix} ${list(labels, view.notInJob.length)}`)
  }
  const byCount = wording.byCountNote(view)
  if (byCount) lines.push(`  ${singleLine(byCount, 600)}`)
  return lines
}

function deviceTable(view: JobView, paint: Paint): string[] {
  const items = byCauseThenAddress(view.causes, view.pending)
  const line = (at: number | undefined): string[] =>
    view.file ? [at === undefined ? '' : `${singleLine(view.file, 100)}:${at}`] : []
  const devices = items.map(item => {
    const device = view.device(item)
    return {
      failed: item.state === 'failed',
      cells: [
        singleLine(device.label, 100),
        singleLine(device.result ?? 'no result yet', 40),
        `${singleLine(device.step ?? '', 80)}${item.state === 'pending' && device.step ? ' (not finished)' : ''}`,
        device.timeSpentMs === undefined ? '' : formatDuration(device.timeSpentMs),
        ...line(device.line)
      ]
    }
  })
  const missing = view.notInJob.map(row => ({
    failed: true,
    cells: [singleLine(row.label, 100), 'not in the job', '', '', ...line(row.line)]
  }))
  const all = [...devices, ...missing]
  const rows = all.slice(0, MAX_ROWS)
  const header = ['DEVICE', 'RESULT', 'STEP', 'TIME', ...(view.file ? ['CSV LINE'] : [])]
  const length = (value: string): number => [...value].length
  const widths = header.map((title, column) => Math.max(length(title), ...rows.map(row => length(row.cells[column]))))
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell + ' '.repeat(widths[column] - length(cell)))
      .join('  ')
      .trimEnd()
  const lines = [paint(`    ${format(header)}`, 'dim')]
  for (const row of rows) lines.push(`  ${row.failed ? paint('✖', 'red') : paint('…', 'yellow')} ${format(row.cells)}`)
  if (all.length > rows.length)
    lines.push(`    … and ${plural(all.length - rows.length, 'more device')} (all in the report file)`)
  return lines
}

/** One cause: how many devices share it, and the tree of the first of them. */
function causeLinesTree(view: JobView, cause: CauseView, paint: Paint): string[] {
  const [item] = cause.devices
  const device = view.device(item)
  const label = view.causes.length > 1 ? `Cause ${cause.rank}: ` : ''
  const shared = cause.devices.length > 1 ? ` (and ${plural(cause.devices.length - 1, 'more device')})` : ''
  const lines = [
    paint(
      `  ✖ ${label}${singleLine(placeOf(view, device), 200)}${shared}  ${singleLine(device.result ?? '', 60)}`,
      'red'
    )
  ]
  if (device.uuid) lines.push(`    UUID ${singleLine(device.uuid, 64)}`)
  if (device.description) lines.push(`    ${singleLine(device.description, 500)}`)
  if (device.step) lines.push(`    Failed at: ${singleLine(device.step, 300)}`)
  if (cause.userAction) lines.push(paint(`    User action: ${singleLine(cause.userAction, 1_000)}`, 'bold'))
  if (cause.hint) lines.push(paint(`    ${singleLine(cause.hint, 600)}`, 'bold'))
  lines.push(...treeLines(device.tree(), item.state, 2, paint))
  return lines
}

function treeLines(
  steps: readonly StepView[],
  state: DeviceAssessment['state'],
  depth: number,
  paint: Paint
): string[] {
  return steps.flatMap(step => {
    const mark = wording.STEP_MARKS[step.show].mark
    const tinted =
      step.show === 'complete'
        ? paint(mark, 'green')
        : step.show.startsWith('failed')
          ? paint(mark, 'red')
          : paint(mark, 'dim')
    const marker = wording.stepMarker(step.show, state)
    const pct = step.percentage !== undefined ? ` ${Math.floor(step.percentage)}%` : ''
    const line = `${'  '.repeat(depth)}${tinted} ${singleLine(step.label, 100)} (${singleLine(step.words, 40)}${pct})${marker ? paint(`  ← ${marker}`, 'red') : ''}`
    return [line, ...treeLines(step.children, state, depth + 1, paint)]
  })
}

function successLine(view: JobView, paint: Paint): string {
  const names = view.succeeded.slice(0, MAX_NAMES).map(item => singleLine(view.device(item).label, 120))
  const rest = view.succeeded.length - names.length
  return `  ${paint('✔', 'green')} ${plural(view.succeeded.length, 'device')} succeeded: ${names.join(', ')}${rest > 0 ? ` … and ${rest} more` : ''}`
}
