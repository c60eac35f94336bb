// No string from the appliance or the workspace reaches the log, a workflow
// command, an output or the JUnit file unscrubbed or as more than one line:
// a CSV named with line breaks and workflow commands (a pull request can
// bring one), and an appliance that echoes the password and a device's
// credential in its user actions.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { runAction } from '../../scripts/run-action.js'
import { CA, HEADER, importSimulators, PASSWORD } from '../helpers/import-simulator.js'
import { echoedForms } from '../helpers/echo-forms.js'

const simulator = importSimulators()

/** Workflow commands the bundle itself writes; anything else starting with `::` would be injected. */
const OWN_COMMAND = /^::(add-mask|group|endgroup|error|warning|notice|debug)( [^:]*)?::/

describe('every channel is scrubbed and one line', () => {
  it('a CSV named with line breaks and commands, and an appliance that echoes secrets in user actions', async () => {
    const sim = await simulator()
    const name = 'inv/rack\n::stop-commands::token\n::error::pwned\u001b[2J.csv'
    const rows = [
      `server,10.0.0.1,node-1,USERID,Bmc-1-secret,fail:LOGIN:Login with ${PASSWORD} or Bmc-1-secret refused`,
      'server,10.0.0.2,node-2,USERID,Bmc-2-secret,'
    ]
    const result = await runAction(
      {
        host: sim.url,
        username: 'admin',
        password: PASSWORD,
        'poll-interval': '200ms',
        'ca-certificate': CA,
        'csv-file': 'inv/*.csv'
      },
      { files: { [name]: `${[HEADER, ...rows].join('\r\n')}\r\n` }, killAfterMs: 30_000 }
    )
    expect(result.outputs.status).toBe('failure')
    // The log: no line the runner would read as a command we did not write, no terminal escape.
    const commands = result.stdout.split('\n').filter(line => line.trimStart().startsWith('::'))
    expect(commands.filter(line => !OWN_COMMAND.test(line.trimStart()))).toEqual([])
    expect(result.stdout).not.toMatch(/^::error::pwned/m)
    expect(result.stdout).not.toContain('\u001b')
    expect(result.stdout).toContain('Uploading rack\\n::stop-commands::token\\n::error::pwned\\u001b[2J.csv')
    // Outputs: one value per output; failed-csv is a list of files that exist, one per line.
    const failedCsv = result.outputs['failed-csv'].split('\n')
    expect(failedCsv).toHaveLength(1)
    expect(existsSync(failedCsv[0])).toBe(true)
    // No form of a secret in anything a reader sees, the JUnit file included.
    const junit = readFileSync(result.outputs['junit-file'], 'utf8')
    expect(junit).toContain('Login with *** or *** refused')
    for (const secret of [PASSWORD, 'Bmc-1-secret', 'Bmc-2-secret'])
      for (const form of echoedForms(secret)) {
        expect([secret, form, result.everything.includes(form)]).toEqual([secret, form, false])
        expect([secret, form, junit.includes(form)]).toEqual([secret, form, false])
      }
  })
})
