// Scenarios for the benches, the tests and the README's screenshot: job
// seeds shaped like what real appliances send.
import { simulatedDevice, type JobSeed } from './documents.js'

/**
 * Two real causes worded per device, as LXCA often words a user action: the
 * device's address and node number in the text. Every `failedEvery`-th device
 * fails, alternately at the node inventory and at the security settings.
 */
export function twoCausesPerDevice(devices: number, failedEvery: number): NonNullable<JobSeed['failures']> {
  return Array.from({ length: devices }, (_, device) => device)
    .filter(device => device % failedEvery === 0)
    .map((device, index) => {
      const who = `Device ${simulatedDevice(device).address} (node ${device + 1})`
      return index % 2
        ? {
            device,
            step: 'CFG_SECURITY',
            userAction: `${who}: verify that the BMC security settings allow management, then manage the device again.`
          }
        : {
            device,
            step: 'INV_NODES',
            userAction: `${who}: verify that the node is powered on and its XCC is reachable from the appliance, then manage it again.`
          }
    })
}
