#!/usr/bin/env node
// The command line's entry point, for GitLab CI, Jenkins or a shell. As the
// Action's index.ts, it listens for SIGINT/SIGTERM/SIGHUP before loading the rest:
// the first Ctrl-C cancels (exit 130, with the summary), a second one stops at once.
const cancel = new AbortController()
const onSignal = (signal: NodeJS.Signals): void => {
  if (cancel.signal.aborted) process.exit(130)
  cancel.abort(signal)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)
// A closed terminal or SSH session: the same as Ctrl-C, so the summary is still written.
process.on('SIGHUP', onSignal)

const { main } = await import('./cli/main.js')
process.exitCode = await main(process.argv.slice(2), cancel.signal)
