// The step summary for the whole step. One job: that job's summary. Several:
// a verdict line per job first, then each job's section, sharing the size
// budget so the whole stays under GitHub's limit.
import type { GateResult } from '../common/outcome.js'
import { byteLength } from './markdown.js'
import type { OutcomeStatus } from '../common/outcome.js'
import { HEADLINE_ICON, headline, renderSummary, SUMMARY_BUDGET_BYTES } from './job-summary.js'

const STATUS_WORDS: Record<OutcomeStatus, string> = {
  success: 'succeeded',
  failure: 'failed',
  timeout: 'timed out',
  error: 'outcome unknown',
  cancelled: 'cancelled'
}

export function renderGateSummary(
  result: GateResult,
  baseUrl: URL,
  timeoutMs: number,
  budgetBytes = SUMMARY_BUDGET_BYTES
): string {
  const sections = result.jobs.map(({ job, outcome }) => ({ job, outcome, baseUrl, timeoutMs }))
  if (sections.length === 1) return renderSummary(sections[0], budgetBytes)

  const counts = (Object.keys(STATUS_WORDS) as OutcomeStatus[])
    .map(status => [status, sections.filter(section => section.outcome.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUS_WORDS[status]}`)
  const head = [
    `## ${HEADLINE_ICON[result.status]} ${sections.length} LXCA jobs: ${counts.join(', ')}`,
    sections.map(section => `- ${HEADLINE_ICON[section.outcome.status]} ${headline(section)}`).join('\n')
  ].join('\n\n')
  const share = Math.floor((budgetBytes - byteLength(head) - 4 * sections.length) / sections.length)
  return [head, ...sections.map(section => renderSummary(section, share).trimEnd())].join('\n\n') + '\n'
}
