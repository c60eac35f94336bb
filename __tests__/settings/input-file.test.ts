// Files named by inputs are untrusted pointers: only a regular file inside
// the workspace (or RUNNER_TEMP) is read, never more than the bound, and
// nothing blocks. Real files, links and a FIFO in a temporary folder.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anywhereFileReader, FileRefused, inputFileReader } from '../../src/settings/input-file.js'

function workspace(): { root: string; outside: string } {
  const top = mkdtempSync(join(tmpdir(), 'lxca-files-'))
  const root = join(top, 'workspace')
  const outside = join(top, 'elsewhere')
  mkdirSync(root)
  mkdirSync(outside)
  return { root, outside }
}

/** The reason a read was refused (fails the test if it was not), and how long it took. */
function refusal(read: () => unknown): { reason: string; ms: number } {
  const started = performance.now()
  try {
    read()
  } catch (error) {
    if (error instanceof FileRefused) return { reason: error.reason, ms: performance.now() - started }
    throw error
  }
  throw new Error('read')
}

describe('inputFileReader', () => {
  it('reads a regular file of the workspace, by a relative or absolute path, or through a link inside it', () => {
    const { root } = workspace()
    mkdirSync(join(root, 'inventory'))
    writeFileSync(join(root, 'inventory', 'rack12.csv'), 'a,b\n')
    symlinkSync(join(root, 'inventory', 'rack12.csv'), join(root, 'latest.csv'))
    const read = inputFileReader({ base: root, roots: [root] })
    expect(read('inventory/rack12.csv', 100).bytes.toString()).toBe('a,b\n')
    expect(read(join(root, 'inventory', 'rack12.csv'), 100).bytes.toString()).toBe('a,b\n')
    expect(read('latest.csv', 100).bytes.toString()).toBe('a,b\n')
  })

  it('reads from any of the folders it is given (the workspace and RUNNER_TEMP)', () => {
    const { root, outside } = workspace()
    writeFileSync(join(outside, 'made-by-a-step.csv'), 'x')
    expect(
      inputFileReader({ base: root, roots: [root, outside] })(join(outside, 'made-by-a-step.csv'), 10).bytes
    ).toEqual(Buffer.from('x'))
  })

  it.each([
    [
      'a FIFO',
      ({ root }: { root: string }) => execFileSync('mkfifo', [join(root, 'fifo.csv')]) && 'fifo.csv',
      /is a named pipe \(FIFO\), not a regular file/
    ],
    [
      'a folder',
      ({ root }: { root: string }) => (mkdirSync(join(root, 'dir.csv')), 'dir.csv'),
      /is a folder, not a regular file/
    ],
    ['/dev/zero', () => '/dev/zero', /leads to \/dev\/zero, a system file/],
    [
      'a link to /proc/self/environ (the runner’s environment, INPUT_PASSWORD included)',
      ({ root }: { root: string }) => (symlinkSync('/proc/self/environ', join(root, 'env.csv')), 'env.csv'),
      /leads to \/proc\/\d+\/environ, a system file/
    ],
    [
      'a link to a file outside the workspace',
      ({ root, outside }: { root: string; outside: string }) => {
        writeFileSync(join(outside, 'secret.txt'), 'top secret')
        symlinkSync(join(outside, 'secret.txt'), join(root, 'innocent.csv'))
        return 'innocent.csv'
      },
      /leads outside the workspace \(to .*elsewhere\/secret\.txt\)/
    ],
    [
      'a path that climbs out',
      ({ outside }: { outside: string }) => (writeFileSync(join(outside, 'x.csv'), 'x'), '../elsewhere/x.csv'),
      /leads outside the workspace/
    ],
    ['a missing file', () => 'missing.csv', /^cannot be read \(ENOENT\)$/]
  ])('refuses %s at once, reading nothing', (_name, make, reason) => {
    const folders = workspace()
    const path = make(folders) as string
    const refused = refusal(() => inputFileReader({ base: folders.root, roots: [folders.root] })(path, 1_000))
    expect(refused.reason).toMatch(reason)
    // A FIFO would block an ordinary open forever; /dev/zero would be read until memory ran out.
    expect(refused.ms).toBeLessThan(1_000)
  })

  it('reads no more than the bound and one byte', () => {
    const { root } = workspace()
    writeFileSync(join(root, 'big.csv'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x41))
    writeFileSync(join(root, 'fits.csv'), Buffer.alloc(1_000, 0x41))
    const read = inputFileReader({ base: root, roots: [root] })
    expect(refusal(() => read('big.csv', 5 * 1024 * 1024)).reason).toBe('is larger than 5,242,880 bytes')
    expect(read('fits.csv', 1_000).bytes).toHaveLength(1_000)
  })

  it('the command line: an absolute path may lead anywhere but a system folder; a relative one stays below', () => {
    const { root, outside } = workspace()
    writeFileSync(join(outside, 'rack.csv'), 'x')
    symlinkSync('/proc/self/environ', join(outside, 'env.csv'))
    const read = inputFileReader({ base: root, roots: [root], absoluteAnywhere: true })
    expect(read(join(outside, 'rack.csv'), 10).bytes).toEqual(Buffer.from('x'))
    expect(refusal(() => read('../elsewhere/rack.csv', 10)).reason).toMatch(/leads outside the workspace/)
    expect(refusal(() => read(join(outside, 'env.csv'), 10)).reason).toMatch(/a system file/)
  })
})

describe('anywhereFileReader (a CA file)', () => {
  it('reads a regular file anywhere on the runner (a corporate CA under /etc/ssl/certs), but never a system file', () => {
    const { root, outside } = workspace()
    writeFileSync(join(outside, 'corp-ca.pem'), 'pem')
    symlinkSync(join(outside, 'corp-ca.pem'), join(outside, 'link.pem'))
    const read = anywhereFileReader(root)
    expect(read(join(outside, 'corp-ca.pem'), 10).bytes.toString()).toBe('pem')
    expect(read('../elsewhere/link.pem', 10).realPath).toBe(join(outside, 'corp-ca.pem'))
    expect(refusal(() => read('/proc/self/environ', 10)).reason).toMatch(/a system file/)
    expect(refusal(() => read(root, 10)).reason).toBe('is a folder, not a regular file')
    expect(refusal(() => read(join(outside, 'corp-ca.pem'), 2)).reason).toBe('is larger than 2 bytes')
  })
})

describe('the command line', () => {
  it('names its workspace as the current folder, and says that an absolute path is accepted', () => {
    const { root } = workspace()
    const rootsName = "the current folder (the command line's workspace; an absolute path is accepted)"
    const read = inputFileReader({ base: root, roots: [root], absoluteAnywhere: true, rootsName })
    writeFileSync(join(root, '..', 'up.csv'), 'x')
    expect(refusal(() => read('../up.csv', 10)).reason).toMatch(
      /^leads outside the current folder \(the command line's workspace; an absolute path is accepted\)/
    )
  })
})
