// A body is decoded once: the job document is parsed from it and then
// scrubbed into the report file from the same text.
import { describe, expect, it, jest } from '@jest/globals'
import { bodyText, isObject } from '../../src/common/json.js'

describe('bodyText', () => {
  it('drops a byte-order mark, and decodes each body once however often it is asked', () => {
    const body = Buffer.from('\ufeff{"progress":100}')
    const decode = jest.spyOn(body, 'toString')
    expect(bodyText(body)).toBe('{"progress":100}')
    expect(bodyText(body)).toBe('{"progress":100}')
    expect(decode).toHaveBeenCalledTimes(1)
    // Another body with the same bytes is another body.
    expect(bodyText(Buffer.from('{"a":1}'))).toBe('{"a":1}')
  })
})

describe('isObject', () => {
  it('an object, not an array or null', () => {
    expect([{}, [], null, 'x'].map(isObject)).toEqual([true, false, false, false])
  })
})
