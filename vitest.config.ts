import { defineConfig } from 'vitest/config';

/** Tests of the bank's wording: real questions against sample and adversarial answers. */
const BANK_TESTS = [
  'test/unit/sample-answers.test.ts',
  'test/unit/adversarial.test.ts',
  'test/unit/feedback-fairness.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/counts-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'behaviour',
          include: ['test/**/*.test.ts'],
          exclude: BANK_TESTS,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'bank', include: BANK_TESTS } },
    ],
  },
});
