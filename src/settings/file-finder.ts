// Glob patterns in csv-file, expanded. Loaded only when an input holds one
// (the roots import it on demand): the matcher is not on the way to the
// first request of a run that names its files.
import { isAbsolute } from 'node:path'
import { globSync } from 'tinyglobby'
import { FileRefused, type FileFinder, type FilePolicy } from './input-file.js'

/**
 * Glob patterns (`inventory/*.csv`, `racks/**\/rack-?.csv`) expanded with
 * tinyglobby: regular files only, no dot files, links not followed into
 * folders. Each match is then read through the reader, with its rules; a
 * pattern that would walk outside the workspace (`/**`, `../..`) is refused
 * before any folder is read, as the reader would refuse all it finds there.
 */
export function inputFileFinder(policy: FilePolicy): FileFinder {
  return (pattern, max) => {
    const absolute = isAbsolute(pattern)
    if ((absolute && !policy.absoluteAnywhere) || pattern.split(/[\\/]/).includes('..')) {
      throw new FileRefused('leads outside the workspace')
    }
    const found = globSync(pattern, {
      cwd: policy.base,
      absolute,
      onlyFiles: true,
      dot: false,
      followSymbolicLinks: false,
      expandDirectories: false
    })
    return found.sort().slice(0, max)
  }
}
