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
  // Tests that drive the bot in a child process (a real SIGTERM, piped input, replicas) cannot see
  // a mutant, which lives in Stryker's own process: they would only lengthen every run. Files whose
  // tests take seconds each (gateway-failures 24 s, the Redis Cluster contract 11 s, the examples
  // run on Python, a year of rounds) are left out too: each mutant they cover would cost that long,
  // so the score is a lower bound (those tests can only kill more).
  testFiles: [
    'test/unit/!(verify-examples).test.ts',
    'test/unit/*/*.test.ts',
    'test/contract/!(redis-cluster-store).test.ts',
    'test/integration/discord/!(gateway-failures).test.ts',
    'test/integration/slack/!(socket-reconnect|digest-retry).test.ts',
    'test/integration/shell/shell-demo.test.ts',
    'test/integration/!(process-guard|replicas|sigterm-healthz|morning-burst|slack-burst|picks-exactness|year-of-rounds|app|app-stop|redis-hung).test.ts',
  ],
  mutate: [
    'src/core/**/*.ts',
    'src/store/**/*.ts',
    'src/adapters/*/translate.ts',
    'src/adapters/*/render*.ts',
    'src/adapters/shell/render.ts',
  ],
  ignoreStatic: true,
  // One runner: the machine's two cores are shared with other engineers.
  concurrency: 1,
  // Reruns after adding tests test only the mutants and tests that changed (reports/ is ignored).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // Added to a mutant's expected test time before it counts as a timeout (an infinite loop): kept
  // short, as each such mutant costs that long.
  timeoutMS: 10_000,
  // The first run of every test, for coverage, takes minutes on a busy 2-core machine (five is the default).
  dryRunTimeoutMinutes: 40,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  // Read by scripts/mutation-report.ts, which writes docs/mutation-survivors.md with a reason for each.
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
