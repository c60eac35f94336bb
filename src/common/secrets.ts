// Secrets the appliance may echo back (the password, the Basic token, the
// session cookie and CSRF token, the proxy password, the CSV's credential
// cells), replaced by `***` in every text we render, before any escaping and
// before any cut: the runner's masking matches exact text only, so an escaped
// secret (`P&#64;ss`) would slip through it, and files we write are never
// masked at all.
//
// An appliance rarely echoes a value as it was typed. Its JSON encoder may
// write `\/` (org.json) or `\u003c` (Gson), its web pages `&#64;` or
// `&#x40;`, its URLs `%40`, its logs the value in base64 or in upper case.
// So each secret is known in all of those forms (see secretForms), and a
// secret of 8 characters or more is matched whatever its case.
//
// Scrubbing happens only where text is shown, never before the verdict: a
// short password that happens to equal a result or a number in the document
// must not change what the document says.

/** Shorter than this would blank ordinary text; such a value is no secret worth the name. */
const MIN_SECRET = 3
/** From this length on a secret is matched case-insensitively (a shorter one would blank ordinary words). */
const FOLD_FROM = 8
/** Base64 of a secret embedded in a longer value is matched from this length on (shorter cores are too common). */
const BASE64_CORE_FROM = 6

/** Anything that can scrub text, and says how far past a cut it must look. */
export interface Scrubber {
  /** `text` with every secret, in any known form, replaced by `***`. */
  readonly scrub: (text: string) => string
  /** The length of the longest form of any secret: how far a secret may straddle a cut. */
  readonly longest: number
}

export type Scrub = (text: string) => string

/** The run's secrets: added as they become known (and masked by the runner), scrubbed from everything shown. */
export interface Secrets extends Scrubber {
  add(value: string): void
}

/** Scrubs nothing (no secrets known). */
export const noSecrets = (text: string): string => text

/** A scrubber that knows no secret. */
export const NO_SECRETS: Scrubber = { scrub: noSecrets, longest: 0 }

export class SecretSet implements Secrets {
  private readonly values = new Set<string>()
  /** Forms of short secrets, matched exactly; forms of long ones, matched whatever their case. */
  private readonly exact = new FormAutomaton(false)
  private readonly folded = new FormAutomaton(true)
  private longestForm = 0

  /** `onAdd` is told every new secret as given (the Action masks it in the runner's log). */
  constructor(private readonly onAdd: (value: string) => void = () => undefined) {}

  add(value: string): void {
    if (value.length < MIN_SECRET || this.values.has(value)) return
    this.values.add(value)
    const automaton = value.length >= FOLD_FROM ? this.folded : this.exact
    for (const form of secretForms(value)) {
      this.longestForm = Math.max(this.longestForm, form.length)
      automaton.add(form)
    }
    this.onAdd(value)
  }

  get longest(): number {
    return this.longestForm
  }

  /**
   * `text` with every form of every secret replaced by `***` (where forms
   * overlap, their whole extent). Linear in the text whatever the secrets: a
   * CSV may bring a thousand passwords, and a regular expression of that many
   * alternatives, or a naive search, can take seconds over a large document.
   */
  scrub = (text: string): string => {
    if (this.values.size === 0 || text.length < MIN_SECRET) return text
    const spans = mergeSpans([...this.exact.spans(text), ...this.folded.spans(text)])
    if (spans.length === 0) return text
    const parts: string[] = []
    let copied = 0
    for (const [start, end] of spans) {
      parts.push(text.slice(copied, start), '***')
      copied = end
    }
    parts.push(text.slice(copied))
    return parts.join('')
  }
}

/** Overlapping or touching spans as one, in order. */
function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
}

/**
 * Aho–Corasick over the forms: one step per character of the text, whatever
 * the number of forms or how much they look alike. Transitions live in one
 * Map keyed by state and character; failure links are built on first use
 * after forms were added.
 */
class FormAutomaton {
  private readonly next = new Map<number, number>()
  /** Per state: its parent, the character into it, its depth, the longest form ending here (0: none). */
  private readonly parent: number[] = [0]
  private readonly char: number[] = [0]
  private readonly depth: number[] = [0]
  private readonly ends: number[] = [0]
  private fail: Int32Array = new Int32Array(1)
  private output: Int32Array = new Int32Array(1)
  /** Characters that lead out of the start state: elsewhere the text is skipped at one lookup per character. */
  private readonly firsts = new Uint8Array(65_536)
  private built = true

  constructor(private readonly fold: boolean) {}

  add(raw: string): void {
    const form = this.fold ? foldCase(raw) : raw
    let state = 0
    for (let i = 0; i < form.length; i++) {
      const code = form.charCodeAt(i)
      const key = state * 65_536 + code
      let target = this.next.get(key)
      if (target === undefined) {
        target = this.parent.length
        this.next.set(key, target)
        this.parent.push(state)
        this.char.push(code)
        this.depth.push(i + 1)
        this.ends.push(0)
      }
      if (i === 0) this.firsts[code] = 1
      state = target
    }
    this.ends[state] = form.length
    this.built = false
  }

  /** Where forms occur in `text`: for each end, the longest form ending there, as [start, end). */
  spans(text: string): Array<[number, number]> {
    if (this.parent.length === 1) return []
    if (!this.built) this.build()
    const found: Array<[number, number]> = []
    let state = 0
    for (let index = 0; index < text.length; index++) {
      const code = this.code(text.charCodeAt(index))
      if (state === 0 && this.firsts[code] === 0) continue
      state = this.move(state, code)
      const length = this.output[state]
      if (length > 0) found.push([index + 1 - length, index + 1])
    }
    return found
  }

  private move(from: number, code: number): number {
    let state = from
    for (;;) {
      const target = this.next.get(state * 65_536 + code)
      if (target !== undefined) return target
      if (state === 0) return 0
      state = this.fail[state]
    }
  }

  /** Failure links and outputs, states in order of depth (a parent's link is always ready before its children's). */
  private build(): void {
    const count = this.parent.length
    this.fail = new Int32Array(count)
    this.output = new Int32Array(count)
    const order = Array.from({ length: count }, (_, state) => state).sort((a, b) => this.depth[a] - this.depth[b])
    for (const state of order) {
      if (state === 0) continue
      const parent = this.parent[state]
      this.fail[state] = parent === 0 ? 0 : this.move(this.fail[parent], this.char[state])
      // The longest form ending here is this state's own, else the longest ending at its failure state.
      this.output[state] = this.ends[state] > 0 ? this.ends[state] : this.output[this.fail[state]]
    }
    this.built = true
  }

  private code(code: number): number {
    return this.fold ? foldCode(code) : code
  }
}

/** Case folding one UTF-16 unit at a time, so that positions in the text and in the form stay aligned. */
function foldCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32
  if (code < 128) return code
  const lower = String.fromCharCode(code).toLowerCase()
  return lower.length === 1 ? lower.charCodeAt(0) : code
}

function foldCase(text: string): string {
  let folded = ''
  for (let i = 0; i < text.length; i++) folded += String.fromCharCode(foldCode(text.charCodeAt(i)))
  return folded
}

/**
 * The forms a value takes when an appliance echoes it: as is, JSON-escaped
 * (plain, with `\/`, or with `\uXXXX` as Gson writes `<>&='`), percent-encoded
 * (as encodeURIComponent, strictly, or as a form with `+`), as HTML entities
 * (named, decimal or hex, for the special characters or for every one), and
 * base64 (alone, and the part that is the same wherever it sits in a longer
 * base64 value).
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value])
  for (const json of jsonForms(value)) forms.add(json)
  for (const percent of percentForms(value)) forms.add(percent)
  for (const html of htmlForms(value)) forms.add(html)
  for (const base64 of base64Forms(value)) forms.add(base64)
  return [...forms]
}

/** JSON string contents: `/` as is or as `\/`, and `<>&='` and non-ASCII as is or as `\uXXXX` (either case). */
function jsonForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const unicode = (text: string, pattern: RegExp, upper: boolean): string =>
    text.replace(pattern, char => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, '0')
      return `\\u${upper ? hex.toUpperCase() : hex}`
    })
  const forms: string[] = []
  for (const base of [json, json.replace(/\//g, '\\/')]) {
    forms.push(base)
    for (const upper of [false, true]) forms.push(unicode(base, /[<>&='\u0080-\uffff]/g, upper))
  }
  for (const upper of [false, true]) forms.push(unicode(value, /[^A-Za-z0-9]/g, upper))
  return forms
}

function percentForms(value: string): string[] {
  const standard = encodeURIComponent(value)
  const strict = standard.replace(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
  const forms = [standard, strict, standard.replace(/%20/g, '+'), strict.replace(/%20/g, '+')]
  return [...forms, ...forms.map(form => form.replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()))]
}

const NAMED_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

function htmlForms(value: string): string[] {
  const chars = [...value]
  const decimal = (char: string): string => `&#${char.codePointAt(0)};`
  const hexLower = (char: string): string => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`
  const hexUpper = (char: string): string => `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`
  const special = (char: string): boolean => !/[A-Za-z0-9]/.test(char)
  const forms = [
    chars.map(char => NAMED_ENTITY[char] ?? char).join(''),
    chars.map(char => (char === "'" ? '&apos;' : (NAMED_ENTITY[char] ?? char))).join(''),
    chars.map(char => (char === "'" ? '&#x27;' : (NAMED_ENTITY[char] ?? char))).join('')
  ]
  for (const entity of [decimal, hexLower, hexUpper]) {
    forms.push(chars.map(char => (special(char) ? entity(char) : char)).join(''))
    forms.push(chars.map(char => NAMED_ENTITY[char] ?? (special(char) ? entity(char) : char)).join(''))
    forms.push(chars.map(entity).join(''))
  }
  return forms
}

function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const whole = bytes.toString('base64')
  const forms = [whole, whole.replace(/=+$/, ''), bytes.toString('base64url')]
  if (bytes.length < BASE64_CORE_FROM) return forms
  // In a longer value the secret starts at one of three offsets within a
  // 3-byte group; the characters that encode only its own bytes are the same
  // whatever surrounds it.
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    // Character k encodes bits 6k to 6k+6: only those wholly inside the secret's bits are its own.
    const start = Math.ceil((offset * 8) / 6)
    const end = Math.floor((padded.length * 8) / 6)
    const core = padded.toString('base64').slice(start, end)
    if (core.length >= BASE64_CORE_FROM) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}
