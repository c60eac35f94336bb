import { describe, expect, it } from '@jest/globals'
import { jobDocumentPieces, jobDocumentText, scriptJob } from '../../src/simulator/documents.js'

describe('the simulated job document', () => {
  const padded = { ...scriptJob({ devices: 2, pollsToComplete: 1 }), documentBytes: 400_000 }

  it('padded to about documentBytes: valid JSON, each device’s long description filled', () => {
    const text = jobDocumentText(padded, 1)
    expect(text.length).toBeGreaterThan(400_000 * 0.95)
    expect(text.length).toBeLessThan(400_000 * 1.05)
    const document = JSON.parse(text) as { results: Array<{ resultLongDescription: string }> }
    for (const result of document.results) expect(result.resultLongDescription.length).toBeGreaterThan(190_000)
  })

  it('sent in pieces that join into the same text, the filler one Buffer made once for every poll', () => {
    const pieces = jobDocumentPieces(padded, 1)
    const joined = Buffer.concat(pieces.map(piece => (typeof piece === 'string' ? Buffer.from(piece) : piece)))
    expect(joined.toString('utf8')).toBe(jobDocumentText(padded, 1))
    const fillers = pieces.filter(piece => Buffer.isBuffer(piece))
    expect(fillers).toHaveLength(2)
    expect(fillers[1]).toBe(fillers[0])
    expect(jobDocumentPieces(padded, 2).find(piece => Buffer.isBuffer(piece))).toBe(fillers[0])
  })

  it('unpadded: one piece, the JSON text itself', () => {
    const plain = scriptJob({ devices: 2, pollsToComplete: 1 })
    expect(jobDocumentPieces(plain, 1)).toEqual([jobDocumentText(plain, 1)])
  })
})
