// The action's entry point, and its only module with a side effect. Its first
// statements listen for the runner's cancel signals (SIGINT, then SIGTERM
// 7.5 s later), before the rest of the bundle is even loaded: a workflow
// cancelled in its first moments still ends with status=cancelled, outputs
// and a summary. Listening replaces Node's default exit; run() ends the step.
const cancel = new AbortController()
const onSignal = (signal: NodeJS.Signals): void => {
  if (!cancel.signal.aborted) cancel.abort(signal)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const { run } = await import('./action/main.js')
await run({ signal: cancel.signal })
