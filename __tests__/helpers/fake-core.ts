// A stand-in for @actions/core that records what the step told the runner,
// in order, for in-process tests of the Action's composition root.
import type { Core } from '../../src/action/runner.js'

export interface Recorded {
  readonly calls: string[]
  readonly outputs: Map<string, string>
  readonly errors: Array<{ message: string; title?: string }>
  readonly failed: string[]
  readonly secrets: string[]
  readonly infos: string[]
}

export function fakeCore(options: { failOutputs?: boolean } = {}): { core: Core; recorded: Recorded } {
  const recorded: Recorded = { calls: [], outputs: new Map(), errors: [], failed: [], secrets: [], infos: [] }
  const note = (call: string): void => void recorded.calls.push(call)
  const core: Core = {
    info: message => {
      note(`info ${message}`)
      recorded.infos.push(message)
    },
    warning: message => note(`warning ${String(message)}`),
    error: (message, properties) => {
      note(`error ${String(message)}`)
      recorded.errors.push({ message: String(message), title: properties?.title })
    },
    debug: message => note(`debug ${message}`),
    setSecret: secret => {
      note('setSecret')
      recorded.secrets.push(secret)
    },
    setOutput: (name, value) => {
      if (options.failOutputs) throw new Error('ENOSPC: no space left on device, write')
      note(`setOutput ${name}`)
      recorded.outputs.set(name, String(value))
    },
    setFailed: message => {
      note(`setFailed ${String(message)}`)
      recorded.failed.push(String(message))
    },
    startGroup: name => note(`group ${name}`),
    endGroup: () => note('endgroup')
  }
  return { core, recorded }
}
