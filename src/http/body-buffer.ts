// A response body read into one buffer. When the answer states its length
// within the bound, the buffer is that size from the start and every chunk is
// copied once into place (a 7.7 MiB job document is not held twice, as a list
// of chunks and their concatenation). Without a length, or with one past the
// bound (a hostile length never allocates up front), the chunks are kept as
// the socket handed them and joined once at the end, into a buffer of exactly
// their size: growing a buffer by doubling touched up to three times the
// body's size in fresh memory, and fresh pages are what reading a large body
// costs most (64 MiB: 180 ms of page faults on a runner-sized VM, 4 ms to
// fill again).

export class BodyBuffer {
  /** The stated length's buffer, while the body fits it. */
  private buffer: Buffer | undefined
  /** Chunks as received, when no buffer was allocated up front (or the body outgrew it). */
  private chunks: Buffer[] = []
  private size = 0
  private allocated = 0

  /** `declared`: the answer's Content-Length, if it gave a valid one. */
  constructor(
    declared: number | undefined,
    private readonly maxBytes: number
  ) {
    if (declared !== undefined && declared <= maxBytes) {
      this.buffer = Buffer.allocUnsafe(declared)
      this.allocated = declared
    }
  }

  /** Appends `chunk`; false (and nothing kept) when the body would pass the bound. */
  add(chunk: Buffer): boolean {
    const needed = this.size + chunk.length
    if (needed > this.maxBytes) return false
    if (this.buffer && needed <= this.buffer.length) {
      chunk.copy(this.buffer, this.size)
    } else {
      // Longer than it said: what came so far is kept as the first chunk, and the rest as it comes.
      if (this.buffer) this.chunks.push(this.buffer.subarray(0, this.size))
      this.buffer = undefined
      this.chunks.push(chunk)
    }
    this.size = needed
    return true
  }

  /** Bytes received so far. */
  get length(): number {
    return this.size
  }

  /** Bytes this buffer allocated itself (tests: nothing up front without a trusted length). */
  get capacity(): number {
    return this.allocated
  }

  /** The body: a view of the bytes received (every one of them written); chunks are joined once, then let go. */
  bytes(): Buffer {
    if (this.buffer) return this.buffer.subarray(0, this.size)
    if (this.chunks.length === 0) return Buffer.alloc(0)
    if (this.chunks.length > 1) {
      this.chunks = [Buffer.concat(this.chunks, this.size)]
      this.allocated += this.size
    }
    return this.chunks[0]
  }
}

/** A Content-Length header's value, when it is one non-negative integer. */
export function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return undefined
  return Number(header.trim())
}
