import { describe, expect, it } from 'vitest';
import { isValidTimezone, localTime, monthKey, zonedInstant } from '../../src/core/zoned-time.ts';

describe('zoned time', () => {
  it('accepts IANA zones, UTC and Etc zones, and rejects unknown ones', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Etc/GMT+5')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });

  it('finds the instant of a local time in winter and in summer', () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 15 }, 9, 0, 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 8, 0));
    expect(zonedInstant({ year: 2026, month: 7, day: 15 }, 9, 0, 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 15, 7, 0));
    expect(zonedInstant({ year: 2026, month: 7, day: 15 }, 9, 30, 'America/New_York')).toBe(
      Date.UTC(2026, 6, 15, 13, 30),
    );
  });

  it('moves a time skipped by spring-forward to just after the gap', () => {
    // Berlin skips 02:00-03:00 on 29 March 2026.
    const at = zonedInstant({ year: 2026, month: 3, day: 29 }, 2, 30, 'Europe/Berlin');
    expect(localTime(at, 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of the two instants of a repeated fall-back time', () => {
    // Berlin repeats 02:00-03:00 on 25 October 2026; the first 02:30 is still summer time (UTC+2).
    expect(zonedInstant({ year: 2026, month: 10, day: 25 }, 2, 30, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('keys months in the channel timezone', () => {
    const newYearInTokyo = Date.UTC(2026, 11, 31, 16, 0);
    expect(monthKey(newYearInTokyo, 'Asia/Tokyo')).toBe('2027-01');
    expect(monthKey(newYearInTokyo, 'UTC')).toBe('2026-12');
  });

  it('turns the month at the first local minute of it, in a zone a quarter hour off the hour', () => {
    // Kathmandu is UTC+05:45: its February begins at 18:15 UTC on 31 January.
    const februaryInKathmandu = Date.UTC(2027, 0, 31, 18, 15);
    expect(monthKey(februaryInKathmandu - 1, 'Asia/Kathmandu')).toBe('2027-01');
    expect(monthKey(februaryInKathmandu, 'Asia/Kathmandu')).toBe('2027-02');
    expect(monthKey(februaryInKathmandu - 60_000, 'Asia/Kathmandu')).toBe('2027-01');
  });

  it('turns the month at local midnight in a zone that changed its clocks that month', () => {
    // New York is UTC-05:00 in November, after the clocks went back on its first Sunday.
    const decemberInNewYork = Date.UTC(2026, 11, 1, 5, 0);
    expect(monthKey(decemberInNewYork - 1, 'America/New_York')).toBe('2026-11');
    expect(monthKey(decemberInNewYork, 'America/New_York')).toBe('2026-12');
  });
});
