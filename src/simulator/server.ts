// An LXCA simulator for tests, the demo and anyone who wants to try a
// workflow without an appliance: the appliance of appliance.ts behind HTTPS
// on loopback (or plain HTTP, for the loopback http:// case), with the
// test-only certificates of certs/.
import { readFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Appliance, type ApplianceOptions, type RecordedRequest } from './appliance.js'

export type { RecordedRequest } from './appliance.js'
export type CertificateName = 'loopback' | 'named' | 'selfsigned' | 'expired'

export interface SimulatorOptions extends ApplianceOptions {
  readonly certificate?: CertificateName
  /** Plain HTTP, for the loopback http:// case. */
  readonly plainHttp?: boolean
  readonly port?: number
  readonly host?: string
}

export interface Simulator {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  readonly logins: () => number
  readonly logouts: () => number
  /** POST /csvRequest requests received. */
  readonly uploads: () => number
  /** The CSV each of them carried, in order. */
  readonly uploadedFiles: ReadonlyArray<Buffer | undefined>
  close(): Promise<void>
}

export const CERT_DIR = fileURLToPath(new URL('./certs/', import.meta.url))
export const SIMULATOR_CA = `${CERT_DIR}simulator-ca.pem`

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const appliance = new Appliance(options)
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => appliance.handle(request, Buffer.concat(chunks), response))
  }
  const certificate = options.certificate ?? 'loopback'
  const server = options.plainHttp
    ? http.createServer(listener)
    : https.createServer(
        { cert: readFileSync(`${CERT_DIR}${certificate}.pem`), key: readFileSync(`${CERT_DIR}${certificate}-key.pem`) },
        listener
      )
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // Clients that drop the connection mid-handshake are expected in TLS tests.
  server.on('tlsClientError', () => undefined)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `${options.plainHttp ? 'http' : 'https'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests: appliance.requests,
    logins: () => appliance.logins,
    logouts: () => appliance.logouts,
    uploads: () => appliance.uploads,
    uploadedFiles: appliance.uploadedFiles,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
