/**
 * Prints one line per vitest project after a run: behaviour tests and question-bank wording tests
 * are counted apart, so the total does not hide how much of it checks the bank's phrasing.
 */
import type { Reporter, TestModule } from 'vitest/node';

const LABELS: Record<string, string> = {
  behaviour: 'behaviour (the bot does what the README says)',
  bank: 'question bank (key-point wording on sample and adversarial answers)',
};

export default class CountsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'tests';
      const count = counts.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
      counts.set(name, count);
    }
    const lines = [...counts].map(([name, c]) => {
      const failed = c.failed > 0 ? `, ${c.failed} failed` : '';
      const skipped = c.skipped > 0 ? `, ${c.skipped} not run` : '';
      return `  ${LABELS[name] ?? name}: ${c.passed} passed${failed}${skipped}`;
    });
    if (lines.length > 0) process.stdout.write(`\nTests by kind:\n${lines.join('\n')}\n`);
    // A plain closing line, free of colour codes, that CI logs and other tools can read.
    const total = [...counts.values()].reduce(
      (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
      { passed: 0, failed: 0, skipped: 0 },
    );
    const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
    process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed${skipped}\n`);
  }
}
