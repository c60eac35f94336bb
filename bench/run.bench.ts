// `npm run bench` (part): whole runs of the built action (node dist/index.js,
// as the runner starts it) against the simulator, with the wall time and the
// peak RSS of each, beside a bare `node` that makes one HTTPS request and one
// that GETs, reads and parses the same document, measured in the same run.
// Targets (issue 28): a 1,000-device failed job with 2 KB user actions within
// 2× the bare GET of the same document and 110 MiB; 100,000 devices (the
// most a job may list) a verdict within 2 s and 400 MiB; a 64 MiB document of
// tiny devices (the body cap) a clear error within 1 GiB; a 5 MiB CSV
// validated within 100 MiB; 3,000 devices imported in 10 parts of 300, one job
// after the other, within 10 s and 150 MiB.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLE } from '../scripts/run-action.js'
import { jobDocument, scriptJob } from '../src/simulator/documents.js'
import { SIMULATOR_CA, startSimulator } from '../src/simulator/server.js'

const RUNS = Number(process.env.RUN_BENCH_RUNS ?? 5)
const dir = mkdtempSync(join(tmpdir(), 'lxca-run-bench-'))
/** Loaded first into every measured process: writes its peak RSS (KiB) where RSS_FILE says. */
const preload = join(dir, 'rss.mjs')
writeFileSync(
  preload,
  "import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)))\n"
)

interface Measured {
  readonly ms: number
  readonly rssMiB: number
  readonly stdout: string
}

async function measure(args: string[], env: Record<string, string>): Promise<Measured> {
  const rssFile = join(dir, `rss-${Math.random()}`)
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', preload, ...args], {
    env: { PATH: process.env.PATH ?? '', RSS_FILE: rssFile, ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  await new Promise(resolve => child.on('close', resolve))
  return { ms: performance.now() - started, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const action2kb =
  'Check the management network, the BMC credentials and the firmware level, then manage the device again. '
const failedJob = JSON.stringify(
  jobDocument(
    scriptJob({
      devices: 1_000,
      pollsToComplete: 1,
      failures: Array.from({ length: 1_000 }, (_, device) => ({
        device,
        step: device % 2 ? 'INV_NODES' : 'CFG_SECURITY',
        userAction: action2kb.repeat(20).slice(0, 2_048)
      }))
    }),
    1
  )
)
/** 100,000 devices (the most a job may list) with a small step tree each, about 60 MiB: a verdict, not an error. */
const mediumAddresses = Array.from({ length: 100_000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`)
const mediumDevices = mediumAddresses.map((address, i) =>
  JSON.stringify({
    messageParameters: address,
    uuid: i.toString(16).padStart(32, '0'),
    result: i % 50 === 0 ? 'OTHER_FAIL' : 'SUCCESS',
    progress: 'JOB_DONE',
    status: {
      state: 'Complete',
      substatus: [
        {
          id: 'LOGIN',
          shortDescription: 'Login',
          status: { state: i % 50 === 0 ? 'Stopped_With_Error' : 'Complete' },
          userAction: i % 50 === 0 ? 'Check the BMC credentials, then manage the device again.' : ''
        },
        {
          id: 'INVENTORY',
          shortDescription: 'Inventory',
          status: {
            state: 'Complete',
            substatus: [{ id: 'INV_NODES', shortDescription: 'Node inventory', status: { state: 'Complete' } }]
          }
        }
      ]
    }
  })
)
const mediumDocument = `{"progress":100,"status":"INCOMPLETE","results":[${mediumDevices.join(',')}]}`
const tinyDevice = '{"result":"SUCCESS","progress":"JOB_DONE"}'
const tinyCount = Math.floor((64 * 1024 * 1024 - 64) / (tinyDevice.length + 1))
const hugeDocument = `{"progress":100,"results":[${Array(tinyCount).fill(tinyDevice).join(',')}]}`

const simulator = await startSimulator({ jobs: { '4229': scriptJob({ devices: 1, pollsToComplete: 1 }) } })
const actionEnv = (): Record<string, string> => {
  // The runner creates these files before the step starts.
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary.md'), '')
  return {
    INPUT_HOST: simulator.url,
    INPUT_USERNAME: 'admin',
    INPUT_PASSWORD: 'Passw0rd!',
    'INPUT_JOB-ID': '4229',
    'INPUT_CA-CERTIFICATE': SIMULATOR_CA,
    'INPUT_REQUEST-TIMEOUT': '2m',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    RUNNER_TEMP: dir
  }
}
const bare =
  "require('node:https').get(process.env.URL + '/csvRequest/jobs/4229', { ca: process.env.CA, headers: { authorization: 'Basic YWRtaW46UGFzc3cwcmQh' } }, r => r.resume())"

const rows: Array<{ what: string; ms: number; rssMiB: number }> = []
async function row(what: string, args: () => Promise<Measured>): Promise<Measured> {
  const runs: Measured[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await args())
  rows.push({ what, ms: median(runs.map(r => r.ms)), rssMiB: median(runs.map(r => r.rssMiB)) })
  return runs[0]
}

await row('bare node, one HTTPS request', () =>
  measure(['-e', bare], { URL: simulator.url, CA: readFileSync(SIMULATOR_CA, 'utf8') })
)
await simulator.close()

/** The floor for a document: a bare node GET of it, its body read whole and parsed. */
const bareRead =
  "require('node:https').get(process.env.URL + '/csvRequest/jobs/4229', { ca: process.env.CA, headers: { authorization: 'Basic YWRtaW46UGFzc3cwcmQh' } }, r => { const c = []; r.on('data', d => c.push(d)); r.on('end', () => JSON.parse(Buffer.concat(c).toString('utf8'))) })"

// A simulator per case that serves the document for every poll (and for the bare GET beside it),
// its inventory listing `managed` Online: verify-inventory is on, as by default, and reads it.
async function served(body: string, what: string, withBare = false, managed: string[] = []): Promise<Measured> {
  const faults = Array.from({ length: RUNS * 4 }, () => ({ kind: 'body' as const, body }))
  const seeds = managed.map(address => ({ address }))
  const sim = await startSimulator({ jobs: { '4229': scriptJob({ devices: 1 }) }, faults, managed: seeds })
  const env = { ...actionEnv(), INPUT_HOST: sim.url }
  try {
    if (withBare)
      await row(`bare node GET of the same document, read and parsed`, () =>
        measure(['-e', bareRead], { URL: sim.url, CA: readFileSync(SIMULATOR_CA, 'utf8') })
      )
    return await row(what, () => measure([BUNDLE], env))
  } finally {
    await sim.close()
  }
}
const failed = await served(
  failedJob,
  `action, 1,000 failed devices, 2 KB user actions (${(failedJob.length / 1048576).toFixed(1)} MiB)`,
  true
)
const medium = await served(
  mediumDocument,
  `action, 100,000 devices with step trees, 2,000 failed (${(mediumDocument.length / 1048576).toFixed(0)} MiB), 98,000 found Online in the inventory`,
  false,
  mediumAddresses.filter((_, i) => i % 50 !== 0)
)
const huge = await served(hugeDocument, `action, ${tinyCount.toLocaleString('en-US')} tiny devices (64 MiB)`)

/** 300 rows of about 17 KB each (a long notes column): a CSV at the 5 MiB limit. */
const wideCsv = join(dir, 'wide.csv')
const notes = 'Rack 12, row B, behind the PDU; '.repeat(540).slice(0, 17_400)
writeFileSync(
  wideCsv,
  ['Type,IP Address,Display Name,User ID,Password,Notes']
    .concat(Array.from({ length: 300 }, (_, i) => `server,10.240.9.${i % 250},node-${i},USERID,Bmc-${i}-pw,${notes}`))
    .join('\r\n')
)
const csvSim = await startSimulator({ jobs: {} })
const csv = await row(
  `action, validation-only of a ${(readFileSync(wideCsv).length / 1048576).toFixed(1)} MiB CSV`,
  () =>
    measure([BUNDLE], {
      ...actionEnv(),
      INPUT_HOST: csvSim.url,
      'INPUT_JOB-ID': '',
      'INPUT_CSV-FILE': wideCsv,
      'INPUT_VALIDATION-ONLY': 'true'
    })
)
await csvSim.close()

/** 3,000 servers in one CSV: 10 parts of 300, uploaded and waited for one at a time (jobs that finish at once). */
const siteCsv = join(dir, 'site.csv')
writeFileSync(
  siteCsv,
  ['Type,IP Address,Display Name,User ID,Password']
    .concat(Array.from({ length: 3_000 }, (_, i) => `server,10.${i >> 8}.${i & 255}.9,node-${i},USERID,Bmc-${i}-pw`))
    .join('\r\n')
)
// A fresh appliance for every run: on one that imported them already, skip-managed (on by default) would upload nothing.
const sequence = await row('action, 3,000 devices imported in 10 parts of 300, one job at a time', async () => {
  const sequenceSim = await startSimulator({ jobs: {}, importPolls: 1 })
  try {
    return await measure([BUNDLE], {
      ...actionEnv(),
      INPUT_HOST: sequenceSim.url,
      'INPUT_JOB-ID': '',
      'INPUT_CSV-FILE': siteCsv,
      'INPUT_POLL-INTERVAL': '100ms'
    })
  } finally {
    await sequenceSim.close()
  }
})

console.log(`\nWhole runs, spawn to exit, median of ${RUNS} (Node ${process.version})\n`)
console.log('| run | wall ms | peak RSS MiB |')
console.log('|---|--:|--:|')
for (const item of rows) console.log(`| ${item.what} | ${item.ms.toFixed(0)} | ${item.rssMiB.toFixed(0)} |`)

const problems: string[] = []
if (!failed.stdout.includes('::error::1,000 of 1,000 devices failed'))
  problems.push('the 1,000-device run did not end as failure')
if (!medium.stdout.includes('::error::2,000 of 100,000 devices failed'))
  problems.push('the 100,000-device run did not end as failure')
const countError = `the job lists ${tinyCount.toLocaleString('en-US')} devices; at most 100,000 are supported`
if (!huge.stdout.includes(countError)) problems.push('the 64 MiB run did not end with the device-count error')
if (!csv.stdout.includes('is valid on')) problems.push('the 5 MiB CSV was not validated')
if (
  !/Part 10 of 10 \(.*\): job 5010 started/.test(sequence.stdout) ||
  !sequence.stdout.includes('0 rows of 3,000 already managed')
)
  problems.push('the 10-part import did not upload all 3,000 rows and start job 10')
const [, bareSameRow, failedRow, mediumRow, hugeRow, csvRow, sequenceRow] = rows
const ratio = failedRow.ms / bareSameRow.ms
console.log(
  `\n1,000 failed devices: ${ratio.toFixed(2)}× a bare GET of the same document (target ≤ 2×), ${failedRow.rssMiB.toFixed(0)} MiB (target ≤ 110 MiB)`
)
console.log(
  `100,000 devices: ${mediumRow.ms.toFixed(0)} ms (target ≤ 2,000 ms), ${mediumRow.rssMiB.toFixed(0)} MiB (target ≤ 400 MiB)`
)
console.log(`3,000 rows in 10 parts: ${sequenceRow.rssMiB.toFixed(0)} MiB (target ≤ 150 MiB)`)
if (ratio > 2) problems.push(`1,000-device run: ${ratio.toFixed(2)}× a bare GET of the same document > 2×`)
if (failedRow.rssMiB > 110) problems.push(`1,000-device run: ${failedRow.rssMiB.toFixed(0)} MiB > 110 MiB`)
if (mediumRow.ms > 2_000) problems.push(`${mediumRow.what}: ${mediumRow.ms.toFixed(0)} ms > 2 s`)
if (mediumRow.rssMiB > 400) problems.push(`${mediumRow.what}: ${mediumRow.rssMiB.toFixed(0)} MiB > 400 MiB`)
if (hugeRow.rssMiB > 1024) problems.push(`${hugeRow.what}: ${hugeRow.rssMiB.toFixed(0)} MiB > 1 GiB`)
if (csvRow.rssMiB > 100) problems.push(`${csvRow.what}: ${csvRow.rssMiB.toFixed(0)} MiB > 100 MiB`)
if (sequenceRow.ms > 10_000) problems.push(`${sequenceRow.what}: ${sequenceRow.ms.toFixed(0)} ms > 10 s`)
if (sequenceRow.rssMiB > 150) problems.push(`${sequenceRow.what}: ${sequenceRow.rssMiB.toFixed(0)} MiB > 150 MiB`)
if (problems.length > 0) {
  console.error(`\nTargets missed:\n- ${problems.join('\n- ')}`)
  process.exitCode = 1
} else {
  console.log(
    '\nTargets met: 1,000 failed devices ≤ 2× a bare GET of the same document and ≤ 110 MiB; 100,000 devices: a verdict within 2 s and 400 MiB; 64 MiB of tiny devices: a clear error within 1 GiB; a 5 MiB CSV within 100 MiB; 3,000 devices in 10 parts within 10 s and 150 MiB.'
  )
}
