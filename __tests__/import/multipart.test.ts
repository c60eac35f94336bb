import { describe, expect, it } from '@jest/globals'
import { csvMultipart } from '../../src/import/multipart.js'

describe('csvMultipart', () => {
  it('is one part named uploadedfile, the file unchanged, CRLF everywhere', () => {
    const content = Buffer.from('\ufeffType,IP Address\r\nserver,10.0.0.1\nserver,"10.0.0.2"\r\n')
    const { contentType, body } = csvMultipart('servers.csv', content, () => 'b0undary')
    expect(contentType).toBe('multipart/form-data; boundary=lxca-job-gate-b0undary')
    expect(Buffer.concat(body)).toEqual(
      Buffer.concat([
        Buffer.from(
          '--lxca-job-gate-b0undary\r\n' +
            'Content-Disposition: form-data; name="uploadedfile"; filename="servers.csv"\r\n' +
            'Content-Type: application/octet-stream\r\n' +
            '\r\n'
        ),
        content,
        Buffer.from('\r\n--lxca-job-gate-b0undary--\r\n')
      ])
    )
    // The file itself is sent as it was read, never copied (a 5 MiB CSV stays in memory once).
    expect(body[1]).toBe(content)
  })

  it('never uses a boundary that occurs in the file', () => {
    const randoms = ['x', 'y']
    const { contentType } = csvMultipart('a.csv', Buffer.from('--lxca-job-gate-x'), () => randoms.shift() ?? 'z')
    expect(contentType).toBe('multipart/form-data; boundary=lxca-job-gate-y')
  })

  it('percent-encodes a quote or a line break in the file name, so it cannot end the header', () => {
    const { body } = csvMultipart('a"b\r\nc%.csv', Buffer.from('x'), () => 'b')
    expect(Buffer.concat(body).toString()).toContain('filename="a%22b%0D%0Ac%25.csv"\r\n')
  })
})
