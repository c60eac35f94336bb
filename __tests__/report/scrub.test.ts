// Secrets the appliance echoes back never reach a report: not the summary
// (escaped or not), not the terminal, not a message, an annotation, an output
// or the report file.
import { describe, expect, it } from '@jest/globals'
import { SecretSet } from '../../src/common/secrets.js'
import { renderGateMarkdown } from '../../src/report/markdown/gate-markdown.js'
import { escapeMarkdown } from '../../src/report/markdown/escape.js'
import { buildOutputs, gateMessage } from '../../src/report/github/outputs.js'
import { annotations as deviceAnnotations } from '../../src/report/github/annotations.js'
import { renderTerminal } from '../../src/report/terminal/terminal.js'
import { errorOutcome, faultCause, outcomeFor, reportOf, singleJob, viewOf } from '../helpers/outcomes.js'

const PASSWORD = 'P@ss:w0rd<&>!'
const TOKEN = Buffer.from(`admin:${PASSWORD}`).toString('base64')
const COOKIE = '5e55i0n-c00kie-value'
const secrets = new SecretSet()
for (const value of [PASSWORD, TOKEN, COOKIE]) secrets.add(value)

/** Every form a secret could take in a report: as is, or as our Markdown escaping would write it. */
const forms = [PASSWORD, TOKEN, COOKIE].flatMap(value => [value, escapeMarkdown(value, 1_000)])

function expectClean(output: string): void {
  for (const form of forms) expect(output).not.toContain(form)
}

describe('scrubbing echoed secrets', () => {
  const echo = `password ${PASSWORD}, token ${TOKEN}, session ${COOKIE}`
  const raw = {
    progress: 100,
    status: `INCOMPLETE ${COOKIE}`,
    results: [
      {
        messageParameters: `10.0.0.1 ${PASSWORD}`,
        uuid: TOKEN,
        result: 'OTHER_FAIL',
        resultLongDescription: echo,
        progress: 'JOB_DONE',
        status: {
          substatus: [
            {
              id: 'LOGIN',
              shortDescription: `Login as ${PASSWORD}`,
              longDescription: echo,
              userAction: echo,
              status: { state: 'Stopped_With_Error' }
            }
          ]
        }
      }
    ]
  }
  const result = singleJob(outcomeFor(raw, 'failure'))
  const view = viewOf(result, secrets.scrub)

  it('from a job document: the summary, the terminal, the message, annotations and outputs', () => {
    const markdown = renderGateMarkdown(view)
    expect(markdown).toContain('&#42;&#42;&#42;')
    expectClean(markdown)
    expectClean(renderTerminal(view, false))
    expectClean(gateMessage(view))
    expectClean(JSON.stringify(deviceAnnotations(view)))
    expectClean(JSON.stringify(buildOutputs(view, {})))
  })

  it('from the report file, inside JSON strings, keeping the document valid', () => {
    const report = String(reportOf(result, secrets.scrub))
    expectClean(report)
    expect(JSON.parse(report).results[0].userAction).toBeUndefined()
    expect(JSON.parse(report).results[0].status.substatus[0].userAction).toBe('password ***, token ***, session ***')
  })

  it('from an error page or message (the reason of an error)', () => {
    const error = viewOf(
      singleJob(
        errorOutcome(faultCause('http', `GET /x: HTTP 500: <title>${PASSWORD}</title> ${TOKEN} ${COOKIE}`, 500))
      ),
      secrets.scrub
    )
    expectClean(renderGateMarkdown(error))
    expectClean(renderTerminal(error, false))
    expectClean(gateMessage(error))
  })

  it('never changes the verdict: secrets are scrubbed where text is shown, not in the document judged', () => {
    const equalToResult = new SecretSet()
    equalToResult.add('SUCCESS')
    const ok = viewOf(
      singleJob(outcomeFor({ progress: 100, results: [{ result: 'SUCCESS', progress: 'JOB_DONE' }] }, 'success')),
      equalToResult.scrub
    )
    expect(ok.status).toBe('success')
    expect(ok.jobs[0].succeeded).toHaveLength(1)
  })
})

describe('scrubbing echoed secrets in the encodings appliances write them in', () => {
  // Written out here, not derived from the code under test.
  const encoded = [
    ['percent-encoded', 'P%40ss%3Aw0rd%3C%26%3E!'],
    ['HTML entities', 'P&#64;ss&#58;w0rd&#60;&#38;&#62;&#33;'],
    ['HTML hex entities', 'P&#x40;ss&#x3a;w0rd&#x3c;&#x26;&#x3e;&#x21;'],
    ['JSON \\u escapes', 'P@ss:w0rd\\u003c\\u0026\\u003e!'],
    ['base64', Buffer.from(PASSWORD).toString('base64')],
    ['upper case', PASSWORD.toUpperCase()]
  ] as const

  it.each(encoded)('%s: the summary, the terminal, the message, annotations and outputs', (_name, form) => {
    const raw = {
      progress: 100,
      results: [
        {
          messageParameters: `10.0.0.1 ${form}`,
          result: 'OTHER_FAIL',
          resultLongDescription: `Login failed with ${form}`,
          progress: 'JOB_DONE',
          status: {
            substatus: [{ id: 'LOGIN', userAction: `Retry with ${form}`, status: { state: 'Stopped_With_Error' } }]
          }
        }
      ]
    }
    const view = viewOf(singleJob(outcomeFor(raw, 'failure')), secrets.scrub)
    const channels = [
      renderGateMarkdown(view),
      renderTerminal(view, false),
      gateMessage(view),
      JSON.stringify(deviceAnnotations(view)),
      JSON.stringify(buildOutputs(view, {}))
    ]
    for (const channel of channels) {
      expect(channel).not.toContain(form)
      expect(channel).not.toContain(escapeMarkdown(form, 1_000))
    }
    expect(channels[2]).toContain('***')
  })

  it('the report file: escaped as org.json (\\/) or Gson (\\u003c) would, no parsed string holds the password', () => {
    const password = 'a/b<c&d>e=f'
    const own = new SecretSet()
    own.add(password)
    const orgJson = '{"progress":100,"results":[{"result":"OTHER_FAIL","userAction":"try a\\/b<c&d>e=f"}]}'
    const gson =
      '{"progress":100,"results":[{"result":"OTHER_FAIL","userAction":"try a/b\\u003cc\\u0026d\\u003ee\\u003df"}]}'
    for (const body of [orgJson, gson]) {
      const outcome = outcomeFor(JSON.parse(body), 'failure', { body: Buffer.from(body) })
      const report = String(reportOf(singleJob(outcome), own.scrub))
      expect(JSON.parse(report).results[0].userAction).toBe('try ***')
    }
  })
})
