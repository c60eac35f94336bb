// The simulator the bundle's import tests start (a fresh one per test, closed
// after it): no scripted jobs, every upload's job done after two good polls.
import { readFileSync } from 'node:fs'
import { SIMULATOR_CA, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js'
import { simulators } from './simulators.js'

export const PASSWORD = 'Sup3r-S3cret-Pa55'
export const CA = readFileSync(SIMULATOR_CA, 'utf8')
/** Lenovo's columns, and the simulator's own `Simulate`. */
export const HEADER = 'Type,IP Address,Display Name,User ID,Password,Simulate'

/** A simulator factory whose simulators are closed after each test of the file that calls it. */
export function importSimulators(): (options?: Partial<SimulatorOptions>) => Promise<Simulator> {
  return simulators({ jobs: {}, password: PASSWORD, importPolls: 2 })
}
