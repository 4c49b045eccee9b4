/**
 * The digest's words, the same on every platform. Every number the chart shows is said here too,
 * for screen readers and for the terminal. Renderers pass their own escaping and link markup.
 */
import type { PostRef } from './types.ts';
import type { DigestView } from './digest-view.ts';
import { localTime } from './zoned-time.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEK_MS = 7 * 24 * 3_600_000;
export const DIGEST_WEEKS = 8;

/** Told to a channel whose digest could not be posted, once the bot gives it up. */
export const DIGEST_NOT_POSTED =
  "I could not post this week's digest here. Check that I can still post messages and files in this channel.";

export function shortDate(at: number, timezone: string): string {
  const t = localTime(at, timezone);
  return `${t.day} ${MONTHS[t.month - 1]}`;
}

export function digestTitle(view: DigestView): string {
  return `Weekly digest, ${shortDate(view.from + 1, view.timezone)} to ${shortDate(view.until, view.timezone)}`;
}

/** The rounds of the chart grouped by week, oldest week first, empty weeks left out. */
export function roundsByWeek(view: DigestView): { weekOf: string; answers: number[] }[] {
  const weeks: { weekOf: string; answers: number[] }[] = [];
  for (let back = DIGEST_WEEKS - 1; back >= 0; back--) {
    const from = view.until - (back + 1) * WEEK_MS;
    const answers = view.rounds
      .filter((r) => r.revealedAt > from && r.revealedAt <= from + WEEK_MS)
      .map((r) => r.answers);
    if (answers.length > 0) weeks.push({ weekOf: shortDate(from + 1, view.timezone), answers });
  }
  return weeks;
}

export interface DigestMarkup {
  /** Escapes user and question text for the platform. */
  escape: (text: string) => string;
  /** A link to a round's question, or the escaped title alone when there is none. */
  link: (title: string, post: PostRef | undefined) => string;
}

const plain: DigestMarkup = { escape: (t) => t, link: (t) => t };

/** The digest's body, one paragraph per entry, without the title. */
export function digestLines(view: DigestView, markup: DigestMarkup = plain): string[] {
  const esc = markup.escape;
  const week = view.rounds.filter((r) => r.thisWeek);
  const total = week.reduce((sum, r) => sum + r.answers, 0);
  const lines = [
    `This week: ${week.length} ${week.length === 1 ? 'round' : 'rounds'}, ${total} ${total === 1 ? 'answer' : 'answers'}.`,
    `Answers per round over the last ${DIGEST_WEEKS} weeks: ${roundsByWeek(view)
      .map((w) => `week of ${w.weekOf}: ${w.answers.join(', ')}`)
      .join('; ')}.`,
  ];
  if (view.missed.length > 0)
    lines.push(
      `Most-missed key points this week: ${view.missed
        .map((m) => `${esc(m.label)} (missed by ${m.missedBy})`)
        .join(', ')}.`,
    );
  if (view.streaks.length > 0)
    lines.push(`Top streaks: ${view.streaks.map((e) => `${e.rank}. ${esc(e.name)} ${e.score}`).join(', ')}.`);
  const hard = view.hardest;
  if (hard) {
    const how =
      hard.kind === 'picks'
        ? `${hard.percent}% of ${hard.answers} picked the right option`
        : `${hard.percent}% of its key points covered across ${hard.answers} ${hard.answers === 1 ? 'answer' : 'answers'}`;
    lines.push(`Hardest question: ${markup.link(hard.title, hard.post)} (${how}).`);
  }
  if (view.newcomers.length > 0)
    lines.push(`First answers here this week: ${view.newcomers.map((p) => esc(p.name)).join(', ')}. Welcome!`);
  return lines;
}

/** The image's alt text: what it shows, pointing at the text for the numbers. */
export function digestAlt(view: DigestView): string {
  return `Chart of ${digestTitle(view).toLowerCase()}: answers per round over the last ${DIGEST_WEEKS} weeks, and this week's most-missed key points. The numbers are in the text.`;
}

export const DIGEST_NEEDS_DAY_AND_TIME =
  'Give the digest a day and a time together, e.g. `/quiz digest on fri 16:30`, or neither to keep its time.';
export const DIGEST_NOT_SCHEDULED = 'This channel has no schedule, so it gets no digest: run `/quiz schedule` first.';
export const DIGEST_NO_ROUNDS = 'No round was revealed here in the last seven days, so there is nothing to preview.';

/** When the digest goes out, in words: "Fridays at 16:30" or the default. */
export function digestWhen(at: { day: number; hour: number; minute: number } | undefined): string {
  if (!at) return 'after the last scheduled round of each week';
  const names = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  return `${names[at.day]} at ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** The first line of a `/quiz digest` reply. */
export function digestStatus(reply: {
  enabled: boolean;
  at?: { day: number; hour: number; minute: number };
  changed: boolean;
}): string {
  const state = reply.enabled ? `on, ${digestWhen(reply.at)}` : 'off';
  return reply.changed ? `Weekly digest is now ${state}.` : `Weekly digest: ${state}.`;
}
