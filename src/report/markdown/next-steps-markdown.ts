// What to do next, as a numbered list in the order it must be done (the
// sentences are next-steps.ts's): wait for the jobs that may run, look for
// imports that may have started unknown, then import what is left.
import type { NextSteps } from '../model/next-steps.js'
import { codeBlock, escapeMarkdown } from './escape.js'

/** `withoutWait`: a single job's summary already says how to wait for it, with its snippet. */
export function nextStepsMarkdown(next: NextSteps | undefined, withoutWait = false): string {
  if (!next) return ''
  const items: string[] = []
  if (next.wait && !withoutWait) {
    items.push(
      `${escapeMarkdown(next.wait.sentence, 600)}\n\n${indent(codeBlock(next.wait.snippet, next.wait.language))}`
    )
  }
  if (next.lookFor) items.push(escapeMarkdown(next.lookFor, 800))
  if (next.notUploaded) items.push(escapeMarkdown(next.notUploaded, 1_200))
  if (next.rest) items.push(escapeMarkdown(next.rest, 600))
  if (items.length === 0) return ''
  return ['#### What next', ...items.map((item, index) => `${index + 1}. ${item}`)].join('\n')
}

/** A block inside a list item (three spaces: under `1. `). */
function indent(block: string): string {
  return block
    .split('\n')
    .map(line => `   ${line}`)
    .join('\n')
}
