// Reading inputs while collecting every problem, so that all of them are
// reported at once, each naming the input (or environment variable) and the
// form it expects. Who names it is up to the caller: the Action says
// "Input 'timeout'", the command line "--timeout" or "LXCA_TIMEOUT".
import { parseDuration, formatDuration } from '../common/duration.js'
import type { InputProblem } from '../common/errors.js'
import type { InputName } from './input-output-names.js'
import { shortValue } from '../common/text.js'

/** Reads one input's raw value ('' when unset). */
export type InputSource = (name: InputName) => string

const DURATION_FORM = 'a duration such as 500ms, 90s, 15m or 1h30m (a bare number is seconds)'

export class InputReader {
  readonly problems: InputProblem[] = []

  constructor(private readonly source: InputSource) {}

  /** The trimmed value, or `fallback` when empty. */
  value(name: InputName, fallback = ''): string {
    return this.source(name).trim() || fallback
  }

  required(name: InputName, form: string): string | undefined {
    const text = this.value(name)
    return text === '' ? this.fail(name, `is required. Expected ${form}.`) : text
  }

  fail(input: InputName, message: string): undefined {
    this.problems.push({ input, message })
    return undefined
  }

  failVariable(variable: string, message: string): undefined {
    this.problems.push({ variable, message })
    return undefined
  }

  duration(name: InputName, fallback: string, minMs: number, maxMs: number): number | undefined {
    const text = this.value(name, fallback)
    if (/^-/.test(text))
      return this.fail(name, `must be positive; got '${shortValue(text)}'. Expected ${DURATION_FORM}.`)
    const ms = parseDuration(text)
    if (ms === undefined)
      return this.fail(name, `has an invalid value '${shortValue(text)}'. Expected ${DURATION_FORM}.`)
    if (ms < minMs || ms > maxMs) {
      const range = `between ${formatDuration(minMs)} and ${formatDuration(maxMs)}`
      return this.fail(name, `must be ${range}; got '${shortValue(text)}'.`)
    }
    return ms
  }

  /** true/True/TRUE or false/False/FALSE, as core.getBooleanInput reads them. */
  boolean(name: InputName, fallback: boolean): boolean | undefined {
    const text = this.value(name, String(fallback))
    if (/^(true|True|TRUE)$/.test(text)) return true
    if (/^(false|False|FALSE)$/.test(text)) return false
    return this.fail(name, `has an invalid value '${shortValue(text)}'. Expected true or false.`)
  }

  /** One of `choices`, compared case-insensitively. */
  choice<T extends string>(name: InputName, fallback: T, choices: readonly T[]): T | undefined {
    const text = this.value(name, fallback).toLowerCase()
    const found = choices.find(choice => choice === text)
    if (found) return found
    const expected = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`
    return this.fail(name, `has an invalid value '${shortValue(text)}'. Expected ${expected}.`)
  }
}
