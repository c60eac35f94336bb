// `npm start`: the whole story, run as the GitHub runner runs the bundled
// action (node dist/index.js), against the project's LXCA simulator:
//  1. validate examples/servers.csv on the appliance (validation-only: true),
//  2. upload it, wait for the import's job, and gate on it: one of its four
//     servers fails at Inventory › Chassis inventory, so the step fails,
//  3. run the same step again once the server is fixed: the appliance's
//     inventory lists the three managed servers, so only the fourth is
//     uploaded, and the step passes.
// Prints each run's log, outputs and step summary, and exits 0 when every run
// ended as expected.
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../src/simulator/server.js'
import { runAction } from './run-action.js'

/** The repository is the workspace, as after actions/checkout: paths are relative to it. */
const WORKSPACE = fileURLToPath(new URL('..', import.meta.url))
const password = 'demo-Passw0rd'
const simulator = await startSimulator({ password, jobs: {}, importPolls: 3 })

const rule = (title: string): void =>
  console.log(`\n${'═'.repeat(8)} ${title} ${'═'.repeat(Math.max(4, 70 - title.length))}`)
const runs: Array<{ title: string; inputs: Record<string, string>; expected: number }> = [
  {
    title: 'validate examples/servers.csv (validation-only: true)',
    inputs: { 'validation-only': 'true' },
    expected: 0
  },
  { title: 'upload examples/servers.csv, then wait for its job', inputs: {}, expected: 1 },
  { title: 'the same step again, once node 3 is fixed: only what is left is uploaded', inputs: {}, expected: 0 }
]
let ok = true
for (const { title, inputs, expected } of runs) {
  rule(`${title}: node dist/index.js against ${simulator.url}`)
  const result = await runAction(
    {
      host: simulator.url,
      username: 'admin',
      password,
      'csv-file': 'examples/servers.csv',
      'poll-interval': '1s',
      'ca-certificate': 'src/simulator/certs/simulator-ca.pem',
      ...inputs
    },
    { workspace: WORKSPACE }
  )
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  rule('outputs')
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name} = ${value}`)
  rule(`step summary (${result.outputs['summary-file'] || 'GITHUB_STEP_SUMMARY'})`)
  console.log(result.summary)
  console.log(`exit code ${result.code} (expected ${expected})`)
  ok &&= result.code === expected
}
const sizes = simulator.uploadedFiles.map(
  file => (file ?? Buffer.alloc(0)).toString('utf8').trim().split('\n').length - 1
)
console.log(
  `\nThe simulator received ${simulator.uploads()} uploads of ${sizes.join(', ')} rows: a validation, an import, and the import again of the one row that failed.`
)
await simulator.close()
process.exitCode = ok && sizes.join(',') === '4,4,1' ? 0 : 1
