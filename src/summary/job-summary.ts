// The step summary: what the person on call reads at 2 a.m. Pure: it renders
// a string and never writes. Layout, top to bottom: a one-line verdict; the
// facts (appliance, job, LXCA status, progress, elapsed); why, when we could
// not tell; a device table, failures first; the step tree of every failed
// device, expanded; the trees of unfinished and successful devices, collapsed;
// a footer. GitHub drops a summary over 1 MiB entirely, so the rendering
// degrades in a fixed order until it fits the budget (see `fitToBudget`).
import { formatDuration } from '../common/duration.js'
import { JOB_TYPES, jobUrl, type JobRef } from '../lxca/job-ref.js'
import type { StepNode } from '../lxca/job.js'
import { byteLength, details, table, text } from './markdown.js'
import type { OutcomeStatus, PollOutcome } from '../common/outcome.js'
import { percent, plural } from '../common/text.js'
import { isFailedState, stepPathLabel, userActionOf, type DeviceAssessment, type DeviceState } from '../lxca/verdict.js'

/** Under GitHub's 1 MiB limit with room for other steps' habits (900 KiB). */
export const SUMMARY_BUDGET_BYTES = 900 * 1024

export interface SummaryInput {
  readonly outcome: PollOutcome
  readonly job: JobRef
  readonly baseUrl: URL
  readonly timeoutMs: number
}

export const HEADLINE_ICON: Record<OutcomeStatus, string> = {
  success: '✅',
  failure: '❌',
  timeout: '⏱️',
  error: '⚠️',
  cancelled: '🚫'
}
const DEVICE_ICON: Record<DeviceState, string> = { failed: '❌', pending: '⏳', succeeded: '✅' }
const DEVICE_ORDER: Record<DeviceState, number> = { failed: 0, pending: 1, succeeded: 2 }
const CELL_BYTES = 160
const COMPACT_CELL_BYTES = 48

export function headline(input: SummaryInput): string {
  const { outcome, job } = input
  const a = outcome.assessment
  const total = a?.devices.length ?? 0
  const name = `LXCA job ${job.id}`
  switch (outcome.status) {
    case 'success':
      return `${name} succeeded: all ${plural(total, 'device')} managed`
    case 'failure':
      return `${name} failed: ${a?.failed ?? 0} of ${plural(total, 'device')} failed`
    case 'timeout':
      return `${name} timed out after ${formatDuration(input.timeoutMs)}${a ? `: ${percent(a.progress)}, ${a.pending} of ${plural(total, 'device')} not finished` : ''}`
    case 'error':
      return `${name}: outcome unknown`
    case 'cancelled':
      return `Waiting for ${name} was cancelled${a ? ` at ${percent(a.progress)}` : ''}`
  }
}

export function renderSummary(input: SummaryInput, budgetBytes = SUMMARY_BUDGET_BYTES): string {
  const devices = [...(input.outcome.assessment?.devices ?? [])].sort(
    (x, y) => DEVICE_ORDER[x.state] - DEVICE_ORDER[y.state]
  )
  const byState = (state: DeviceState): DeviceAssessment[] => devices.filter(item => item.state === state)
  const failed = byState('failed')
  const pending = byState('pending')
  const succeeded = byState('succeeded')
  const section = (items: DeviceAssessment[], title: string) => (): string =>
    items.length > 0 ? details(title, items.map(renderDeviceTree).join('\n\n')) : ''
  return fitToBudget(
    {
      head: renderHead(input),
      table: (compact, withSucceeded) => renderTable(withSucceeded ? devices : [...failed, ...pending], compact),
      failedTree: index => renderFailedDevice(failed[index]),
      pendingSection: section(pending, `⏳ ${plural(pending.length, 'device')} not finished`),
      succeededSection: section(succeeded, `✅ ${plural(succeeded.length, 'device')} succeeded`),
      footer: renderFooter(input),
      counts: { failed: failed.length, pending: pending.length, succeeded: succeeded.length }
    },
    budgetBytes
  )
}

interface Parts {
  readonly head: string
  readonly table: (compact: boolean, withSucceeded: boolean) => string
  /** Rendered on demand: a 1,000-device failure renders only the trees that fit. */
  readonly failedTree: (index: number) => string
  readonly pendingSection: () => string
  readonly succeededSection: () => string
  readonly footer: string
  readonly counts: Readonly<Record<DeviceState, number>>
}

/** Room kept for the note that says what was left out. */
const NOTE_RESERVE_BYTES = 600

/**
 * Degrades in this order until the summary fits: (1) drop the trees of
 * successful devices, (2) of unfinished devices, (3) keep only as many
 * failed-device trees as fit, (4) shorten table cells, (5) drop successful
 * devices' table rows. Failed devices always keep their table row. Sizes are
 * added up part by part and the summary is assembled once per table variant.
 */
function fitToBudget(parts: Parts, budgetBytes: number): string {
  const { counts } = parts
  const size = (text: string): number => (text ? byteLength(text) + 2 : 0)
  const trees: string[] = []
  /** How many failed-device trees, in order, fit in `room`; renders them only as far as needed. */
  const treesWithin = (room: number): number => {
    let fit = 0
    for (let used = 0; fit < counts.failed; fit++) {
      if (fit === trees.length) trees.push(parts.failedTree(fit))
      if (used + size(trees[fit]) > room) break
      used += size(trees[fit])
    }
    return fit
  }
  const assemble = (table: string, kept: number, sections: readonly string[], omitted: readonly string[]): string =>
    [parts.head, table, ...trees.slice(0, kept), ...sections, omissionNote(omitted), parts.footer]
      .filter(Boolean)
      .join('\n\n') + '\n'

  const frame = size(parts.head) + size(parts.footer) + 1
  const fullTable = parts.table(false, true)
  const pending = parts.pendingSection()
  const omitted: string[] = []

  // (1) Everything, then (2) without successful devices' trees, if every failed tree fits beside them.
  const succeeded = parts.succeededSection()
  if (treesWithin(budgetBytes - frame - size(fullTable) - size(pending) - size(succeeded)) === counts.failed) {
    return assemble(fullTable, counts.failed, [pending, succeeded], omitted)
  }
  if (counts.succeeded > 0) omitted.push(`the step trees of ${plural(counts.succeeded, 'successful device')}`)
  if (treesWithin(budgetBytes - frame - size(fullTable) - size(pending) - NOTE_RESERVE_BYTES) === counts.failed) {
    return assemble(fullTable, counts.failed, [pending], omitted)
  }
  if (counts.pending > 0) omitted.push(`the step trees of ${plural(counts.pending, 'unfinished device')}`)

  // (3–5) As many failed trees as fit beside a full, then a compact, then a failures-only table.
  const tables: Array<{ render: () => string; note?: string }> = [
    { render: () => fullTable },
    { render: () => parts.table(true, true) },
    {
      render: () => parts.table(true, false),
      note: `the table rows of ${plural(counts.succeeded, 'successful device')}`
    }
  ]
  let out = ''
  for (const option of tables.slice(0, counts.succeeded > 0 ? 3 : 2)) {
    const table = option.render()
    const kept = treesWithin(budgetBytes - frame - size(table) - NOTE_RESERVE_BYTES)
    const cut = counts.failed - kept
    const notes = [...omitted, ...(option.note ? [option.note] : [])]
    if (cut > 0)
      notes.push(`the step trees of ${cut} of ${plural(counts.failed, 'failed device')} (the first ${kept} are shown)`)
    out = assemble(table, kept, [], notes)
    if (byteLength(out) <= budgetBytes) return out
  }
  return out
}

function omissionNote(omitted: readonly string[]): string {
  if (omitted.length === 0) return ''
  return `> ℹ️ To stay within GitHub's 1 MiB step-summary limit, this summary leaves out ${omitted.join('; ')}. The whole job document is in the file named by the \`report\` output.`
}

function renderHead(input: SummaryInput): string {
  const { outcome, job, baseUrl } = input
  const a = outcome.assessment
  // The headline is our own words and the validated job ID: nothing to escape.
  const lines = [`### ${HEADLINE_ICON[outcome.status]} ${headline(input)}`]
  const facts = [
    `**Appliance** ${text(baseUrl.host)}`,
    `**Job** ${text(`/${JOB_TYPES[job.type]}/jobs/${job.id}`)}`,
    `**Outcome** ${outcome.status}`
  ]
  if (outcome.job?.status) facts.push(`**LXCA status** ${text(outcome.job.status, 60)}`)
  if (a) facts.push(`**Progress** ${percent(a.progress)}`)
  facts.push(`**Elapsed** ${formatDuration(outcome.elapsedMs)}`)
  lines.push(facts.join(' · '))
  if (outcome.reason && outcome.status !== 'success' && outcome.status !== 'failure') {
    lines.push(`> **Why:** ${text(outcome.reason, 2000)}`)
  }
  if (a && a.verdict === 'running') lines.push(progressBar(a.progress))
  if (!a && outcome.status !== 'cancelled') lines.push('_No job document was understood, so no device can be shown._')
  return lines.join('\n\n')
}

function progressBar(progress: number | undefined): string {
  const width = 20
  const filled = Math.round((Math.min(100, Math.max(0, progress ?? 0)) / 100) * width)
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\` ${percent(progress)}`
}

function renderTable(devices: readonly DeviceAssessment[], compact: boolean): string {
  if (devices.length === 0) return ''
  const max = compact ? COMPACT_CELL_BYTES : CELL_BYTES
  const rows = devices.map(({ device, state, stepPath }) => [
    DEVICE_ICON[state],
    text(device.address, max),
    text(device.uuid, 64),
    text(device.result, max),
    text(device.shortDescription, max),
    state === 'succeeded' ? '' : text(stepPathLabel(stepPath), max),
    device.timeSpentMs === undefined ? '' : formatDuration(device.timeSpentMs)
  ])
  return table(['', 'Device', 'UUID', 'Result', 'Description', 'Step', 'Time spent'], rows)
}

function renderFailedDevice(item: DeviceAssessment): string {
  const { device, stepPath } = item
  const lines = [`#### ❌ ${text(device.address)} · ${text(device.result, 80)}`]
  if (device.longDescription) lines.push(text(device.longDescription, 1000))
  const facts: string[] = []
  if (stepPath.length > 0) facts.push(`**Failed at:** ${text(stepPathLabel(stepPath), 400)}`)
  const action = userActionOf(item)
  if (action) facts.push(`👉 **User action:** ${text(action, 1000)}`)
  if (facts.length > 0) lines.push(facts.join('<br>'))
  lines.push(renderSteps(device.steps, new Set(stepPath)))
  return lines.join('\n\n')
}

function renderDeviceTree(item: DeviceAssessment): string {
  const { device, state, stepPath } = item
  const time = device.timeSpentMs === undefined ? '' : ` · ${formatDuration(device.timeSpentMs)}`
  const title = `${DEVICE_ICON[state]} **${text(device.address)}** · ${text(device.result, 80)}${time}`
  return `${title}\n\n${renderSteps(device.steps, new Set(state === 'pending' ? stepPath : []))}`
}

function renderSteps(steps: readonly StepNode[], marked: ReadonlySet<StepNode>, depth = 0): string {
  if (steps.length === 0) return depth === 0 ? '_No step details were reported._' : ''
  const indent = '  '.repeat(depth)
  return steps
    .map(node => {
      const state = node.state ? text(node.state, 40) : 'no state'
      const pct =
        node.state?.toLowerCase() === 'running' && node.percentage !== undefined
          ? ` (${Math.floor(node.percentage)}%)`
          : ''
      let line = `${indent}- ${stateIcon(node.state)} ${text(node.label, 120)} · ${state}${pct}`
      if (marked.has(node)) {
        line = `${indent}- ${stateIcon(node.state)} **${text(node.label, 120)} · ${state}${pct}** ⟵ ${isFailedState(node.state) ? 'failed here' : 'here'}`
        if (node.longDescription) line += `<br>${text(node.longDescription, 600)}`
        if (node.userAction) line += `<br>👉 **User action:** ${text(node.userAction, 1000)}`
      }
      const children = renderSteps(node.children, marked, depth + 1)
      return children ? `${line}\n${children}` : line
    })
    .join('\n')
}

function stateIcon(state: string | undefined): string {
  if (isFailedState(state)) return '❌'
  switch (state?.toLowerCase()) {
    case 'complete':
      return '✅'
    case 'running':
      return '🔄'
    case 'pending':
      return '⬜'
    default:
      return '❔'
  }
}

function renderFooter(input: SummaryInput): string {
  const { outcome, baseUrl, job } = input
  const retries = outcome.retries > 0 ? `, ${plural(outcome.retries, 'retried request')}` : ''
  return [
    '---',
    `<sub>Polled ${plural(outcome.polls, 'time')}${retries} over ${formatDuration(outcome.elapsedMs)} · ` +
      `Open [XClarity Administrator](${baseUrl.href}) › Monitoring › Jobs for this job · ` +
      `[Job document (API)](${jobUrl(baseUrl, job).href})</sub>`
  ].join('\n')
}

/** Shown when the inputs are wrong and nothing was asked of the appliance. */
export function renderInputErrorSummary(problems: readonly string[]): string {
  return renderProblemSummary(
    'invalid inputs',
    'Nothing was sent to the appliance. Fix these inputs in the workflow:',
    problems
  )
}

/** Shown when the gate itself broke: the outcome is unknown, and the summary still says so. */
export function renderUnexpectedErrorSummary(message: string): string {
  return renderProblemSummary('unexpected error', 'The outcome of the job is unknown. Please report this error:', [
    message
  ])
}

function renderProblemSummary(title: string, intro: string, problems: readonly string[]): string {
  return (
    [`### ⚠️ LXCA job gate: ${title}`, intro, problems.map(problem => `- ${text(problem, 1000)}`).join('\n')].join(
      '\n\n'
    ) + '\n'
  )
}
