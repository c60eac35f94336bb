// allowed-failures: a count of devices (`5`) or a percentage of them (`2%`).
import type { Allowance } from '../outcome/allowance.js'
import { shortValue } from '../common/text.js'
import { Input } from './input-output-names.js'
import type { InputReader } from './input-reader.js'

const FORM =
  'Expected a whole number of devices (0, 5) or a percentage of the devices from 0% to 100% (2%, 0.5%); the default 0 lets no device fail.'

/** Undefined for 0 (no device may fail) and for a bad value (the problem is recorded). */
export function readAllowance(inputs: InputReader): Allowance | undefined {
  const text = inputs.value(Input.AllowedFailures, '0').trim()
  const count = /^\d{1,7}$/.exec(text)
  if (count) return Number(text) === 0 ? undefined : { count: Number(text) }
  const percent = /^(\d{1,3}(?:\.\d{1,3})?)\s*%$/.exec(text)
  if (percent && Number(percent[1]) <= 100)
    return Number(percent[1]) === 0 ? undefined : { percent: Number(percent[1]) }
  return inputs.fail(Input.AllowedFailures, `has an invalid value '${shortValue(text)}'. ${FORM}`)
}
