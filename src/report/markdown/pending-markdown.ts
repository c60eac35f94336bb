// The devices a job has not finished, grouped by the step they are at, as
// failures are grouped by cause: a timeout of 1,000 devices is a few rows
// ("640 at Configuration › NTP") and one step tree for each of the largest
// groups, not 1,000 rows and 1,000 trees. Where each device is stays in the
// report file (the job document) and, row by row, in failed-csv.
import { formatDuration } from '../../common/duration.js'
import { plural } from '../../common/text.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import { takeWhile, type Budget } from './budget.js'
import { collapsed, escapeMarkdown, table } from './escape.js'
import type { JobView } from '../model/gate-view.js'
import { renderTree } from './step-tree-markdown.js'

/** Devices named in one row. */
const GROUP_DEVICES = 3
/** Rows of the table; the rest are counted in one last row. */
const MAX_GROUPS = 20
/** Step trees shown: one device of each of the largest groups. */
const MAX_TREES = 5

export interface StepGroup {
  /** `Configuration › NTP`, or undefined when the appliance names no step yet. */
  readonly step?: string
  readonly devices: readonly DeviceAssessment[]
}

/** The unfinished devices by the step they are at, largest group first (then by step, for a stable order). */
export function pendingGroups(view: JobView): StepGroup[] {
  const groups = new Map<string, DeviceAssessment[]>()
  for (const item of view.pending) {
    const step = view.device(item).step ?? ''
    const devices = groups.get(step)
    if (devices) devices.push(item)
    else groups.set(step, [item])
  }
  return [...groups]
    .map(([step, devices]) => ({ ...(step ? { step } : {}), devices }))
    .sort((a, b) => b.devices.length - a.devices.length || (a.step ?? '').localeCompare(b.step ?? ''))
}

/** One row per step, then one step tree per group for the largest; what is left out is said. */
export function pendingMarkdown(view: JobView, budget: Budget): string {
  if (view.pending.length === 0) return ''
  const groups = pendingGroups(view)
  const shown = groups.slice(0, MAX_GROUPS)
  const rest = groups.slice(MAX_GROUPS)
  const rows = shown.map(group => groupRow(view, group))
  if (rest.length > 0) {
    const devices = rest.reduce((sum, group) => sum + group.devices.length, 0)
    rows.push([devices.toLocaleString('en-US'), `${plural(rest.length, 'other step')}`, 'in the report file'])
  }
  const title = `#### Not finished, by the step each device is at (${plural(view.pending.length, 'device')}${groups.length > 1 ? `, ${plural(groups.length, 'step')}` : ''})`
  const first = `${title}\n\n${table(['Devices', 'At step', 'Which'], rows, ['--:', '---', '---'])}`
  budget.force(first)
  const treeGroups = groups.slice(0, MAX_TREES)
  const trees = takeWhile(budget, treeGroups, group => groupTree(view, group))
  const left = groups.length - trees.length
  if (trees.length < treeGroups.length)
    budget.omit(plural(treeGroups.length - trees.length, 'step tree of an unfinished step'))
  if (trees.length === 0) return first
  const summary =
    left > 0
      ? `Step trees for the ${plural(trees.length, 'largest group')}; ${left.toLocaleString('en-US')} more in the report file`
      : `Step trees, one device at each step`
  return `${first}\n\n${collapsed(summary, trees.join('\n\n'))}`
}

function groupRow(view: JobView, group: StepGroup): string[] {
  const named = group.devices.slice(0, GROUP_DEVICES).map(item => escapeMarkdown(view.device(item).label, 120))
  const rest = group.devices.length - named.length
  return [
    group.devices.length.toLocaleString('en-US'),
    group.step ? escapeMarkdown(group.step, 160) : 'not started',
    `${named.join(', ')}${rest > 0 ? `, … +${rest.toLocaleString('en-US')}` : ''}`
  ]
}

function groupTree(view: JobView, group: StepGroup): string {
  const [first] = group.devices
  const device = view.device(first)
  const time = device.timeSpentMs === undefined ? '' : ` · ${formatDuration(device.timeSpentMs)} so far`
  const where = view.file && device.line !== undefined ? ` · ${escapeMarkdown(view.file, 200)}&#58;${device.line}` : ''
  const heading = `⏳ **${plural(group.devices.length, 'device')} at ${group.step ? escapeMarkdown(group.step, 160) : 'no step yet'}** · shown for ${escapeMarkdown(device.label, 160)}${where}${time}`
  return `${heading}\n\n${renderTree(device.tree(), 'pending')}`
}
