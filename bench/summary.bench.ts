// `npm run bench`: renders synthetic jobs of 1, 300 and 1,000 devices (all
// succeeded; 10 % failed; all failed, with long user actions) and prints, per
// case, the median render time, the summary size and the peak heap while
// rendering. Targets (issue 4): 1,000 devices in under 100 ms, every summary
// under 900 KiB. Exits 1 when a target is missed.
import { parseJob } from '../src/lxca/job.js'
import { byteLength } from '../src/summary/markdown.js'
import { jobDocument, scriptJob } from '../src/simulator/documents.js'
import { renderSummary, SUMMARY_BUDGET_BYTES } from '../src/summary/job-summary.js'
import { assess } from '../src/lxca/verdict.js'

const RUNS = 15
const TIME_TARGET_MS = 100
const LONG_ACTION =
  'Check the management network, the BMC credentials and the firmware level, then manage the device again. '.repeat(8)

interface Row {
  devices: number
  mix: string
  medianMs: number
  p95Ms: number
  bytes: number
  peakHeapMiB: number
}

function inputFor(devices: number, failedEvery: number) {
  const failures = Array.from({ length: devices }, (_, device) => device)
    .filter(device => failedEvery > 0 && device % failedEvery === 0)
    .map(device => ({ device, step: 'INV_NODES', userAction: LONG_ACTION }))
  const parsed = parseJob(jobDocument(scriptJob({ devices, pollsToComplete: 1, failures }), 1))
  if (!parsed.ok) throw new Error(parsed.problem)
  const assessment = assess(parsed.job, ['SUCCESS'])
  return {
    outcome: {
      status: failures.length > 0 ? ('failure' as const) : ('success' as const),
      job: parsed.job,
      assessment,
      polls: 40,
      retries: 2,
      elapsedMs: 600_000
    },
    job: { id: '4229', type: 'csv' as const },
    baseUrl: new URL('https://lxca.example.com/'),
    timeoutMs: 3_600_000
  }
}

const rows: Row[] = []
for (const devices of [1, 300, 1000]) {
  for (const [mix, failedEvery] of [
    ['all succeeded', 0],
    ['10 % failed', 10],
    ['all failed', 1]
  ] as const) {
    const input = inputFor(devices, failedEvery)
    renderSummary(input) // warm-up
    const times: number[] = []
    let bytes = 0
    let peak = 0
    for (let i = 0; i < RUNS; i++) {
      const before = process.memoryUsage().heapUsed
      const started = performance.now()
      const markdown = renderSummary(input)
      times.push(performance.now() - started)
      peak = Math.max(peak, process.memoryUsage().heapUsed - before)
      bytes = byteLength(markdown)
    }
    times.sort((a, b) => a - b)
    rows.push({
      devices,
      mix,
      medianMs: times[Math.floor(RUNS / 2)],
      p95Ms: times[Math.ceil(RUNS * 0.95) - 1],
      bytes,
      peakHeapMiB: Math.max(0, peak) / 1024 / 1024
    })
  }
}

const pad = (text: string, width: number): string => text.padStart(width)
console.log(`Summary rendering, ${RUNS} runs per case (Node ${process.version})\n`)
console.log('| devices | mix           | median ms | p95 ms | summary KiB | heap growth MiB |')
console.log('|--------:|---------------|----------:|-------:|------------:|----------------:|')
for (const row of rows) {
  console.log(
    `| ${pad(String(row.devices), 7)} | ${row.mix.padEnd(13)} | ${pad(row.medianMs.toFixed(1), 9)} | ${pad(row.p95Ms.toFixed(1), 6)} | ${pad((row.bytes / 1024).toFixed(1), 11)} | ${pad(row.peakHeapMiB.toFixed(1), 15)} |`
  )
}
console.log(`\nPeak RSS of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)

const slow = rows.filter(row => row.devices === 1000 && row.medianMs >= TIME_TARGET_MS)
const big = rows.filter(row => row.bytes > SUMMARY_BUDGET_BYTES)
if (slow.length > 0 || big.length > 0) {
  console.error(
    `Targets missed: ${slow.length} case(s) at or over ${TIME_TARGET_MS} ms, ${big.length} over ${SUMMARY_BUDGET_BYTES / 1024} KiB`
  )
  process.exitCode = 1
} else {
  console.log(
    `Targets met: 1,000 devices under ${TIME_TARGET_MS} ms; every summary under ${SUMMARY_BUDGET_BYTES / 1024} KiB.`
  )
}
