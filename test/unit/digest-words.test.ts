/** The digest's words, as every platform shows them: the title, each line of the body, the settings reply. */
import { describe, expect, it } from 'vitest';
import {
  digestAlt,
  digestLines,
  digestStatus,
  digestTitle,
  digestWhen,
  roundsByWeek,
} from '../../src/core/digest-text.ts';
import type { DigestView } from '../../src/core/digest-view.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Friday 4 December 2026, midnight in Berlin: a digest whose week starts and ends on a local midnight. */
const MIDNIGHT_FRIDAY = Date.UTC(2026, 11, 3, 23, 0);

function view(overrides: Partial<DigestView> = {}): DigestView {
  return {
    week: '2026-W49',
    from: MIDNIGHT_FRIDAY - WEEK,
    until: MIDNIGHT_FRIDAY,
    timezone: 'Europe/Berlin',
    rounds: [],
    missed: [],
    streaks: [],
    newcomers: [],
    ...overrides,
  };
}

function round(revealedAt: number, answers: number, thisWeek = revealedAt > MIDNIGHT_FRIDAY - WEEK) {
  return { roundId: `r${revealedAt}`, seq: 1, title: 'Locks', revealedAt, answers, thisWeek };
}

const tagged = {
  escape: (text: string) => `<${text}>`,
  link: (title: string, post: { threadId: string } | undefined) => `[${title}](${post?.threadId ?? 'none'})`,
};

describe('the digest title', () => {
  it('names the first and the last day of its week, even for a week that starts on a local midnight', () => {
    expect(digestTitle(view())).toBe('Weekly digest, 27 Nov to 4 Dec');
  });

  it('is what the chart’s alt text describes, pointing at the text for the numbers', () => {
    expect(digestAlt(view())).toBe(
      "Chart of weekly digest, 27 nov to 4 dec: answers per round over the last 8 weeks, and this week's most-missed key points. The numbers are in the text.",
    );
  });
});

describe('the chart’s weeks', () => {
  it('groups the rounds by the week they were revealed in, a round at a week’s end in that week, empty weeks left out', () => {
    const weeks = roundsByWeek(
      view({
        rounds: [
          // Exactly at the start of the chart's eight weeks: before them.
          round(MIDNIGHT_FRIDAY - 8 * WEEK, 99),
          round(MIDNIGHT_FRIDAY - 8 * WEEK + 1, 1),
          // The last instant of the week before this one.
          round(MIDNIGHT_FRIDAY - WEEK, 2),
          round(MIDNIGHT_FRIDAY - WEEK + 1, 3),
          round(MIDNIGHT_FRIDAY, 4),
        ],
      }),
    );
    expect(weeks).toEqual([
      { weekOf: '9 Oct', answers: [1] },
      { weekOf: '20 Nov', answers: [2] },
      { weekOf: '27 Nov', answers: [3, 4] },
    ]);
  });
});

describe('the digest body', () => {
  it('counts one round and one answer in the singular', () => {
    expect(digestLines(view({ rounds: [round(MIDNIGHT_FRIDAY - DAY, 1)] }))[0]).toBe('This week: 1 round, 1 answer.');
  });

  it('counts only this week’s rounds and answers, in the plural, while the chart line holds every week', () => {
    const lines = digestLines(
      view({
        rounds: [
          round(MIDNIGHT_FRIDAY - 2 * WEEK, 7),
          round(MIDNIGHT_FRIDAY - 2 * DAY, 0),
          round(MIDNIGHT_FRIDAY - DAY, 2),
        ],
      }),
    );
    expect(lines).toEqual([
      'This week: 2 rounds, 2 answers.',
      'Answers per round over the last 8 weeks: week of 13 Nov: 7; week of 27 Nov: 0, 2.',
    ]);
  });

  it('says a week without answers in the plural, and leaves out the lines it has nothing for', () => {
    expect(digestLines(view({ rounds: [round(MIDNIGHT_FRIDAY - DAY, 0)] }))).toEqual([
      'This week: 1 round, 0 answers.',
      'Answers per round over the last 8 weeks: week of 27 Nov: 0.',
    ]);
  });

  it('escapes every name and label the team wrote, and links the hardest question through the platform', () => {
    const lines = digestLines(
      view({
        rounds: [round(MIDNIGHT_FRIDAY - DAY, 3)],
        missed: [
          { label: 'Uses a lock', missedBy: 2, title: 'Locks' },
          { label: 'Joins', missedBy: 1, title: 'Locks' },
        ],
        streaks: [
          { rank: 1, userId: 'a', name: 'Ann', score: 4 },
          { rank: 2, userId: 'b', name: 'Bo', score: 1 },
        ],
        hardest: {
          roundId: 'r1',
          title: 'Locks',
          percent: 40,
          kind: 'coverage',
          answers: 3,
          post: { messageId: 'm1', threadId: 't1' },
        },
        newcomers: [
          { id: 'c', name: 'Cy' },
          { id: 'd', name: 'Di' },
        ],
      }),
      tagged,
    );
    expect(lines.slice(2)).toEqual([
      'Most-missed key points this week: <Uses a lock> (missed by 2), <Joins> (missed by 1).',
      'Top streaks: 1. <Ann> 4, 2. <Bo> 1.',
      'Hardest question: [Locks](t1) (40% of its key points covered across 3 answers).',
      'First answers here this week: <Cy>, <Di>. Welcome!',
    ]);
  });

  it('says a button question’s share of right picks, and a coverage over one answer in the singular', () => {
    const hardest = (kind: 'picks' | 'coverage', answers: number) =>
      digestLines(view({ hardest: { roundId: 'r1', title: 'Locks', percent: 25, kind, answers } })).at(-1);
    expect(hardest('picks', 4)).toBe('Hardest question: Locks (25% of 4 picked the right option).');
    expect(hardest('coverage', 1)).toBe('Hardest question: Locks (25% of its key points covered across 1 answer).');
  });
});

describe('the settings reply', () => {
  it('says when the digest goes out, by default after the week’s last round, else on a day at a padded time', () => {
    expect(digestWhen(undefined)).toBe('after the last scheduled round of each week');
    expect(digestWhen({ day: 0, hour: 7, minute: 5 })).toBe('Sundays at 07:05');
    expect(digestWhen({ day: 6, hour: 16, minute: 30 })).toBe('Saturdays at 16:30');
    expect(([1, 2, 3, 4, 5] as const).map((day) => digestWhen({ day, hour: 12, minute: 0 }))).toEqual([
      'Mondays at 12:00',
      'Tuesdays at 12:00',
      'Wednesdays at 12:00',
      'Thursdays at 12:00',
      'Fridays at 12:00',
    ]);
  });

  it('says "is now" after a change and just the state otherwise', () => {
    expect(digestStatus({ enabled: true, at: { day: 5, hour: 16, minute: 30 }, changed: true })).toBe(
      'Weekly digest is now on, Fridays at 16:30.',
    );
    expect(digestStatus({ enabled: true, changed: false })).toBe(
      'Weekly digest: on, after the last scheduled round of each week.',
    );
    expect(digestStatus({ enabled: false, at: { day: 5, hour: 16, minute: 30 }, changed: false })).toBe(
      'Weekly digest: off.',
    );
  });
});
