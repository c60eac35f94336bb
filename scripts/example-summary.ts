// Writes the step summary of a realistic large failure to stdout: 1,000
// devices, 100 failed for two causes, worded per device the way LXCA does
// (each user action names the device's own address and number), so the
// screenshot shows the digest collapsing them. The README's screenshot is made from it:
//   npx tsx scripts/example-summary.ts > docs/summary-1000-devices.md
//   npm run render -- docs/summary-1000-devices.md docs/summary-1000-devices.png 1500
import { noSecrets } from '../src/common/secrets.js'
import { parseJob } from '../src/lxca/document.js'
import { assess } from '../src/lxca/verdict.js'
import { deadlineFrom } from '../src/outcome/deadline.js'
import { jobDocument, scriptJob } from '../src/simulator/documents.js'
import { twoCausesPerDevice } from '../src/simulator/scenarios.js'
import { renderGateMarkdown } from '../src/report/markdown/gate-markdown.js'
import { gateView } from '../src/report/model/gate-view.js'

const failures = twoCausesPerDevice(1_000, 10)
const parsed = parseJob(jobDocument(scriptJob({ devices: 1_000, pollsToComplete: 1, failures }), 1))
if (!parsed.ok) throw new Error(parsed.problem)
const assessment = assess(parsed.job, ['SUCCESS'])
const job = {
  status: 'failure' as const,
  job: { id: '4229', type: 'csv' as const },
  seen: { document: parsed.job, assessment },
  wait: { polls: 52, retries: 1, elapsedMs: 843_000 }
}
const outcome = { status: 'failure' as const, jobs: [job], deadline: deadlineFrom(0, 3_600_000, 30_000) }
const view = gateView(outcome, new URL('https://lxca.example.com'), noSecrets)
process.stdout.write(renderGateMarkdown(view))
