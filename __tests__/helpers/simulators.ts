// The simulators (and proxies) a test file starts, closed after each test:
// one factory for every file that runs against the simulator.
import { afterEach } from '@jest/globals'
import { scriptJob } from '../../src/simulator/documents.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'

interface Closable {
  close(): Promise<void>
}

/** The jobs most tests wait on: 4229 succeeds, 4230 fails a device at the chassis inventory, 4231 never ends. */
export const STANDARD_JOBS: SimulatorOptions['jobs'] = {
  '4229': scriptJob({ devices: 3, pollsToComplete: 3 }),
  '4230': scriptJob({
    devices: 3,
    pollsToComplete: 2,
    failures: [{ device: 2, step: 'INV_CHASSIS', userAction: 'Reseat the chassis management module.' }]
  }),
  '4231': scriptJob({ devices: 2, pollsToComplete: Infinity })
}

export interface SimulatorFactory {
  (options?: Partial<SimulatorOptions>): Promise<Simulator>
  /** Closes `item` after the test too (a proxy, a second server). */
  track<T extends Closable>(item: T): T
}

/** A factory whose simulators start with `defaults` (each test may add its own options) and close after each test. */
export function simulators(defaults: Partial<SimulatorOptions> = {}): SimulatorFactory {
  const running: Closable[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map(item => item.close()))
  })
  const track = <T extends Closable>(item: T): T => {
    running.push(item)
    return item
  }
  const start = async (options: Partial<SimulatorOptions> = {}): Promise<Simulator> =>
    track(await startSimulator({ jobs: {}, ...defaults, ...options }))
  return Object.assign(start, { track })
}
