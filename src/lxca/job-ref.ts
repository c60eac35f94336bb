// Which job to watch. LXCA returns the job of a bulk import, manage or
// unmanage request as a bare ID or as its `Location` path; people paste
// either, so both are accepted. Whatever is given, only a plain ID (letters,
// digits, `-`, `_`) ever reaches a URL: no path tricks reach the appliance.

const JOB_TYPES = {
  csv: 'csvRequest',
  manage: 'manageRequest',
  unmanage: 'unmanageRequest'
} as const
export type JobType = keyof typeof JOB_TYPES

export interface JobRef {
  readonly id: string
  readonly type: JobType
}

const PLAIN_ID = /^[A-Za-z0-9_-]{1,128}$/
const JOB_PATH = /^\/?(csvRequest|manageRequest|unmanageRequest)\/jobs\/([^/]*)\/?$/i

/** The job, or undefined when `text` is neither a plain ID nor a job path/URL. */
export function parseJobRef(text: string, defaultType: JobType): JobRef | undefined {
  let path = text
  if (/^https?:\/\//i.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return undefined
    }
    if (url.search || url.hash) return undefined
    path = url.pathname
  }
  if (!path.includes('/')) return PLAIN_ID.test(path) ? { id: path, type: defaultType } : undefined

  const match = JOB_PATH.exec(path)
  if (!match || !PLAIN_ID.test(match[2])) return undefined
  const segment = match[1].toLowerCase()
  const type = (Object.keys(JOB_TYPES) as JobType[]).find(key => JOB_TYPES[key].toLowerCase() === segment)
  return type ? { id: match[2], type } : undefined
}

/** The `host[:port]` a job URL names (`https://h:8443/csvRequest/jobs/1` → `h:8443`); undefined for an ID or a path. */
export function jobTextHost(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined
  try {
    return new URL(text).host
  } catch {
    return undefined
  }
}

/** `/csvRequest/jobs/4229`. */
export function jobPath(job: JobRef): string {
  return `/${JOB_TYPES[job.type]}/jobs/${job.id}`
}

/** The job's path resolved against the appliance's base URL. */
export function jobUrl(baseUrl: URL, job: JobRef): URL {
  return new URL(jobPath(job), baseUrl)
}
