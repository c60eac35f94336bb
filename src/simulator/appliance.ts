// What the simulated appliance does with a request: log in and out
// (POST/DELETE /sessions, cookie and CSRF token as LXCA sets them), check
// HTTP Basic or the session, start or validate a bulk import (POST
// /csvRequest), and serve job documents that advance with each good poll,
// misbehaving on cue (faults.ts). It records every request.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { jobDocumentPieces, jobDocumentText, type JobScript } from './documents.js'
import { applyFault, type Fault } from './faults.js'
import { echoOf, errorBody, parseCookies, sendJson } from './answers.js'
import { SimulatedInventory, type ManagedSeed, type SimulatedList } from './inventory.js'
import { checkCsv, importedJob, uploadedFile } from './uploads.js'

export interface ApplianceOptions {
  readonly jobs: Readonly<Record<string, JobScript>>
  readonly username?: string
  readonly password?: string
  /** basic: only Basic; session: only a session; any: either (like LXCA). */
  readonly auth?: 'basic' | 'session' | 'any'
  /** Faults for the job requests, in order: the n-th job request gets faults[n-1] (undefined = behave). */
  readonly faults?: ReadonlyArray<Fault | undefined>
  /** Faults for the uploads (POST /csvRequest), in order. */
  readonly uploadFaults?: ReadonlyArray<Fault | undefined>
  /** How a started import names its job: the Location header (a path, or a URL), a JSON body, or not at all. */
  readonly uploadAnswer?: 'location' | 'location-url' | 'body' | 'nothing'
  /** Good polls until an imported job completes (default 3). */
  readonly importPolls?: number
  /** Session requests accepted per session before it "expires" (401). */
  readonly sessionLifetime?: number
  /** Every session expires when the n-th upload (1-based) arrives: the session of a long first part is gone. */
  readonly expireSessionsAtUpload?: number
  /** Every import after the first is answered with the first import's job (no new job is made). */
  readonly repeatFirstJob?: boolean
  /** An imported job stays at this top-level progress for `polls` more polls once its devices are done. */
  readonly holdProgress?: { readonly progress: number; readonly polls: number }
  /** Imported jobs' documents are padded (in each device's long description) to about this many bytes. */
  readonly documentBytes?: number
  /** Devices the inventory lists from the start. */
  readonly managed?: readonly ManagedSeed[]
  /** Reads of its list a device that joins the inventory stays Pending for (default 0: Online at once). */
  readonly pendingReads?: number
  /** Faults for the inventory requests (GET /nodes, …), in order. */
  readonly inventoryFaults?: ReadonlyArray<Fault | undefined>
  /** The time recorded with each request (tests pass their virtual clock); performance.now() by default. */
  readonly now?: () => number
}

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly at: number
  /** Basic credentials, a session cookie or a login body came with it. */
  readonly carriedCredentials: boolean
  readonly headers: IncomingMessage['headers']
}

const JOB_PATH = /^\/(csvRequest|manageRequest|unmanageRequest)\/jobs\/([^/?]+)$/
const INVENTORY_PATH = /^\/(nodes|chassis|switches|storages)$/
const TYPE_OF_SEGMENT: Record<string, JobScript['type']> = {
  csvRequest: 'csv',
  manageRequest: 'manage',
  unmanageRequest: 'unmanage'
}

export class Appliance {
  readonly requests: RecordedRequest[] = []
  logins = 0
  logouts = 0
  /** POST /csvRequest requests received, validation included. */
  uploads = 0
  /** The `uploadedfile` part of each of them (undefined when it had none), in order. */
  readonly uploadedFiles: Array<Buffer | undefined> = []
  private readonly jobs: Map<string, JobScript>
  private readonly sessions = new Map<string, { csrf: string; uses: number }>()
  private readonly goodPolls = new Map<string, number>()
  private jobRequests = 0
  private nextJobId = 5001
  private sessionsExpired = false
  private inventoryRequests = 0
  /** Every address imported so far. */
  private readonly imported = new Set<string>()
  /** The appliance's managed devices: from the start, and every device a finished job managed. */
  readonly inventory: SimulatedInventory
  readonly username: string
  readonly password: string

  constructor(private readonly options: ApplianceOptions) {
    this.jobs = new Map(Object.entries(options.jobs))
    this.username = options.username ?? 'admin'
    this.password = options.password ?? 'Passw0rd!'
    this.inventory = new SimulatedInventory(options.managed, options.pendingReads)
  }

  handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const [path, query = ''] = (request.url ?? '/').split('?')
    const sessionId = parseCookies(request.headers.cookie).get('JSESSIONID')
    const carriedCredentials =
      request.headers.authorization !== undefined ||
      sessionId !== undefined ||
      (path === '/sessions' && body.includes(this.password))
    const at = this.options.now ? this.options.now() : performance.now()
    this.requests.push({ method: request.method ?? '', path, at, carriedCredentials, headers: request.headers })

    if (path === '/sessions' && request.method === 'POST') return this.login(body, response)
    if (!this.authorised(request, sessionId)) {
      return sendJson(response, 401, errorBody('FQXHMSE0001J', 'The request requires user authentication.'))
    }
    if (path === '/sessions' && request.method === 'DELETE') {
      this.logouts += 1
      if (sessionId) this.sessions.delete(sessionId)
      return sendJson(response, 200, { result: 'success' })
    }
    if (path === '/csvRequest' && request.method === 'POST') return this.upload(request, body, query, response)
    const list = INVENTORY_PATH.exec(path)?.[1] as SimulatedList | undefined
    if (list && request.method === 'GET') return this.inventoryList(list, request, response)
    const match = JOB_PATH.exec(path)
    if (!match || request.method !== 'GET')
      return sendJson(response, 404, errorBody('FQXHMSE0404J', `No resource at ${path}.`))
    this.job(match[1], match[2], request, response)
  }

  private login(body: Buffer, response: ServerResponse): void {
    let login: { UserId?: unknown; password?: unknown } = {}
    try {
      login = JSON.parse(body.toString('utf8')) as typeof login
    } catch {
      return sendJson(response, 400, errorBody('FQXHMSE0003J', 'The request body is not valid JSON.'))
    }
    if (this.options.auth === 'basic') return sendJson(response, 404, errorBody('FQXHMSE0404J', 'Not found.'))
    if (login.UserId !== this.username || login.password !== this.password) {
      return sendJson(response, 401, errorBody('FQXHMSE0124J', 'The user name or password is not valid.'))
    }
    this.logins += 1
    const id = randomBytes(16).toString('hex')
    const csrf = randomBytes(16).toString('hex')
    this.sessions.set(id, { csrf, uses: 0 })
    response.setHeader('set-cookie', [
      `JSESSIONID=${id}; Path=/; Secure; HttpOnly`,
      `csrf=${csrf}; Path=/; Secure`,
      'inactivityTimeout=1440; Path=/'
    ])
    sendJson(response, 200, { UserId: this.username, result: 'success' })
  }

  /** A valid session (cookie + CSRF header) or Basic credentials; a session's use counts toward its lifetime. */
  private authorised(request: IncomingMessage, sessionId: string | undefined): boolean {
    const mode = this.options.auth ?? 'any'
    const session = sessionId ? this.sessions.get(sessionId) : undefined
    const lifetime = this.options.sessionLifetime
    const sessionOk =
      mode !== 'basic' &&
      session !== undefined &&
      request.headers['x-csrf-token'] === session.csrf &&
      (lifetime === undefined || session.uses < lifetime)
    const basic = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`
    const basicOk = mode !== 'session' && request.headers.authorization === basic
    if (sessionOk && session) session.uses += 1
    return sessionOk || basicOk
  }

  private upload(request: IncomingMessage, body: Buffer, query: string, response: ServerResponse): void {
    this.uploads += 1
    if (this.options.expireSessionsAtUpload === this.uploads && !this.sessionsExpired) {
      this.sessionsExpired = true
      this.sessions.clear()
      return sendJson(response, 401, errorBody('FQXHMSE0001J', 'The session has expired.'))
    }
    const file = uploadedFile(request.headers['content-type'], body)
    this.uploadedFiles.push(file)
    const fault = this.options.uploadFaults?.[this.uploads - 1]
    if (fault) return applyFault(fault, response, '{}', echoOf(request, this.password))
    if (!file) return sendJson(response, 400, errorBody('FQXHMDI0203M', 'The request has no part named uploadedfile.'))
    const check = checkCsv(file)
    if (/(^|&)validationOnly=true(&|$)/.test(query)) {
      return sendJson(response, check.ok ? 200 : 400, {
        result: check.ok ? 'success' : 'failed',
        messages: check.messages
      })
    }
    if (!check.ok) return sendJson(response, 400, { result: 'failed', messages: check.messages })
    const repeat = this.options.repeatFirstJob && this.nextJobId > 5001
    const id = repeat ? '5001' : String(this.nextJobId++)
    const { holdProgress, documentBytes } = this.options
    // A device that fails once succeeds when its address is imported again.
    const devices = check.devices.map(device =>
      device.failOnce && this.imported.has(device.address) ? { ...device, failAt: undefined } : device
    )
    for (const device of devices) this.imported.add(device.address)
    if (!repeat) this.jobs.set(id, importedJob(devices, this.options.importPolls ?? 3, { holdProgress, documentBytes }))
    const path = `/csvRequest/jobs/${id}`
    const answer = this.options.uploadAnswer ?? 'location'
    if (answer === 'location') response.setHeader('location', path)
    if (answer === 'location-url') response.setHeader('location', `https://${request.headers.host}${path}`)
    sendJson(response, 201, answer === 'body' ? { result: 'success', jobId: id } : { result: 'success' })
  }

  private job(segment: string, id: string, request: IncomingMessage, response: ServerResponse): void {
    const script = this.jobs.get(id)
    if (!script || (script.type ?? 'csv') !== TYPE_OF_SEGMENT[segment]) {
      return sendJson(response, 404, errorBody('FQXHMDI0404J', `The job ${id} was not found.`))
    }
    this.jobRequests += 1
    const key = `${segment}/${id}`
    const fault = this.options.faults?.[this.jobRequests - 1]
    const nextPoll = (this.goodPolls.get(key) ?? 0) + 1
    if (fault && fault.kind !== 'slow') {
      return applyFault(fault, response, jobDocumentText(script, nextPoll), echoOf(request, this.password))
    }
    this.goodPolls.set(key, nextPoll)
    // A finished job's devices are managed now: the inventory lists them.
    if (nextPoll >= script.pollsToComplete) this.inventory.settle(key, script)
    if (fault) return applyFault(fault, response, jobDocumentText(script, nextPoll))
    response.writeHead(200, { 'content-type': 'application/json' })
    // In pieces: a padded document's filler is sent from one Buffer, never joined into a string of its size.
    for (const piece of jobDocumentPieces(script, nextPoll)) response.write(piece)
    response.end()
  }

  private inventoryList(list: SimulatedList, request: IncomingMessage, response: ServerResponse): void {
    this.inventoryRequests += 1
    const fault = this.options.inventoryFaults?.[this.inventoryRequests - 1]
    const answer = JSON.stringify(this.inventory.answer(list))
    if (fault) return applyFault(fault, response, answer, echoOf(request, this.password))
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(answer)
  }
}
