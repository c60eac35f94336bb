// Aho–Corasick over the forms of the secrets (secrets.ts): one step per
// character of the text, whatever the number of forms or how much they look
// alike, so that a thousand CSV passwords cost no more than one.

/**
 * The automaton: the start state's transitions in a table (the common path),
 * the others in one Map keyed by state and character; failure links are
 * built on first use after forms were added.
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
  /**
   * The start state's transitions, by character (0: none): most of a text
   * leaves the start state at once, so this one lookup is the common path.
   */
  private readonly root = new Int32Array(65_536)
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
      if (i === 0) this.root[code] = target
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
    // Locals and a fold table: a 64 MiB document is scanned at a few nanoseconds a character.
    const { root, output } = this
    const fold = this.fold ? foldTable : undefined
    let state = 0
    for (let index = 0; index < text.length; index++) {
      const raw = text.charCodeAt(index)
      const code = fold === undefined ? raw : fold[raw] || foldOnce(raw)
      state = state === 0 ? root[code] : this.move(state, code)
      if (state === 0) continue
      const length = output[state]
      if (length > 0) found.push([index + 1 - length, index + 1])
    }
    return found
  }

  private move(from: number, code: number): number {
    let state = from
    while (state !== 0) {
      const target = this.next.get(state * 65_536 + code)
      if (target !== undefined) return target
      state = this.fail[state]
    }
    return this.root[code]
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
}

/** Case folding one UTF-16 unit at a time, so that positions in the text and in the form stay aligned. */
function foldCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32
  if (code < 128) return code
  const lower = String.fromCharCode(code).toLowerCase()
  return lower.length === 1 ? lower.charCodeAt(0) : code
}

/**
 * foldCode by UTF-16 unit, each unit's filled in the first time a text holds
 * it (0: not yet; only unit 0 folds to 0). Filling all 65,536 at once cost
 * 8 ms of the action's start-up, for the first log line scrubbed.
 */
const foldTable = new Uint16Array(65_536)
function foldOnce(code: number): number {
  return (foldTable[code] = foldCode(code))
}

function foldCase(text: string): string {
  let folded = ''
  for (let i = 0; i < text.length; i++) folded += String.fromCharCode(foldCode(text.charCodeAt(i)))
  return folded
}
