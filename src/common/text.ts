// Small wording helpers every layer uses: one place, on the ground floor, so
// that a renderer never imports a network module for a helper.
import type { Scrubber } from './secrets.js'

/** Where the appliance's web interface lists jobs. */
export const MONITORING = 'XClarity Administrator › Monitoring › Jobs'

/** C0 and C1 controls (ESC and CSI move a terminal's cursor), DEL, and the Unicode line separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const VISIBLE: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * A log line as one line, whatever it quotes: a file name or server text
 * with a line break would otherwise start a line of its own, and a line that
 * starts with `::` is a workflow command to the runner (`::stop-commands::`);
 * an escape sequence would move the cursor of a terminal. Every control
 * character is shown escaped instead (`\n`, `\u001b`).
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_CHAR, char => VISIBLE[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** One line, no control characters, not too long: safe for logs and annotations. */
export function singleLine(text: string, max = 300): string {
  // No more input than the output can hold (with a margin for runs of white space that collapse).
  const bounded = text.length > max + 256 ? text.slice(0, max + 256) : text
  const line = bounded.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  if (line.length > max) return `${line.slice(0, max - 1)}…`
  return bounded === text ? line : `${line}…`
}

/**
 * Server text as one short line for a message: scrubbed of secrets first and
 * cut after, so that no part of a secret straddling the cut survives. Only the
 * first 64 KiB are looked at (the cut keeps far less).
 */
export function excerpt(text: string, max: number, secrets: Scrubber): string {
  const room = 65_536 + secrets.longest
  const cut = text.length > room
  const line = singleLine(secrets.scrub(cut ? text.slice(0, room) : text), max)
  return cut && !line.endsWith('…') ? `${line}…` : line
}

/** `17%`; `?%` when unknown. Floors, so a job at 99.9 % never reads "100%". */
export function percent(progress: number | undefined): string {
  return progress === undefined ? '?%' : `${Math.floor(Math.min(100, Math.max(0, progress)))}%`
}

/** `1 device`, `1,000 devices`; `retry` → `retries`. */
export function plural(count: number, noun: string): string {
  const many = /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`
  return `${thousands(count)} ${count === 1 ? noun : many}`
}

/**
 * `1,000,000`: as `toLocaleString('en-US')` writes it, without its cost for
 * the integers that every count is (it is called for every device of a
 * large job); anything else goes to toLocaleString.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US')
  const digits = String(Math.abs(n))
  if (digits.length <= 3) return n < 0 ? `-${digits}` : digits
  let out = digits.slice(0, digits.length % 3 || 3)
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return n < 0 ? `-${out}` : out
}

/**
 * Text to be followed by our own punctuation: without its final full stop,
 * so that server text ending in "." and our ". Check …" never make "..".
 */
/** The sentence with its first letter in upper case. */
export function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

export function clause(text: string): string {
  return text.replace(/[\s.]+$/, '')
}

/** The length of the UTF-8 byte-order mark `bytes` start with: 3, or 0 when there is none. */
export function bomLength(bytes: Buffer): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
}

/** Echo a bad value back, but never a wall of text. */
export function shortValue(text: string): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > 80 ? `${line.slice(0, 77)}…` : line
}
