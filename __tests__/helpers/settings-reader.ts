// readSettings as the tests call it: inputs from a record, files from memory
// (any other path cannot be read, as a missing file), the proxy environment
// if given. One wrapper for every settings test.
import { InputError } from '../../src/common/errors.js'
import { FileRefused, type FileReader, type InputFiles } from '../../src/settings/input-file.js'
import type { ProxyEnvironment } from '../../src/settings/proxy.js'
import { readSettings, type Settings } from '../../src/settings/settings.js'

export type Inputs = Readonly<Record<string, string | undefined>>
export type Files = Readonly<Record<string, string | Buffer>>

/** Both readers read these files by path; the real path is the path. */
export function memoryFiles(files: Files = {}, find?: InputFiles['find']): InputFiles {
  const read: FileReader = path => {
    if (path in files) return { bytes: Buffer.from(files[path]), realPath: path }
    throw new FileRefused('cannot be read (ENOENT)', 'ENOENT')
  }
  return { readSent: read, readTrusted: read, ...(find ? { find } : {}) }
}

export function readWith(inputs: Inputs, files: Files | InputFiles = {}, environment?: ProxyEnvironment): Settings {
  const given = 'readSent' in files ? (files as InputFiles) : memoryFiles(files as Files)
  return readSettings(name => inputs[name] ?? '', given, environment)
}

/** The problems reported for these inputs (fails the test if they were accepted). */
export function problemsWith(inputs: Inputs, files: Files | InputFiles = {}, environment?: ProxyEnvironment): string[] {
  try {
    readWith(inputs, files, environment)
  } catch (error) {
    if (error instanceof InputError) return [...error.sentences]
    throw error
  }
  throw new Error('the inputs were accepted')
}
