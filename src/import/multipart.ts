// The bulk-import upload's body: multipart/form-data (RFC 7578) with one part
// named `uploadedfile`, as Lenovo documents POST /csvRequest. The file's
// bytes go in unchanged; the boundary is random and never occurs in them.
import { randomBytes } from 'node:crypto'

export interface Multipart {
  readonly contentType: string
  /** The head, the file's own bytes (not copied), the tail: sent one after the other. */
  readonly body: readonly Buffer[]
}

export function csvMultipart(
  filename: string,
  content: Buffer,
  random = (): string => randomBytes(16).toString('hex')
): Multipart {
  let boundary = `lxca-job-gate-${random()}`
  while (content.includes(boundary)) boundary = `lxca-job-gate-${random()}`
  // A quote or a line break would end the header: percent-encoded, as browsers do.
  const name = filename.replace(
    /[\r\n"%]/g,
    char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="uploadedfile"; filename="${name}"\r\n` +
    'Content-Type: application/octet-stream\r\n' +
    '\r\n'
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: [Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]
  }
}
