// The JUnit XML itself: suites and cases written with every count adding up
// to the cases written, server text XML-escaped with the characters XML 1.0
// cannot carry removed (no CDATA, so nothing can close it), long texts cut,
// and the file stopped at its byte limit, which its properties say.

export interface Case {
  readonly name: string
  readonly time?: number
  /** `failure` or `error`, with its message, type and text. */
  readonly problem?: {
    readonly kind: 'failure' | 'error'
    readonly message: string
    readonly type: string
    readonly text: string
  }
}

export interface Suite {
  readonly name: string
  readonly classname: string
  readonly timeSeconds: number
  readonly startedAt: Date
  readonly properties: ReadonlyArray<[string, string]>
  readonly cases: Iterable<Case>
}

/** `now`: when the run ended (each job's suite started its elapsed time before). */
/** The document, written suite by suite; past `maxBytes`, the remaining cases are counted, not written. */
export function writeSuites(suites: readonly Suite[], maxBytes: number): string {
  let left = maxBytes - 4_096
  const parts: string[] = []
  const totals = { tests: 0, failures: 0, errors: 0, time: 0 }
  for (const suite of suites) {
    const cases: string[] = []
    const counts = { tests: 0, failures: 0, errors: 0 }
    let cut = 0
    for (const item of suite.cases) {
      const xml = testcase(item, suite.classname)
      if (left - xml.length < 0) {
        cut += 1
        continue
      }
      left -= xml.length
      cases.push(xml)
      counts.tests += 1
      if (item.problem?.kind === 'failure') counts.failures += 1
      if (item.problem?.kind === 'error') counts.errors += 1
    }
    const properties = [
      ...suite.properties,
      ...(cut > 0
        ? ([['left out', `${cut} test cases, past the 50 MB limit of this report`]] as Array<[string, string]>)
        : [])
    ]
    parts.push(
      `  <testsuite name="${attr(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="0" time="${seconds(suite.timeSeconds)}" timestamp="${timestamp(suite.startedAt)}" hostname="${attr(hostOf(suite))}">\n` +
        `    <properties>\n${properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`).join('\n')}\n    </properties>\n` +
        cases.join('') +
        '  </testsuite>\n'
    )
    totals.tests += counts.tests
    totals.failures += counts.failures
    totals.errors += counts.errors
    totals.time += suite.timeSeconds
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="lxca-job-gate" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="0" time="${seconds(totals.time)}">\n` +
    parts.join('') +
    '</testsuites>\n'
  )
}

function hostOf(suite: Suite): string {
  return suite.properties.find(([name]) => name === 'host')?.[1] ?? ''
}

function testcase(item: Case, classname: string): string {
  const time = item.time === undefined ? '' : ` time="${seconds(item.time)}"`
  const head = `    <testcase name="${attr(cut(item.name, MAX_ATTRIBUTE))}" classname="${attr(classname)}"${time}`
  if (!item.problem) return `${head}/>\n`
  const { kind, message, type, text } = item.problem
  return `${head}>\n      <${kind} message="${attr(cut(message, MAX_ATTRIBUTE))}" type="${attr(cut(type, MAX_ATTRIBUTE))}">${content(cut(text, MAX_TEXT))}</${kind}>\n    </testcase>\n`
}

/** A name or message in an attribute, and a failure's text, at most this long: a CI view shows less. */
const MAX_ATTRIBUTE = 1_000
const MAX_TEXT = 8_000

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const seconds = (value: number): string => (Number.isFinite(value) && value > 0 ? value.toFixed(3) : '0')
const timestamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '')

/** Characters XML 1.0 cannot carry at all (most controls, lone surrogates, U+FFFE/U+FFFF): removed. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function content(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(text: string): string {
  return content(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
