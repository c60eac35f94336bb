// `tsx scripts/changelog-entry.ts 1.2.3`: prints CHANGELOG.md's entry for
// that version (the release's notes); exits 1 when there is none, so a
// release cannot go out without one.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The body of `## [version]`, up to the next `## ` heading; undefined when absent. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const lines = changelog.split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const version = process.argv[2] ?? ''
  const entry = changelogEntry(readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8'), version)
  if (!entry) {
    console.error(`CHANGELOG.md has no entry "## [${version}]": add one before tagging v${version}.`)
    process.exit(1)
  }
  console.log(entry)
}
