/**
 * Wall-clock arithmetic in IANA timezones with nothing but Intl, so schedules follow daylight
 * saving changes: "09:00 Europe/Berlin" stays 09:00 local all year.
 */

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when Intl accepts the zone; this admits `UTC` and `Etc/GMT+5`, which supportedValuesOf omits. */
/** The IANA name as the runtime spells it ("europe/berlin" → "Europe/Berlin"), or null when unknown. */
export function canonicalTimezone(timezone: string): string | null {
  if (!isValidTimezone(timezone)) return null;
  return formatterFor(timezone).resolvedOptions().timeZone;
}

export function isValidTimezone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(at: number, timezone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return { year, month, day, hour, minute, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
function offsetAt(at: number, timezone: string): number {
  const t = localTime(at, timezone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant at which a zone's clocks show the given local time. A time skipped by a
 * spring-forward change resolves to the same distance after the gap (02:30 becomes 03:30); a time
 * repeated by a fall-back change resolves to its first occurrence.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timezone: string,
): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetAt(wall, timezone);
  const second = wall - offsetAt(first, timezone);
  if (first === second) {
    // Fall back: the earlier instant may show the same wall time with the summer offset.
    const earlier = wall - offsetAt(first - 3_600_000, timezone);
    if (earlier < first && sameWall(earlier, wall, timezone)) return earlier;
    return first;
  }
  if (sameWall(second, wall, timezone)) return second;
  if (sameWall(first, wall, timezone)) return first;
  // In a gap neither candidate shows the wall time; the later one lands just after the gap.
  return Math.max(first, second);
}

function sameWall(at: number, wall: number, timezone: string): boolean {
  const t = localTime(at, timezone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) === wall;
}

/** The calendar date `days` after the given one. */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** `YYYY-MM` of an instant in a zone: the key of the monthly leaderboard. */
export function monthKey(at: number, timezone: string): string {
  const t = localTime(at, timezone);
  return `${t.year}-${String(t.month).padStart(2, '0')}`;
}
