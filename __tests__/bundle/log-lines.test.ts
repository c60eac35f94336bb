// The log as the run page shows it, for a job of a site's size: one
// summarised line per poll, failures named first, device-by-device lines only
// under debug. A 1,000-device job polled 6 times stays under 120 visible lines.
import { describe, expect, it } from '@jest/globals'
import { scriptJob, simulatedDevice } from '../../src/simulator/documents.js'
import { runAction } from '../../scripts/run-action.js'
import { CA, PASSWORD } from '../helpers/import-simulator.js'
import { simulators } from '../helpers/simulators.js'

const simulator = simulators({ password: PASSWORD })

/** What the runner shows: not the masks, the debug lines (hidden unless debug logging is on) or the group ends. */
function visibleLines(stdout: string): string[] {
  return stdout.split('\n').filter(line => line.trim() !== '' && !/^::(add-mask|debug|endgroup)::/.test(line))
}

describe('the log of a 1,000-device job', () => {
  it('polled 6 times: at most 120 visible lines, failures named first, devices one by one only under debug', async () => {
    const failures = Array.from({ length: 30 }, (_, i) => ({ device: i * 33, step: 'LOGIN' }))
    const sim = await simulator({ jobs: { '4229': scriptJob({ devices: 1_000, pollsToComplete: 6, failures }) } })
    const result = await runAction(
      {
        host: sim.url,
        username: 'admin',
        password: PASSWORD,
        'job-id': '4229',
        'poll-interval': '200ms',
        'ca-certificate': CA
      },
      { killAfterMs: 60_000 }
    )
    expect(result.outputs.status).toBe('failure')
    expect(sim.requests.filter(request => request.path === '/csvRequest/jobs/4229').length).toBeGreaterThanOrEqual(6)
    const visible = visibleLines(result.stdout)
    expect(visible.length).toBeLessThanOrEqual(120)
    // A device's own line is a debug line: never visible but in an annotation.
    const device = simulatedDevice(1).address
    expect(visible.filter(line => line.includes(`${device} `) && !line.startsWith('::'))).toEqual([])
    expect(result.stdout).toMatch(new RegExp(`^::debug::.*${device.replace(/\./g, '\\.')}`, 'm'))
    // Within a progress line, the failures come first.
    const progress = visible.filter(line => line.startsWith('Job progress ') && line.includes(' failed ('))
    expect(progress.length).toBeGreaterThan(0)
    for (const line of progress) expect(line.split(' · ')[1]).toMatch(/^[\d,]+ failed/)
  })
})
