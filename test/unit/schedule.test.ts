import { describe, expect, it } from 'vitest';
import {
  buildSchedule,
  latestPostAt,
  nextPostAt,
  parseDays,
  parseWindow,
  formatMatching,
} from '../../src/core/schedule.ts';
import type { Schedule } from '../../src/core/types.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday
const berlin: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 240,
  topics: [],
};

describe('schedule parsing', () => {
  it('reads windows written as hours, minutes or both', () => {
    expect(parseWindow('4h')).toEqual({ ok: true, value: 240 });
    expect(parseWindow('90m')).toEqual({ ok: true, value: 90 });
    expect(parseWindow('1h30m')).toEqual({ ok: true, value: 90 });
    expect(parseWindow('soon').ok).toBe(false);
    expect(parseWindow('0m').ok).toBe(false);
  });

  it('reads day sets and rejects unknown days', () => {
    expect(parseDays('weekdays')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseDays('daily')).toEqual({ ok: true, value: [0, 1, 2, 3, 4, 5, 6] });
    expect(parseDays('fri,mon')).toEqual({ ok: true, value: [1, 5] });
    expect(parseDays('mon,funday').ok).toBe(false);
    expect(parseDays('').ok).toBe(false);
  });

  it('builds a weekday schedule with a 4 hour window by default', () => {
    expect(buildSchedule({ time: '09:00', timezone: 'Europe/Berlin' }, NOW)).toEqual({ ok: true, value: berlin });
  });

  it('rejects impossible times, unknown zones and windows that overlap the next post', () => {
    const time = buildSchedule({ time: '25:00', timezone: 'UTC' }, NOW);
    expect(time).toMatchObject({ ok: false, error: expect.stringContaining('hours go 00-23') });
    const zone = buildSchedule({ time: '09:00', timezone: 'Europe/Atlantis' }, NOW);
    expect(zone).toMatchObject({ ok: false, error: expect.stringContaining('not a timezone') });
    const overlap = buildSchedule({ time: '09:00', timezone: 'UTC', days: 'daily', window: '24h' }, NOW);
    expect(overlap).toMatchObject({ ok: false, error: expect.stringContaining('still be open') });
    // A daily schedule in a DST zone has a 23 hour gap once a year.
    const dst = buildSchedule({ time: '01:00', timezone: 'Europe/Berlin', days: 'daily', window: '23h30m' }, NOW);
    expect(dst.ok).toBe(false);
    expect(buildSchedule({ time: '09:00', timezone: 'UTC', days: 'daily', window: '22h' }, NOW).ok).toBe(true);
  });
});

describe('post times', () => {
  it('posts at the local time on the next scheduled day, skipping the weekend', () => {
    const friday10 = Date.UTC(2026, 10, 27, 9, 0);
    expect(nextPostAt(berlin, friday10)).toBe(Date.UTC(2026, 10, 30, 8, 0)); // Monday 09:00 CET
    expect(nextPostAt(berlin, NOW - 1)).toBe(NOW);
    expect(nextPostAt(berlin, NOW)).toBe(Date.UTC(2026, 10, 24, 8, 0));
  });

  it('keeps 09:00 local across a daylight-saving change', () => {
    const fridayBefore = Date.UTC(2026, 2, 27, 8, 0); // Fri 27 March, 09:00 CET
    const monday = nextPostAt(berlin, fridayBefore);
    expect(monday).toBe(Date.UTC(2026, 2, 30, 7, 0)); // Mon 30 March, 09:00 CEST
  });

  it('finds the latest post at or before a moment', () => {
    expect(latestPostAt(berlin, NOW)).toBe(NOW);
    const sunday = Date.UTC(2026, 10, 29, 12, 0);
    expect(latestPostAt(berlin, sunday)).toBe(Date.UTC(2026, 10, 27, 8, 0));
  });
});

describe('formatMatching', () => {
  it('says how many questions a filtered schedule draws from, and warns when one repeats', () => {
    expect(formatMatching(7, ' (', ')')).toBe(' (7 questions match)');
    expect(formatMatching(1, '; ', '')).toBe('; 1 question matches, so it repeats every round');
    expect(formatMatching(undefined, ' (', ')')).toBe('');
  });
});

describe('schedule timezones', () => {
  it('stores the timezone as the runtime spells it, whatever case it was typed in', () => {
    const built = buildSchedule({ time: '09:00', timezone: 'europe/berlin', topics: [] }, Date.UTC(2026, 10, 23));
    expect(built.ok && built.value.timezone).toBe('Europe/Berlin');
  });

  it('quotes an unknown timezone short', () => {
    const built = buildSchedule({ time: '09:00', timezone: 'x'.repeat(5000), topics: [] }, Date.UTC(2026, 10, 23));
    expect(built.ok).toBe(false);
    expect(!built.ok && built.error.length).toBeLessThan(200);
  });
});
