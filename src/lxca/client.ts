// The LXCA API as this action uses it: "get the job document". Its requests
// go through `send`, which adds authentication and notes whether the
// appliance accepted it; statuses become typed faults in responses.ts.
import type { Authenticator, Credential } from './auth.js'
import { jobUrl, JOB_TYPES, type JobRef } from './job-ref.js'
import { isAuthRefusal, jsonBody, statusFault } from './responses.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'

/** What one request for the job document brought back. */
export interface FetchedJob {
  /** The parsed JSON, not yet understood as a job document. */
  readonly document: unknown
  /** The exact bytes received, for the report file. */
  readonly body: Buffer
}

export class LxcaClient {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: URL,
    private readonly auth: Authenticator
  ) {}

  /** The job document as JSON (not yet understood), and its bytes. Throws PollFault. */
  async getJob(job: JobRef, signal: AbortSignal): Promise<FetchedJob> {
    const url = jobUrl(this.baseUrl, job)
    const what = `GET /${JOB_TYPES[job.type]}/jobs/${job.id}`
    const first = await this.send({ method: 'GET', url }, signal)
    let response = first.response
    if (isAuthRefusal(response.status) && (await this.auth.renew(first.credential, signal))) {
      response = (await this.send({ method: 'GET', url }, signal)).response
    }
    const notFound = `job ${job.id} was not found at ${url.href}: check job-id (and job-type), and that the job is not too old to be kept`
    const fault = statusFault(response, what, notFound)
    if (fault) throw fault
    return { document: jsonBody(response, what), body: response.body }
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
    const response = await this.transport(
      { ...request, headers: { ...request.headers, ...credential.headers } },
      signal
    )
    if (!isAuthRefusal(response.status)) credential.accepted()
    return { response, credential }
  }
}
