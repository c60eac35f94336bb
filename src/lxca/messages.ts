// LXCA's answer shape for everything that is not a document:
//   {"result": "success"|"failed"|"warning"|"informational",
//    "messages": [{"id": "FQXHMDI0001L", "text": "…", "explanation": "…", "recovery": {"text": "…"}}]}
// Lenovo documents `recovery` as a list of {text, URL}; real answers and
// pylxca use one object: both are read. Message IDs end in their severity:
// I informational, F to J warning, K to N an error.
import { clause } from '../common/text.js'
import { bodyText, isObject } from '../common/json.js'

export type Severity = 'informational' | 'warning' | 'error' | 'unknown'

export interface LxcaMessage {
  readonly id?: string
  /** The message, then what to do about it, as one sentence or two (not yet cut or scrubbed). */
  readonly text: string
  readonly severity: Severity
}

export interface LxcaMessageBody {
  /** `result` as sent, when it is a string. */
  readonly result?: string
  /** `messages[]`, then `errors[]` (always errors). */
  readonly messages: readonly LxcaMessage[]
}

/** At most this many messages are read: the rest are noise for the reader. */
const MAX_MESSAGES = 50

/** The body as LXCA's answer shape, or undefined when it is not one (HTML, plain text, other JSON). */
export function lxcaMessageBody(body: Buffer): LxcaMessageBody | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText(body))
  } catch {
    return undefined
  }
  if (!isObject(parsed)) return undefined
  const { result, messages, errors } = parsed
  const hasMessages = Array.isArray(messages) || Array.isArray(errors)
  if (typeof result !== 'string' && !hasMessages) return undefined
  const read = [
    ...(Array.isArray(messages) ? messages.map(entry => messageOf(entry, undefined)) : []),
    ...(Array.isArray(errors) ? errors.map(entry => messageOf(entry, 'error')) : [])
  ]
  return {
    result: typeof result === 'string' ? result : undefined,
    messages: read.filter((message): message is LxcaMessage => message !== undefined).slice(0, MAX_MESSAGES)
  }
}

/** How a `result` value reads: LXCA's words, in any case; anything else is not understood. */
export function resultKind(result: string | undefined): 'success' | 'warning' | 'failed' | 'unknown' {
  const word = result?.trim().toLowerCase() ?? ''
  if (word === 'success' || word === 'informational' || word === 'info') return 'success'
  if (word === 'warning' || word === 'warnings') return 'warning'
  if (['failed', 'failure', 'fail', 'error', 'errors', 'invalid'].includes(word)) return 'failed'
  return 'unknown'
}

/** One message as a line: `FQXHMDI0202M: Line 3: the address is missing. Correct the file.` */
export function messageLine(message: LxcaMessage): string {
  return message.id ? `${message.id}: ${message.text}` : message.text
}

function messageOf(entry: unknown, forced: Severity | undefined): LxcaMessage | undefined {
  if (typeof entry === 'string') {
    return entry.trim() ? { text: entry.trim(), severity: forced ?? 'unknown' } : undefined
  }
  if (!isObject(entry)) return undefined
  const id = typeof entry.id === 'string' && entry.id.trim() ? entry.id.trim() : undefined
  const said = typeof entry.text === 'string' ? entry.text : typeof entry.message === 'string' ? entry.message : ''
  const recovery = recoveryOf(entry.recovery)
  const text = [said, recovery]
    .map(part => clause(part.trim()))
    .filter(Boolean)
    .join('. ')
  if (!text && !id) return undefined
  return { id, text: text ? `${text}.` : '(no text)', severity: forced ?? severityOf(id) }
}

/** `recovery` as one object or a list of them, each with `text`. */
function recoveryOf(value: unknown): string {
  const entries = Array.isArray(value) ? value : [value]
  return entries
    .map(entry => (isObject(entry) && typeof entry.text === 'string' ? entry.text.trim() : ''))
    .filter(Boolean)
    .join(' ')
}

/** From the last letter of an LXCA message ID: `FQXHMDI0200I` informational, `…F`–`…J` warning, `…K`–`…N` error. */
function severityOf(id: string | undefined): Severity {
  const letter = id && /^[A-Z][A-Z0-9]*[0-9][A-Z]$/i.test(id) ? id[id.length - 1].toUpperCase() : ''
  if (letter === 'I') return 'informational'
  if (letter >= 'F' && letter <= 'J') return 'warning'
  if (letter >= 'K' && letter <= 'N') return 'error'
  return 'unknown'
}
