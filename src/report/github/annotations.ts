// Annotations on the run page and on the files of the commit: with the CSV
// this step uploaded, one per cause on the file itself (at the first row of
// that cause, listing its other lines), so failures show where people edit;
// otherwise one per cause too, naming its devices. GitHub keeps 10 of one kind per step, and
// the outcome's message takes one: at most nine, the ninth summing up the rest.
import { singleLine, plural } from '../../common/text.js'
import { placeOf } from '../model/wording.js'
import { failedDevice, MAX_FAILED_DEVICES_OUTPUT } from './outputs.js'
import type { DeviceAssessment } from '../../lxca/verdict.js'
import type { DeviceView } from '../model/device-view.js'
import type { CauseView, GateView, JobView } from '../model/gate-view.js'

export interface Annotation {
  readonly title: string
  readonly message: string
  /** Devices it covers (a cause may cover many). */
  readonly devices: number
  /** The CSV as the user named it, and the line the annotation is on. */
  readonly file?: string
  readonly line?: number
}

const MAX_ANNOTATIONS = 9
/** Lines listed in an annotation after its own. */
const MAX_LINES = 10
/** Devices named in an annotation after its own, when there is no CSV line to point at. */
const MAX_NAMED = 10

export function annotations(view: GateView): Annotation[] {
  const several = view.jobs.length > 1
  // Parts of CSVs: one annotation per cause across every part (a cause that two parts share is one).
  const across = view.parts && view.jobs.every(job => job.file) ? view.across : undefined
  const all = [
    ...(across
      ? acrossAnnotations(view.jobs, across)
      : view.jobs.flatMap(job => (job.file ? rowAnnotations(job, several) : deviceAnnotations(job, several)))),
    ...notOnlineAnnotations(view)
  ].sort((a, b) => b.devices - a.devices) // the largest first: it must not be the one left out
  if (all.length <= MAX_ANNOTATIONS) return all
  const kept = all.slice(0, MAX_ANNOTATIONS - 1)
  const left = all.slice(kept.length)
  const devices = left.reduce((sum, annotation) => sum + annotation.devices, 0)
  const causes = left.length === devices ? '' : ` (${plural(left.length, 'more cause')})`
  return [
    ...kept,
    {
      title: `${plural(devices, 'more device')} failed`,
      message: `${plural(devices, 'more device')} failed${causes}; the step summary lists them, the devices-file output has every device, and the failed-devices output the first ${MAX_FAILED_DEVICES_OUTPUT}.`,
      devices
    }
  ]
}

/** Per cause across the parts' jobs, on the file of its first row; and one for the rows no job listed. */
function acrossAnnotations(jobs: readonly JobView[], across: JobView): Annotation[] {
  const owner = new Map<DeviceAssessment, JobView>()
  for (const job of jobs) for (const item of job.failed) owner.set(item, job)
  const causes = across.causes.map(cause => {
    const placed = cause.devices
      .map(item => ({ job: owner.get(item) ?? across, device: across.device(item) }))
      .filter(({ device }) => device.line !== undefined)
    const [first] = placed
    if (!first) return causeAnnotation(across, cause, '', across.file as string)
    const file = first.job.file as string
    const inFile = placed
      .filter(({ job }) => job.file === file)
      .sort((a, b) => (a.device.line ?? 0) - (b.device.line ?? 0))
    const others = placed.length - inFile.length
    const elsewhere = others > 0 ? ` And ${plural(others, 'row')} of other files.` : ''
    return causeAnnotation(
      first.job,
      cause,
      '',
      file,
      inFile.map(({ device }) => device),
      elsewhere
    )
  })
  const missing = jobs.flatMap(job =>
    job.notInJob.length > 0 ? [notInJobAnnotation(job, '', job.file as string)] : []
  )
  return [...causes, ...missing]
}

/** One annotation on the first row managed here but not Online, listing the others of its file. */
function notOnlineAnnotations(view: GateView): Annotation[] {
  const rows = view.inventory && !view.inventory.planOnly ? view.inventory.notOnline : []
  const [first, ...others] = rows
  if (!first) return []
  const also = alsoLines(others.filter(row => row.file === first.file).map(row => row.line))
  return [
    {
      title: 'Managed here but not Online',
      message: singleLine(
        `${first.label} ${first.file}:${first.line} is managed by this appliance, but it lists it ${first.accessState ?? 'without an access state'}: a stale entry at this address? Unmanage it, then run the step again.${also}`,
        4000
      ),
      file: first.file,
      line: first.line,
      devices: rows.length
    }
  ]
}

/** Without a CSV of this step's: one per cause, naming its first devices (a cause of 30 devices is one annotation). */
function deviceAnnotations(job: JobView, several: boolean): Annotation[] {
  return job.causes.map(cause => {
    const [first, ...others] = cause.devices.map(item => failedDevice(job, item))
    const at = cause.step ? ` at ${cause.step}` : ''
    const count = cause.devices.length > 1 ? ` (${plural(cause.devices.length, 'device')})` : ''
    const named = others.slice(0, MAX_NAMED).map(info => info.device)
    const rest = others.length - named.length
    const also = named.length > 0 ? ` Also ${named.join(', ')}${rest > 0 ? `, … +${rest}` : ''}.` : ''
    return {
      title: singleLine(`${several ? `Job ${job.job.id}: ` : ''}${cause.result}${at}${count}`, 200),
      message: singleLine(
        `${first.device} ${cause.result}${at}${first.message ? `. ${first.message}` : ''}${also}`,
        4000
      ),
      devices: cause.devices.length
    }
  })
}

/** One per cause, and one for the rows the job does not list, on the CSV's lines. */
function rowAnnotations(job: JobView, several: boolean): Annotation[] {
  const prefix = several ? `Job ${job.job.id}: ` : ''
  const file = job.file as string
  const causes = job.causes.map(cause => causeAnnotation(job, cause, prefix, file))
  return job.notInJob.length === 0 ? causes : [...causes, notInJobAnnotation(job, prefix, file)]
}

function notInJobAnnotation(job: JobView, prefix: string, file: string): Annotation {
  const [first, ...others] = job.notInJob
  return {
    title: singleLine(`${prefix}not in the job`, 200),
    message: singleLine(
      `${placeOf(job, first)} is not in the job: LXCA did not list it, so it was not managed.${alsoLines(others.map(row => row.line))}`,
      4000
    ),
    file,
    line: first.line,
    devices: job.notInJob.length
  }
}

/** `rows`: the cause's devices on `file`, when they are not all the job's own (a cause across parts). */
function causeAnnotation(
  job: JobView,
  cause: CauseView,
  prefix: string,
  file: string,
  rows?: readonly DeviceView[],
  elsewhere = ''
): Annotation {
  const devices = rows ?? cause.devices.map(item => job.device(item))
  const placed = devices.filter(device => device.line !== undefined).sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  const first = placed[0] ?? devices[0]
  const at = cause.step ? ` at ${cause.step}` : ''
  // The first row's own words (a cause's action may be a template with placeholders).
  const said = first.userAction ?? cause.userAction
  const action = said ? `: ${said}` : ''
  const hint = cause.hint
  const unplaced = devices.length - placed.length
  const also = alsoLines(placed.slice(1).map(device => device.line as number))
  const loose = unplaced > (placed.length > 0 ? 0 : 1) ? ` ${plural(unplaced, 'device')} match no row of the file.` : ''
  const count = cause.devices.length > 1 ? ` (${plural(cause.devices.length, 'device')})` : ''
  return {
    title: singleLine(`${prefix}${cause.result}${at}${count}`, 200),
    message: singleLine(
      `${placeOf(job, first)} ${cause.result}${at}${action}${hint ? ` ${hint}` : ''}${also}${loose}${elsewhere}`,
      4000
    ),
    file,
    ...(first.line !== undefined ? { line: first.line } : {}),
    devices: cause.devices.length
  }
}

/** ` Also lines 17, 23, … +45.` */
function alsoLines(lines: readonly number[]): string {
  if (lines.length === 0) return ''
  const shown = lines.slice(0, MAX_LINES).join(', ')
  const rest = lines.length - Math.min(lines.length, MAX_LINES)
  return ` Also ${lines.length === 1 ? 'line' : 'lines'} ${shown}${rest > 0 ? `, … +${rest}` : ''}.`
}
