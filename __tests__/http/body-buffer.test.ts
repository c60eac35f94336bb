// The body read into one buffer: the stated length allocated once and filled
// in place; without one (or with one past the bound) the chunks kept as they
// came and joined once, into a buffer of exactly their size, never past the
// bound.
import { describe, expect, it } from '@jest/globals'
import { BodyBuffer, declaredLength } from '../../src/http/body-buffer.js'

const chunks = (sizes: readonly number[]): Buffer[] =>
  sizes.map((size, i) => Buffer.alloc(size, String.fromCharCode(97 + (i % 26))))

describe('BodyBuffer', () => {
  it('a stated length within the bound: one buffer of that size, every chunk in place, no copy on the way out', () => {
    const body = new BodyBuffer(300_000, 64 * 1024 * 1024)
    expect(body.capacity).toBe(300_000)
    for (const chunk of chunks([65_536, 65_536, 65_536, 65_536, 37_856])) expect(body.add(chunk)).toBe(true)
    expect(body.capacity).toBe(300_000)
    expect(body.length).toBe(300_000)
    const bytes = body.bytes()
    expect(bytes.toString('latin1')).toBe(
      Buffer.concat(chunks([65_536, 65_536, 65_536, 65_536, 37_856])).toString('latin1')
    )
    expect(bytes.buffer).toBe(body.bytes().buffer)
  })

  it('no stated length: nothing allocated up front; the chunks joined once, in order, into exactly their size', () => {
    const body = new BodyBuffer(undefined, 10_000_000)
    expect(body.capacity).toBe(0)
    const parts = chunks([40_000, 40_000, 100_000, 5])
    for (const chunk of parts) expect(body.add(chunk)).toBe(true)
    expect(body.capacity).toBe(0)
    const bytes = body.bytes()
    expect(bytes.equals(Buffer.concat(parts))).toBe(true)
    expect(body.capacity).toBe(180_005)
    // Joined once: asked again, the same bytes, and nothing more allocated.
    expect(body.bytes()).toBe(bytes)
    expect(body.capacity).toBe(180_005)
  })

  it('one chunk is the body itself, and no chunk an empty body', () => {
    const only = Buffer.from('{"progress":100}')
    const body = new BodyBuffer(undefined, 1_000)
    expect(body.bytes().length).toBe(0)
    expect(body.add(only)).toBe(true)
    expect(body.bytes()).toBe(only)
    expect(body.capacity).toBe(0)
  })

  it('a hostile stated length past the bound allocates nothing up front', () => {
    const body = new BodyBuffer(2 ** 40, 1_000_000)
    expect(body.capacity).toBe(0)
  })

  it('never past the bound: the chunk that would pass it is refused', () => {
    for (const declared of [undefined, 100_000]) {
      const body = new BodyBuffer(declared, 100_000)
      expect(body.add(Buffer.alloc(70_000))).toBe(true)
      expect(body.add(Buffer.alloc(30_000))).toBe(true)
      expect(body.add(Buffer.alloc(1))).toBe(false)
      expect(body.length).toBe(100_000)
      expect(body.bytes().length).toBe(100_000)
    }
  })

  it('a body longer than it said is kept whole, past its stated length, rather than losing bytes', () => {
    const body = new BodyBuffer(10, 1_000)
    expect(body.add(Buffer.from('0123'))).toBe(true)
    expect(body.add(Buffer.from('456789abc'))).toBe(true)
    expect(body.add(Buffer.from('def'))).toBe(true)
    expect(body.bytes().toString()).toBe('0123456789abcdef')
    expect(body.length).toBe(16)
  })
})

describe('declaredLength', () => {
  it('takes one non-negative integer, and nothing else', () => {
    expect(declaredLength('1234')).toBe(1234)
    expect(declaredLength(' 0 ')).toBe(0)
    for (const bad of [undefined, '', '-1', '1.5', '12, 12', '0x10', '1e3', '9'.repeat(16)])
      expect(declaredLength(bad)).toBeUndefined()
  })
})
