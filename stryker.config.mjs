// @ts-check
/**
 * Mutation testing (`npm run test:mutation`, not part of `npm test` or CI): Stryker changes the
 * core, the stores and the adapters' pure translate/render modules one small bug at a time and
 * checks that some test fails. Per-test coverage runs only the tests that reach each mutant.
 * The Lua scripts are out of its reach; docs/testing.md lists the test that holds each of their guards.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/core/**/*.ts',
    'src/store/**/*.ts',
    'src/adapters/*/translate.ts',
    'src/adapters/*/render*.ts',
    'src/adapters/shell/render.ts',
  ],
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
