// The step summary of an upload that left no job to wait on: the CSV was
// validated (accepted or refused, with the appliance's words), or the import
// could not be started, or it is unknown whether it was.
import { STATUSES } from '../../outcome/status.js'
import { plural } from '../../common/text.js'
import { escapeMarkdown } from './escape.js'
import type { UploadView } from '../model/gate-view.js'
import * as wording from '../model/wording.js'

/** The appliance's messages shown at most; the rest are counted. */
const MAX_MESSAGES = 50

export function renderUploadMarkdown(upload: UploadView, host: string): string {
  const lines = [`### ${STATUSES[upload.status].icon} ${escapeMarkdown(wording.uploadHeadline(upload, host), 600)}`]
  const facts = [`**File** ${escapeMarkdown(upload.file, 200)}`, `**Devices** ${upload.rows.toLocaleString('en-US')}`]
  if (upload.validationOnly) facts.push('**Validation only:** nothing was imported')
  lines.push(facts.join(' · '))
  // The fix says what to do, once; the details say what happened.
  if (upload.problem) lines.push(`**Fix:** ${escapeMarkdown(upload.problem.fix, 600)}`)
  if (upload.reason) lines.push(`> **Details:** ${escapeMarkdown(upload.reason, 2_000)}`)
  if (upload.messages.length > 0) {
    const shown = upload.messages.slice(0, MAX_MESSAGES).map(message => `- ${escapeMarkdown(message, 1_000)}`)
    const more = upload.messages.length - shown.length
    if (more > 0) shown.push(`- … and ${plural(more, 'more message')}`)
    lines.push(`#### What the appliance said\n\n${shown.join('\n')}`)
  }
  return lines.join('\n\n')
}
