// JSON as the appliance sends it: a body as text (without the byte-order
// mark some servers put before it), and the one test of "an object".
import { bomLength } from './text.js'

/**
 * The text of each body decoded so far: the job document is parsed, then
 * scrubbed into the report file, and a 7.7 MiB document is decoded once for
 * both. Held only as long as the body itself is.
 */
const decoded = new WeakMap<Buffer, string>()

/** A body as text, without a UTF-8 byte-order mark (not JSON, but some servers send one); decoded once. */
export function bodyText(body: Buffer): string {
  let text = decoded.get(body)
  if (text === undefined) decoded.set(body, (text = body.toString('utf8', bomLength(body))))
  return text
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
