// `npm run bench` (part): renders the step summary of synthetic jobs and
// prints, per case, the median and p95 time from a parsed document to the
// Markdown (view + render), and the summary's size. Cases: 1, 300, 1,000 and
// 100,000 devices, all succeeded, 10 % failed, all failed with 2 KB user
// actions, 30 KB hostile strings, and two causes worded per device. Targets:
// every 1,000-device case ≤ 50 ms median, 100,000 devices ≤ 2 s, every
// summary ≤ 900 KiB; 1,000 devices with 100 failures of two causes ≤ 30 KB,
// and 1,000 failures of two causes worded per device ≤ 150 KB.
// Exits 1 when a target is missed.
import { noSecrets } from '../src/common/secrets.js'
import { deadlineFrom } from '../src/outcome/deadline.js'
import { parseJob } from '../src/lxca/document.js'
import { assess } from '../src/lxca/verdict.js'
import { jobDocument, scriptJob } from '../src/simulator/documents.js'
import { twoCausesPerDevice } from '../src/simulator/scenarios.js'
import { SUMMARY_BUDGET_BYTES } from '../src/report/markdown/budget.js'
import { renderGateMarkdown } from '../src/report/markdown/gate-markdown.js'
import { byteLength } from '../src/report/markdown/escape.js'
import { gateView } from '../src/report/model/gate-view.js'

const TARGETS = { thousandMs: 50, hundredThousandMs: 2_000, twoCausesKB: 30, twoCausesAllFailedKB: 150 }
const ACTION_2KB =
  'Check the management network, the BMC credentials and the firmware level, then manage the device again. '
    .repeat(20)
    .slice(0, 2_048)
const HOSTILE_30KB = '<|>`*_@:www.x [a](b) '.repeat(1_500)

interface Case {
  readonly devices: number
  readonly mix: string
  readonly document: () => unknown
  readonly runs: number
}

function simulated(devices: number, failedEvery: number, userAction = ACTION_2KB): () => unknown {
  const failures = Array.from({ length: devices }, (_, device) => device)
    .filter(device => failedEvery > 0 && device % failedEvery === 0)
    .map(device => ({ device, step: device % 2 ? 'INV_NODES' : 'CFG_SECURITY', userAction }))
  return () => jobDocument(scriptJob({ devices, pollsToComplete: 1, failures }), 1)
}

/** Two real causes worded per device (the address and node number in each user action), full step trees. */
function twoCauses(devices: number, failedEvery: number): () => unknown {
  const failures = twoCausesPerDevice(devices, failedEvery)
  return () => jobDocument(scriptJob({ devices, pollsToComplete: 1, failures }), 1)
}

/** Tiny devices: what a 100,000-device document can hold in 64 MiB. */
function tiny(devices: number, failedEvery: number): () => unknown {
  return () => ({
    progress: 100,
    results: Array.from({ length: devices }, (_, i) => ({
      messageParameters: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      result: failedEvery > 0 && i % failedEvery === 0 ? 'OTHER_FAIL' : 'SUCCESS',
      progress: 'JOB_DONE'
    }))
  })
}

/**
 * Every device carries two 30 KB strings of Markdown and HTML syntax (address
 * and user action): 60 MB for 1,000 devices, as much as fits under the 64 MiB
 * body cap.
 */
function hostile(devices: number): () => unknown {
  return () => ({
    progress: 100,
    results: Array.from({ length: devices }, (_, i) => ({
      messageParameters: `${i} ${HOSTILE_30KB}`,
      result: 'OTHER_FAIL',
      progress: 'JOB_DONE',
      status: {
        substatus: [{ id: 'LOGIN', userAction: `${i % 3} ${HOSTILE_30KB}`, status: { state: 'Stopped_With_Error' } }]
      }
    }))
  })
}

const cases: Case[] = [
  ...[1, 300, 1_000].flatMap((devices): Case[] => [
    { devices, mix: 'all succeeded', document: simulated(devices, 0), runs: 15 },
    { devices, mix: '10 % failed, 2 KB actions', document: simulated(devices, 10), runs: 15 },
    { devices, mix: 'all failed, 2 KB actions', document: simulated(devices, 1), runs: 15 }
  ]),
  { devices: 1_000, mix: '30 KB hostile strings', document: hostile(1_000), runs: 9 },
  { devices: 1_000, mix: '10 % failed, 2 causes per device', document: twoCauses(1_000, 10), runs: 15 },
  { devices: 1_000, mix: 'all failed, 2 causes per device', document: twoCauses(1_000, 1), runs: 15 },
  { devices: 100_000, mix: 'all succeeded', document: tiny(100_000, 0), runs: 5 },
  { devices: 100_000, mix: '10 % failed', document: tiny(100_000, 10), runs: 5 },
  { devices: 100_000, mix: 'all failed', document: tiny(100_000, 1), runs: 5 }
]

interface Row {
  readonly devices: number
  readonly mix: string
  readonly medianMs: number
  readonly p95Ms: number
  readonly bytes: number
}

function measure(item: Case): Row {
  // Through JSON, as the transport delivers it: every string its own, as from a real body.
  const parsed = parseJob(JSON.parse(JSON.stringify(item.document())))
  if (!parsed.ok) throw new Error(parsed.problem)
  const assessment = assess(parsed.job, ['SUCCESS'])
  const status = assessment.verdict === 'success' ? ('success' as const) : ('failure' as const)
  const job = {
    status,
    job: { id: '4229', type: 'csv' as const },
    seen: { document: parsed.job, assessment },
    wait: { polls: 40, retries: 2, elapsedMs: 600_000 }
  }
  const result = { status, jobs: [job], deadline: deadlineFrom(0, 3_600_000, 30_000) }
  const render = (): string => renderGateMarkdown(gateView(result, new URL('https://lxca.example.com'), noSecrets))
  render() // warm-up
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < item.runs; i++) {
    const started = performance.now()
    bytes = byteLength(render())
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return {
    devices: item.devices,
    mix: item.mix,
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.ceil(times.length * 0.95) - 1],
    bytes
  }
}

const rows = cases.map(measure)
const pad = (value: string, width: number): string => value.padStart(width)
console.log(`Step summary rendering (view + Markdown), from a parsed document (Node ${process.version})\n`)
const MIX = Math.max(...rows.map(row => row.mix.length))
console.log(`| devices | ${'mix'.padEnd(MIX)} | median ms | p95 ms | summary KiB |`)
console.log(`|--------:|${'-'.repeat(MIX + 2)}|----------:|-------:|------------:|`)
for (const row of rows) {
  const cells = [
    pad(row.devices.toLocaleString('en-US'), 7),
    row.mix.padEnd(MIX),
    pad(row.medianMs.toFixed(1), 9),
    pad(row.p95Ms.toFixed(1), 6),
    pad((row.bytes / 1024).toFixed(1), 11)
  ]
  console.log(`| ${cells.join(' | ')} |`)
}

/** A summary size target in KB (1,000 bytes, the stricter reading), as a missed-target line when it is missed. */
function sizeTarget(mix: string, kb: number): string[] {
  const row = rows.find(item => item.mix === mix)
  if (!row) return [`${mix}: not measured`]
  return row.bytes > kb * 1000 ? [`${mix}: ${(row.bytes / 1000).toFixed(1)} KB > ${kb} KB`] : []
}

const missed = [
  ...rows
    .filter(row => row.devices === 1_000 && row.medianMs > TARGETS.thousandMs)
    .map(row => `${row.mix} at 1,000 devices: ${row.medianMs.toFixed(1)} ms`),
  ...rows
    .filter(row => row.devices === 100_000 && row.medianMs > TARGETS.hundredThousandMs)
    .map(row => `${row.mix} at 100,000 devices: ${row.medianMs.toFixed(0)} ms`),
  ...rows
    .filter(row => row.bytes > SUMMARY_BUDGET_BYTES)
    .map(row => `${row.mix} at ${row.devices} devices: ${(row.bytes / 1024).toFixed(0)} KiB`),
  ...sizeTarget('10 % failed, 2 causes per device', TARGETS.twoCausesKB),
  ...sizeTarget('all failed, 2 causes per device', TARGETS.twoCausesAllFailedKB)
]
if (missed.length > 0) {
  console.error(`\nTargets missed:\n- ${missed.join('\n- ')}`)
  process.exitCode = 1
} else {
  console.log(
    `\nTargets met: 1,000 devices ≤ ${TARGETS.thousandMs} ms, 100,000 ≤ ${TARGETS.hundredThousandMs} ms, every summary ≤ 900 KiB; two causes worded per device: 100 failures ≤ ${TARGETS.twoCausesKB} KB, 1,000 failures ≤ ${TARGETS.twoCausesAllFailedKB} KB.`
  )
}
