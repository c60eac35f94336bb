import { describe, expect, it } from '@jest/globals'
import { SecretSet } from '../../src/common/secrets.js'

describe('SecretSet', () => {
  it('replaces every known secret with ***, the longest first', () => {
    const secrets = new SecretSet()
    secrets.add('s3cret')
    secrets.add('s3cret-and-more')
    expect(secrets.scrub('a s3cret-and-more b s3cret c')).toBe('a *** b *** c')
  })

  it('treats regular-expression characters literally, and knows the JSON-escaped form', () => {
    const secrets = new SecretSet()
    secrets.add('p.a*s"s\\w(0)rd')
    expect(secrets.scrub('x p.a*s"s\\w(0)rd y pXa*s"s\\w(0)rd')).toBe('x *** y pXa*s"s\\w(0)rd')
    expect(secrets.scrub('{"userAction":"p.a*s\\"s\\\\w(0)rd"}')).toBe('{"userAction":"***"}')
  })

  it('ignores values too short to be secrets (they would blank ordinary text)', () => {
    const secrets = new SecretSet()
    secrets.add('1')
    secrets.add('ab')
    expect(secrets.scrub('1 ab')).toBe('1 ab')
  })

  it('scrubs nothing when it knows nothing', () => {
    expect(new SecretSet().scrub('anything')).toBe('anything')
  })
})
