// `npm run bench` (part): how long from spawning the bundled action to its
// first request reaching the appliance, beside a bare `node` script that
// sends one HTTPS request, measured in the same run against the same
// simulator. Aim (issue 28): the action within 1.25x of the bare script, median of 9. It is an aim,
// reported but not failed on: the ratio of two ~80 ms numbers moves by 0.1
// with the machine's load from one run to the next.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { BUNDLE } from '../scripts/run-action.js'
import { scriptJob } from '../src/simulator/documents.js'
import { SIMULATOR_CA, startSimulator } from '../src/simulator/server.js'

const RUNS = Number(process.env.STARTUP_RUNS ?? 9)
const TARGET_RATIO = 1.25

const simulator = await startSimulator({ jobs: { '4229': scriptJob({ devices: 3, pollsToComplete: 1 }) } })
const ca = readFileSync(SIMULATOR_CA, 'utf8')

/** Spawns `args`, resolves with ms from spawn to the simulator's next request; kills the child. */
async function firstRequest(args: string[], env: Record<string, string>): Promise<number> {
  const before = simulator.requests.length
  const started = performance.now()
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' })
  while (simulator.requests.length === before) await new Promise(resolve => setTimeout(resolve, 1))
  const ms = simulator.requests[before].at - started
  child.kill('SIGKILL')
  await new Promise(resolve => child.once('close', resolve))
  return ms
}

const bare = `
const https = require('node:https')
https.get(process.env.URL + '/csvRequest/jobs/4229', { ca: process.env.CA, headers: { authorization: 'Basic x' } }, r => r.resume())
`
const actionEnv = {
  INPUT_HOST: simulator.url,
  INPUT_USERNAME: 'admin',
  INPUT_PASSWORD: 'Passw0rd!',
  'INPUT_JOB-ID': '4229',
  'INPUT_CA-CERTIFICATE': SIMULATOR_CA,
  GITHUB_OUTPUT: '/dev/null',
  GITHUB_STEP_SUMMARY: '/dev/null'
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const bareTimes: number[] = []
const actionTimes: number[] = []
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so that a busy moment weighs on both.
  bareTimes.push(await firstRequest(['-e', bare], { URL: simulator.url, CA: ca }))
  actionTimes.push(await firstRequest([BUNDLE], actionEnv))
}
await simulator.close()
const ratio = median(actionTimes) / median(bareTimes)
console.log(`\nStartup, spawn → first request at the appliance, median of ${RUNS} (Node ${process.version})`)
console.log(`| bare node HTTPS request | ${median(bareTimes).toFixed(0)} ms |`)
console.log(`| node dist/index.js      | ${median(actionTimes).toFixed(0)} ms |`)
console.log(
  `| ratio                   | ${ratio.toFixed(2)}× (aim ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'missed this run'}) |`
)
