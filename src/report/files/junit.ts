// The outcome as a JUnit XML report, for the CI views that read one
// (GitLab's merge-request test report, Jenkins' junit step, GitHub's
// test-report actions): one <testsuite> per job, one <testcase> per device,
// a failed device a <failure>, a device without a result or not finished an
// <error>; an upload that started no job is a suite of its own, and so are
// the rows the appliance manages already. Every string is the view's, so
// scrubbed of secrets; junit-xml.ts writes the XML, escaped and bounded.
import { jobPath } from '../../lxca/job-ref.js'
import type { GateView, JobView, UploadView } from '../model/gate-view.js'
import { writeSuites, type Case, type Suite } from './junit-xml.js'
import * as wording from '../model/wording.js'

/** GitLab refuses larger reports; Jenkins slows down long before. */
export const MAX_JUNIT_BYTES = 50 * 1024 * 1024

export function renderJunit(view: GateView, now: Date, maxBytes = MAX_JUNIT_BYTES): string {
  const suites: Suite[] = view.jobs.map(job => jobSuite(view, job, now))
  const uploads = view.parts
    ? view.parts.flatMap(part => (part.upload && !part.jobView ? [part.upload] : []))
    : view.jobs.length === 0 && view.upload
      ? [view.upload]
      : []
  suites.push(...uploads.map(upload => uploadSuite(view, upload, now)))
  const inventory = inventorySuite(view, now)
  if (inventory) suites.push(inventory)
  return writeSuites(suites, maxBytes)
}

/**
 * A run that never reached a job (invalid inputs, or a bug of ours): one
 * suite with one error case carrying the message, so that a CI step that
 * reads the report (Jenkins' junit, GitLab's reports: junit) shows the real
 * message instead of "no test report files were found".
 */
export function renderJunitError(suite: string, message: string, now: Date): string {
  return writeSuites(
    [
      {
        name: suite,
        classname: 'lxca-job-gate',
        timeSeconds: 0,
        startedAt: now,
        properties: [],
        cases: [
          {
            name: suite,
            problem: { kind: 'error', message: message.replace(/\s*\n\s*/g, ' '), type: 'error', text: message }
          }
        ]
      }
    ],
    MAX_JUNIT_BYTES
  )
}

/** Rows the appliance manages already (passed: ready), or manages but not Online (failed); or why it could not say. */
function inventorySuite(view: GateView, now: Date): Suite | undefined {
  const inventory = view.inventory
  if (!inventory || inventory.planOnly) return undefined
  const cases: Case[] = [
    ...inventory.skipped.map(row => ({ name: `${row.label} (${row.file}:${row.line})` })),
    ...inventory.notOnline.map(row => ({
      name: `${row.label} (${row.file}:${row.line})`,
      problem: {
        kind: 'failure' as const,
        message: 'managed here, but not Online',
        type: 'NOT_ONLINE',
        text: `The appliance lists it ${row.accessState ?? 'without an access state'}; it was not uploaded.`
      }
    })),
    ...(inventory.problem
      ? [
          {
            name: "The appliance's inventory",
            problem: {
              kind: 'error' as const,
              message: inventory.problem.what,
              type: 'inventory',
              text: [inventory.reason ?? '', inventory.problem.fix].filter(Boolean).join('\n')
            }
          }
        ]
      : [])
  ]
  if (cases.length === 0) return undefined
  return {
    name: `Devices already managed on ${view.host}`,
    classname: 'lxca.inventory',
    timeSeconds: 0,
    startedAt: now,
    properties: [['host', view.host]],
    cases
  }
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
