// The runner's side of the step (log lines, masks, outputs, the failure),
// through @actions/core, loaded only once the first request to the appliance
// is on its way: @actions/core brings about 1 MB of dependencies (undici, for
// its OIDC client) that would double the time from spawn to the first
// request. Until it is loaded, every call waits in one queue, in order, so a
// mask always precedes any line that could carry its secret.
/** What of @actions/core the step uses (tests hand in a fake). */
export type Core = Pick<
  typeof import('@actions/core'),
  'info' | 'warning' | 'error' | 'debug' | 'setSecret' | 'setOutput' | 'setFailed' | 'startGroup' | 'endGroup'
>

/** Where an annotation goes: its title, and the file and line it marks (a workspace path). */
export interface AnnotationPlace {
  readonly title?: string
  readonly file?: string
  readonly line?: number
}

export interface Runner {
  info(message: string): void
  warning(message: string, place?: AnnotationPlace): void
  error(message: string, place?: AnnotationPlace): void
  debug(message: string): void
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  setFailed(message: string): void
  /** Runs `body` as one foldable phase of the log. */
  group<T>(name: string, body: () => Promise<T>): Promise<T>
  /** Starts loading @actions/core (once); queued calls run as soon as it is there. */
  load(): void
  /** Resolves once @actions/core is loaded and every queued call has run. */
  ready(): Promise<void>
  /** The first call that failed (a runner file that cannot be written, say), if any. */
  readonly failure: string | undefined
}

export function deferredRunner(importCore: () => Promise<Core>): Runner {
  let core: Core | undefined
  let loading: Promise<void> | undefined
  const queue: Array<(loaded: Core) => void> = []
  let failure: string | undefined
  // A call that throws (GITHUB_OUTPUT names a file that is gone) must not take
  // the calls after it down with it, nor end the step with a stack trace.
  const safely = (fn: (loaded: Core) => void, loaded: Core): void => {
    try {
      fn(loaded)
    } catch (error) {
      failure ??= error instanceof Error ? error.message : String(error)
    }
  }
  const load = (): Promise<void> =>
    (loading ??= importCore().then(loaded => {
      core = loaded
      for (const call of queue.splice(0)) safely(call, loaded)
    }))
  const call = (fn: (loaded: Core) => void): void => {
    if (core) safely(fn, core)
    else queue.push(fn)
  }
  return {
    get failure() {
      return failure
    },
    info: message => call(c => c.info(message)),
    warning: (message, place) => call(c => c.warning(message, propertiesOf(place))),
    error: (message, place) => call(c => c.error(message, propertiesOf(place))),
    debug: message => call(c => c.debug(message)),
    setSecret: value => call(c => c.setSecret(value)),
    setOutput: (name, value) => call(c => c.setOutput(name, value)),
    setFailed: message => call(c => c.setFailed(message)),
    async group(name, body) {
      call(c => c.startGroup(name))
      try {
        return await body()
      } finally {
        call(c => c.endGroup())
      }
    },
    load: () => void load(),
    ready: load
  }
}

/** @actions/core's annotation properties: only those given (a title alone, or a file and its line). */
function propertiesOf(place: AnnotationPlace | undefined): { title?: string; file?: string; startLine?: number } {
  return {
    ...(place?.title ? { title: place.title } : {}),
    ...(place?.file ? { file: place.file } : {}),
    ...(place?.file && place.line !== undefined ? { startLine: place.line } : {})
  }
}
