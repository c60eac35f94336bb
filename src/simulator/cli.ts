// Runs the LXCA simulator from the command line, for trying a workflow
// without an appliance (and for this repository's own `uses: ./` CI job):
//
//   npx tsx src/simulator/cli.ts --port 8443 --scenario failure
//
// It prints the URL, the job ID and the CA certificate to trust, and serves
// until interrupted.
import { parseArgs } from 'node:util'
import { isStepId, scriptJob, type JobSeed } from './documents.js'
import { SIMULATOR_CA, startSimulator, type CertificateName } from './server.js'

const SCENARIOS: Partial<Record<string, (devices: number, failStep: string, userAction: string) => JobSeed>> = {
  success: devices => ({ devices }),
  failure: (devices, step, userAction) => ({
    devices,
    failures: [{ device: Math.min(1, devices - 1), step, userAction }]
  }),
  never: devices => ({ devices, pollsToComplete: Infinity })
}

const HELP = `LXCA simulator (test only: its certificates' keys are public)

Options:
  --port N            port on 127.0.0.1 (default 8443; 0 picks a free one)
  --scenario NAME     success | failure | never (default failure)
  --job-id ID         job ID to serve (default 4229)
  --devices N         devices in the job (default 3)
  --polls N           good polls until the job completes (default 3)
  --fail-step ID      step at which a device fails (default INV_CHASSIS)
  --user-action TEXT  user action shown for the failed step
  --username NAME     accepted user (default admin)
  --password TEXT     accepted password (default Passw0rd!)
  --certificate NAME  loopback | named | selfsigned (default loopback)
  --help              this text`

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8443' },
      scenario: { type: 'string', default: 'failure' },
      'job-id': { type: 'string', default: '4229' },
      devices: { type: 'string', default: '3' },
      polls: { type: 'string', default: '3' },
      'fail-step': { type: 'string', default: 'INV_CHASSIS' },
      'user-action': { type: 'string', default: 'Verify that the device is reachable, then manage it again.' },
      username: { type: 'string', default: 'admin' },
      password: { type: 'string', default: 'Passw0rd!' },
      certificate: { type: 'string', default: 'loopback' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) return console.log(HELP)
  const scenario = SCENARIOS[values.scenario]
  const devices = Number(values.devices)
  const polls = Number(values.polls)
  const problems = [
    scenario ? '' : `--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`,
    Number.isInteger(devices) && devices >= 1 && devices <= 1000
      ? ''
      : '--devices must be a whole number from 1 to 1000',
    Number.isInteger(polls) && polls >= 1 ? '' : '--polls must be a whole number of at least 1',
    isStepId(values['fail-step']) ? '' : `--fail-step must be a step id such as INV_CHASSIS or CFG_SECURITY`,
    ['loopback', 'named', 'selfsigned'].includes(values.certificate)
      ? ''
      : '--certificate must be loopback, named or selfsigned'
  ].filter(Boolean)
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${HELP}`)
    process.exitCode = 2
    return
  }
  if (!scenario) return
  const seed = scenario(devices, values['fail-step'], values['user-action'])
  const job = scriptJob({ ...seed, pollsToComplete: seed.pollsToComplete ?? polls })
  void startSimulator({
    jobs: { [values['job-id']]: job },
    port: Number(values.port),
    username: values.username,
    password: values.password,
    certificate: values.certificate as CertificateName
  }).then(simulator => {
    console.log(
      `LXCA simulator on ${simulator.url} (scenario ${values.scenario}, job ${values['job-id']}, ${devices} devices)`
    )
    console.log(`Trust it with ca-certificate: ${SIMULATOR_CA}`)
    const stop = (): void => void simulator.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

main()
