// `npm run test:mutation`: StrykerJS changes the code that decides the verdict
// and the schedule, one small change (a mutant) at a time, and runs the unit
// tests against each: a mutant no test notices is a line no test defends.
// Not part of `npm test`: it takes minutes. See docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'],
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // The verdict core: the job document, the verdict, the outcome, the retry wait, job references, the poller, the parts.
  mutate: [
    'src/lxca/document.ts',
    'src/lxca/verdict.ts',
    'src/lxca/job-ref.ts',
    'src/outcome/*.ts',
    'src/http/retry-wait.ts',
    'src/poll/poller.ts',
    // The import in parts: one job at a time, each after the job before it has finished.
    'src/gate/import-parts.ts'
  ],
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
