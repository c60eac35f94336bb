// The forms a secret takes when an appliance echoes it: JSON escapes,
// percent-encoding, HTML entities and base64, besides the value as typed.

/** Base64 of a secret embedded in a longer value is matched from this length on (shorter cores are too common). */
const BASE64_CORE_FROM = 6

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
