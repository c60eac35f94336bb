import { describe, expect, it } from '@jest/globals'
import { FormAutomaton } from '../../src/common/form-automaton.js'

/** A seeded generator, so that a failure is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const word = (random: () => number, alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')

/** The oracle: for each end in `text`, the longest form ending there, found by comparing every form. */
function naiveSpans(forms: readonly string[], text: string, fold: boolean): Array<[number, number]> {
  const norm = (value: string): string => (fold ? value.toLowerCase() : value)
  const haystack = norm(text)
  const found: Array<[number, number]> = []
  for (let end = 1; end <= text.length; end++) {
    let longest = 0
    for (const form of forms) {
      if (form.length > longest && end >= form.length && haystack.slice(end - form.length, end) === norm(form)) {
        longest = form.length
      }
    }
    if (longest > 0) found.push([end - longest, end])
  }
  return found
}

describe('FormAutomaton', () => {
  it('finds, for each end, the longest form ending there, as comparing every form does', () => {
    // A small alphabet makes forms share prefixes and suffixes: failure links and sibling lists are exercised.
    for (let seed = 1; seed <= 60; seed++) {
      const random = seeded(seed)
      const fold = seed % 2 === 0
      const forms = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        word(random, 'abAB-1', 1 + Math.floor(random() * 7))
      )
      const automaton = new FormAutomaton(fold)
      // Added in two halves with a scan between: links built once are built again for the later forms.
      const half = Math.ceil(forms.length / 2)
      for (const form of forms.slice(0, half)) automaton.add(form)
      const early = word(random, 'abAB-1x', 200)
      expect(automaton.spans(early)).toEqual(naiveSpans(forms.slice(0, half), early, fold))
      for (const form of forms.slice(half)) automaton.add(form)
      const text = word(random, 'abAB-1x', 400)
      expect(automaton.spans(text)).toEqual(naiveSpans(forms, text, fold))
    }
  })

  it('keeps thousands of forms that share a prefix apart, past the arrays it starts with', () => {
    const automaton = new FormAutomaton(false)
    for (let i = 0; i < 3_000; i++) automaton.add(`Bmc-${i}-pw`)
    expect(automaton.spans('x Bmc-2999-pw Bmc-3000-pw Bmc-17-pw')).toEqual([
      [2, 13],
      [26, 35]
    ])
  })

  it('finds nothing before a form is added', () => {
    expect(new FormAutomaton(true).spans('anything')).toEqual([])
  })
})
