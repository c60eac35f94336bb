// `npm start`: runs the bundled action (dist/index.js), exactly as the
// runner would, against the project's LXCA simulator: one job that succeeds
// and one where a device fails. Prints the logs, outputs and the step summary.
import { SIMULATOR_CA, startSimulator } from '../src/simulator/server.js'
import { scriptJob } from '../src/simulator/documents.js'
import { runAction } from './run-action.js'

const password = 'demo-Passw0rd'
const simulator = await startSimulator({
  password,
  jobs: {
    '4229': scriptJob({ devices: 3, pollsToComplete: 3 }),
    '4230': scriptJob({
      devices: 3,
      pollsToComplete: 3,
      failures: [
        {
          device: 1,
          step: 'INV_CHASSIS',
          userAction:
            'Verify that the chassis management module is reachable and its firmware is supported, then manage the chassis again.'
        }
      ]
    })
  }
})

const rule = (title: string): void =>
  console.log(`\n${'═'.repeat(8)} ${title} ${'═'.repeat(Math.max(4, 70 - title.length))}`)
let ok = true
for (const [jobId, expected] of [
  ['4229', 0],
  ['4230', 1]
] as const) {
  rule(`job ${jobId}: node dist/index.js against ${simulator.url}`)
  const result = await runAction({
    host: simulator.url,
    username: 'admin',
    password,
    'job-id': jobId,
    'poll-interval': '1s',
    'ca-certificate': SIMULATOR_CA
  })
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  rule(`job ${jobId}: outputs`)
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name} = ${value}`)
  rule(`job ${jobId}: step summary (${result.outputs['summary-file']})`)
  console.log(result.summary)
  console.log(`exit code ${result.code} (expected ${expected})`)
  ok &&= result.code === expected
}
await simulator.close()
process.exitCode = ok ? 0 : 1
