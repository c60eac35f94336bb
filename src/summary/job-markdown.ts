// One job's part of the step summary, answering in this order: what
// happened (the headline), why and what to do (failures by cause, the fix),
// which devices (those that did not succeed), how each failed (a handful of
// step trees, one per cause), and then the rest, collapsed. It fits the bytes
// it is given by leaving out, in this order: the step trees of the other
// devices, then successful devices' addresses, then the expanded trees, then
// table rows; the counts always cover every device, and what was left out is
// said at the top.
import { formatDuration } from '../common/duration.js'
import { STATUSES } from '../outcome/status.js'
import { percent, plural } from '../common/text.js'
import type { DeviceAssessment } from '../lxca/verdict.js'
import { Budget, takeWhile } from './budget.js'
import { details, table, text } from './markdown.js'
import type { StepView } from './steps.js'
import type { CauseView, JobView } from './view.js'
import * as wording from './wording.js'

/** Rows of the cause digest; the rest are counted in one line. */
const MAX_CAUSES = 10
/** Device addresses named in one cause row. */
const CAUSE_DEVICES = 3
/** Table rows at most, whatever the budget: past this many, the report file is the place to look. */
const MAX_TABLE_ROWS = 1_000
/** Step trees shown open: one per cause, at most this many. */
const MAX_EXPANDED = 5
/** Kept for the note that says what was left out. */
const NOTE_BYTES = 1_024

export interface JobMarkdownOptions {
  /** Named in the headline when the summary does not name it already. */
  readonly host?: string
  /** The footer with links, for a summary of one job. */
  readonly footer?: string
  /** A line (already Markdown) after the facts: how the job came to be, say. */
  readonly note?: string
}

export function renderJobMarkdown(view: JobView, budgetBytes: number, options: JobMarkdownOptions): string {
  const budget = new Budget(budgetBytes)
  budget.reserve(NOTE_BYTES)
  // Level 3 for one job, and under the several-jobs headline (level 2) too.
  const head = `### ${STATUSES[view.status].icon} ${text(wording.headline(view, options.host), 600)}`
  const intro = [head, ...introLines(view)]
  if (options.note) intro.splice(2, 0, options.note)
  const causes = causesPart(view)
  for (const part of [...intro, causes, options.footer ?? '']) budget.force(part)

  const tablePart = deviceTable(view, budget)
  const expanded = expandedTrees(view, budget)
  const succeeded = successList(view, budget)
  const collapsed = collapsedTrees(view, expanded.shown, budget)
  budget.release(NOTE_BYTES)
  return [
    head,
    omissionNote(budget.omitted),
    ...intro.slice(1),
    causes,
    tablePart,
    expanded.text,
    collapsed,
    succeeded,
    options.footer ?? ''
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** The facts, the fix or what the wait left open, the details, the progress bar. */
function introLines(view: JobView): string[] {
  const lines: string[] = []
  const facts = [`**Job** ${text(view.path)}`]
  if (view.seen) facts.push(`**Progress** ${percent(view.progress)}`)
  if (view.lxcaStatus) facts.push(`**LXCA status** ${text(view.lxcaStatus, 60)}`)
  facts.push(`**Polled** ${plural(view.polls, 'time')}${view.retries > 0 ? `, ${plural(view.retries, 'retry')}` : ''}`)
  lines.push(facts.join(' · '))
  if (view.problem) lines.push(`**Fix:** ${text(view.problem.fix, 600)}`)
  const open = wording.keepsRunning(view)
  if (open) lines.push(`**${text(open, 600)}**`)
  const why = wording.details(view)
  if (why) lines.push(`> **Details:** ${text(why, 2_000)}`)
  if (view.seen && !view.done && view.status !== 'success' && view.status !== 'failure')
    lines.push(progressBar(view.progress))
  if (!view.seen && view.status !== 'cancelled')
    lines.push('_No job document was understood, so no device can be shown._')
  return lines
}

function progressBar(progress: number | undefined): string {
  const width = 20
  const filled = Math.round((Math.min(100, Math.max(0, progress ?? 0)) / 100) * width)
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\` ${percent(progress)}`
}

/** Failed devices grouped by result, failing step and user action, largest group first. */
function causesPart(view: JobView): string {
  if (view.causes.length === 0) return ''
  const rows = view.causes.slice(0, MAX_CAUSES).map(cause => causeRow(view, cause))
  const other = view.causes.slice(MAX_CAUSES)
  const more =
    other.length > 0
      ? `\n\n+${plural(other.length, 'other cause')} (${plural(count(other), 'device')}): see the device table.`
      : ''
  const title = `#### Failures by cause (${plural(view.failed.length, 'device')})`
  return `${title}\n\n${table(['Devices', 'Result', 'Failed at', 'What to do', 'Which'], rows, ['--:', '---', '---', '---', '---'])}${more}`
}

function causeRow(view: JobView, cause: CauseView): string[] {
  const named = cause.devices.slice(0, CAUSE_DEVICES).map(item => text(view.device(item).address, 60))
  const rest = cause.devices.length - named.length
  return [
    cause.devices.length.toLocaleString('en-US'),
    text(cause.result, 60),
    text(cause.step, 160),
    text(cause.userAction, 300),
    `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
  ]
}

function count(causes: readonly CauseView[]): number {
  return causes.reduce((sum, cause) => sum + cause.devices.length, 0)
}

/** Every device that did not succeed, failed first: narrow columns, no UUID. */
function deviceTable(view: JobView, budget: Budget): string {
  const items = [...view.failed, ...view.pending]
  if (items.length === 0) return ''
  const title = `#### Devices that did not succeed (${[
    view.failed.length > 0 ? `${view.failed.length.toLocaleString('en-US')} failed` : '',
    view.pending.length > 0 ? `${view.pending.length.toLocaleString('en-US')} not finished` : ''
  ]
    .filter(Boolean)
    .join(', ')})`
  const header = table(['Device', 'Result', 'Step', 'Time'], [])
  budget.force(`${title}\n\n${header}`)
  const rows = takeWhile(budget, items, item => tableRow(view, item), MAX_TABLE_ROWS)
  if (rows.length < items.length) budget.omit(`the table rows of ${plural(items.length - rows.length, 'device')}`)
  return `${title}\n\n${header}\n${rows.join('\n')}`
}

function tableRow(view: JobView, item: DeviceAssessment): string {
  const device = view.device(item)
  const icon = item.state === 'failed' ? '❌' : '⏳'
  const step = device.step ? `${text(device.step, 120)}${item.state === 'pending' ? ' (not finished)' : ''}` : '—'
  const time = device.timeSpentMs === undefined ? '—' : formatDuration(device.timeSpentMs)
  return `| ${icon} ${text(device.address, 80)} | ${text(device.result ?? 'no result yet', 60)} | ${step} | ${time} |`
}

/** One failed device per cause, its tree open, with the user action once. */
function expandedTrees(view: JobView, budget: Budget): { text: string; shown: Set<DeviceAssessment> } {
  const chosen = view.causes.slice(0, MAX_EXPANDED).map(cause => cause.devices[0])
  const shown = new Set<DeviceAssessment>()
  const parts = takeWhile(budget, chosen, item => {
    shown.add(item)
    return expandedDevice(view, item)
  })
  // takeWhile rendered (and so added) one more than it took when it stopped early.
  if (parts.length < chosen.length) shown.delete(chosen[parts.length])
  if (parts.length < chosen.length) budget.omit(`${plural(chosen.length - parts.length, 'expanded step tree')}`)
  if (parts.length === 0) return { text: '', shown }
  return { text: [`#### How ${parts.length === 1 ? 'it' : 'they'} failed`, ...parts].join('\n\n'), shown }
}

function expandedDevice(view: JobView, item: DeviceAssessment): string {
  const device = view.device(item)
  const lines = [`##### ❌ ${text(device.address, 120)} · ${text(device.result, 80)}`]
  const facts = [
    device.uuid ? `UUID ${text(device.uuid, 64)}` : '',
    device.timeSpentMs === undefined ? '' : formatDuration(device.timeSpentMs)
  ]
  if (facts.some(Boolean)) lines.push(`<sub>${facts.filter(Boolean).join(' · ')}</sub>`)
  if (device.description) lines.push(text(device.description, 1_000))
  if (device.userAction) lines.push(`👉 **User action:** ${text(device.userAction, 2_000)}`)
  lines.push(renderTree(device.tree(), item.state))
  return lines.join('\n\n')
}

/** The other failed and the unfinished devices' trees, collapsed, as far as they fit. */
function collapsedTrees(view: JobView, expanded: ReadonlySet<DeviceAssessment>, budget: Budget): string {
  const groups: Array<[string, DeviceAssessment[]]> = [
    ['failed device', view.failed.filter(item => !expanded.has(item))],
    ['unfinished device', [...view.pending]]
  ]
  const blocks: string[] = []
  for (const [noun, items] of groups) {
    if (items.length === 0) continue
    const summary = `Step trees of ${plural(items.length, expanded.size > 0 && noun === 'failed device' ? `other ${noun}` : noun)}`
    budget.force(details(summary, ''))
    const trees = takeWhile(budget, items, item => collapsedDevice(view, item))
    if (trees.length < items.length) budget.omit(`the step trees of ${plural(items.length - trees.length, noun)}`)
    if (trees.length > 0) blocks.push(details(summary, trees.join('\n\n')))
  }
  return blocks.join('\n\n')
}

function collapsedDevice(view: JobView, item: DeviceAssessment): string {
  const device = view.device(item)
  const icon = item.state === 'failed' ? '❌' : '⏳'
  const time = device.timeSpentMs === undefined ? '' : ` · ${formatDuration(device.timeSpentMs)}`
  return `${icon} **${text(device.address, 120)}** · ${text(device.result ?? 'no result yet', 80)}${time}\n\n${renderTree(device.tree(), item.state)}`
}

/** Successful devices: one collapsed, comma-separated list. */
function successList(view: JobView, budget: Budget): string {
  const total = view.succeeded.length
  if (total === 0) return ''
  const summary = `✅ ${plural(total, 'device')} succeeded`
  budget.force(details(summary, ''))
  const names = takeWhile(budget, view.succeeded, item => `${text(view.device(item).address, 80)}, `)
  const rest = total - names.length
  if (rest > 0) budget.omit(`the addresses of ${plural(rest, 'successful device')}`)
  const list = names.join('').replace(/, $/, '') + (rest > 0 ? ` … and ${rest.toLocaleString('en-US')} more` : '')
  return details(summary, list)
}

function renderTree(steps: readonly StepView[], state: 'failed' | 'pending' | 'succeeded', depth = 0): string {
  if (steps.length === 0) return depth === 0 ? '_No step details were reported._' : ''
  const indent = '  '.repeat(depth)
  return steps
    .map(step => {
      const { icon } = wording.STEP_MARKS[step.show]
      const words = `${text(step.label, 120)} · ${text(step.words, 40)}${step.percentage !== undefined ? ` (${Math.floor(step.percentage)}%)` : ''}`
      const marker = wording.stepMarker(step.show, state)
      let line = `${indent}- ${icon} ${marker ? `**${words}** ⟵ ${marker}` : words}`
      if (marker && step.detail) line += `<br>${text(step.detail, 600)}`
      const children = renderTree(step.children, state, depth + 1)
      return children ? `${line}\n${children}` : line
    })
    .join('\n')
}

function omissionNote(omitted: readonly string[]): string {
  if (omitted.length === 0) return ''
  return `> ℹ️ Shortened to stay within GitHub's 1 MiB summary limit: it leaves out ${omitted.join('; ')}. Every device is counted, and the whole job document is in the file named by the \`report\` output.`
}
