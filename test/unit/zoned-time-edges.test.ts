/**
 * Timezones at their edges: what counts as a timezone, weekdays around midnight and daylight
 * saving, and month keys read many times in a row.
 */
import { describe, expect, it } from 'vitest';
import { nextPostAt } from '../../src/core/schedule.ts';
import type { Schedule } from '../../src/core/types.ts';
import { addDays, canonicalTimezone, localTime, monthKey } from '../../src/core/zoned-time.ts';

describe('what counts as a timezone', () => {
  it('refuses blanks and fixed offsets, which never follow daylight saving', () => {
    for (const zone of [' ', '+05:00', '-03:00', '\u221205:00', '+0530']) expect(canonicalTimezone(zone)).toBeNull();
  });

  it('spells a known zone as the runtime does', () => {
    expect(canonicalTimezone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimezone('utc')).toBe('UTC');
  });
});

describe('weekdays', () => {
  it('reads the local date, time and weekday on both sides of UTC midnight', () => {
    // Sunday 22 November 2026, 23:30 UTC: already Monday morning in Tokyo, still Sunday evening in New York.
    const at = Date.UTC(2026, 10, 22, 23, 30);
    expect(localTime(at, 'Asia/Tokyo')).toEqual({ year: 2026, month: 11, day: 23, hour: 8, minute: 30, weekday: 1 });
    expect(localTime(at, 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      hour: 18,
      minute: 30,
      weekday: 0,
    });
  });

  it('steps over month and year ends with the right weekday', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1, weekday: 5 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29, weekday: 2 });
  });

  it('posts a Sunday-only schedule on the Sunday the clocks go back, at its local time', () => {
    const sundays: Schedule = {
      hour: 9,
      minute: 0,
      timezone: 'Europe/Berlin',
      days: [0],
      windowMinutes: 60,
      topics: [],
    };
    // Sunday 25 October 2026 gains an hour in Berlin: 09:00 is then 08:00 UTC, not 07:00.
    expect(nextPostAt(sundays, Date.UTC(2026, 9, 19))).toBe(Date.UTC(2026, 9, 25, 8, 0));
  });
});

describe('month keys', () => {
  it('gives each zone its own month for the same instant, asked in turn', () => {
    const at = Date.UTC(2026, 11, 31, 20, 0);
    for (let i = 0; i < 3; i++) {
      expect(monthKey(at, 'Pacific/Auckland')).toBe('2027-01');
      expect(monthKey(at, 'America/Los_Angeles')).toBe('2026-12');
    }
  });

  it('moves on to the next month an hour later in the same zone', () => {
    const lastHourOfMarch = Date.UTC(2027, 2, 31, 23, 0);
    expect(monthKey(lastHourOfMarch, 'UTC')).toBe('2027-03');
    expect(monthKey(lastHourOfMarch + 3_600_000, 'UTC')).toBe('2027-04');
  });
});
