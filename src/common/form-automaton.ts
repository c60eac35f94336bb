// Aho–Corasick over the forms of the secrets (secrets.ts): one step per
// character of the text, whatever the number of forms or how much they look
// alike, so that a thousand CSV passwords cost no more than one.

/** States allocated at first; the arrays double as forms are added. */
const INITIAL_STATES = 256

/**
 * The automaton. A state's transitions are a list of its children (first
 * child, next sibling), in typed arrays: a CSV of 3,000 rows brings 30,000
 * forms and some 200,000 states, which a Map keyed by state and character held
 * in 18 MiB (its keys past 2^31 each a heap number); here they take 26 bytes a
 * state. The start state also has a table by character, the common path.
 * Failure links are built on first use after forms were added.
 */
export class FormAutomaton {
  /** Per state: its parent, the character into it, the longest form ending here (0: none), its first child, its next sibling (0: none). */
  private parent = new Int32Array(INITIAL_STATES)
  private char = new Uint16Array(INITIAL_STATES)
  private ends = new Int32Array(INITIAL_STATES)
  private firstChild = new Int32Array(INITIAL_STATES)
  private sibling = new Int32Array(INITIAL_STATES)
  private count = 1
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
      let target = this.child(state, code)
      if (target === 0) {
        target = this.newState(state, code)
        if (state === 0) this.root[code] = target
      }
      state = target
    }
    this.ends[state] = form.length
    this.built = false
  }

  /** Where forms occur in `text`: for each end, the longest form ending there, as [start, end). */
  spans(text: string): Array<[number, number]> {
    if (this.count === 1) return []
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

  /** The child of `state` reached by `code`, or 0. */
  private child(state: number, code: number): number {
    if (state === 0) return this.root[code]
    for (let next = this.firstChild[state]; next !== 0; next = this.sibling[next]) {
      if (this.char[next] === code) return next
    }
    return 0
  }

  private newState(parent: number, code: number): number {
    if (this.count === this.parent.length) this.growStates()
    const state = this.count++
    this.parent[state] = parent
    this.char[state] = code
    this.sibling[state] = this.firstChild[parent]
    this.firstChild[parent] = state
    return state
  }

  private growStates(): void {
    const size = this.parent.length * 2
    const grown = <T extends Int32Array | Uint16Array>(from: T, to: T): T => {
      to.set(from)
      return to
    }
    this.parent = grown(this.parent, new Int32Array(size))
    this.char = grown(this.char, new Uint16Array(size))
    this.ends = grown(this.ends, new Int32Array(size))
    this.firstChild = grown(this.firstChild, new Int32Array(size))
    this.sibling = grown(this.sibling, new Int32Array(size))
  }

  private move(from: number, code: number): number {
    let state = from
    while (state !== 0) {
      const target = this.child(state, code)
      if (target !== 0) return target
      state = this.fail[state]
    }
    return this.root[code]
  }

  /** Failure links and outputs, breadth first (a parent's link is always ready before its children's). */
  private build(): void {
    const { count } = this
    this.fail = new Int32Array(count)
    this.output = new Int32Array(count)
    const queue = new Int32Array(count)
    let tail = 0
    for (let state = 1; state < count; state++) if (this.parent[state] === 0) queue[tail++] = state
    for (let head = 0; head < tail; head++) {
      const state = queue[head]
      const parent = this.parent[state]
      this.fail[state] = parent === 0 ? 0 : this.move(this.fail[parent], this.char[state])
      // The longest form ending here is this state's own, else the longest ending at its failure state.
      this.output[state] = this.ends[state] > 0 ? this.ends[state] : this.output[this.fail[state]]
      for (let next = this.firstChild[state]; next !== 0; next = this.sibling[next]) queue[tail++] = next
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
