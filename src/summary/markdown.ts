// Escaping for GitHub-flavoured Markdown and the HTML GitHub keeps. Every
// string that came from the server goes through `text()`: it becomes one line,
// and every character Markdown or HTML could read as syntax becomes a numeric
// character reference, which both render as the literal character. A device
// named `</table>` or `a|b` therefore stays inside its table cell, and a URL,
// an e-mail address or `www.` in server text is not turned into a link.

const ENTITY: Record<string, string> = {
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
  '@': '&#64;'
}
// `_` between letters or digits (OTHER_FAIL) cannot start emphasis in GFM, so
// it stays readable; only an `_` at a word boundary is escaped.
const SPECIAL = /[&<>"'|`\\*[\]~:@]|www\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/i
const WORD = /[A-Za-z0-9]/

/**
 * Server text, safe in a table cell, a list item or an HTML element.
 * At most `maxBytes` of output (an entity is never cut); '—' when empty.
 */
export function text(value: string | undefined, maxBytes = 200): string {
  // eslint-disable-next-line no-control-regex
  const line = (value ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim()
  if (line === '') return '—'
  // Fast path: most LXCA strings need no escaping (a 1,000-device job has ~50,000 of them).
  if (!SPECIAL.test(line) && Buffer.byteLength(line) <= maxBytes) return line
  let out = ''
  let bytes = 0
  const chars = [...line]
  for (const [index, char] of chars.entries()) {
    let piece = ENTITY[char] ?? char
    if (char === '_' && WORD.test(chars[index - 1] ?? '') && WORD.test(chars[index + 1] ?? '')) piece = '_'
    else if (
      char === '.' &&
      chars
        .slice(Math.max(0, index - 3), index)
        .join('')
        .toLowerCase() === 'www'
    )
      piece = '&#46;'
    const size = Buffer.byteLength(piece)
    if (bytes + size > maxBytes - 3) return `${out}…`
    out += piece
    bytes += size
  }
  return out
}

/** A Markdown table. Cells must already be escaped (see `text`). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[], empty: string): string =>
    `| ${cells.map(cell => cell || empty).join(' | ')} |`
  return [line(header, ' '), `|${header.map(() => '---').join('|')}|`, ...rows.map(row => line(row, '—'))].join('\n')
}

/** A collapsed block; `body` is Markdown (blank lines around it make GitHub render it). */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`
}

export function byteLength(markdown: string): number {
  return Buffer.byteLength(markdown, 'utf8')
}
