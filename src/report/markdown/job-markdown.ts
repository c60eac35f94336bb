// One job's part of the step summary, answering in this order: what
// happened (the headline, with the job and the appliance linked), why and
// what to do (failures by cause, the fix), which devices (those that did not
// succeed, by cause), how each cause failed (one step tree per cause), where
// the unfinished devices are (grouped by step), and then the rest, collapsed. It fits the bytes it is given by leaving out, in
// this order: the step trees of devices that differ from their cause's, then
// successful devices' addresses, then the trees of the causes, then table
// rows; the counts always cover every device, and what was left out is said
// at the top.
import { formatDuration } from '../../common/duration.js'
import { percent, plural } from '../../common/text.js'
import { jobUrl } from '../../lxca/job-ref.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import { STATUSES } from '../../outcome/status.js'
import { Budget, takeWhile } from './budget.js'
import { causeTrees, causesTable, otherTrees } from './cause-markdown.js'
import { pendingMarkdown } from './pending-markdown.js'
import { byCauseThenAddress } from '../model/causes.js'
import { codeBlock, collapsed, escapeMarkdown, table } from './escape.js'
import type { JobView, RowView } from '../model/gate-view.js'
import * as wording from '../model/wording.js'

/** Table rows at most, whatever the budget: past this many, the report file is the place to look. */
const MAX_TABLE_ROWS = 1_000
/** Kept for the note that says what was left out. */
const NOTE_BYTES = 1_024

export interface JobMarkdownOptions {
  /** The appliance: the job and (when `host` is named) the appliance are linked in the headline. */
  readonly baseUrl: URL
  /** Named in the headline when the summary does not name it already. */
  readonly host?: string
  /** The footer with links, for a summary of one job. */
  readonly footer?: string
  /** A line (already Markdown) after the facts: how the job came to be, say. */
  readonly note?: string
  /** The run's next steps are said elsewhere (several parts): the job's own "keeps running" line is left out. */
  readonly nextStepsElsewhere?: boolean
  /** The causes and their step trees are said once for every part (several parts): the job keeps its devices. */
  readonly causesElsewhere?: boolean
}

export function renderJobMarkdown(view: JobView, budgetBytes: number, options: JobMarkdownOptions): string {
  const budget = new Budget(budgetBytes)
  budget.reserve(NOTE_BYTES)
  const head = `### ${STATUSES[view.status].icon} ${headlineMarkdown(view, options)}`
  const intro = [head, ...introLines(view, options)]
  if (options.note) intro.splice(2, 0, options.note)
  for (const part of [...intro, options.footer ?? '']) budget.force(part)
  const causes = options.causesElsewhere ? '' : causesTable(view, budget)
  const about = aboutTheWait(view)
  budget.force(about)

  const tablePart = deviceTable(view, budget)
  const pending = pendingMarkdown(view, budget)
  const trees = options.causesElsewhere ? '' : causeTrees(view, budget)
  const succeeded = successList(view, budget)
  const others = otherTrees(view, budget)
  budget.release(NOTE_BYTES)
  return [
    head,
    omissionNote(budget.omitted),
    ...intro.slice(1),
    causes,
    tablePart,
    trees,
    others,
    pending,
    succeeded,
    about,
    options.footer ?? ''
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** The headline, its server text escaped, the job (and the appliance) linked: links built from validated values only. */
function headlineMarkdown(view: JobView, options: JobMarkdownOptions): string {
  const { before, after } = wording.headlineParts(view)
  const job = `[LXCA job ${escapeMarkdown(view.job.id, 140)}](${jobUrl(options.baseUrl, view.job).href})`
  const on = options.host ? ` on [${escapeMarkdown(options.host, 200)}](${options.baseUrl.href})` : ''
  const lead = after.startsWith(' ') ? ' ' : ''
  return `${before ? `${escapeMarkdown(before)} ` : ''}${job}${on}${lead}${escapeMarkdown(after, 600)}`
}

/** The facts, the fix or what the wait left open, the details, the progress bar. */
function introLines(view: JobView, options: JobMarkdownOptions): string[] {
  const lines: string[] = []
  const facts = [`**Job** ${escapeMarkdown(view.path)}`]
  // Progress is said once: the headline of a timeout or a cancellation already says it.
  if (view.seen && view.status !== 'timeout' && view.status !== 'cancelled')
    facts.push(`**Progress** ${percent(view.progress)}`)
  const status = wording.lxcaStatusNote(view)
  if (status) facts.push(`**LXCA status** ${escapeMarkdown(view.lxcaStatus, 60)} (${status})`)
  lines.push(facts.join(' · '))
  if (view.problem) lines.push(`**Fix:** ${escapeMarkdown(view.problem.fix, 600)}`)
  const open = options.nextStepsElsewhere ? undefined : wording.keepsRunning(view)
  if (open) lines.push(`**${escapeMarkdown(open, 600)}**`)
  if (open && view.startedHere) {
    // What to copy: this step's upload started the job, so waiting for it (job-id) is the way on.
    const { snippet, language } = view.naming.waitInstead([view.job.id])
    lines.push(codeBlock(snippet, language))
  }
  const why = wording.detailsSentence(view)
  if (why) lines.push(`> **Details:** ${escapeMarkdown(why, 2_000)}`)
  if (view.seen && !view.done && view.status !== 'success' && view.status !== 'failure')
    lines.push(progressBar(view.progress))
  if (!view.seen && view.status !== 'cancelled')
    lines.push('_No job document was understood, so no device can be shown._')
  const byCount = wording.byCountNote(view)
  if (byCount) lines.push(`ℹ️ ${escapeMarkdown(byCount, 600)}`)
  return lines
}

function progressBar(progress: number | undefined): string {
  const width = 20
  const filled = Math.round((Math.min(100, Math.max(0, progress ?? 0)) / 100) * width)
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\``
}

/** How the wait went, collapsed: the requests, the retries, LXCA's own status. */
function aboutTheWait(view: JobView): string {
  const facts = [
    `Polled ${plural(view.polls, 'time')}${view.retries > 0 ? `, ${plural(view.retries, 'retry')}` : ''} in ${formatDuration(view.elapsedMs)}`,
    `timeout ${formatDuration(view.timeoutMs)}`
  ]
  if (view.lxcaStatus && !wording.lxcaStatusNote(view)) facts.push(`LXCA status ${escapeMarkdown(view.lxcaStatus, 60)}`)
  return collapsed('About this wait', facts.join(' · '))
}

/**
 * Every device that failed, by cause (largest first), then by address, then
 * the CSV's rows the job does not list: narrow columns, no UUID, and the CSV
 * line when the step uploaded the file. Unfinished devices are grouped by
 * step instead (pending-markdown.ts).
 */
function deviceTable(view: JobView, budget: Budget): string {
  const items = byCauseThenAddress(view.causes, [])
  if (items.length + view.notInJob.length === 0) return ''
  const count = (n: number, what: string): string => (n > 0 ? `${n.toLocaleString('en-US')} ${what}` : '')
  const counts = [count(view.failed.length, 'failed'), count(view.notInJob.length, 'not in the job')]
  const title = `#### Devices that did not succeed (${counts.filter(Boolean).join(', ')})`
  const header = table(['Device', 'Result', 'Step', 'Time', ...(view.file ? ['CSV line'] : [])], [])
  budget.force(`${title}\n\n${header}`)
  const lines = [
    ...items.map(item => () => tableRow(view, item)),
    ...view.notInJob.map(row => () => rowOfFile(view, row))
  ]
  const rows = takeWhile(budget, lines, line => line(), MAX_TABLE_ROWS)
  if (rows.length < lines.length) budget.omit(`the table rows of ${plural(lines.length - rows.length, 'device')}`)
  return `${title}\n\n${header}\n${rows.join('\n')}`
}

/** `servers.csv:4`, when the step uploaded the file and the device came from one of its rows. */
function csvLine(view: JobView, line: number | undefined): string[] {
  if (!view.file) return []
  return [line === undefined ? '—' : `${escapeMarkdown(view.file, 200)}&#58;${line}`]
}

function tableRow(view: JobView, item: DeviceAssessment): string {
  const device = view.device(item)
  const step = device.step ? escapeMarkdown(device.step, 120) : '—'
  const time = device.timeSpentMs === undefined ? '—' : formatDuration(device.timeSpentMs)
  const cells = [
    `❌ ${escapeMarkdown(device.label, 160)}`,
    escapeMarkdown(device.result ?? 'no result yet', 60),
    step,
    time
  ]
  return `| ${[...cells, ...csvLine(view, device.line)].join(' | ')} |`
}

function rowOfFile(view: JobView, row: RowView): string {
  return `| ${[`❔ ${escapeMarkdown(row.label, 160)}`, 'not in the job', '—', '—', ...csvLine(view, row.line)].join(' | ')} |`
}

/** Successful devices: one collapsed, comma-separated list. */
function successList(view: JobView, budget: Budget): string {
  const total = view.succeeded.length
  if (total === 0) return ''
  const summary = `✅ ${plural(total, 'device')} succeeded`
  budget.force(collapsed(summary, ''))
  const names = takeWhile(budget, view.succeeded, item => `${escapeMarkdown(view.device(item).label, 160)}, `)
  const rest = total - names.length
  if (rest > 0) budget.omit(`the addresses of ${plural(rest, 'successful device')}`)
  const list = names.join('').replace(/, $/, '') + (rest > 0 ? ` … and ${rest.toLocaleString('en-US')} more` : '')
  return collapsed(summary, list)
}

function omissionNote(omitted: readonly string[]): string {
  if (omitted.length === 0) return ''
  return `> ℹ️ Shortened to stay within GitHub's 1 MiB summary limit: it leaves out ${omitted.join('; ')}. Every device is counted, and the whole job document is in the file named by the \`report\` output.`
}
