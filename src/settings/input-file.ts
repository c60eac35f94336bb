// Files named by inputs, read as the untrusted pointers they are: in a pull
// request the file may come from the pull request itself. A file whose
// content we send (csv-file) must lead, after every link is resolved, to a
// regular file inside the folders the caller allows (the workspace and
// RUNNER_TEMP for the Action, the current folder for the command line). A
// file we only read to decide trust (ca-certificate) may be anywhere on the
// runner (corporate CAs live in /etc/ssl/certs). Neither is ever read from
// /proc, /sys or /dev; each is opened without blocking (a FIFO would hang the
// step forever) and read with a bound, never more than the limit and one byte.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'

export interface FilePolicy {
  /** Relative paths start here (the workspace, or the working folder). */
  readonly base: string
  /** A file must be inside one of these folders once links are resolved. */
  readonly roots: readonly string[]
  /** An absolute path the user typed may lead anywhere else but a system folder (the command line). */
  readonly absoluteAnywhere?: boolean
  /** How a refusal names the roots: `the workspace`, or the command line's `the current folder (…)`. */
  readonly rootsName?: string
}

/** A file read: its bytes, and the path it really is (links resolved): two spellings of one file are one file. */
export interface ReadFile {
  readonly bytes: Buffer
  readonly realPath: string
}

/** Reads the file an input names, at most `maxBytes`. Throws FileRefused. */
export type FileReader = (path: string, maxBytes: number) => ReadFile

/**
 * The files a csv-file entry names, sorted, as paths of the same kind
 * (relative or absolute); at most `max`. An entry that names an existing
 * file is that file, whatever characters its name holds; any other entry is
 * a glob pattern. Throws FileRefused.
 */
export type FileFinder = (entry: string, max: number) => string[]

/** The readers and the finder settings use: one for the files we send, one for files read only to trust. */
export interface InputFiles {
  /** csv-file: regular files of the allowed folders only. */
  readonly readSent: FileReader
  /** ca-certificate: a regular file anywhere but a system folder. */
  readonly readTrusted: FileReader
  /** Expands glob patterns in csv-file; without it, every entry is a path. */
  readonly find?: FileFinder
}

/** Why a file was not read, to follow its path: "is a named pipe (FIFO), not a regular file". */
export class FileRefused extends Error {
  constructor(
    readonly reason: string,
    /** The system's error code, when it was one (ENOENT). */
    readonly code?: string
  ) {
    super(reason)
    this.name = 'FileRefused'
  }
}

const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev']
const CHUNK_BYTES = 64 * 1024

/** The reader of files whose content we send: confined to the policy's folders. */
export function inputFileReader(policy: FilePolicy): FileReader {
  return (path, maxBytes) => {
    const real = realPath(resolve(policy.base, path))
    refuseSystemFile(real)
    const anywhere = policy.absoluteAnywhere === true && isAbsolute(path)
    if (!anywhere && !insideRoots(real, policy)) {
      throw new FileRefused(`leads outside ${policy.rootsName ?? 'the workspace'} (to ${real})`)
    }
    return { bytes: readBounded(real, maxBytes), realPath: real }
  }
}

/** The reader of files read only to decide trust (a CA): a regular file anywhere on the runner but a system folder. */
export function anywhereFileReader(base: string): FileReader {
  return (path, maxBytes) => {
    const real = realPath(resolve(base, path))
    refuseSystemFile(real)
    return { bytes: readBounded(real, maxBytes), realPath: real }
  }
}

/** Whether `real` (links resolved) is inside one of the policy's folders. */
export function insideRoots(real: string, policy: FilePolicy): boolean {
  return policy.roots.some(root => inside(real, root))
}

function refuseSystemFile(real: string): void {
  if (SYSTEM_FOLDERS.some(folder => real === folder || real.startsWith(`${folder}/`))) {
    throw new FileRefused(`leads to ${real}, a system file, not a regular file`)
  }
}

export function realPath(path: string): string {
  try {
    return realpathSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new FileRefused(`cannot be read (${code})`, code)
  }
}

function inside(file: string, root: string): boolean {
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return false
  }
  const path = relative(realRoot, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

/** Opens without following a link or blocking on a FIFO; only a regular file is read, and never past the bound. */
function readBounded(path: string, maxBytes: number): Buffer {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new FileRefused(`cannot be read (${code})`, code)
  }
  try {
    const stats = fstatSync(fd)
    const kind = kindOf(stats)
    if (kind) throw new FileRefused(`is ${kind}, not a regular file`)
    // One buffer of the size the file says it has (and a byte more, to notice one that is longer):
    // no chunks to join, so the file is in memory once.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let total = 0
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw new FileRefused(`is larger than ${maxBytes.toLocaleString('en-US')} bytes`)
        // The file grew since fstat: make room, up to the bound.
        const grown = Buffer.allocUnsafe(Math.min(total * 2 + CHUNK_BYTES, maxBytes + 1))
        buffer.copy(grown)
        buffer = grown
      }
      const read = readSync(fd, buffer, total, buffer.length - total, null)
      if (read === 0) break
      total += read
    }
    if (total > maxBytes) throw new FileRefused(`is larger than ${maxBytes.toLocaleString('en-US')} bytes`)
    return buffer.subarray(0, total)
  } finally {
    closeSync(fd)
  }
}

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'not a file'
}
