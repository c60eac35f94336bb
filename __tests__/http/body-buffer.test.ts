// The body read into one buffer: the stated length allocated once and filled
// in place; without one (or with one past the bound) a small buffer that
// doubles, never past the bound.
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

  it('no stated length: it starts small and doubles, keeping every byte in order', () => {
    const body = new BodyBuffer(undefined, 10_000_000)
    expect(body.capacity).toBe(64 * 1024)
    const parts = chunks([40_000, 40_000, 100_000, 5])
    for (const chunk of parts) expect(body.add(chunk)).toBe(true)
    expect(body.capacity).toBe(262_144)
    expect(body.bytes().equals(Buffer.concat(parts))).toBe(true)
  })

  it('a hostile stated length past the bound allocates nothing up front', () => {
    const body = new BodyBuffer(2 ** 40, 1_000_000)
    expect(body.capacity).toBe(64 * 1024)
  })

  it('never past the bound: the chunk that would pass it is refused, and growth stops at the bound', () => {
    const body = new BodyBuffer(undefined, 100_000)
    expect(body.add(Buffer.alloc(70_000))).toBe(true)
    expect(body.capacity).toBe(100_000)
    expect(body.add(Buffer.alloc(30_000))).toBe(true)
    expect(body.add(Buffer.alloc(1))).toBe(false)
    expect(body.length).toBe(100_000)
  })

  it('a body longer than it said grows past its stated length rather than losing bytes', () => {
    const body = new BodyBuffer(10, 1_000)
    expect(body.add(Buffer.from('0123456789abc'))).toBe(true)
    expect(body.bytes().toString()).toBe('0123456789abc')
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
