/**
 * How the Redis store's values look in Redis and back: round and stats hashes, flat HGETALL replies,
 * JSON answers, schedules, practice state and the leaderboard script's reply. Redis holds only strings, so every number is read back
 * with Number() here and nowhere else.
 */
import { byArrival } from '../../core/answers.ts';
import { rankEntries, type StreakRecord } from '../../core/streaks.ts';
import type { Answer, BoardEntry, ChannelId, Round, RoundState, Schedule } from '../../core/types.ts';
import type { FreezeUse, Leaderboard, PracticeState, StreakProtection } from '../../ports/store.ts';
import type { ScriptReply } from './scripts.ts';

/** A flat [field, value, ...] reply (HGETALL inside a script) as an object. */
export function pairs(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

/** A round's hash; throws naming the field when one the round cannot do without is missing. */
export function decodeRound(channel: ChannelId, fields: Record<string, string>): Round {
  const required = (name: string): string => {
    const value = fields[name];
    if (value === undefined) throw new Error(`round hash in ${channel} lacks the field ${name}`);
    return value;
  };
  const round: Round = {
    id: required('id'),
    channel,
    seq: Number(required('seq')),
    questionId: required('questionId'),
    postedAt: Number(required('postedAt')),
    // Rounds opened before openedAt was stored: their slot is the best guess there is.
    openedAt: Number(fields.openedAt ?? required('postedAt')),
    revealAt: Number(required('revealAt')),
    timezone: required('timezone'),
    state: required('state') as RoundState,
  };
  if (fields.postMessageId !== undefined && fields.postThreadId !== undefined) {
    round.post = { messageId: fields.postMessageId, threadId: fields.postThreadId };
  }
  if (fields.announcePending === '1') round.announcePending = true;
  return round;
}

/** Stored answer JSON in reveal order. */
export function decodeAnswers(json: readonly string[]): Answer[] {
  const answers = json.map((text) => JSON.parse(text) as Answer);
  return answers.sort(byArrival);
}

export function encodeAnswer(answer: Answer): string {
  return JSON.stringify(answer);
}

/** A user's stats hash in a channel, or null when the user never answered there. */
export function decodeStreakRecord(fields: Record<string, string>): StreakRecord | null {
  if (fields.total === undefined) return null;
  return {
    streak: Number(fields.streak),
    best: Number(fields.best),
    lastSeq: Number(fields.lastSeq),
    total: Number(fields.total),
    monthKey: fields.monthKey ?? '',
    month: Number(fields.month),
  };
}

export function encodeSchedule(schedule: Schedule): string {
  return JSON.stringify(schedule);
}

export function decodeSchedule(json: string): Schedule {
  return JSON.parse(json) as Schedule;
}

export function encodePractice(state: PracticeState): string {
  return JSON.stringify(state);
}

export function decodePractice(json: string): PracticeState {
  return JSON.parse(json) as PracticeState;
}

/** The read-leaderboard script's reply as ranked entries, plus the caller's entry when outside the top. */
export function decodeLeaderboard(reply: ScriptReply<'read-leaderboard'>, callerId: string): Leaderboard {
  const [top, names, callerScore, higher] = reply;
  const ranked: Omit<BoardEntry, 'rank'>[] = [];
  for (let i = 0; i < top.length; i += 2) {
    const userId = top[i] as string;
    ranked.push({ userId, name: names[i / 2] ?? userId, score: Number(top[i + 1]) });
  }
  const entries = rankEntries(ranked);
  if (callerScore === null) return { entries };
  const caller = {
    rank: 1 + Number(higher),
    userId: callerId,
    name: names[ranked.length] ?? callerId,
    score: Number(callerScore),
  };
  return { entries, caller };
}

/** reveal-round.lua's flat list of freezes used: user id, name, freezes left, ... */
export function decodeFreezeUses(flat: readonly (string | number)[]): FreezeUse[] {
  const uses: FreezeUse[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    uses.push({ userId: String(flat[i]), name: String(flat[i + 1]), freezesLeft: Number(flat[i + 2]) });
  }
  return uses;
}

/** A user's away, freezes and frozen fields of the guards hash, read at `now` against the channel's revealedSeq. */
export function decodeStreakProtection(
  [away, freezes, frozen]: readonly (string | null | undefined)[],
  revealedSeq: string | null,
  now: number,
): StreakProtection {
  const awayUntil = away ? Number(away) : undefined;
  return {
    ...(awayUntil !== undefined && awayUntil > now ? { awayUntil } : {}),
    freezes: Number(freezes ?? 0),
    freezeUsedLast: frozen !== null && frozen !== undefined && frozen === revealedSeq,
  };
}
