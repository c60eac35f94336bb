// Every request's own deadline, cut to the time left before the run's hard
// stop: a re-login at the last poll, or a slow logout, cannot stretch the run.
import { RequestFault } from '../common/errors.js'
import type { Transport } from './transport.js'

export function boundedTransport(
  transport: Transport,
  requestTimeoutMs: number,
  /** Milliseconds left before the hard stop. */
  timeLeft: () => number,
  /** Called once, when the first request has been answered or has failed. */
  onFirstAnswer?: () => void
): Transport {
  let answered = false
  return async (request, signal, timeoutMs = requestTimeoutMs) => {
    const left = Math.floor(timeLeft())
    if (left <= 0) {
      const what = `${request.method} ${request.url.pathname}`
      throw new RequestFault('timeout', `${what}: no time left before the deadline`, false)
    }
    try {
      return await transport(request, signal, Math.min(timeoutMs, left))
    } finally {
      if (!answered) {
        answered = true
        onFirstAnswer?.()
      }
    }
  }
}
