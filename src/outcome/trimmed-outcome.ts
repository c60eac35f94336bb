// What a finished part's job outcome keeps while the parts after it run: the
// reports are written once the last part ends, so every part's outcome is
// held until then (ten parts of 300 devices each). A device that succeeded
// keeps its step tree's shape (ids, labels and states: the tree shown should
// the inventory later find it not Online), with the names its steps share
// with other devices' kept once, but not the texts of its steps
// (descriptions, user actions, percentages) nor its own long description: no
// report shows them for a device that succeeded. Failed and unfinished
// devices keep everything. The verdict was decided before; nothing here
// changes a result, a state or a count.
import type { Device, StepNode } from '../lxca/document.js'
import type { DeviceAssessment } from '../lxca/verdict.js'
import type { JobOutcome } from './job-outcome.js'

export function trimmedOutcome(outcome: JobOutcome): JobOutcome {
  const { seen } = outcome
  if (!seen) return outcome
  // The same trimmed object in the document and in the assessment: reports match them by identity.
  const trimmed = new Map<Device, Device>()
  const shared = new Map<string, string>()
  for (const item of seen.assessment.devices) {
    if (item.state === 'succeeded') trimmed.set(item.device, trimDevice(item.device, shared))
  }
  if (trimmed.size === 0) return outcome
  const document = { ...seen.document, devices: seen.document.devices.map(device => trimmed.get(device) ?? device) }
  const devices = seen.assessment.devices.map((item): DeviceAssessment => {
    const device = trimmed.get(item.device)
    return device ? { ...item, device } : item
  })
  return { ...outcome, seen: { document, assessment: { ...seen.assessment, devices } } }
}

const NO_STEPS: readonly StepNode[] = Object.freeze([])

function trimDevice(device: Device, shared: Map<string, string>): Device {
  // Every device's tree names the same steps: one copy of each id, label and state (JSON.parse makes one per node).
  const one = (text: string): string => shared.get(text) ?? (shared.set(text, text), text)
  const trimStep = (node: StepNode): StepNode => ({
    id: one(node.id),
    label: one(node.label),
    state: node.state === undefined ? undefined : one(node.state),
    children: node.children.length === 0 ? NO_STEPS : node.children.map(trimStep)
  })
  const { longDescription, steps, ...kept } = device
  return { ...kept, steps: steps.map(trimStep) }
}
