import { defineConfig } from 'vitest/config'

/**
 * The tests Stryker runs against each mutant of the clinical rules (see stryker.config.mjs).
 * A config of its own rather than Stryker's `testFiles`, which activates mutants of
 * module-level values too late and reports them as surviving (stryker-js #6144).
 */
export default defineConfig({
  test: {
    include: [
      'tests/unit/instruments/**/*.test.ts',
      'tests/unit/referrals/**/*.test.ts',
      'tests/unit/outcomes/**/*.test.ts',
      'tests/unit/reports/**/*.test.ts',
      'tests/unit/incidents/**/*.test.ts',
      'tests/unit/consent/**/*.test.ts',
      'tests/unit/trim-*.test.ts'
    ],
    environment: 'node',
    testTimeout: 60_000
  }
})
