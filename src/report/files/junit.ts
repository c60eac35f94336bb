// The outcome as a JUnit XML report, for the CI views that read one
// (GitLab's merge-request test report, Jenkins' junit step, GitHub's
// test-report actions): one <testsuite> per job, one <testcase> per device,
// a failed device a <failure>, a device without a result or not finished an
// <error>; an upload that started no job is a suite of its own. Every count
// adds up to the test cases written. Server text is XML-escaped with the
// characters XML 1.0 cannot carry removed (no CDATA, so nothing can close it),
// and the file stops growing at 50 MB, which its properties say.
import { jobPath } from '../../lxca/job-ref.js'
import type { GateView, JobView, UploadView } from '../model/gate-view.js'
import * as wording from '../model/wording.js'

/** GitLab refuses larger reports; Jenkins slows down long before. */
export const MAX_JUNIT_BYTES = 50 * 1024 * 1024

interface Case {
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

interface Suite {
  readonly name: string
  readonly classname: string
  readonly timeSeconds: number
  readonly startedAt: Date
  readonly properties: ReadonlyArray<[string, string]>
  readonly cases: Iterable<Case>
}

/** `now`: when the run ended (each job's suite started its elapsed time before). */
export function renderJunit(view: GateView, now: Date, maxBytes = MAX_JUNIT_BYTES): string {
  const suites: Suite[] = view.jobs.map(job => jobSuite(view, job, now))
  const uploads = view.parts
    ? view.parts.flatMap(part => (part.upload && !part.jobView ? [part.upload] : []))
    : view.jobs.length === 0 && view.upload
      ? [view.upload]
      : []
  suites.push(...uploads.map(upload => uploadSuite(view, upload, now)))
  return writeSuites(suites, maxBytes)
}

function jobSuite(view: GateView, job: JobView, now: Date): Suite {
  const classname = `lxca.${job.job.type}.${job.job.id}`
  return {
    name: `LXCA job ${job.job.id} on ${view.host}`,
    classname,
    timeSeconds: job.elapsedMs / 1000,
    startedAt: new Date(now.getTime() - job.elapsedMs),
    properties: [
      ['job', jobPath(job.job)],
      ['host', view.host],
      ['outcome', job.status],
      ...(job.file ? ([['file', job.file]] as Array<[string, string]>) : [])
    ],
    cases: jobCases(job)
  }
}

/** The devices, then the CSV rows the job did not list; a job seen not at all is one case, in error. */
function* jobCases(job: JobView): Iterable<Case> {
  if (!job.seen) {
    const what =
      job.status === 'cancelled' ? 'cancelled before the job was seen' : (job.problem?.what ?? 'could not be checked')
    yield {
      name: `LXCA job ${job.job.id}`,
      problem: {
        kind: 'error',
        message: what,
        type: job.status,
        text: [job.reason, job.problem?.fix].filter(Boolean).join('\n')
      }
    }
    return
  }
  for (const item of [...job.failed, ...job.pending, ...job.succeeded]) {
    const device = job.device(item)
    const name = job.file && device.line !== undefined ? `${device.label} (${job.file}:${device.line})` : device.label
    const time = device.timeSpentMs === undefined ? undefined : device.timeSpentMs / 1000
    if (item.state === 'succeeded') {
      yield { name, time }
      continue
    }
    // Every string from the view: scrubbed of secrets as the summary is (a step's name may echo one).
    const step = device.step ?? ''
    if (item.state === 'failed') {
      const message = `${device.result ?? 'failed'}${device.step ? ` at ${device.step}` : ''}`
      const text = [device.userAction, step ? `Step: ${step}` : '', device.description].filter(Boolean).join('\n')
      yield { name, time, problem: { kind: 'failure', message, type: device.result ?? 'failed', text } }
      continue
    }
    const message = job.done ? 'finished without a result' : `not finished${device.step ? ` (at ${device.step})` : ''}`
    yield { name, time, problem: { kind: 'error', message, type: job.done ? 'no result' : 'not finished', text: step } }
  }
  for (const row of job.notInJob) {
    const name = job.file ? `${row.label} (${job.file}:${row.line})` : row.label
    yield {
      name,
      problem: { kind: 'failure', message: 'not in the job', type: 'not in the job', text: wording.notInJobFix(job) }
    }
  }
}

function uploadSuite(view: GateView, upload: UploadView, now: Date): Suite {
  const problem: Case['problem'] =
    upload.status === 'success'
      ? undefined
      : {
          kind: upload.status === 'failure' ? 'failure' : 'error',
          message:
            upload.status === 'failure' ? 'the appliance refused the file' : (upload.problem?.what ?? upload.status),
          type: upload.status,
          text: [...upload.messages, upload.reason ?? '', upload.problem?.fix ?? ''].filter(Boolean).join('\n')
        }
  return {
    name: `${upload.validationOnly ? 'Validation' : 'Upload'} of ${upload.file} on ${view.host}`,
    classname: 'lxca.csvRequest',
    timeSeconds: upload.elapsedMs / 1000,
    startedAt: new Date(now.getTime() - upload.elapsedMs),
    properties: [
      ['host', view.host],
      ['file', upload.file]
    ],
    cases: [{ name: upload.file, time: upload.elapsedMs / 1000, ...(problem ? { problem } : {}) }]
  }
}

/** The document, written suite by suite; past `maxBytes`, the remaining cases are counted, not written. */
function writeSuites(suites: readonly Suite[], maxBytes: number): string {
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
