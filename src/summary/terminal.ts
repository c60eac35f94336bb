// The summary for a terminal: the same facts as the Markdown summary, as
// plain text. Colour only when asked (a TTY). Server strings are made one line
// with control characters removed, so a device name cannot move the cursor
// or recolour the screen.
import { formatDuration } from '../common/duration.js'
import type { GateResult } from '../common/outcome.js'
import { JOB_TYPES } from '../lxca/job-ref.js'
import type { StepNode } from '../lxca/job.js'
import type { OutcomeStatus } from '../common/outcome.js'
import { clean, percent } from '../common/text.js'
import { headline } from './job-summary.js'
import { isFailedState, stepPathLabel, userActionOf, type DeviceAssessment, type DeviceState } from '../lxca/verdict.js'

type Paint = (text: string, color: keyof typeof COLORS) => string
const COLORS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const

const STATUS_MARK: Record<OutcomeStatus, [string, keyof typeof COLORS]> = {
  success: ['✔', 'green'],
  failure: ['✖', 'red'],
  timeout: ['⏱', 'yellow'],
  error: ['!', 'red'],
  cancelled: ['⊘', 'yellow']
}
const DEVICE_MARK: Record<DeviceState, [string, keyof typeof COLORS]> = {
  failed: ['✖', 'red'],
  pending: ['…', 'yellow'],
  succeeded: ['✔', 'green']
}
const ORDER: Record<DeviceState, number> = { failed: 0, pending: 1, succeeded: 2 }

export function renderTextSummary(result: GateResult, baseUrl: URL, timeoutMs: number, color: boolean): string {
  const paint: Paint = (text, name) => (color ? `\u001b[${COLORS[name]}m${text}\u001b[0m` : text)
  const blocks: string[] = []
  if (result.jobs.length > 1) {
    const [mark, tint] = STATUS_MARK[result.status]
    blocks.push(paint(`${mark} ${result.jobs.length} LXCA jobs: ${result.status}`, tint))
  }
  for (const { job, outcome } of result.jobs) {
    const [mark, tint] = STATUS_MARK[outcome.status]
    const lines = [paint(`${mark} ${headline({ outcome, job, baseUrl, timeoutMs })}`, tint)]
    const a = outcome.assessment
    const facts = [`Appliance ${baseUrl.host}`, `Job /${JOB_TYPES[job.type]}/jobs/${job.id}`]
    if (outcome.job?.status) facts.push(`LXCA status ${clean(outcome.job.status, 40)}`)
    if (a) facts.push(`Progress ${percent(a.progress)}`)
    facts.push(`Elapsed ${formatDuration(outcome.elapsedMs)}`, `${outcome.polls} polls, ${outcome.retries} retries`)
    lines.push(`  ${facts.join(' · ')}`)
    if (outcome.reason && outcome.status !== 'success' && outcome.status !== 'failure')
      lines.push(`  Why: ${clean(outcome.reason, 1000)}`)
    if (a && a.devices.length > 0) {
      const devices = [...a.devices].sort((x, y) => ORDER[x.state] - ORDER[y.state])
      lines.push('', ...deviceTable(devices, paint))
      for (const item of devices.filter(device => device.state === 'failed'))
        lines.push('', ...failedDeviceLines(item, paint))
    }
    blocks.push(lines.join('\n'))
  }
  return `${blocks.join('\n\n')}\n`
}

function deviceTable(devices: readonly DeviceAssessment[], paint: Paint): string[] {
  const header = ['DEVICE', 'RESULT', 'STEP', 'TIME']
  const rows = devices.map(item => ({
    state: item.state,
    cells: [
      clean(item.device.address, 60),
      clean(item.device.result ?? '', 40),
      item.state === 'succeeded' ? '' : clean(stepPathLabel(item.stepPath), 80),
      item.device.timeSpentMs === undefined ? '' : formatDuration(item.device.timeSpentMs)
    ]
  }))
  const length = (text: string): number => [...text].length
  const widths = header.map((title, column) => Math.max(length(title), ...rows.map(row => length(row.cells[column]))))
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell + ' '.repeat(widths[column] - length(cell)))
      .join('  ')
      .trimEnd()
  return [
    paint(`    ${format(header)}`, 'dim'),
    ...rows.map(row => {
      const [mark, tint] = DEVICE_MARK[row.state]
      return `  ${paint(mark, tint)} ${format(row.cells)}`
    })
  ]
}

function failedDeviceLines(item: DeviceAssessment, paint: Paint): string[] {
  const { device, stepPath } = item
  const lines = [paint(`  ✖ ${clean(device.address, 100)}  ${clean(device.result ?? '', 60)}`, 'red')]
  if (device.longDescription) lines.push(`    ${clean(device.longDescription, 500)}`)
  if (stepPath.length > 0) lines.push(`    Failed at: ${clean(stepPathLabel(stepPath), 300)}`)
  const action = userActionOf(item)
  if (action) lines.push(paint(`    User action: ${clean(action, 1000)}`, 'bold'))
  lines.push(...steps(device.steps, new Set(stepPath), 2, paint))
  return lines
}

function steps(nodes: readonly StepNode[], marked: ReadonlySet<StepNode>, depth: number, paint: Paint): string[] {
  return nodes.flatMap(node => {
    const state = node.state ?? 'no state'
    const failed = isFailedState(node.state)
    const mark = failed
      ? paint('✖', 'red')
      : state.toLowerCase() === 'complete'
        ? paint('✔', 'green')
        : state.toLowerCase() === 'running'
          ? paint('↻', 'yellow')
          : paint('·', 'dim')
    const here = marked.has(node) ? paint('  ← failed here', 'red') : ''
    const line = `${'  '.repeat(depth)}${mark} ${clean(node.label, 100)} (${clean(state, 40)})${here}`
    return [line, ...steps(node.children, marked, depth + 1, paint)]
  })
}
