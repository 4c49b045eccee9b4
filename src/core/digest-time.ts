/**
 * When a channel's weekly digest is due. By default it follows the schedule: on the last scheduled
 * day of the week (Monday to Sunday), 15 minutes after that day's answer window closes, so the
 * week's last round is revealed first. An admin may name a day and a local time instead.
 */
import { Temporal } from 'temporal-polyfill';
import type { DigestSettings } from '../ports/digest-store.ts';
import type { Schedule, Weekday } from './types.ts';
import { addDays, localTime, zonedInstant } from './zoned-time.ts';

/** How long after the last round's window closes the default digest goes out. */
export const DIGEST_DELAY_MINUTES = 15;
const WEEK_MS = 7 * 24 * 3_600_000;

/** A digest slot: a local day and time plus minutes after it (which may cross midnight). */
interface DigestSlot {
  day: Weekday;
  hour: number;
  minute: number;
  afterMinutes: number;
}

function slotOf(schedule: Schedule, settings: DigestSettings | null): DigestSlot {
  if (settings?.at) return { ...settings.at, afterMinutes: 0 };
  // Sunday (0) ends the week, so it sorts last.
  const day = [...schedule.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).at(-1) ?? 5;
  return {
    day,
    hour: schedule.hour,
    minute: schedule.minute,
    afterMinutes: schedule.windowMinutes + DIGEST_DELAY_MINUTES,
  };
}

/** The slot's instants near `around`, earliest first, each with the calendar date that names its week. */
function candidates(slot: DigestSlot, timezone: string, around: number) {
  const today = localTime(around, timezone);
  const out: { at: number; date: { year: number; month: number; day: number } }[] = [];
  for (let offset = -9; offset <= 9; offset++) {
    const date = addDays(today, offset);
    if (date.weekday !== slot.day) continue;
    out.push({ at: zonedInstant(date, slot.hour, slot.minute, timezone) + slot.afterMinutes * 60_000, date });
  }
  return out;
}

/** The first digest strictly after `after`. */
export function nextDigestAt(schedule: Schedule, settings: DigestSettings | null, after: number): number {
  const found = candidates(slotOf(schedule, settings), schedule.timezone, after).find((c) => c.at > after);
  if (!found) throw new Error(`no digest slot within a week of ${after} for ${JSON.stringify(settings)}`);
  return found.at;
}

/** The week a digest covers: rounds revealed in (`from`, `until`], and its ISO week name (`2026-W49`). */
export interface DigestWeek {
  week: string;
  from: number;
  until: number;
}

/** The latest digest slot at or before `atOrBefore` and the week it closes. */
export function latestDigestWeek(schedule: Schedule, settings: DigestSettings | null, atOrBefore: number): DigestWeek {
  const found = candidates(slotOf(schedule, settings), schedule.timezone, atOrBefore)
    .filter((c) => c.at <= atOrBefore)
    .at(-1);
  if (!found) throw new Error(`no digest slot within a week before ${atOrBefore}`);
  const date = Temporal.PlainDate.from(found.date);
  const week = `${date.yearOfWeek}-W${String(date.weekOfYear).padStart(2, '0')}`;
  return { week, from: found.at - WEEK_MS, until: found.at };
}
