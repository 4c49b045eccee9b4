/**
 * What an admin may type for a schedule (and an operator for a duration in the config), where each
 * limit lies, and what the refusal says when a word is wrong.
 */
import { describe, expect, it } from 'vitest';
import {
  buildSchedule,
  formatDays,
  formatWindow,
  latestPostAt,
  nextPostAt,
  parseDays,
  parseTimeOfDay,
  parseWindow,
} from '../../src/core/schedule.ts';
import type { Schedule } from '../../src/core/types.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday

describe('a time of day', () => {
  it('takes 00:00 to 23:59, with one or two digits for the hour', () => {
    expect(parseTimeOfDay('00:00')).toEqual({ ok: true, value: { hour: 0, minute: 0 } });
    expect(parseTimeOfDay('9:05')).toEqual({ ok: true, value: { hour: 9, minute: 5 } });
    expect(parseTimeOfDay('23:59')).toEqual({ ok: true, value: { hour: 23, minute: 59 } });
  });

  it('refuses an hour past 23 or a minute past 59, saying the ranges', () => {
    for (const text of ['24:00', '09:60']) {
      expect(parseTimeOfDay(text)).toEqual({
        ok: false,
        error: `"${text}" is not a time of day: hours go 00-23, minutes 00-59.`,
      });
    }
  });

  it('refuses a time with anything before or after it', () => {
    for (const text of ['109:30', '09:305', 'at 09:30', '09:30pm']) {
      expect(parseTimeOfDay(text)).toEqual({
        ok: false,
        error: `"${text}" is not a time of day: write it as HH:MM, e.g. 09:30.`,
      });
    }
  });
});

describe('an answer window', () => {
  it('takes one minute and up, written with spaces around it as a config value may be', () => {
    expect(parseWindow('1m')).toEqual({ ok: true, value: 1 });
    expect(parseWindow(' 90m ')).toEqual({ ok: true, value: 90 });
    expect(parseWindow('2H')).toEqual({ ok: true, value: 120 });
  });

  it('refuses no duration at all, or a duration with other words around it, saying how to write one', () => {
    for (const text of ['', 'h', 'about 4h', '4h please', '4h30']) {
      expect(parseWindow(text)).toEqual({
        ok: false,
        error: `"${text}" is not a duration: write it like 4h, 90m or 1h30m.`,
      });
    }
  });

  it('refuses a window of no minutes', () => {
    expect(parseWindow('0h0m')).toEqual({ ok: false, error: 'The answer window must be at least one minute.' });
  });

  it('reads back as typed, in hours and minutes', () => {
    expect(formatWindow(240)).toBe('4h');
    expect(formatWindow(45)).toBe('45m');
    expect(formatWindow(90)).toBe('1h30m');
    expect(formatWindow(0)).toBe('0m');
  });
});

describe('the days of a schedule', () => {
  it('takes everyday like daily, whole day names, any case and spaces', () => {
    expect(parseDays('everyday')).toEqual({ ok: true, value: [0, 1, 2, 3, 4, 5, 6] });
    expect(parseDays(' Weekdays ')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseDays('Monday,Wednesday')).toEqual({ ok: true, value: [1, 3] });
    expect(parseDays('sun, sat')).toEqual({ ok: true, value: [0, 6] });
    expect(parseDays('sun,sun')).toEqual({ ok: true, value: [0] });
  });

  it('refuses a word that is no day, saying what it takes', () => {
    expect(parseDays('mon,someday')).toEqual({
      ok: false,
      error: '"mon,someday" is not a set of days: use weekdays, daily, or a list like mon,wed,fri.',
    });
  });

  it('reads back as daily, weekdays, or the list of days', () => {
    expect(formatDays([0, 1, 2, 3, 4, 5, 6])).toBe('daily');
    expect(formatDays([1, 2, 3, 4, 5])).toBe('weekdays');
    expect(formatDays([1, 2, 3, 4])).toBe('mon,tue,wed,thu');
    expect(formatDays([0, 6])).toBe('sun,sat');
  });
});

describe('building a schedule', () => {
  it('passes on the refusal of the days or of the window', () => {
    expect(buildSchedule({ time: '09:00', timezone: 'UTC', days: 'someday' }, NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('is not a set of days'),
    });
    expect(buildSchedule({ time: '09:00', timezone: 'UTC', window: 'soon' }, NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('is not a duration'),
    });
  });

  it('quotes an unknown timezone whole up to 60 characters, and cuts a longer one', () => {
    const sixty = `Europe/${'x'.repeat(53)}`;
    expect(buildSchedule({ time: '09:00', timezone: sixty }, NOW)).toEqual({
      ok: false,
      error: `"${sixty}" is not a timezone I know: use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
    });
    expect(buildSchedule({ time: '09:00', timezone: `${sixty}yz` }, NOW)).toMatchObject({
      ok: false,
      error: expect.stringMatching(new RegExp(`^"${sixty}…" is not a timezone I know`)),
    });
  });

  it('says how long the window is and how close posts can come when it overlaps the next post', () => {
    expect(buildSchedule({ time: '09:00', timezone: 'UTC', days: 'daily', window: '24h30m' }, NOW)).toEqual({
      ok: false,
      error:
        'An answer window of 24h30m would still be open when the next question is posted (posts can be 24h apart): choose a shorter window.',
    });
  });

  it('keeps the difficulty and the topics asked for', () => {
    const built = buildSchedule({ time: '09:00', timezone: 'UTC', topics: ['gil'], difficulty: 'hard' }, NOW);
    expect(built).toMatchObject({ ok: true, value: { topics: ['gil'], difficulty: 'hard' } });
  });
});

describe('post times of a weekly schedule', () => {
  const mondays: Schedule = { hour: 9, minute: 0, timezone: 'UTC', days: [1], windowMinutes: 60, topics: [] };

  it('posts a once-a-week schedule a week after its last post', () => {
    const justAfter = Date.UTC(2026, 10, 23, 9, 0, 1);
    expect(nextPostAt(mondays, justAfter)).toBe(Date.UTC(2026, 10, 30, 9, 0));
  });

  it('finds the last post of a once-a-week schedule a week back, just before this week’s', () => {
    const justBefore = Date.UTC(2026, 10, 30, 8, 59);
    expect(latestPostAt(mondays, justBefore)).toBe(Date.UTC(2026, 10, 23, 9, 0));
    expect(latestPostAt(mondays, Date.UTC(2026, 10, 30, 9, 0))).toBe(Date.UTC(2026, 10, 30, 9, 0));
  });

  it('names a stored schedule with no day to post on, which no command can make', () => {
    const never: Schedule = { ...mondays, days: [] };
    expect(() => nextPostAt(never, NOW)).toThrow(
      'schedule has no post day within a week: {"hour":9,"minute":0,"timezone":"UTC","days":[],"windowMinutes":60,"topics":[]}',
    );
    expect(latestPostAt(never, NOW)).toBeNull();
  });
});
