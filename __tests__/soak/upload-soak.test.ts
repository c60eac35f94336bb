// A randomized run of the upload path, in-process against the simulator over
// real TLS on the virtual clock: odd files, odd answers, faults after the
// body, secrets echoed in every encoding. The oracle is written here from
// what an answer means, not from the code: a step may pass only when the
// answer said so in LXCA's words (validation) or named its job where LXCA
// puts it and every device of that job succeeded (import). The upload is
// never sent twice, and no secret reaches anything a reader could see.
import { afterAll, describe, expect, it } from '@jest/globals'
import { scriptJob } from '../../src/simulator/documents.js'
import type { Fault } from '../../src/simulator/faults.js'
import { startSimulator, type Simulator } from '../../src/simulator/server.js'
import { renderGateMarkdown } from '../../src/report/markdown/gate-markdown.js'
import { buildOutputs, gateMessage } from '../../src/report/github/outputs.js'
import { annotations as deviceAnnotations } from '../../src/report/github/annotations.js'
import { renderTerminal } from '../../src/report/terminal/terminal.js'
import { gateView } from '../../src/report/model/gate-view.js'
import { csvFile, runEngine } from '../helpers/engine.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { reportFileOf } from '../helpers/outcomes.js'
import { echoedForms } from '../helpers/echo-forms.js'

const SCENARIOS = 300
const FIRST_SEED = 15_001

/** mulberry32: a small seeded generator, so a failing scenario can be run again by its seed. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** What the answer is, and what it allows the step to conclude. */
interface Answer {
  readonly name: string
  /** undefined: the simulator answers as LXCA would for this file. */
  readonly fault?: Fault
  /** The answer says, in LXCA's words, that validation accepted the file. */
  readonly accepts?: boolean
  /** The answer names the job where LXCA puts it: the one the upload created, or a job the simulator already has. */
  readonly namesJob?: 'created' | 'existing'
}

const lxca = (result: string, ...texts: string[]): string =>
  JSON.stringify({ result, messages: texts.map((text, i) => ({ id: `FQXHMDI02${i}${i % 2 ? 'I' : 'M'}`, text })) })

function answers(echo: string): Answer[] {
  const body = (name: string, status: number, content: string, location?: string): Answer => ({
    name,
    fault: { kind: 'status', status, body: content, location }
  })
  return [
    { name: 'as LXCA answers', namesJob: 'created', accepts: true },
    { name: 'reset after the body', fault: { kind: 'reset' } },
    { name: 'truncated', fault: { kind: 'truncate', framing: 'length' } },
    { name: 'stalled', fault: { kind: 'stall' } },
    body('HTML login page', 200, `<html><title>Login ${echo}</title></html>`),
    body('empty 200', 200, ''),
    body('204', 204, ''),
    body('cut JSON', 200, '{"result":"success","messa'),
    body('null', 200, 'null'),
    body('a list', 200, '[]'),
    body('unknown keys', 200, JSON.stringify({ ok: true, note: echo })),
    body('plain text refusal', 200, `Validation failed: line 3 has no address (${echo})`),
    body('a failure naming no problem', 200, '{"result":"Failure"}'),
    body('an old job in a refusal', 200, lxca('failed', `Import /csvRequest/jobs/4229 is still running ${echo}`)),
    body('a message ID only', 200, lxca('success', 'The request was accepted.')),
    // For validation, a success in LXCA's words, whatever else the answer holds.
    { ...body('a nested id', 200, JSON.stringify({ result: 'success', job: { id: 4229 } })), accepts: true },
    body('a word for a job', 200, JSON.stringify({ job: 'running' })),
    body('job 0', 200, JSON.stringify({ jobid: 0 })),
    body('a manage job', 201, '', '/manageRequest/jobs/4229'),
    body('two jobs', 200, JSON.stringify({ jobId: 4229, statusDescription: '/csvRequest/jobs/4230' })),
    body('400 with reasons', 400, lxca('failed', `Line 2: bad ${echo}`)),
    body('400 without reasons', 400, '<html>Bad Request</html>'),
    body('401', 401, lxca('failed', 'Not authorised.')),
    body('404', 404, ''),
    body('408', 408, ''),
    body('429', 429, ''),
    body('500 echoing', 500, lxca('failed', `Internal error for ${echo}`)),
    body('503', 503, ''),
    { ...body('201 Location to a known job', 201, '{}', '/csvRequest/jobs/4229'), namesJob: 'existing' },
    { ...body('202 Location URL', 202, '', 'https://other-name.internal/csvRequest/jobs/4230'), namesJob: 'existing' },
    {
      ...body('200 jobId field', 200, JSON.stringify({ result: 'success', jobId: '4229' })),
      namesJob: 'existing',
      accepts: true
    },
    { ...body('validation warning', 200, lxca('warning', 'Duplicate display name.')), accepts: true },
    { ...body('validation informational', 200, lxca('informational', 'Valid.')), accepts: true }
  ]
}

/** A bulk-import CSV of 1 to 4 rows with random BMC passwords; some rows fail at a step. */
function csvOf(random: () => number): { content: string; passwords: string[]; fails: boolean } {
  const rows = 1 + Math.floor(random() * 4)
  const passwords = Array.from({ length: rows }, (_, i) => `Bmc-${Math.floor(random() * 1e9).toString(36)}-${i}`)
  const failing = random() < 0.3 ? Math.floor(random() * rows) : -1
  const lines = passwords.map(
    (password, i) =>
      `server,10.240.9.${i + 1},USERID,${password},${i === failing ? 'fail:LOGIN:Check the BMC password.' : ''}`
  )
  return {
    content: ['Type,IP Address,User ID,Password,Simulate', ...lines].join('\r\n') + '\r\n',
    passwords,
    fails: failing >= 0
  }
}

/** Everything a reader could see, written the ways the step writes it. */
function seen(run: Awaited<ReturnType<typeof runEngine>>, baseUrl: URL): string[] {
  const scrub = run.secretSet.scrub
  const view = gateView(run.result, baseUrl, scrub)
  const report = reportFileOf(
    run.result.jobs.flatMap(job => {
      const body = run.documents.get(job.job.id)
      return body ? [[job.job, body] as const] : []
    }),
    scrub,
    run.result.jobs.length > 1
  )
  return [
    ...run.logs.map(scrub),
    renderGateMarkdown(view),
    renderTerminal(view, false),
    gateMessage(view),
    JSON.stringify(deviceAnnotations(view)),
    JSON.stringify(buildOutputs(view, {})),
    report ?? ''
  ]
}

/** A secret as typed and in the encodings the simulator and the answers above echo it in. */
const forms = echoedForms

const running: Simulator[] = []
afterAll(async () => {
  await Promise.all(running.map(sim => sim.close()))
})

describe(`the upload path, ${SCENARIOS} random scenarios`, () => {
  it('no false success, never a second POST, no leaked secret', async () => {
    const tally = new Map<string, number>()
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SCENARIOS; seed++) {
      const random = generator(seed)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
      const password = `Pw/${Math.floor(random() * 1e9).toString(36)}<&>x`
      const csv = csvOf(random)
      const echo = `${password} ${encodeURIComponent(csv.passwords[0])} ${Buffer.from(password).toString('base64')}`
      // As LXCA answers a third of the time; otherwise anything.
      const all = answers(echo)
      const answer = random() < 0.3 ? all[0] : pick(all.slice(1))
      const validationOnly = random() < 0.35
      const clock = new VirtualClock()
      const sim = await startSimulator({
        password,
        // The jobs some answers name (4229 and 4230, which succeed); an upload's own job starts at 5001.
        jobs: { '4229': scriptJob({ devices: 2, pollsToComplete: 2 }), '4230': scriptJob({ devices: 1 }) },
        importPolls: 2,
        now: () => clock.now(),
        uploadFaults: answer.fault ? [answer.fault] : [],
        uploadAnswer: pick(['location', 'location-url', 'body'] as const),
        // The job documents echo the credentials too, now and then.
        faults: random() < 0.3 ? [{ kind: 'echo', as: 'error' }] : []
      })
      running.push(sim)
      const run = await runEngine(
        sim,
        {
          password,
          'job-id': '',
          'csv-file': csvFile(csv.content),
          'validation-only': String(validationOnly),
          'request-timeout': '2s',
          timeout: '1m'
        },
        { clock }
      )
      const { status } = run.result
      const upload = run.result.upload
      const reason = upload?.status === 'error' ? upload.cause.reason : undefined
      const context = { seed, answer: answer.name, validationOnly, status, reason }
      if (process.env.SOAK_DEBUG) console.log(JSON.stringify(context))
      tally.set(`${answer.name}/${validationOnly ? 'validate' : 'import'}/${status}`, 1)

      // The upload was sent once, whatever came back.
      expect([context, sim.uploads()]).toEqual([context, 1])
      // Success only when the answer allowed it.
      if (status === 'success') {
        const allowed = validationOnly
          ? answer.accepts === true
          : answer.namesJob === 'existing' || (answer.namesJob === 'created' && !csv.fails)
        expect([context, allowed]).toEqual([context, true])
      }
      // A job is polled only when the answer named it where LXCA puts it.
      const polled = sim.requests.some(request => request.method === 'GET')
      if (polled) expect([context, !validationOnly && answer.namesJob !== undefined]).toEqual([context, true])
      // No secret, in any encoding, in anything a reader could see.
      const everything = seen(run, new URL(sim.url)).join('\n')
      for (const secret of [password, Buffer.from(`admin:${password}`).toString('base64'), ...csv.passwords]) {
        for (const form of forms(secret)) {
          expect([context, form, everything.includes(form)]).toEqual([context, form, false])
        }
      }
      await sim.close()
      running.pop()
    }
    // The scenarios did cover the ground: successes, failures and errors, validation and import.
    const outcomes = [...tally.keys()].map(key => key.split('/').slice(1).join('/'))
    for (const expected of ['validate/success', 'validate/error', 'import/success', 'import/error']) {
      expect(outcomes).toContain(expected)
    }
  }, 120_000)
})
