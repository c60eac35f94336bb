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
import { FormAutomaton } from './form-automaton.js'
import { secretForms } from './secret-forms.js'

export { secretForms } from './secret-forms.js'

/** Shorter than this would blank ordinary text; such a value is no secret worth the name. */
const MIN_SECRET = 3
/** From this length on a secret is matched case-insensitively (a shorter one would blank ordinary words). */
const FOLD_FROM = 8
/**
 * Texts this long or longer are remembered once scrubbed: a device's 2 KB user
 * action is shown in the summary, the annotations, the outputs, JUnit and the
 * devices file, and is scanned once. Shorter ones cost less to scan than to look up.
 */
const REMEMBER_FROM = 64
/** What the memory may hold in all (characters), and the longest text it keeps: past either, it starts afresh. */
const REMEMBER_CHARS = 4 * 1024 * 1024
const REMEMBER_LONGEST = 256 * 1024

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
  /** Texts already scrubbed, and what they became; forgotten whenever a secret is added. */
  private readonly remembered = new Map<string, string>()
  private rememberedChars = 0

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
    // A text scrubbed before this secret was known may hold it.
    this.remembered.clear()
    this.rememberedChars = 0
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
    const remember = text.length >= REMEMBER_FROM && text.length <= REMEMBER_LONGEST
    if (!remember) return this.scan(text)
    const known = this.remembered.get(text)
    if (known !== undefined) return known
    const scrubbed = this.scan(text)
    if (this.rememberedChars + text.length > REMEMBER_CHARS) {
      this.remembered.clear()
      this.rememberedChars = 0
    }
    this.remembered.set(text, scrubbed)
    this.rememberedChars += text.length
    return scrubbed
  }

  /** How many texts are remembered (tests). */
  get rememberedTexts(): number {
    return this.remembered.size
  }

  private scan(text: string): string {
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
