// Runs the LXCA simulator from the command line, for trying a workflow
// without an appliance (and for this repository's own `uses: ./` CI job):
//
//   npm run simulator -- --port 8443 --job 4229=success --job 4230=fail:INV_CHASSIS
//
// It prints the URL, the credentials, each job's fate and how to trust its
// certificate, and serves until interrupted. It runs from the sources (no
// build step), in one process, and stops with its parent: no listening child
// is ever left behind.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { UsageError } from '../common/errors.js'
import { HELP, parseSimulatorCli, type SimulatorCli } from './cli-args.js'
import { CERT_DIR, SIMULATOR_CA, startSimulator, type Simulator } from './server.js'

/** Read first: the parent that started us, to notice when it is gone. */
const PARENT = process.ppid

async function main(): Promise<void> {
  let options: SimulatorCli
  try {
    options = parseSimulatorCli(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`simulator: ${error.message}\n`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const simulator = await startSimulator({ ...options, faults: options.faults })
  process.stdout.write(banner(simulator, options))
  stopOnSignalOrOrphan(simulator)
}

function banner(simulator: Simulator, options: SimulatorCli): string {
  const jobs = options.fates.map(({ id, fate }) => `    ${id}: ${fate}`).join('\n')
  return [
    `LXCA simulator on ${simulator.url} (test only)`,
    `  credentials: username ${options.username}, password ${options.password} (${options.auth} authentication)`,
    `  jobs (any other ID answers 404):\n${jobs}`,
    options.faults.length > 0 ? `  faults on the first ${options.faults.length} job requests` : '',
    `  trust it with: ${trustHint(options)}`,
    '  POST /csvRequest takes a bulk-import CSV (see --help); Ctrl-C stops it.',
    ''
  ]
    .filter(line => line !== '')
    .join('\n')
    .concat('\n')
}

/** What to give the action so that it trusts this certificate. */
function trustHint(options: SimulatorCli): string {
  switch (options.certificate) {
    case 'selfsigned': {
      const pin = new X509Certificate(readFileSync(`${CERT_DIR}selfsigned.pem`)).fingerprint256
      return `ca-certificate: ${CERT_DIR}selfsigned.pem (the certificate itself), or insecure-skip-tls-verify: true with tls-fingerprint: ${pin}`
    }
    case 'named':
      return `ca-certificate: ${SIMULATOR_CA} and tls-server-name: lxca.internal (the certificate names only that)`
    case 'expired':
      return 'nothing: it expired in 2021, and is there to show that it is refused'
    default:
      return `ca-certificate: ${SIMULATOR_CA}`
  }
}

/** Ctrl-C, SIGTERM, or a parent gone (npm killed): close the server and exit. */
function stopOnSignalOrOrphan(simulator: Simulator): void {
  const stop = (): void => {
    clearInterval(watch)
    void simulator.close().then(() => process.exit(0))
  }
  // Orphaned processes are adopted by another (init, a subreaper): the parent changed.
  const watch = setInterval(() => process.ppid !== PARENT && stop(), 500)
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  process.once('SIGHUP', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
