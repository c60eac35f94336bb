// More than 300 servers, or several files, run as the runner runs the bundle
// against the simulator over real TLS: parts of at most 300 rows, each with
// the header, uploaded one at a time, each only after the job before it has
// finished (read from the simulator's own request log).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { Simulator, SimulatorOptions } from '../../src/simulator/server.js'
import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'

const simulator = importSimulators()

/** `rows` servers; `simulate` scripts some rows' fate (by row number, 1-based); `type` replaces a row's Type. */
function csv(rows: number, simulate: Record<number, string> = {}, type: Record<number, string> = {}): string {
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `${type[i + 1] ?? 'server'},10.${(i >> 8) & 255}.${i & 255}.7,node-${i + 1},USERID,Bmc-${i + 1}-pw,${simulate[i + 1] ?? ''}`
  )
  return `${[HEADER, ...lines].join('\r\n')}\r\n`
}

function run(sim: Simulator, files: Record<string, string>, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(
    {
      host: sim.url,
      username: 'admin',
      password: PASSWORD,
      'poll-interval': '200ms',
      'ca-certificate': CA,
      ...inputs
    },
    { files, killAfterMs: 60_000 }
  )
}

/** Device rows and header of each uploaded file. */
const uploaded = (sim: Simulator): Array<{ header: string; rows: string[] }> =>
  sim.uploadedFiles.map(file => {
    const [header, ...rows] = (file ?? Buffer.alloc(0)).toString('utf8').split('\r\n').filter(Boolean)
    return { header, rows }
  })

/** Index in the request log of each POST, and of the last poll of each job (the one that saw it finished). */
function timeline(sim: Simulator): { posts: number[]; lastPoll: Map<string, number> } {
  const posts: number[] = []
  const lastPoll = new Map<string, number>()
  sim.requests.forEach((request, index) => {
    if (request.method === 'POST' && request.path.startsWith('/csvRequest')) posts.push(index)
    const job = /^\/csvRequest\/jobs\/(\d+)$/.exec(request.path)?.[1]
    if (request.method === 'GET' && job) lastPoll.set(job, index)
  })
  return { posts, lastPoll }
}

describe('a CSV of 1,000 servers', () => {
  it('4 POSTs of 300, 300, 300 and 100 rows, each with the header; each after the job before it finished; 4 jobs', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'servers.csv': csv(1_000) }, { 'csv-file': 'servers.csv' })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('success')
    const files = uploaded(sim)
    expect(files.map(file => file.rows.length)).toEqual([300, 300, 300, 100])
    expect(files.every(file => file.header === HEADER)).toBe(true)
    expect(files[1].rows[0]).toContain('node-301,')
    const { posts, lastPoll } = timeline(sim)
    expect(posts).toHaveLength(4)
    for (const [i, job] of ['5001', '5002', '5003'].entries())
      expect(posts[i + 1]).toBeGreaterThan(lastPoll.get(job) ?? Infinity)
    expect([...lastPoll.keys()]).toEqual(['5001', '5002', '5003', '5004'])
    expect(result.outputs['job-id']).toBe('5001,5002,5003,5004')
    expect(result.stdout).toContain('Part 2 of 4 (servers.csv lines 302–601): job 5002 started')
    // How each part ended, outside its group; and no empty group.
    expect(result.stdout).toContain(
      '\n✔ Part 2 of 4 (servers.csv lines 302–601): job 5002 succeeded · all 300 devices managed\n'
    )
    expect(result.stdout).not.toMatch(/::group::[^\n]*\n::endgroup::/)
    expect(result.summary.split('\n')[0]).toMatch(/^## ✅ 1,000 servers in 4 LXCA jobs on \S+&#58; all managed · /)
    expect(result.everything).not.toMatch(/Bmc-\d+-pw/)
  })

  it('a part with failed devices does not stop the next: every part is uploaded, the run is a failure', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'servers.csv': csv(650, { 5: 'fail:LOGIN' }) }, { 'csv-file': 'servers.csv' })
    expect(result.outputs.status).toBe('failure')
    expect(uploaded(sim).map(file => file.rows.length)).toEqual([300, 300, 50])
    expect(result.outputs['job-id']).toBe('5001,5002,5003')
    expect(result.summary).toContain('| 1 | servers.csv | 2–301 | 300 |')
    // The causes once, across the parts (with their step tree); a part's row keeps only its count.
    expect(result.summary).toMatch(
      /\| 1 \| servers\.csv \| 2–301 \| 300 \| \[5001\]\([^)]+\) \| ❌ failed \| 1 failed \|/
    )
    expect(result.summary.match(/^#### Failures by cause/gm)).toEqual(['#### Failures by cause'])
    expect(result.summary).toContain('#### Failures by cause, across all parts (1 device)')
    expect(result.summary.match(/^##### ❌ /gm)).toHaveLength(1)
    expect(result.stdout).toMatch(
      /::error title=OTHER_FAIL at Login,file=servers\.csv,line=6::node-5 \(10\.0\.4\.7\) servers\.csv:6/
    )
  })

  it('a part the appliance refuses (HTTP 400) is "refused, nothing imported", never "could not be checked"', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'servers.csv': csv(650, {}, { 400: 'toaster' }) }, { 'csv-file': 'servers.csv' })
    expect(result.outputs.status).toBe('error')
    expect(sim.uploads()).toBe(2)
    expect(result.summary.split('\n')[0]).toMatch(/&#58; part 2 refused, 1 part not uploaded · /)
    expect(result.summary).toMatch(
      /\| 2 \| servers\.csv \| 302–601 \| 300 \| — \| ⚠️ refused \| nothing imported&#58; /
    )
    expect(result.summary).not.toContain('could not be checked')
  })

  it('a part whose upload resets after the body stops the import: one POST for it, the rest not uploaded', async () => {
    const sim = await simulator({ uploadFaults: [undefined, { kind: 'reset' }] as SimulatorOptions['uploadFaults'] })
    const result = await run(sim, { 'servers.csv': csv(1_000) }, { 'csv-file': 'servers.csv' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(sim.uploads()).toBe(2)
    expect(result.outputs['job-id']).toBe('5001')
    expect(result.summary).toContain(
      '| 2 | servers.csv | 302–601 | 300 | — | ⚠️ could not be checked | may have started&#58; the connection broke before the appliance answered |'
    )
    expect(result.summary).toMatch(
      /\| 3 \| servers\.csv \| 602–901 \| 300 \| — \| ⏭️ not uploaded \| an earlier part stopped the import \|/
    )
    expect(result.summary).toMatch(/\| 4 \| servers\.csv \| 902–1001 \| 100 \| — \| ⏭️ not uploaded \|/)
    // Only the rows never uploaded are offered again: part 2's may have been imported, so it is looked for first.
    const failed = readFileSync(result.outputs['failed-csv'], 'utf8').split('\r\n').filter(Boolean)
    expect(failed).toHaveLength(1 + 400)
    expect(failed[1]).toContain('node-601,')
    expect(result.summary).toContain(
      'The import of servers.csv lines 302–601 may have started under a job we do not know&#58; find it in XClarity Administrator › Monitoring › Jobs'
    )
    expect(result.summary).toContain(
      '2 parts never uploaded, so not imported&#58; servers.csv lines 602–901, servers.csv lines 902–1001. The failed-csv output holds their rows.'
    )
  })
})

describe('validation of a file of several parts', () => {
  it('validates every part and names the bad row by its line in the file (line 420), not in the part', async () => {
    const sim = await simulator()
    const result = await run(
      sim,
      { 'servers.csv': csv(650, {}, { 419: 'toaster' }) },
      { 'csv-file': 'servers.csv', 'validation-only': 'true' }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('failure')
    expect(sim.uploads()).toBe(3)
    expect(result.summary).toContain('servers.csv&#58;420&#58; the device type is not known.')
    expect(result.summary).not.toContain('Line 120&#58;')
  })
})

describe('several files', () => {
  it('a glob uploads the files it matches in sorted order', async () => {
    const sim = await simulator()
    const files = {
      'racks/rack-b.csv': csv(2).replace(/node-/g, 'b-node-'),
      'racks/rack-a.csv': csv(1).replace(/node-/g, 'a-node-'),
      'racks/rack-c.csv': csv(3).replace(/node-/g, 'c-node-'),
      'racks/notes.txt': 'not a CSV'
    }
    const result = await run(sim, files, { 'csv-file': 'racks/*.csv' })
    expect(result.outputs.status).toBe('success')
    expect(uploaded(sim).map(file => file.rows[0].split(',')[2])).toEqual(['a-node-1', 'b-node-1', 'c-node-1'])
    expect(result.outputs['job-id']).toBe('5001,5002,5003')
  })

  it('a pattern that matches nothing is an input error, and nothing is sent', async () => {
    const sim = await simulator()
    const result = await run(sim, { 'servers.csv': csv(1) }, { 'csv-file': 'racks/*.csv' })
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(result.stdout).toContain("Input 'csv-file' has the pattern 'racks/*.csv', which matches no file.")
    expect(sim.requests).toHaveLength(0)
  })
})
