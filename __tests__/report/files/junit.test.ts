// The JUnit report, validated against the JUnit schema Jenkins and GitLab
// read (__tests__/fixtures/junit.xsd, with libxml2's xmllint compiled to
// WebAssembly): its counts add up and agree with the step's outputs, and no
// server text can break the XML.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import { jobDocument, scriptJob } from '../../../src/simulator/documents.js'
import { SecretSet } from '../../../src/common/secrets.js'
import { renderJunit } from '../../../src/report/files/junit.js'
import { buildOutputs } from '../../../src/report/github/outputs.js'
import type { GateView } from '../../../src/report/model/gate-view.js'
import { hostileJob } from '../../helpers/hostile.js'
import { errorOutcome, faultCause, gateOf, outcomeFor, singleJob, viewOf } from '../../helpers/outcomes.js'

const XSD = readFileSync(new URL('../../fixtures/junit.xsd', import.meta.url), 'utf8')
const NOW = new Date('2026-11-30T12:00:00Z')

async function valid(xml: string): Promise<void> {
  const result = await validateXML({
    xml: { fileName: 'junit.xml', contents: xml },
    schema: { fileName: 'junit.xsd', contents: XSD }
  })
  expect(result.errors.map(error => error.message)).toEqual([])
  expect(result.valid).toBe(true)
}

const count = (xml: string, pattern: RegExp): number => (xml.match(pattern) ?? []).length
const attribute = (xml: string, element: string, name: string): number[] =>
  [...xml.matchAll(new RegExp(`<${element} [^>]*\\b${name}="(\\d+)"`, 'g'))].map(match => Number(match[1]))

/** The counts of the report: they add up, and agree with the outputs of the same view. */
function expectCountsOf(xml: string, view: GateView): void {
  const [tests] = attribute(xml, 'testsuites', 'tests')
  const [failures] = attribute(xml, 'testsuites', 'failures')
  const [errors] = attribute(xml, 'testsuites', 'errors')
  expect(tests).toBe(count(xml, /<testcase /g))
  expect(failures).toBe(count(xml, /<failure /g))
  expect(errors).toBe(count(xml, /<error /g))
  expect(attribute(xml, 'testsuite', 'tests').reduce((a, b) => a + b, 0)).toBe(tests)
  const outputs = buildOutputs(view, {})
  if (outputs.devices !== '') {
    expect(tests).toBeGreaterThanOrEqual(Number(outputs.devices))
    expect(failures).toBe(Number(outputs.failed))
    expect(tests - failures - errors).toBe(Number(outputs.succeeded))
  }
}

const three = (failures: Parameters<typeof scriptJob>[0]['failures'] = []): unknown =>
  jobDocument(scriptJob({ devices: 3, pollsToComplete: 2, failures }), 2)

describe('the JUnit report', () => {
  it.each([
    ['a success', viewOf(singleJob(outcomeFor(three(), 'success')))],
    [
      'a partial failure',
      viewOf(
        singleJob(outcomeFor(three([{ device: 1, step: 'LOGIN', userAction: 'Check the BMC password.' }]), 'failure'))
      )
    ],
    [
      'a timeout',
      viewOf(singleJob(outcomeFor(jobDocument(scriptJob({ devices: 4, pollsToComplete: 10 }), 4), 'timeout')))
    ],
    [
      'several jobs, one not checked',
      viewOf(
        gateOf([
          outcomeFor(three(), 'success', { job: { id: '4229', type: 'csv' } }),
          outcomeFor(three([{ device: 0, step: 'CFG_NTP' }]), 'failure', { job: { id: '4230', type: 'csv' } }),
          errorOutcome(faultCause('not-found', 'job 78 was not found (HTTP 404)', 404), {
            job: { id: '78', type: 'unmanage' }
          })
        ])
      )
    ],
    ['a hostile document', viewOf(singleJob(outcomeFor(hostileJob(), 'failure')))]
  ])('%s: valid against the schema, its counts add up and agree with the outputs', async (_name, view) => {
    const xml = renderJunit(view, NOW)
    await valid(xml)
    expectCountsOf(xml, view)
  })

  it('a failed device is a failure with its result, step and user action; a device not finished is an error', () => {
    const failed = renderJunit(
      viewOf(
        singleJob(outcomeFor(three([{ device: 1, step: 'LOGIN', userAction: 'Check the BMC password.' }]), 'failure'))
      ),
      NOW
    )
    expect(failed).toContain(
      '<failure message="OTHER_FAIL at Login" type="OTHER_FAIL">Check the BMC password.\nStep: Login'
    )
    expect(failed).toMatch(
      /<testsuite name="LXCA job 4229 on lxca\.example\.com" tests="3" failures="1" errors="0" skipped="0" time="252\.000" timestamp="2026-11-30T11:55:48" hostname="lxca\.example\.com">/
    )
    const timeout = renderJunit(
      viewOf(singleJob(outcomeFor(jobDocument(scriptJob({ devices: 2, pollsToComplete: 10 }), 4), 'timeout'))),
      NOW
    )
    expect(count(timeout, /<error message="not finished \(at /g)).toBe(2)
  })

  it('server text cannot break out: controls removed, markup escaped, no CDATA', async () => {
    const raw = {
      progress: 100,
      results: [
        {
          messageParameters: 'a"><testcase name="x\u0001\u0008',
          result: 'OTHER_FAIL',
          progress: 'JOB_DONE',
          status: {
            substatus: [
              {
                id: 'LOGIN',
                userAction: ']]></failure><![CDATA[ \ud800 & <b>',
                status: { state: 'Stopped_With_Error' }
              }
            ]
          }
        }
      ]
    }
    const xml = renderJunit(viewOf(singleJob(outcomeFor(raw, 'failure'))), NOW)
    await valid(xml)
    expect(count(xml, /<testcase /g)).toBe(1)
    expect(xml).not.toContain('<![CDATA[')
    expect(xml).toContain(']]&gt;&lt;/failure&gt;&lt;![CDATA[  &amp; &lt;b&gt;')
    expect(xml).toContain('a&quot;&gt;&lt;testcase name=&quot;x')
  })

  it('every string from the appliance is scrubbed as the summary is: a step name that echoes a secret', () => {
    const secrets = new SecretSet()
    secrets.add('Sup3r-S3cret!')
    const raw = {
      progress: 100,
      results: [
        {
          messageParameters: '10.0.0.1',
          result: 'OTHER_FAIL',
          progress: 'JOB_DONE',
          status: {
            substatus: [
              {
                id: 'LOGIN',
                shortDescription: 'Login as admin/Sup3r-S3cret!',
                status: { state: 'Stopped_With_Error' },
                userAction: 'Retry with Sup3r-S3cret!'
              }
            ]
          }
        }
      ]
    }
    const xml = renderJunit(viewOf(singleJob(outcomeFor(raw, 'failure')), secrets.scrub), NOW)
    expect(xml).not.toContain('Sup3r-S3cret!')
    expect(xml).toContain('Step: Login as admin/***')
  })

  it('stops growing at its limit and says how many cases it left out; still valid, counts still add up', async () => {
    const view = viewOf(
      singleJob(outcomeFor(jobDocument(scriptJob({ devices: 1_000, pollsToComplete: 1 }), 1), 'success'))
    )
    const xml = renderJunit(view, NOW, 40_000)
    await valid(xml)
    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(40_000)
    const [tests] = attribute(xml, 'testsuites', 'tests')
    expect(tests).toBe(count(xml, /<testcase /g))
    expect(xml).toMatch(
      new RegExp(`<property name="left out" value="${1_000 - tests} test cases, past the 50 MB limit of this report"/>`)
    )
  })
})
