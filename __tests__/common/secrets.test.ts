import { describe, expect, it } from '@jest/globals'
import { SecretSet, secretForms } from '../../src/common/secrets.js'

const setOf = (...values: string[]): SecretSet => {
  const secrets = new SecretSet()
  for (const value of values) secrets.add(value)
  return secrets
}

describe('SecretSet', () => {
  it('replaces every known secret with ***, the longest first', () => {
    const secrets = setOf('s3cret', 's3cret-and-more')
    expect(secrets.scrub('a s3cret-and-more b s3cret c')).toBe('a *** b *** c')
  })

  it('treats regular-expression characters literally, and knows the JSON-escaped form', () => {
    const secrets = setOf('p.a*s"s\\w(0)rd')
    expect(secrets.scrub('x p.a*s"s\\w(0)rd y pXa*s"s\\w(0)rd')).toBe('x *** y pXa*s"s\\w(0)rd')
    expect(secrets.scrub('{"userAction":"p.a*s\\"s\\\\w(0)rd"}')).toBe('{"userAction":"***"}')
  })

  const PASSWORD = 'P@ss/w0rd<&>!'
  it.each([
    ['as typed', PASSWORD],
    ['JSON with \\/ (org.json)', 'P@ss\\/w0rd<&>!'],
    ['JSON with \\u escapes (Gson)', 'P@ss/w0rd\\u003c\\u0026\\u003e!'],
    ['JSON with both', 'P@ss\\/w0rd\\u003C\\u0026\\u003E!'],
    ['percent-encoded', 'P%40ss%2Fw0rd%3C%26%3E!'],
    ['percent-encoded, lower-case hex', 'P%40ss%2fw0rd%3c%26%3e!'],
    ['percent-encoded, strictly', 'P%40ss%2Fw0rd%3C%26%3E%21'],
    ['HTML, named entities', 'P@ss/w0rd&lt;&amp;&gt;!'],
    ['HTML, decimal entities', 'P&#64;ss&#47;w0rd&#60;&#38;&#62;&#33;'],
    ['HTML, hex entities', 'P&#x40;ss&#x2f;w0rd&#x3c;&#x26;&#x3e;&#x21;'],
    ['HTML, named and hex', 'P&#x40;ss&#x2f;w0rd&lt;&amp;&gt;&#x21;'],
    ['base64', Buffer.from(PASSWORD).toString('base64')],
    ['base64 without padding', Buffer.from(PASSWORD).toString('base64').replace(/=+$/, '')],
    ['upper case', PASSWORD.toUpperCase()],
    ['lower case', PASSWORD.toLowerCase()]
  ])('knows a secret %s', (_name, form) => {
    expect(setOf(PASSWORD).scrub(`said: ${form} (end)`)).toBe('said: *** (end)')
  })

  it('finds a secret base64-encoded inside a longer value, at any offset', () => {
    const secrets = setOf(PASSWORD)
    for (const prefix of ['', 'a', 'ab', 'admin:', 'user@corp:']) {
      const encoded = Buffer.from(`${prefix}${PASSWORD} tail`).toString('base64')
      const scrubbed = secrets.scrub(encoded)
      expect([prefix, scrubbed]).toEqual([prefix, expect.stringContaining('***')])
      // What is left cannot decode to the password.
      expect(Buffer.from(scrubbed.replace('***', ''), 'base64').toString('latin1')).not.toContain('w0rd<&>')
    }
  })

  it('matches case only for secrets shorter than 8 characters (they would blank ordinary words otherwise)', () => {
    expect(setOf('Abc12').scrub('Abc12 ABC12 abc12')).toBe('*** ABC12 abc12')
    expect(setOf('Abcdef12').scrub('Abcdef12 ABCDEF12 abcdef12')).toBe('*** *** ***')
  })

  it('matches any case of letters beyond ASCII too, whichever case a text shows first', () => {
    // The fold table is filled one character at a time, as texts bring them: the first text
    // holds the upper-case letters, so a table left unfilled would let them through.
    const secrets = setOf('Grüße-Ærø-Świt')
    expect(secrets.scrub('a GRÜSSE GRÜßE-ÆRØ-ŚWIT b')).toBe('a GRÜSSE *** b')
    expect(secrets.scrub('\u0000grüße-ærø-świt\u0000')).toBe('\u0000***\u0000')
  })

  it('scrubs overlapping secrets over their whole extent', () => {
    expect(setOf('abcd-1234', '1234-wxyz').scrub('[abcd-1234-wxyz]')).toBe('[***]')
  })

  it('ignores values too short to be secrets (they would blank ordinary text)', () => {
    expect(setOf('1', 'ab').scrub('1 ab')).toBe('1 ab')
  })

  it('scrubs nothing when it knows nothing, and tells each new secret once', () => {
    expect(new SecretSet().scrub('anything')).toBe('anything')
    const told: string[] = []
    const secrets = new SecretSet(value => told.push(value))
    secrets.add('token-1')
    secrets.add('token-1')
    secrets.add('x')
    expect(told).toEqual(['token-1'])
  })

  it('knows how far a secret may reach past a cut: its longest form', () => {
    const secrets = setOf(PASSWORD)
    expect(secrets.longest).toBe(Math.max(...secretForms(PASSWORD).map(form => form.length)))
    expect(secrets.longest).toBeGreaterThan(PASSWORD.length)
  })

  it('a thousand look-alike passwords over text made of their common prefix: each found, the rest kept', () => {
    const secrets = new SecretSet()
    for (let i = 0; i < 1_000; i++) secrets.add(`Bmc-Passw0rd-${i}`)
    const noise = 'Bmc-Passw0rd-'.repeat(2_000)
    expect(secrets.scrub(`${noise}Bmc-Passw0rd-999!`)).toBe(`${noise}***!`)
    expect(secrets.scrub(`x Bmc-Passw0rd-42 y BMC-PASSW0RD-7 z`)).toBe('x *** y *** z')
  })
})

describe('SecretSet: a text scrubbed once is remembered', () => {
  const action = (secret: string): string =>
    `Log in with ${secret}, then check the BMC firmware and the network. `.repeat(30)

  it('the second time, the remembered text: still without the secret, and the same', () => {
    const secrets = setOf('Hunter2-Secret')
    const text = action('Hunter2-Secret')
    const first = secrets.scrub(text)
    expect(first).not.toContain('Hunter2-Secret')
    expect(secrets.rememberedTexts).toBe(1)
    // The same text again (another string with the same content, as another report builds it): served, not scanned.
    const again = secrets.scrub(text.slice(0, 10) + text.slice(10))
    expect(again).toBe(first)
    expect(again).not.toContain('Hunter2-Secret')
    expect(secrets.rememberedTexts).toBe(1)
  })

  it('a secret added after the first scrub is still removed: what was remembered is forgotten', () => {
    const secrets = setOf('Hunter2-Secret')
    const text = `${action('Hunter2-Secret')} and the device's own Bmc-7-pw`
    expect(secrets.scrub(text)).toContain('Bmc-7-pw')
    secrets.add('Bmc-7-pw')
    expect(secrets.rememberedTexts).toBe(0)
    expect(secrets.scrub(text)).not.toContain('Bmc-7-pw')
  })

  it('short texts are scanned every time, and the memory is bounded', () => {
    const secrets = setOf('Hunter2-Secret')
    secrets.scrub('short Hunter2-Secret')
    expect(secrets.rememberedTexts).toBe(0)
    for (let i = 0; i < 3_000; i += 1) secrets.scrub(`${i} ${'x'.repeat(2_000)}`)
    // 4 Mi characters at most: about 2,000 texts of 2 KB, then it starts afresh.
    expect(secrets.rememberedTexts).toBeLessThan(2_100)
    expect(secrets.rememberedTexts).toBeGreaterThan(0)
  })
})
