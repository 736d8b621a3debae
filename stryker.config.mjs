// Mutation testing for the rules that decide what a clinician is shown: scoring, red/amber/green,
// follow-ups and names; referral waits, treatment outcomes, exposure load, TRiM scoring and due dates,
// consent in force, and small-number suppression. `npm run mutate`; the report lands in test-results/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'shared/instruments/rag.ts',
    'shared/instruments/answered-floor.ts',
    'shared/instruments/follow-up.ts',
    'shared/instruments/index.ts',
    'shared/instruments/names.ts',
    'shared/referrals/clocks.ts',
    'shared/referrals/status.ts',
    'shared/incidents/exposure-load.ts',
    'shared/outcomes/index.ts',
    'shared/reports/suppression.ts',
    'shared/trim/assessment.ts',
    'shared/trim/timing.ts',
    'shared/consent/current.ts'
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  jsonReporter: { fileName: 'test-results/mutation/report.json' },
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  tempDirName: 'test-results/.stryker-tmp',
  cleanTempDir: 'always'
}
