import { expect } from '@jest/globals'

/**
 * No piece of `secret` of `min` characters or more is in `text`: a secret cut
 * in two by an excerpt and scrubbed only whole would leave its first part.
 */
export function expectNoPartOf(text: string, secret: string, min = 5): void {
  for (let start = 0; start + min <= secret.length; start++) {
    const piece = secret.slice(start, start + min)
    expect([piece, text.includes(piece)]).toEqual([piece, false])
  }
}
