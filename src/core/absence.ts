/**
 * Turns the words after `/quiz away` into when the absence ends. Days are calendar days in the
 * channel's timezone and the last day counts in full, so `away 1` covers the rest of today and
 * `away until 2026-12-12` covers the 12th too: a round posted on the day someone names as their
 * last day away never costs them their streak.
 */
import { Temporal } from 'temporal-polyfill';
import { MAX_AWAY_DAYS } from './streaks.ts';
import { absenceTooLong, absenceUsage, dateInPast, notADate } from './wording.ts';
import { addDays, type CalendarDate, localTime, zonedInstant } from './zoned-time.ts';

export type AbsencePlan =
  | { ok: true; until: number; lastDay: CalendarDate; days: number }
  | { ok: false; error: string };

const DAYS = /^\d{1,4}$/;
const UNTIL_DATE = /^until\s+(\S+)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `words`: `14`, or `until 2026-12-12`. `now` and `timezone` say which day is today. */
export function planAbsence(words: string | undefined, now: number, timezone: string): AbsencePlan {
  const text = (words ?? '').trim();
  const today = localTime(now, timezone);
  if (DAYS.test(text)) {
    const days = Number(text);
    if (days < 1 || days > MAX_AWAY_DAYS) return { ok: false, error: absenceTooLong(MAX_AWAY_DAYS) };
    return planned(today, days, timezone);
  }
  const until = UNTIL_DATE.exec(text)?.[1];
  if (until === undefined) return { ok: false, error: absenceUsage(MAX_AWAY_DAYS) };
  const date = parseDate(until);
  if (!date) return { ok: false, error: notADate(until) };
  const days = Temporal.PlainDate.from(today).until(Temporal.PlainDate.from(date), { largestUnit: 'days' }).days + 1;
  if (days < 1) return { ok: false, error: dateInPast(until, timezone) };
  if (days > MAX_AWAY_DAYS) return { ok: false, error: absenceTooLong(MAX_AWAY_DAYS) };
  return planned(today, days, timezone);
}

/** The absence ends at midnight starting the day after its last day. */
function planned(today: CalendarDate, days: number, timezone: string): AbsencePlan {
  const lastDay = addDays(today, days - 1);
  return { ok: true, until: zonedInstant(addDays(today, days), 0, 0, timezone), lastDay, days };
}

/** A real calendar date written YYYY-MM-DD, or undefined (2026-02-30 is not one). */
function parseDate(word: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(word);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  try {
    const date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
    return { year: date.year, month: date.month, day: date.day };
  } catch {
    return undefined;
  }
}

/** `Fri 12 Dec`: how an absence's last day reads. */
export function dayLabel(date: CalendarDate): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(date.year, date.month - 1, date.day)))
    .replace(',', '');
}

/** The last day of an absence that ends at `until` (ms), in the channel's timezone. */
export function lastDayOf(until: number, timezone: string): CalendarDate {
  const { year, month, day } = localTime(until - 1, timezone);
  return { year, month, day };
}
