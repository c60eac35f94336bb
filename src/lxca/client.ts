// The LXCA API as this action uses it: get a job document or a list of the
// managed devices, and send a request once (the upload, see
// import/upload.ts). Each request carries the authenticator's credential and
// tells it whether the appliance accepted it; statuses become typed faults in
// responses.ts.
import { RequestFault } from '../common/errors.js'
import type { Scrubber } from '../common/secrets.js'
import type { Authenticator, Credential } from './auth.js'
import { inventoryUrl, type InventoryList } from './inventory.js'
import { jobPath, jobUrl, type JobRef } from './job-ref.js'
import { isAuthRefusal, jsonBody, statusFault } from './responses.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'

/** What one GET brought back: a job document, or a list of managed devices. */
export interface FetchedJson {
  /** The parsed JSON, not yet understood. */
  readonly document: unknown
  /** The exact bytes received, for the report file. */
  readonly body: Buffer
}

export class LxcaClient {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: URL,
    private readonly auth: Authenticator,
    /** Server text quoted in a fault is scrubbed before it is cut. */
    private readonly secrets: Scrubber
  ) {}

  /** The job document as JSON (not yet understood), and its bytes. Throws RequestFault. */
  getJob(job: JobRef, signal: AbortSignal): Promise<FetchedJson> {
    const url = jobUrl(this.baseUrl, job)
    return this.getJson(url, `GET ${jobPath(job)}`, `job ${job.id} was not found at ${url.href}`, signal)
  }

  /** One list of the appliance's managed devices, as JSON (not yet understood). Throws RequestFault. */
  getInventory(list: InventoryList, signal: AbortSignal): Promise<FetchedJson> {
    const what = `GET /${list}`
    const notFound = `the appliance has no device list at /${list}; is this an XClarity Administrator?`
    return this.getJson(inventoryUrl(this.baseUrl, list), what, notFound, signal)
  }

  /** A GET whose answer is JSON: a refused session is renewed once, any other status a typed fault. */
  private async getJson(url: URL, what: string, notFound: string, signal: AbortSignal): Promise<FetchedJson> {
    const first = await this.send({ method: 'GET', url }, signal)
    let response = first.response
    if (isAuthRefusal(response.status) && (await this.auth.renew(first.credential, signal))) {
      response = (await this.send({ method: 'GET', url }, signal)).response
    }
    const fault = statusFault(response, what, notFound, this.secrets)
    if (fault) throw fault.kind === 'auth' ? fault.with({ code: this.auth.scheme }) : fault
    return { document: jsonBody(response, what, this.secrets), body: response.body }
  }

  /**
   * One request with the credential, and the response as it came: never
   * sent twice, but for a refusal of the credentials (401/403) in session
   * mode, where the session expired: such a request was refused before the
   * appliance did anything with it, so it is sent once more with a new
   * session (Basic credentials cannot be renewed: the refusal stands). A
   * fault while logging in first is marked as not sent: the request itself
   * never left.
   */
  async sendOnce(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    const credential = await notSentIfFails(this.auth.credential(signal))
    const response = await this.sendWith(credential, request, signal)
    if (!isAuthRefusal(response.status) || !(await notSentIfFails(this.auth.renew(credential, signal)))) return response
    return this.sendWith(await notSentIfFails(this.auth.credential(signal)), request, signal)
  }

  /** How requests prove who we are: `basic` or `session`. */
  get scheme(): 'basic' | 'session' {
    return this.auth.scheme
  }

  /** Ends the session (session auth); bounded by `timeoutMs`, never throws. */
  close(signal: AbortSignal, timeoutMs: number): Promise<void> {
    return this.auth.close(signal, timeoutMs)
  }

  private async send(
    request: HttpRequest,
    signal: AbortSignal
  ): Promise<{ response: HttpResponse; credential: Credential }> {
    const credential = await this.auth.credential(signal)
    return { response: await this.sendWith(credential, request, signal), credential }
  }

  /** The request with the credential; an answer other than 401/403 proves the credential good. */
  private async sendWith(credential: Credential, request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    const response = await this.transport(
      { ...request, headers: { ...request.headers, ...credential.headers } },
      signal
    )
    if (!isAuthRefusal(response.status)) credential.accepted()
    return response
  }
}

/** A login (or a renewal) that fails leaves the request unsent: it may be sent again without importing twice. */
async function notSentIfFails<T>(login: Promise<T>): Promise<T> {
  try {
    return await login
  } catch (error) {
    throw error instanceof RequestFault ? error.with({ sent: false }) : error
  }
}
