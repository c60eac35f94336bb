// Typed errors. Each carries what the caller needs to decide (retry or not)
// and a message written for the person reading the run page.

/** What is wrong with one input or environment variable. */
export interface InputProblem {
  /** The input's name (`timeout`), when it is about an input. */
  readonly input?: string
  /** The environment variable's name (`HTTPS_PROXY`), when it is about one. */
  readonly variable?: string
  /** What is wrong and what is expected, to follow the name: "has an invalid value 'x'. Expected …". */
  readonly message: string
}

/** How the Action names a problem's subject. */
function actionSubject(problem: InputProblem): string {
  return problem.input !== undefined ? `Input '${problem.input}'` : `Environment variable ${problem.variable}`
}

/** One or more inputs are invalid. Raised before any request is made. */
export class InputError extends Error {
  /** Each problem as one sentence, named the Action's way (the command line names its flags instead). */
  readonly sentences: readonly string[]

  constructor(readonly problems: readonly InputProblem[]) {
    const sentences = problems.map(problem => `${actionSubject(problem)} ${problem.message}`)
    super(sentences.join('\n'))
    this.sentences = sentences
    this.name = 'InputError'
  }
}

/** A command line that cannot be read (an unknown flag, a flag without its value): one sentence, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export type FaultKind =
  | 'network' // connection refused/reset, DNS, socket errors
  | 'timeout' // our own per-request deadline
  | 'proxy' // the proxy refused or could not be reached
  | 'tls' // certificate or handshake problem
  | 'http' // an HTTP status we do not accept
  | 'auth' // credentials refused
  | 'not-found' // the job does not exist
  | 'redirect' // 3xx: never followed with credentials
  | 'body' // a body that is not usable JSON (empty, HTML, cut off, too large)
  | 'shape' // JSON we do not understand as a job document
  | 'cancelled' // the workflow was cancelled

/** What else is known about a fault. */
export interface FaultDetails {
  /** Raw `Retry-After` header value, when the server sent one. */
  readonly retryAfter?: string
  /** The HTTP status that caused it, when there was one. */
  readonly status?: number
  /**
   * Whether any byte of the request may have reached the server. False only
   * when it provably did not (refused connection, DNS, TLS before the request,
   * a proxy that would not open the tunnel): the one case where sending an
   * upload again cannot import the same servers twice.
   */
  readonly sent?: boolean
  /**
   * What exactly went wrong, when the reader's fix depends on it: the system's
   * error code (`ECONNREFUSED`), why a certificate was rejected (`expired`),
   * or how the appliance authenticates (`basic`, `session`).
   */
  readonly code?: string
  /** `host:port` the request was for, when it never got an answer. */
  readonly endpoint?: string
}

/**
 * Something went wrong while asking the appliance. `retryable` separates "the
 * network hiccuped, ask again" from "asking again cannot help".
 */
export class RequestFault extends Error {
  readonly retryAfter?: string
  readonly status?: number
  readonly sent?: boolean
  readonly code?: string
  readonly endpoint?: string

  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly retryable: boolean,
    details: FaultDetails = {}
  ) {
    super(message)
    this.name = 'RequestFault'
    this.retryAfter = details.retryAfter
    this.status = details.status
    this.sent = details.sent
    this.code = details.code
    this.endpoint = details.endpoint
  }

  /** The same fault, with more known about it (whether it was sent, how the appliance authenticates…). */
  with(details: FaultDetails, retryable = this.retryable): RequestFault {
    const { retryAfter, status, sent, code, endpoint } = this
    return new RequestFault(this.kind, this.message, retryable, {
      ...{ retryAfter, status, sent, code, endpoint },
      ...details
    })
  }
}

/** A message for any thrown value, without a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
