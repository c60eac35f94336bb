// A wrong host or port is the most common first-run mistake: until the
// appliance has answered once, a request that finds nothing there (refused,
// no route, a name that does not resolve for now) is given a short grace, a
// few quick retries, instead of the whole fault budget meant for an appliance
// that restarts. Once it has answered, the full budget applies again.
import type { RequestFault } from '../common/errors.js'

/** How long nothing may answer before the run says so and stops. */
export const UNREACHABLE_GRACE_MS = 30_000

/**
 * System codes that mean nothing answers at that address: refused, no route,
 * no such name (ENOTFOUND ends the run at once anyway: it is not retried).
 */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN', 'ENOTFOUND'])

export function findsNothing(fault: Pick<RequestFault, 'kind' | 'code'>): boolean {
  return fault.kind === 'network' && NOTHING_THERE.has(fault.code ?? '')
}

export class Reachability {
  private answered = false
  private since?: number

  /** Something answered: the appliance is there. */
  heard(): void {
    this.answered = true
    this.since = undefined
  }

  /** After `fault` at `now`: for how long nothing has answered, or undefined when that is not the question. */
  silentFor(fault: RequestFault, now: number): number | undefined {
    if (fault.status !== undefined) this.heard()
    if (this.answered || !findsNothing(fault)) return undefined
    this.since ??= now
    return now - this.since
  }
}
