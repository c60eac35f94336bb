// A device's step tree in Markdown, as LXCA reported it: nested list items,
// each step's state, and the step that failed (or that the device is at)
// marked and explained. Shared by the trees of causes and of unfinished steps.
import { escapeMarkdown } from './escape.js'
import type { StepView } from '../model/step-view.js'
import * as wording from '../model/wording.js'

export function renderTree(steps: readonly StepView[], state: 'failed' | 'pending' | 'succeeded', depth = 0): string {
  if (steps.length === 0) return depth === 0 ? '_No step details were reported._' : ''
  const indent = '  '.repeat(depth)
  return steps
    .map(step => {
      const { icon } = wording.STEP_MARKS[step.show]
      const words = `${escapeMarkdown(step.label, 120)} · ${escapeMarkdown(step.words, 40)}${step.percentage !== undefined ? ` (${Math.floor(step.percentage)}%)` : ''}`
      const marker = wording.stepMarker(step.show, state)
      let line = `${indent}- ${icon} ${marker ? `**${words}** ⟵ ${marker}` : words}`
      if (marker && step.detail) line += `<br>${escapeMarkdown(step.detail, 600)}`
      const children = renderTree(step.children, state, depth + 1)
      return children ? `${line}\n${children}` : line
    })
    .join('\n')
}
