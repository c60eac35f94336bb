// Aho–Corasick over the forms of the secrets: one step per character of the
// text, whatever the number of forms or how much they look alike, so that a
// thousand CSV passwords cost no more than one.

/**
 * Aho–Corasick over the forms: one step per character of the text, whatever
 * the number of forms or how much they look alike. Transitions live in one
 * Map keyed by state and character; failure links are built on first use
 * after forms were added.
 */
export class FormAutomaton {
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
