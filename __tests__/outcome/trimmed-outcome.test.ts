import { describe, expect, it } from '@jest/globals'
import type { Device, StepNode } from '../../src/lxca/document.js'
import { withInventory, type Standing } from '../../src/outcome/inventory.js'
import type { JobOutcome } from '../../src/outcome/job-outcome.js'
import { trimmedOutcome } from '../../src/outcome/trimmed-outcome.js'
import { devicesFileContent } from '../../src/report/files/devices-file.js'
import { renderJunit } from '../../src/report/files/junit.js'
import { renderGateMarkdown } from '../../src/report/markdown/gate-markdown.js'
import { jobDocument, scriptJob } from '../../src/simulator/documents.js'
import { outcomeFor, singleJob, viewOf } from '../helpers/outcomes.js'

/** Four devices with LXCA's whole step tree, its texts included; the second fails at a security step. */
const raw = jobDocument(
  scriptJob({
    devices: 4,
    pollsToComplete: 1,
    failures: [{ device: 1, step: 'CFG_SECURITY', userAction: 'Check the BMC credentials.' }]
  }),
  1
)

const texts = (nodes: readonly StepNode[]): string[] =>
  nodes.flatMap(node => [
    ...[node.longDescription, node.userAction, node.percentage].filter(value => value !== undefined).map(String),
    ...texts(node.children)
  ])
const shape = (nodes: readonly StepNode[]): string =>
  nodes.map(node => `${node.id}|${node.label}|${node.state ?? ''}(${shape(node.children)})`).join(',')

/** Every report a run writes from the outcome. */
function reports(outcome: JobOutcome): string[] {
  const view = viewOf(singleJob(outcome))
  return [renderGateMarkdown(view), devicesFileContent(view), renderJunit(view, new Date(0))]
}

describe('trimmedOutcome', () => {
  const outcome = outcomeFor(raw, 'failure')
  const trimmed = trimmedOutcome(outcome)
  const before = outcome.seen?.assessment.devices ?? []
  const after = trimmed.seen?.assessment.devices ?? []

  it('drops the texts of the steps of devices that succeeded, and keeps each tree’s shape', () => {
    expect(before.filter(item => item.state === 'succeeded')).toHaveLength(3)
    for (const [index, item] of after.entries()) {
      if (item.state !== 'succeeded') continue
      expect(texts(before[index].device.steps).length).toBeGreaterThan(0)
      expect(texts(item.device.steps)).toEqual([])
      expect(item.device.longDescription).toBeUndefined()
      expect(shape(item.device.steps)).toBe(shape(before[index].device.steps))
      expect({ ...item.device, steps: [] }).toEqual({ ...before[index].device, longDescription: undefined, steps: [] })
    }
  })

  it('keeps a failed device whole, and the verdict, the counts and the status as they were', () => {
    expect(after[1]).toBe(before[1])
    expect(trimmed.status).toBe(outcome.status)
    const { devices: _devices, ...counts } = trimmed.seen?.assessment ?? {}
    const { devices: _before, ...countsBefore } = outcome.seen?.assessment ?? {}
    expect(counts).toEqual(countsBefore)
  })

  it('puts the same device in the document and in the assessment (reports match them by identity)', () => {
    expect(trimmed.seen?.document.devices).toEqual(after.map(item => item.device))
    for (const [index, device] of (trimmed.seen?.document.devices ?? []).entries())
      expect(device).toBe(after[index].device)
  })

  it('changes nothing any report shows: summary, devices file and JUnit', () => {
    expect(reports(trimmed)).toEqual(reports(outcome))
  })

  it('changes nothing shown when the inventory later fails a device that succeeded, step tree included', () => {
    const notOnline = (job: JobOutcome): JobOutcome => {
      const third = job.seen?.assessment.devices[2].device as Device
      const entry = { list: 'nodes' as const, addresses: [third.address], names: [], accessState: 'Offline' }
      return withInventory(job, new Map<Device, Standing>([[third, { kind: 'not-online', entry }]]), false)
    }
    const [summary] = reports(notOnline(trimmed))
    expect(summary).toContain('NOT_ONLINE')
    expect(reports(notOnline(trimmed))).toEqual(reports(notOnline(outcome)))
  })

  it('leaves an outcome with no device that succeeded, or with no document, as it is', () => {
    const failed = outcomeFor(
      jobDocument(scriptJob({ devices: 1, pollsToComplete: 1, failures: [{ device: 0, step: 'CFG_SECURITY' }] }), 1),
      'failure'
    )
    expect(trimmedOutcome(failed)).toBe(failed)
    const unseen: JobOutcome = { ...failed, status: 'cancelled', seen: undefined }
    expect(trimmedOutcome(unseen)).toBe(unseen)
  })
})
