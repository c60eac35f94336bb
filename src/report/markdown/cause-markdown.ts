// What failed, by cause, in Markdown: the causesTable (one row per cause, the
// action once, the devices it covers), and one step tree per cause, headed by
// the cause it illustrates. A device's own tree is shown only when its steps
// differ from its cause's, collapsed. Causes past the first ten keep their
// action, in a collapsed table of their own: never a table without it.
import { formatDuration } from '../../common/duration.js'
import { plural } from '../../common/text.js'
import type { StepNode } from '../../lxca/document.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import { takeWhile, type Budget } from './budget.js'
import { collapsed, escapeMarkdown, table } from './escape.js'
import { renderTree } from './step-tree-markdown.js'
import type { CauseView, JobView } from '../model/gate-view.js'
import * as wording from '../model/wording.js'

/** Rows of the causesTable; the others go to a collapsed table of the same columns. */
const MAX_CAUSES = 10
/** Device addresses named in one cause row. */
const CAUSE_DEVICES = 3
/** Step trees shown open: one per cause, at most this many. */
const MAX_EXPANDED = 5

const HEADER = ['Devices', 'Result', 'Failed at', 'What to do', 'Which']
const ALIGN = ['--:', '---', '---', '---', '---']

/** Failed devices grouped by cause, largest group first; the CSV's rows the job does not list, last. */
export function causesTable(view: JobView, budget: Budget, heading = 'Failures by cause'): string {
  if (view.causes.length + view.notInJob.length === 0) return ''
  const causes = view.causes.length + (view.notInJob.length > 0 ? 1 : 0)
  const title = `#### ${heading} (${plural(view.failed.length + view.notInJob.length, 'device')}${causes > 1 ? `, ${plural(causes, 'cause')}` : ''})`
  const missing = view.notInJob.length > 0 ? [notInJobRow(view)] : []
  const first = `${title}\n\n${table(
    HEADER,
    [...view.causes.slice(0, MAX_CAUSES).map(cause => causeRow(view, cause)), ...missing],
    ALIGN
  )}`
  budget.force(first)
  const others = view.causes.slice(MAX_CAUSES)
  if (others.length === 0) return first
  const summary = `${plural(others.length, 'more cause')} (${plural(count(others), 'device')})`
  budget.force(collapsed(summary, table(HEADER, [], ALIGN)))
  const rows = takeWhile(budget, others, cause => `| ${causeRow(view, cause).join(' | ')} |`)
  if (rows.length < others.length)
    budget.omit(`the causesTable rows of ${plural(others.length - rows.length, 'cause')}`)
  return `${first}\n\n${collapsed(summary, [table(HEADER, [], ALIGN), ...rows].join('\n'))}`
}

function causeRow(view: JobView, cause: CauseView): string[] {
  const named = cause.devices.slice(0, CAUSE_DEVICES).map(item => escapeMarkdown(view.device(item).label, 120))
  const rest = cause.devices.length - named.length
  const action = [cause.userAction, cause.hint].filter(Boolean).join(' ')
  return [
    cause.devices.length.toLocaleString('en-US'),
    escapeMarkdown(cause.result, 60),
    escapeMarkdown(cause.step, 160),
    escapeMarkdown(action, 500),
    `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
  ]
}

/** The servers of the CSV the job does not list, as one more cause. */
function notInJobRow(view: JobView): string[] {
  const named = view.notInJob.slice(0, CAUSE_DEVICES).map(row => escapeMarkdown(row.label, 120))
  const rest = view.notInJob.length - named.length
  return [
    view.notInJob.length.toLocaleString('en-US'),
    'not in the job',
    '—',
    escapeMarkdown(wording.notInJobFix(view), 300),
    `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
  ]
}

function count(causes: readonly CauseView[]): number {
  return causes.reduce((sum, cause) => sum + cause.devices.length, 0)
}

/** One open tree per cause, headed by the cause, with how many devices share it. */
export function causeTrees(view: JobView, budget: Budget): string {
  const causes = view.causes.slice(0, MAX_EXPANDED)
  const parts = takeWhile(budget, causes, cause => causeTree(view, cause))
  if (parts.length < causes.length) budget.omit(plural(causes.length - parts.length, 'step tree of a cause'))
  if (parts.length === 0) return ''
  const left = view.causes.length - parts.length
  // What is left out is said: the reader must not take five trees for every cause.
  const heading =
    left > 0
      ? `#### How the ${plural(parts.length, 'largest cause')} failed (${plural(left, 'more cause')} in the table above; every device's steps are in the report file)`
      : `#### How ${parts.length === 1 ? 'it' : 'each cause'} failed`
  return [heading, ...parts].join('\n\n')
}

function causeTree(view: JobView, cause: CauseView): string {
  const [shown] = cause.devices
  const device = view.device(shown)
  const heading = `##### ❌ ${view.causes.length > 1 ? `Cause ${cause.rank} · ` : ''}${plural(cause.devices.length, 'device')} · ${escapeMarkdown(cause.result, 80)}${cause.step ? ` at ${escapeMarkdown(cause.step, 160)}` : ''}`
  const facts = [
    `shown for ${escapeMarkdown(device.label, 160)}${view.file && device.line !== undefined ? ` · ${escapeMarkdown(view.file, 200)}&#58;${device.line}` : ''}`,
    device.uuid ? `UUID ${escapeMarkdown(device.uuid, 64)}` : '',
    device.timeSpentMs === undefined ? '' : formatDuration(device.timeSpentMs)
  ]
  const lines = [heading, `<sub>${facts.filter(Boolean).join(' · ')}</sub>`]
  // LXCA's own action first: its long description is often generic ("An internal error occurred…").
  // The shown device's own words: the cause's action may be a template with placeholders.
  const action = device.userAction ?? cause.userAction
  if (action) lines.push(`👉 **User action:** ${escapeMarkdown(action, 2_000)}`)
  if (cause.hint) lines.push(`👉 ${escapeMarkdown(cause.hint, 600)}`)
  if (device.description) lines.push(escapeMarkdown(device.description, 1_000))
  lines.push(renderTree(device.tree(), 'failed'))
  return lines.join('\n\n')
}

/**
 * Collapsed: the trees of failed devices whose steps differ from their
 * cause's tree, as far as they fit (unfinished devices are grouped by step:
 * pending-markdown.ts).
 */
export function otherTrees(view: JobView, budget: Budget): string {
  const differing = view.causes.flatMap(cause => {
    const shape = stepsShape(cause.devices[0])
    return cause.devices.slice(1).filter(item => stepsShape(item) !== shape)
  })
  if (differing.length === 0) return ''
  const summary = `Step trees of ${plural(differing.length, 'failed device')} whose steps differ from their cause’s`
  budget.force(collapsed(summary, ''))
  const trees = takeWhile(budget, differing, item => deviceTree(view, item))
  if (trees.length < differing.length)
    budget.omit(`the step trees of ${plural(differing.length - trees.length, 'device')}`)
  return trees.length > 0 ? collapsed(summary, trees.join('\n\n')) : ''
}

/** A device's steps as LXCA reported them (ids and states), to tell whether two devices failed the same way. */
function stepsShape(item: DeviceAssessment): string {
  const shape = (nodes: readonly StepNode[]): string =>
    nodes
      .map(node => `${node.id}:${node.state ?? ''}${node.children.length > 0 ? `(${shape(node.children)})` : ''}`)
      .join(',')
  return shape(item.device.steps)
}

function deviceTree(view: JobView, item: DeviceAssessment): string {
  const device = view.device(item)
  const time = device.timeSpentMs === undefined ? '' : ` · ${formatDuration(device.timeSpentMs)}`
  return `❌ **${escapeMarkdown(device.label, 160)}** · ${escapeMarkdown(device.result ?? 'no result yet', 80)}${time}\n\n${renderTree(device.tree(), item.state)}`
}
