// Escaping for GitHub-flavoured Markdown and the HTML GitHub keeps. Every
// string that came from the server goes through `escapeMarkdown()`: it becomes one line,
// and every character Markdown or HTML could read as syntax becomes a numeric
// character reference, which both render as the literal character. A device
// named `</table>` or `a|b` therefore stays inside its table cell; `:` and
// `www.` are escaped so no URL becomes a link, and a zero-width space after
// every `@` keeps e-mail addresses and @mentions from becoming links, which
// cmark-gfm would otherwise make after decoding the entities. What could open
// a block where the text starts a line or a list item (`# `, `- `, `1. `,
// `===`) has its first character escaped too: a message must not forge a
// heading, a rule or a list.

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '\\': '&#92;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '~': '&#126;',
  ':': '&#58;',
  '@': '@\u200b'
}
const SPECIAL = /[&<>"'|`\\*[\]~:@]|www\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/i
/** What opens a block at the start of a line: a heading, a list item, a rule, a setext underline. */
const BLOCK_OPENER = /^(?:#{1,6}(?: |$)|[-+](?: |$)|(?:- ?){3,}$|=+ ?$|\d{1,9}[.)](?: |$))/
/** The escape of a block opener's telling character: the first one, or the `.`/`)` after a number. */
const OPENER_ENTITY: Readonly<Record<string, string>> = {
  '#': '&#35;',
  '+': '&#43;',
  '-': '&#45;',
  '=': '&#61;',
  '.': '&#46;',
  ')': '&#41;'
}
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f\s]+/g
const WORD = /[A-Za-z0-9]/
const ELLIPSIS_BYTES = 3

/**
 * Server text, safe in a table cell, a list item or an HTML element: at most
 * `maxBytes` of output (an entity is never cut, `…` marks a cut); `—` when
 * empty. Linear in the output: a 30 KB string costs no more than its cut.
 */
export function escapeMarkdown(value: string | undefined, maxBytes = 200): string {
  if (!value) return '—'
  // No more input than the output can hold: every character is at least one byte
  // (the margin lets short runs of white space collapse).
  const limit = maxBytes + 256
  const cutInput = value.length > limit
  const line = (cutInput ? value.slice(0, limit) : value).replace(CONTROL_OR_SPACE, ' ').trim()
  if (line === '') return '—'
  const openerAt = blockOpenerAt(line)
  if (openerAt < 0 && !cutInput && !SPECIAL.test(line) && Buffer.byteLength(line) <= maxBytes) return line
  return escapeAndCut(line, maxBytes, cutInput, openerAt)
}

/** Where the character to escape of a block opener is (`#`, or the `.` of `1.`), or -1 when the text opens none. */
function blockOpenerAt(line: string): number {
  const opener = BLOCK_OPENER.exec(line)
  if (!opener) return -1
  return /^\d/.test(line) ? opener[0].search(/[.)]/) : 0
}

/** Entities for the ASCII characters that need one, by character code. */
const ASCII_ENTITY: Array<string | undefined> = Array.from(
  { length: 128 },
  (_, code) => ENTITY[String.fromCharCode(code)]
)

/**
 * One pass: plain runs are copied as slices, special characters (and the
 * block opener's character at `openerAt`) become their entity, and the
 * output stops at `maxBytes` with `…` (also when the input itself was cut
 * before it came here).
 */
function escapeAndCut(line: string, maxBytes: number, cutInput: boolean, openerAt: number): string {
  const parts: string[] = []
  let bytes = 0
  let runStart = 0
  const flush = (end: number): void => {
    if (end > runStart) parts.push(line.slice(runStart, end))
  }
  for (let index = 0; index < line.length;) {
    const code = line.charCodeAt(index)
    const width = code >= 0xd800 && code <= 0xdbff && index + 1 < line.length ? 2 : 1
    const piece =
      index === openerAt ? OPENER_ENTITY[line[index]] : code < 128 ? asciiPiece(line, index, code) : undefined
    const size = piece !== undefined ? utf8Bytes(piece) : code < 0x80 ? 1 : code < 0x800 ? 2 : width === 2 ? 4 : 3
    const last = !cutInput && index + width >= line.length
    if (bytes + size > maxBytes - (last ? 0 : ELLIPSIS_BYTES)) {
      flush(index)
      parts.push('…')
      return parts.join('')
    }
    if (piece !== undefined) {
      flush(index)
      parts.push(piece)
      runStart = index + width
    }
    bytes += size
    index += width
  }
  flush(line.length)
  if (cutInput) parts.push('…')
  return parts.join('')
}

/** The entity for an ASCII character, or undefined when it stays as it is. */
function asciiPiece(line: string, index: number, code: number): string | undefined {
  // `_` between letters or digits (OTHER_FAIL) cannot start emphasis in GFM, so it stays readable.
  if (code === 0x5f && WORD.test(line[index - 1] ?? '') && WORD.test(line[index + 1] ?? '')) return undefined
  if (code === 0x2e) return index >= 3 && line.slice(index - 3, index).toLowerCase() === 'www' ? '&#46;' : undefined
  return ASCII_ENTITY[code]
}

function utf8Bytes(piece: string): number {
  let bytes = 0
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i)
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3
  }
  return bytes
}

/** A Markdown table. Cells must already be escaped (see `text`). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly string[]
): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell => cell || '—').join(' | ')} |`
  const rule = `|${header.map((_, column) => align?.[column] ?? '---').join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** A fenced code block of our own text (job IDs are validated: no fence can be closed early). */
export function codeBlock(code: string, language: string): string {
  return `\`\`\`${language}\n${code}\n\`\`\``
}

/** A collapsed block; `body` is Markdown (blank lines around it make GitHub render it). */
export function collapsed(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`
}

export function byteLength(markdown: string): number {
  return Buffer.byteLength(markdown, 'utf8')
}
