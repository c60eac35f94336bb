// JSON as the appliance sends it: a body as text (without the byte-order
// mark some servers put before it), and the one test of "an object".
import { bomLength } from './text.js'

/** A body as text, without a UTF-8 byte-order mark (not JSON, but some servers send one). */
export function bodyText(body: Buffer): string {
  return body.toString('utf8', bomLength(body))
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
