// The report file: each job's last JSON document, as received, written job
// by job as each wait ends (never joined into one string: ten parts'
// documents of up to 64 MiB each would not fit in one). One job: the
// document's exact bytes. Several: one JSON object keyed by job path, each
// value the document's text as received (never re-serialised: a document may
// nest deeper than JSON.stringify can go). Secrets the appliance echoed inside
// JSON strings become `***`: files are never masked by the runner.
import type { Scrub } from '../../common/secrets.js'
import { bodyText } from '../../common/json.js'
import { bomLength } from '../../common/text.js'
import { jobPath, type JobRef } from '../../lxca/job-ref.js'

/** Where the report's bytes go: a file the root opens on the first document, or a test's buffer. */
export interface ReportSink {
  write(chunk: Buffer | string): void
  end(): void
}

export interface ReportWriter {
  /** Adds a job's last document, scrubbed. */
  add(job: JobRef, body: Buffer): void
  /** Ends the file; whether any document was written. */
  close(): boolean
}

/** `keyed`: several jobs (or parts), so the file is one object keyed by job path. */
export function reportWriter(open: () => ReportSink, keyed: boolean, scrub: Scrub): ReportWriter {
  let sink: ReportSink | undefined
  let written = 0
  return {
    add(job, body) {
      if (!keyed && written > 0) return
      sink ??= open()
      // The text the document was parsed from (bodyText decodes a body once), without its byte-order mark.
      const text = bodyText(body)
      if (!keyed) {
        const scrubbed = scrubJsonStrings(text, scrub)
        sink.write(scrubbed === text ? body : Buffer.from(scrubbed))
      } else {
        const key = JSON.stringify(jobPath(job).slice(1))
        sink.write(`${written === 0 ? '{\n' : ',\n'}  ${key}: `)
        // JSON's white space around the value goes (a document with any other is never parsed, so never here).
        const inner = text.trim()
        const scrubbed = scrubJsonStrings(inner, scrub)
        sink.write(scrubbed === inner ? trimmed(body) : Buffer.from(scrubbed))
      }
      written += 1
    },
    close() {
      if (!sink) return false
      if (keyed) sink.write('\n}\n')
      sink.end()
      return true
    }
  }
}

/** The document without a byte-order mark and the white space around it: a value of the keyed object. */
function trimmed(body: Buffer): Buffer {
  let start = bomLength(body)
  let end = body.length
  while (start < end && isSpace(body[start])) start += 1
  while (end > start && isSpace(body[end - 1])) end -= 1
  return body.subarray(start, end)
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

/**
 * Secrets replaced inside JSON strings only, so the structure (and numbers)
 * never change. A string with escapes is decoded first, so that no encoder's
 * escaping (`\/`, `\u0040`) can hide a secret, and written back as JSON.
 * Linear.
 */
function scrubJsonStrings(text: string, scrub: Scrub): string {
  if (!text.includes('\\') && scrub(text) === text) return text
  const parts: string[] = []
  let last = 0
  for (let start = text.indexOf('"'); start >= 0; start = text.indexOf('"', last)) {
    let end = start + 1
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
    parts.push(text.slice(last, start), scrubJsonString(text.slice(start, end + 1), scrub))
    last = end + 1
  }
  parts.push(text.slice(last))
  return parts.join('')
}

/** One JSON string literal, quotes included, scrubbed as written and as it reads. */
function scrubJsonString(literal: string, scrub: Scrub): string {
  const written = scrub(literal)
  if (!literal.includes('\\')) return written
  let value: unknown
  try {
    value = JSON.parse(literal)
  } catch {
    return written
  }
  if (typeof value !== 'string') return written
  const scrubbed = scrub(value)
  return scrubbed === value ? written : JSON.stringify(scrubbed)
}
