// A response body read into one buffer. When the answer states its length
// within the bound, the buffer is that size from the start and every chunk is
// copied once into place (a 7.7 MiB job document is not held twice, as a list
// of chunks and their concatenation). Without a length, or with one past the
// bound (a hostile length never allocates up front), the buffer starts small
// and doubles, never past the bound.
/** Where a body of unstated length starts. */
const INITIAL_BYTES = 64 * 1024

export class BodyBuffer {
  private buffer: Buffer
  private size = 0

  /** `declared`: the answer's Content-Length, if it gave a valid one. */
  constructor(
    declared: number | undefined,
    private readonly maxBytes: number
  ) {
    const upFront = declared !== undefined && declared <= maxBytes ? declared : Math.min(INITIAL_BYTES, maxBytes)
    this.buffer = Buffer.allocUnsafe(upFront)
  }

  /** Appends `chunk`; false (and nothing kept) when the body would pass the bound. */
  add(chunk: Buffer): boolean {
    const needed = this.size + chunk.length
    if (needed > this.maxBytes) return false
    if (needed > this.buffer.length) this.grow(needed)
    chunk.copy(this.buffer, this.size)
    this.size = needed
    return true
  }

  /** Bytes received so far. */
  get length(): number {
    return this.size
  }

  /** Bytes held (tests: what was allocated). */
  get capacity(): number {
    return this.buffer.length
  }

  /** The body: a view of the bytes received (every one of them written), not a copy. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.size)
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(needed, this.buffer.length * 2)))
    this.buffer.copy(next, 0, 0, this.size)
    this.buffer = next
  }
}

/** A Content-Length header's value, when it is one non-negative integer. */
export function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return undefined
  return Number(header.trim())
}
