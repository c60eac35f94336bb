// Secrets the appliance may echo back (the password, the Basic token, the
// session cookie and CSRF token, the proxy password, the CSV's credential
// cells), replaced by `***` in
// every text we render, before any escaping: the runner's masking matches
// exact text only, so an escaped secret (`P&#64;ss`) would slip through it,
// and files we write are never masked at all.
//
// Scrubbing happens only where text is shown, never before the verdict: a
// short password that happens to equal a result or a number in the document
// must not change what the document says.

export class SecretSet {
  private readonly values = new Set<string>()
  private pattern?: RegExp

  add(value: string): void {
    // Shorter than 3 characters would blank ordinary text; such a value is no secret worth the name.
    if (value.length < 3 || this.values.has(value)) return
    this.values.add(value)
    // Also the form the value takes inside a JSON string (quotes, backslashes).
    const quoted = JSON.stringify(value).slice(1, -1)
    if (quoted !== value) this.values.add(quoted)
    this.pattern = undefined
  }

  /** The longest secret's length: how far a secret may straddle a cut. */
  get longest(): number {
    let longest = 0
    for (const value of this.values) longest = Math.max(longest, value.length)
    return longest
  }

  /** `text` with every secret replaced by `***`. Linear in the text. */
  scrub = (text: string): string => {
    if (this.values.size === 0 || text === '') return text
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(value => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g'
    )
    return text.replace(this.pattern, '***')
  }
}

/** Scrubs nothing (no secrets known). */
export const noSecrets = (text: string): string => text

export type Scrub = (text: string) => string
