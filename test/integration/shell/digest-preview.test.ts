import { existsSync, readFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ShellAdapter } from '../../../src/adapters/shell/adapter.ts';
import { VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuiz } from '../../support/fixtures.ts';
import { waitFor } from '../../support/wait-for.ts';

describe('/quiz digest in the shell', () => {
  it("prints the settings, this week's digest text and the path of its chart, a PNG written to a temporary file", async () => {
    const input = new PassThrough();
    let shown = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        shown += chunk.toString();
        done();
      },
    });
    const clock = new FakeClock(MONDAY_0800_UTC);
    const adapter = new ShellAdapter({ input, output, clock, user: 'Ada' });
    const { quiz } = makeQuiz({ adapters: new Map([['shell', adapter]]), clock, digestChart: new VegaDigestChart() });
    await adapter.start(quiz);
    for (const line of [
      '/quiz schedule 09:00 UTC weekdays 1h',
      '/quiz post-now',
      'Take a lock.',
      '/quiz reveal-now',
      '/quiz digest',
    ])
      input.write(`${line}\n`);
    const path = await waitFor(() => /^Chart: (.+\.png)$/m.exec(shown)?.[1], 'the path of the chart');
    expect(shown).toMatch(
      /Weekly digest: on, after the last scheduled round of each week\. Next: Fri 27 Nov 10:15 UTC\./,
    );
    expect(shown).toContain('This week: 1 round, 1 answer.');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    input.end();
    await adapter.ended;
  });
});
