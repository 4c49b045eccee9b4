/**
 * How `/quiz away` reads what follows it: which words plan an absence, and which of the four
 * refusals (usage, too long, not a date, already passed) each mistake gets, word for word.
 */
import { describe, expect, it } from 'vitest';
import { dayLabel, lastDayOf, planAbsence } from '../../src/core/absence.ts';

/** Monday 2 November 2026, 10:00 UTC. */
const NOW = Date.UTC(2026, 10, 2, 10);

const USAGE = 'Usage: `/quiz away <days>` (1 to 30) or `/quiz away until YYYY-MM-DD`, for example `/quiz away 14`.';
const TOO_LONG = 'An absence lasts 1 to 30 days at a time. Set a shorter one, and run `/quiz away` again when it ends.';
const notADate = (word: string) =>
  `\`${word}\` is not a date I can read: write it as YYYY-MM-DD, for example \`/quiz away until 2026-12-24\`.`;

describe('the words after /quiz away', () => {
  it('plans a number of days from 1 to 30, spaces around it allowed', () => {
    expect(planAbsence(' 1 ', NOW, 'UTC')).toEqual({
      ok: true,
      until: Date.UTC(2026, 10, 3),
      lastDay: expect.objectContaining({ year: 2026, month: 11, day: 2 }),
      days: 1,
    });
    expect(planAbsence('30', NOW, 'UTC')).toMatchObject({ ok: true, days: 30, lastDay: { month: 12, day: 1 } });
  });

  it('plans until a date, written in any case and with any spacing after “until”', () => {
    for (const words of ['until 2026-11-04', 'UNTIL 2026-11-04', 'Until   2026-11-04'])
      expect(planAbsence(words, NOW, 'UTC')).toEqual({
        ok: true,
        until: Date.UTC(2026, 10, 5),
        lastDay: expect.objectContaining({ year: 2026, month: 11, day: 4 }),
        days: 3,
      });
    expect(planAbsence('until 2026-11-02', NOW, 'UTC')).toMatchObject({ ok: true, days: 1 });
  });

  it('says an absence lasts 1 to 30 days to 0 days, 31 days, and a date 31 days ahead', () => {
    for (const words of ['0', '31', '9999', 'until 2026-12-02'])
      expect(planAbsence(words, NOW, 'UTC')).toEqual({ ok: false, error: TOO_LONG });
  });

  it('shows the usage for nothing, words it does not know, five digits, and anything after the date', () => {
    for (const words of [undefined, '', 'soon', '12345', '-3', '2 weeks', 'until', 'until 2026-11-04 back on Friday'])
      expect(planAbsence(words, NOW, 'UTC')).toEqual({ ok: false, error: USAGE });
  });

  it('names a date it cannot read, one that does not exist included', () => {
    for (const word of ['12/24', '2026-11-4', '2026-1-04', '26-11-04', '02026-11-04', '2026-11-04x', '2026-02-30'])
      expect(planAbsence(`until ${word}`, NOW, 'UTC')).toEqual({ ok: false, error: notADate(word) });
  });

  it('says a day that has passed in the channel’s timezone has passed, naming the timezone', () => {
    expect(planAbsence('until 2026-11-01', NOW, 'America/New_York')).toEqual({
      ok: false,
      error: "2026-11-01 has already passed in this channel's timezone (America/New_York): pick today or a later day.",
    });
  });
});

describe('the last day of an absence, as /quiz streak shows it', () => {
  it('is the day before the midnight the absence ends at, in the channel’s timezone', () => {
    expect(lastDayOf(Date.UTC(2026, 10, 3), 'UTC')).toEqual({ year: 2026, month: 11, day: 2 });
    // Midnight in Tokyo is 15:00 UTC the day before.
    expect(lastDayOf(Date.UTC(2026, 10, 2, 15), 'Asia/Tokyo')).toEqual({ year: 2026, month: 11, day: 2 });
    expect(dayLabel({ year: 2026, month: 12, day: 12 })).toBe('Sat 12 Dec');
  });
});
