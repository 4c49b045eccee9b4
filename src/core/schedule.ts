/**
 * Channel schedules: parsing what an admin typed, checking it makes sense, and finding when the
 * next (or the latest) post is due.
 */
import type { Difficulty, Schedule, Topic, Weekday } from './types.ts';
import { addDays, canonicalTimezone, localTime, zonedInstant } from './zoned-time.ts';

export const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
export const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
export const DEFAULT_WINDOW_MINUTES = 240;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export function parseTimeOfDay(text: string): Parsed<{ hour: number; minute: number }> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return fail(`"${text}" is not a time of day: write it as HH:MM, e.g. 09:30.`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return fail(`"${text}" is not a time of day: hours go 00-23, minutes 00-59.`);
  return ok({ hour, minute });
}

/** Parses `4h`, `90m`, `1h30m` into minutes. */
export function parseWindow(text: string): Parsed<number> {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/i.exec(text.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return fail(`"${text}" is not a duration: write it like 4h, 90m or 1h30m.`);
  }
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  if (minutes < 1) return fail('The answer window must be at least one minute.');
  return ok(minutes);
}

/** Parses `weekdays`, `daily`, or a comma list such as `mon,wed,fri`. */
export function parseDays(text: string): Parsed<Weekday[]> {
  const word = text.trim().toLowerCase();
  if (word === 'weekdays') return ok([...WEEKDAYS]);
  if (word === 'daily' || word === 'everyday') return ok([...EVERY_DAY]);
  const days = new Set<Weekday>();
  for (const name of word.split(',').map((part) => part.trim().slice(0, 3))) {
    const index = DAY_NAMES.indexOf(name as (typeof DAY_NAMES)[number]);
    if (index < 0) {
      return fail(`"${text}" is not a set of days: use weekdays, daily, or a list like mon,wed,fri.`);
    }
    days.add(index as Weekday);
  }
  // Not empty: splitting gives at least one word, and a word that is no day was refused above.
  return ok([...days].sort());
}

export function formatWindow(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
}

export function formatDays(days: readonly Weekday[]): string {
  if (days.length === 7) return 'daily';
  if (days.join() === WEEKDAYS.join()) return 'weekdays';
  return days.map((d) => DAY_NAMES[d]).join(',');
}

export function formatTimeOfDay(schedule: Pick<Schedule, 'hour' | 'minute'>): string {
  return `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
}

/** The first post strictly after `after`. */
export function nextPostAt(schedule: Schedule, after: number): number {
  const today = localTime(after, schedule.timezone);
  // A week on, the same weekday's post is after the whole of today, so a post day is never further.
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(today, offset);
    if (!schedule.days.includes(date.weekday as Weekday)) continue;
    const at = zonedInstant(date, schedule.hour, schedule.minute, schedule.timezone);
    if (at > after) return at;
  }
  throw new Error(`schedule has no post day within a week: ${JSON.stringify(schedule)}`);
}

/** The latest post at or before `atOrBefore`, or null when the schedule has no days (none falls in the past week). */
export function latestPostAt(schedule: Schedule, atOrBefore: number): number | null {
  const today = localTime(atOrBefore, schedule.timezone);
  for (let offset = 0; offset >= -7; offset--) {
    const date = addDays(today, offset);
    if (!schedule.days.includes(date.weekday as Weekday)) continue;
    const at = zonedInstant(date, schedule.hour, schedule.minute, schedule.timezone);
    if (at <= atOrBefore) return at;
  }
  return null;
}

/** The shortest gap between two consecutive posts over the coming year (daylight saving included). */
export function shortestGapMinutes(schedule: Schedule, from: number): number {
  let shortest = Number.POSITIVE_INFINITY;
  let previous = nextPostAt(schedule, from);
  const end = from + 366 * 86_400_000;
  while (previous < end) {
    const next = nextPostAt(schedule, previous);
    shortest = Math.min(shortest, (next - previous) / 60_000);
    previous = next;
  }
  return shortest;
}

export interface ScheduleRequest {
  time: string;
  timezone: string;
  days?: string;
  window?: string;
  topics?: Topic[];
  difficulty?: Difficulty;
}

/** Turns what an admin typed into a valid schedule, or says exactly what is wrong. */
export function buildSchedule(request: ScheduleRequest, now: number): Parsed<Schedule> {
  const time = parseTimeOfDay(request.time);
  if (!time.ok) return time;
  const timezone = canonicalTimezone(request.timezone);
  if (!timezone) {
    // Quoted short: a pasted page must not make the refusal longer than a chat message may be.
    const shown = request.timezone.length > 60 ? `${request.timezone.slice(0, 60)}…` : request.timezone;
    return fail(
      `"${shown}" is not a timezone I know: use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
    );
  }
  const days = request.days === undefined ? ok([...WEEKDAYS]) : parseDays(request.days);
  if (!days.ok) return days;
  const window = request.window === undefined ? ok(DEFAULT_WINDOW_MINUTES) : parseWindow(request.window);
  if (!window.ok) return window;
  const schedule: Schedule = {
    hour: time.value.hour,
    minute: time.value.minute,
    timezone,
    days: days.value,
    windowMinutes: window.value,
    topics: request.topics ?? [],
    ...(request.difficulty ? { difficulty: request.difficulty } : {}),
  };
  const gap = shortestGapMinutes(schedule, now);
  if (schedule.windowMinutes >= gap) {
    return fail(
      `An answer window of ${formatWindow(schedule.windowMinutes)} would still be open when the next question is posted (posts can be ${formatWindow(gap)} apart): choose a shorter window.`,
    );
  }
  return ok(schedule);
}

/** How many questions a filtered schedule draws from, so a narrow filter is no surprise later. */
export function formatMatching(count: number | undefined, before: string, after: string): string {
  if (count === undefined) return '';
  return `${before}${count === 1 ? '1 question matches, so it repeats every round' : `${count} questions match`}${after}`;
}
