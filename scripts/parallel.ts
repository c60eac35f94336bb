// `tsx scripts/parallel.ts 'cmd one' 'cmd two' …`: runs the commands at once
// (the checks before the tests, the two bundles) and prints each one's output
// whole, in the order given, once it ends, so that two failures never
// interleave. Exits 1 if any command failed. On a 2-core machine the checks
// and builds before the tests took 37 s one after the other, about 27 s so.
import { spawn } from 'node:child_process'

function run(command: string): Promise<{ command: string; output: string; code: number }> {
  return new Promise(resolve => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('close', code => resolve({ command, output, code: code ?? 1 }))
  })
}

const results = await Promise.all(process.argv.slice(2).map(run))
for (const { command, output, code } of results) {
  process.stdout.write(`\n> ${command}${code === 0 ? '' : ` (failed, exit ${code})`}\n${output}`)
}
const failed = results.filter(result => result.code !== 0)
if (failed.length > 0) {
  process.stderr.write(`\nFailed: ${failed.map(result => result.command).join('; ')}\n`)
  process.exitCode = 1
}
