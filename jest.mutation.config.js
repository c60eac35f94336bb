// The unit tests that judge the verdict core, for `npm run test:mutation`:
// in-process, no bundle, no spawned process, so each mutant costs seconds.
import base from './jest.config.js'

/** @type {import('jest').Config} */
export default {
  ...base,
  // Not the base's: Stryker's sandbox is itself under .stryker-tmp/, so ignoring that folder would ignore every test.
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: [
    '**/__tests__/lxca/**/*.test.ts',
    '**/__tests__/outcome/**/*.test.ts',
    '**/__tests__/poll/**/*.test.ts',
    '**/__tests__/http/retry-wait.test.ts',
    '**/__tests__/common/**/*.test.ts',
    '**/__tests__/gate/run-gate.test.ts',
    // The import in parts (gate/import-parts.ts) is judged against the simulator, on the virtual clock.
    '**/__tests__/gate/run-gate-simulator.test.ts',
    '**/__tests__/gate/inventory-gate.test.ts',
    '**/__tests__/settings/settings.test.ts'
  ],
  testEnvironment: '@stryker-mutator/jest-runner/jest-env/node'
}
