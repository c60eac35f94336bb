// Jest runs the TypeScript sources as native ESM (ts-jest `useESM`), because
// @actions/core 3 and @actions/http-client 4 are ESM-only. Type checking is
// done once by `npm run typecheck`, so ts-jest only transpiles (fast).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stryker-tmp/'],
  // Integration tests start HTTPS servers and child processes; keep them in
  // step with the 2-core CI machine.
  maxWorkers: 2,
  testTimeout: 30000
}
