// The summaries for a step that never got to ask the appliance: invalid
// inputs, or a bug of ours. Still a summary, never a stack trace.
import { escapeMarkdown } from './escape.js'

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
  const list = problems.map(problem => `- ${escapeMarkdown(problem, 1000)}`).join('\n')
  return [`### ⚠️ LXCA job gate: ${title}`, intro, list].join('\n\n') + '\n'
}
