import { describe, expect, it } from 'vitest';
import { latestDigestWeek, nextDigestAt } from '../../src/core/digest-time.ts';
import type { Schedule } from '../../src/core/types.ts';

const weekdays: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 240,
  topics: [],
};
const MONDAY = Date.UTC(2026, 10, 23, 8, 0);

describe('when the digest is due', () => {
  it('follows the last scheduled day of the week, 15 minutes after its window closes', () => {
    expect(nextDigestAt(weekdays, null, MONDAY)).toBe(Date.UTC(2026, 10, 27, 12, 15));
    // Sunday ends the week: a schedule with Sunday in it digests on Sunday.
    expect(nextDigestAt({ ...weekdays, days: [0, 1, 3] }, null, MONDAY)).toBe(Date.UTC(2026, 10, 29, 12, 15));
    // A window past midnight moves the digest into the next day.
    const late = { ...weekdays, hour: 22, windowMinutes: 180 };
    expect(nextDigestAt(late, null, MONDAY)).toBe(Date.UTC(2026, 10, 28, 0, 15));
  });

  it("takes an admin's day and local time, through a daylight saving change", () => {
    const friday1630 = { enabled: true, at: { day: 5 as const, hour: 16, minute: 30 } };
    // 16:30 in Berlin is 15:30 UTC in winter...
    expect(nextDigestAt(weekdays, friday1630, MONDAY)).toBe(Date.UTC(2026, 10, 27, 15, 30));
    // ...and 14:30 UTC in summer.
    expect(nextDigestAt(weekdays, friday1630, Date.UTC(2026, 6, 1))).toBe(Date.UTC(2026, 6, 3, 14, 30));
  });

  it('names the week a digest closes and covers the seven days before it', () => {
    const at = Date.UTC(2026, 10, 27, 12, 15);
    expect(latestDigestWeek(weekdays, null, at)).toEqual({ week: '2026-W48', from: at - 7 * 86_400_000, until: at });
    // A minute early, the week is still the one before.
    expect(latestDigestWeek(weekdays, null, at - 60_000).week).toBe('2026-W47');
  });

  it('is the next week’s digest when asked at the very instant one is due', () => {
    const at = Date.UTC(2026, 10, 27, 12, 15);
    expect(nextDigestAt(weekdays, null, at)).toBe(at + 7 * 86_400_000);
    expect(nextDigestAt(weekdays, null, at - 1)).toBe(at);
  });

  it('names weeks as ISO does: two-digit numbers, and the year the week belongs to', () => {
    // Friday 8 January 2027 is in the first ISO week of 2027.
    expect(latestDigestWeek(weekdays, null, Date.UTC(2027, 0, 8, 13, 0)).week).toBe('2027-W01');
    // Friday 1 January 2027 still closes the last week of 2026.
    expect(latestDigestWeek(weekdays, null, Date.UTC(2027, 0, 1, 13, 0)).week).toBe('2026-W53');
  });
});
