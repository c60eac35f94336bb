import http from 'node:http'
import net, { type AddressInfo } from 'node:net'

export interface ConnectProxy {
  readonly url: string
  readonly port: number
  /** The CONNECT targets asked for, in order. */
  readonly connects: string[]
  /** The Proxy-Authorization headers received, in order. */
  readonly authorizations: string[]
  close(): Promise<void>
}

/**
 * A CONNECT proxy on loopback. Every target host is sent to 127.0.0.1 (so a
 * name like lxca.internal reaches the simulator), or refused with `refuse`.
 */
export async function startConnectProxy(options: { refuse?: number } = {}): Promise<ConnectProxy> {
  const connects: string[] = []
  const authorizations: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_request, response) => {
    response.writeHead(405)
    response.end()
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (request, client: net.Socket) => {
    connects.push(request.url ?? '')
    const authorization = request.headers['proxy-authorization']
    if (authorization) authorizations.push(authorization)
    if (options.refuse) {
      client.end(`HTTP/1.1 ${options.refuse} Refused\r\n\r\n`)
      return
    }
    const port = Number((request.url ?? '').split(':').pop())
    const upstream = net.connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    authorizations,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}
