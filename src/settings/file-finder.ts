// csv-file entries that are glob patterns, expanded. Loaded only when an
// input holds a pattern character (the roots import it on demand): the
// matcher is not on the way to the first request of a run that names its
// files. Three rules keep a pattern from reading what it should not:
//   - an entry that names an existing file is that file, even with `[`, `]`,
//     `?`, `*` or `{` in its name (`inv/rack[1].csv`); a backslash escapes a
//     pattern character for a file that does not exist yet;
//   - the walk starts at the pattern's own folder, as picomatch reads it
//     (escapes undone), which must be inside the allowed folders once links
//     are resolved; it only ever goes down from there, never follows a link
//     into a folder, and skips dot folders, so no spelling (`\.\./*`,
//     `{..,x}/*`) can lead it out;
//   - the walk visits at most a bounded number of entries, counted (a
//     synchronous walk cannot be stopped by a timer), and ends with a clear
//     error past the bound.
import { fdir } from 'fdir'
import { lstatSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import picomatch from 'picomatch'
import { FileRefused, insideRoots, realPath, type FileFinder, type FilePolicy } from './input-file.js'

/** Entries (files and folders) one pattern may visit: a workspace with a few thousand files is far below it. */
export const MAX_VISITS = 20_000

export function inputFileFinder(policy: FilePolicy, maxVisits = MAX_VISITS): FileFinder {
  return (entry, max) => {
    // A name that exists is that file: patterns apply only to entries that name no file.
    if (exists(resolve(policy.base, entry))) return [entry]
    const { base, glob, isGlob } = picomatch.scan(entry, { unescape: true })
    const start = resolve(policy.base, base)
    const absolute = isAbsolute(base)
    if (!isGlob) return [base]
    if (absolute && !policy.absoluteAnywhere) throw new FileRefused(`leads outside ${rootsNameOf(policy)}`)
    if (!exists(start)) return []
    const real = realPath(start)
    if (!(absolute && policy.absoluteAnywhere) && !sameOrInside(real, policy)) {
      throw new FileRefused(`leads outside ${rootsNameOf(policy)}`)
    }
    const found = walk(start, glob, maxVisits)
    const relativeTo = (file: string): string => (absolute ? file : relative(policy.base, file))
    return found
      .map(file => relativeTo(join(start, file)))
      .sort()
      .slice(0, max)
  }
}

function rootsNameOf(policy: FilePolicy): string {
  return policy.rootsName ?? 'the workspace'
}

function exists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined
}

function sameOrInside(real: string, policy: FilePolicy): boolean {
  return insideRoots(real, policy) || policy.roots.some(root => exists(root) && realPath(root) === real)
}

/** Files below `start` whose path (relative, `/`-separated) the glob matches; no dot files, no links followed. */
function walk(start: string, glob: string, maxVisits: number): string[] {
  const matches = picomatch(glob, { dot: false })
  const stop = new AbortController()
  let visits = 0
  const visit = (): boolean => {
    visits += 1
    if (visits > maxVisits) stop.abort()
    return !stop.signal.aborted
  }
  const files = new fdir()
    .withRelativePaths()
    .withAbortSignal(stop.signal)
    .exclude(name => !visit() || name.startsWith('.'))
    .filter((path, isDirectory) => visit() && !isDirectory && matches(path.split(sep).join('/')))
    .crawl(start)
    .sync()
  if (stop.signal.aborted) {
    throw new FileRefused(
      `visits more than ${maxVisits.toLocaleString('en-US')} files and folders before it is done; name the folder the files are in (inventory/*.csv)`
    )
  }
  return files
}
