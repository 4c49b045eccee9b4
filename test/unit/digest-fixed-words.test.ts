/**
 * The digest's fixed words, spelled out: month names, the chart's weeks, the terminal's body, the
 * settings replies and the warning to a channel whose digest could not be posted.
 *
 * These words live in module constants, which run once, when the module loads. The mutation run
 * links code to the tests that execute it, and with `ignoreStatic` a constant that runs only while
 * test files load is never checked against its mutants. So each test here loads the modules it
 * needs afresh, inside the test: the constants run again and belong to that test.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DigestView } from '../../src/core/digest-view.ts';
import type { Reply } from '../../src/core/views.ts';
import { sampleDigest } from '../support/digest-views.ts';

async function fresh<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A Berlin digest closing at `until`, with nothing in it but its week. */
function emptyWeek(until: number): DigestView {
  return {
    week: 'any',
    from: until - 7 * DAY,
    until,
    timezone: 'Europe/Berlin',
    rounds: [],
    missed: [],
    streaks: [],
    newcomers: [],
  };
}

describe('the digest’s month names', () => {
  it('names every month of the year in the title, across each month’s turn, a short February included', async () => {
    const { digestTitle } = await fresh(() => import('../../src/core/digest-text.ts'));
    // The 3rd of each month of 2026, late morning in Berlin: the week began in the month before.
    const titles = Array.from({ length: 12 }, (_, month) => digestTitle(emptyWeek(Date.UTC(2026, month, 3, 10))));
    expect(titles).toEqual([
      'Weekly digest, 27 Dec to 3 Jan',
      'Weekly digest, 27 Jan to 3 Feb',
      'Weekly digest, 24 Feb to 3 Mar',
      'Weekly digest, 27 Mar to 3 Apr',
      'Weekly digest, 26 Apr to 3 May',
      'Weekly digest, 27 May to 3 Jun',
      'Weekly digest, 26 Jun to 3 Jul',
      'Weekly digest, 27 Jul to 3 Aug',
      'Weekly digest, 27 Aug to 3 Sep',
      'Weekly digest, 26 Sep to 3 Oct',
      'Weekly digest, 27 Oct to 3 Nov',
      'Weekly digest, 26 Nov to 3 Dec',
    ]);
  });
});

describe('the digest in the terminal', () => {
  it('says eight weeks of rounds week by week, and every name, label and title as the team wrote it', async () => {
    const { renderDigest } = await fresh(() => import('../../src/adapters/shell/render-digest.ts'));
    expect(renderDigest(sampleDigest(), undefined).split('\n')).toEqual([
      '━━ Weekly digest, 27 Nov to 4 Dec ━━',
      'This week: 5 rounds, 62 answers.',
      'Answers per round over the last 8 weeks: week of 9 Oct: 6, 7, 5, 8, 6; week of 16 Oct: 7, 9, 6, 8, 7; week of 23 Oct: 5, 9, 8, 7, 10; week of 30 Oct: 6, 9, 8, 11, 7; week of 6 Nov: 9, 8, 10, 12, 9; week of 13 Nov: 11, 10, 8, 12, 11; week of 20 Nov: 9, 13, 12, 10, 11; week of 27 Nov: 14, 12, 13, 11, 12.',
      'Most-missed key points this week: asyncio.gather cancels nothing when one task fails (missed by 7), The GIL is released around blocking I/O (missed by 5), A Lock is not reentrant; RLock is (missed by 4), Queue.join waits for task_done calls (missed by 2).',
      'Top streaks: 1. Ana 23, 2. Bilal 17, 3. Chen 9.',
      'Hardest question: gather and failures (38% of its key points covered across 12 answers).',
      'First answers here this week: Dara, Emil. Welcome!',
      '(no chart this time: it could not be drawn)',
    ]);
  });
});

describe('the `/quiz digest` reply in the terminal', () => {
  type DigestReply = Extract<Reply, { kind: 'digest' }>;
  const NOW = Date.UTC(2026, 11, 10, 15, 30);
  const reply = (overrides: Partial<DigestReply>): DigestReply => ({
    visibility: 'private',
    kind: 'digest',
    enabled: true,
    timezone: 'Europe/Berlin',
    scheduled: true,
    changed: false,
    ...overrides,
  });

  it('tells a channel without a schedule to set one, and one without a round that there is nothing to preview', async () => {
    const { renderDigestReply } = await fresh(() => import('../../src/adapters/shell/render-digest.ts'));
    expect(renderDigestReply(reply({ enabled: false, scheduled: false }), NOW)).toBe(
      'Weekly digest: off.\nThis channel has no schedule, so it gets no digest: run `/quiz schedule` first.',
    );
    expect(renderDigestReply(reply({}), NOW)).toBe(
      'Weekly digest: on, after the last scheduled round of each week.\nNo round was revealed here in the last seven days, so there is nothing to preview.',
    );
  });
});

describe('the digest’s refusals and warnings', () => {
  it('asks for a day and a time together when an admin gives only a day', async () => {
    const { h, CH } = await fresh(async () => {
      const { makeQuiz } = await import('../support/fixtures.ts');
      const { RecordingAdapter } = await import('../support/recording-adapter.ts');
      return {
        h: makeQuiz({ adapters: new Map([['shell', new RecordingAdapter('shell')]]) }),
        CH: 'shell:team' as const,
      };
    });
    const run = (text: string) =>
      h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'Lead' }, isAdmin: true, text });
    await run('schedule 09:00 UTC weekdays 4h');
    expect(await run('digest on fri')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'invalid-schedule',
      message:
        'Give the digest a day and a time together, e.g. `/quiz digest on fri 16:30`, or neither to keep its time.',
    });
    expect(await h.store.getDigestSettings(CH)).toBeNull();
  });

  it('tells a channel that refuses its digest, in words, what to check', async () => {
    const m = await fresh(async () => ({
      fixtures: await import('../support/fixtures.ts'),
      recording: await import('../support/recording-adapter.ts'),
      chat: await import('../../src/ports/chat.ts'),
      job: await import('../support/digest-job.ts'),
      clock: await import('../support/fake-clock.ts'),
    }));
    /** Refuses every digest as a channel without the bot's permissions does. */
    class RefusingAdapter extends m.recording.RecordingAdapter {
      async postDigest() {
        throw new m.chat.ChatFailure('missing-access', 'Missing Access', { permanent: true });
      }
    }
    const clock = new m.clock.FakeClock(m.fixtures.MONDAY_0800_UTC);
    const adapter = new RefusingAdapter('shell');
    const h = m.fixtures.makeQuiz({ adapters: new Map([['shell', adapter]]), clock });
    clock.set(await m.job.queueDigest(h.quiz, h.store, clock, 'shell:team'));
    await h.quiz.tick();
    expect(adapter.warnings).toEqual([
      {
        channel: 'team',
        message:
          "I could not post this week's digest here. Check that I can still post messages and files in this channel.",
      },
    ]);
  });
});
