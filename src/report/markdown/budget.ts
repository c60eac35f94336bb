// The bytes a summary may still take. GitHub drops a step summary over 1 MiB
// whole, so every part is taken whole or not at all, and what was left out
// is noted for the reader.
import { byteLength } from './escape.js'

/** Under GitHub's 1 MiB limit with room for other steps' habits (900 KiB). */
export const SUMMARY_BUDGET_BYTES = 900 * 1024
/** Parts are joined by a blank line. */
export const SEPARATOR_BYTES = 2
/**
 * What a summary of several jobs (or parts) keeps back, beyond its headline
 * and footer, before sharing the rest out: the lines that join and introduce
 * the shares (the digest's title, a <details> around the jobs that passed).
 */
export const SHARED_OVERHEAD_BYTES = 400

/** An equal share of what is left for each of `count` jobs or parts, after `used` bytes of common text. */
export function shareOf(budgetBytes: number, used: number, count: number): number {
  return Math.floor((budgetBytes - used - SHARED_OVERHEAD_BYTES) / Math.max(1, count))
}

export class Budget {
  /** What was left out, in the reader's words ("12 step trees"). */
  readonly omitted: string[] = []

  constructor(private left: number) {}

  /** Takes `text` when it fits; false (and nothing taken) when it does not. */
  take(text: string): boolean {
    if (text === '') return true
    const size = byteLength(text) + SEPARATOR_BYTES
    if (size > this.left) return false
    this.left -= size
    return true
  }

  /** Takes `text` whatever it costs: for the parts every summary must have (they are small and bounded). */
  force(text: string): void {
    if (text !== '') this.left -= byteLength(text) + SEPARATOR_BYTES
  }

  /** Holds `bytes` back for a part written later. */
  reserve(bytes: number): void {
    this.left -= bytes
  }

  release(bytes: number): void {
    this.left += bytes
  }

  omit(what: string): void {
    this.omitted.push(what)
  }
}

/** As many of `items` as fit, rendered one by one: rendering stops at the first that does not. */
export function takeWhile<T>(
  budget: Budget,
  items: readonly T[],
  render: (item: T) => string,
  max = Infinity
): string[] {
  const taken: string[] = []
  for (const item of items) {
    if (taken.length >= max) break
    const text = render(item)
    if (!budget.take(text)) break
    taken.push(text)
  }
  return taken
}
