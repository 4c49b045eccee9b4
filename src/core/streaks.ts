/**
 * Streak rules. A streak counts consecutive rounds of a channel (round numbers, not calendar days),
 * so weekends and unscheduled days never break it; a posted round revealed without your answer
 * resets it, unless it is protected: posted while you are away (`/quiz away`), or covered by a
 * freeze, earned every `FREEZE_EVERY` answered rounds in a row. A protected round keeps the streak
 * going without adding to it. The Redis store's Lua scripts implement the same rules
 * (store/redis/lua/record-answer.lua and reveal-round.lua).
 */

export interface StreakRecord {
  streak: number;
  best: number;
  /** Sequence number of the last round this user answered. */
  lastSeq: number;
  total: number;
  /** `YYYY-MM` of `month`. */
  monthKey: string;
  month: number;
}

/** One freeze is earned for every this many answered rounds in a row. */
export const FREEZE_EVERY = 10;
/** Freezes kept at most: earning another while holding these earns nothing. */
export const MAX_FREEZES = 2;
/** The longest absence one `/quiz away` sets. */
export const MAX_AWAY_DAYS = 30;

/** What protects a user's streak in one channel: an absence and freezes. */
export interface StreakGuard {
  /** When the absence ends, ms; rounds posted before it are protected. Absent when not away. */
  awayUntil?: number;
  freezes: number;
  /** The latest round whose miss was protected: the streak runs on through it. */
  keptSeq?: number;
  /** The latest round that used a freeze. */
  frozenSeq?: number;
}

/** `keptSeq`: the user's latest protected round, which carries their streak on like an answer. */
export function applyAnswer(
  previous: StreakRecord | undefined,
  seq: number,
  monthKey: string,
  keptSeq = 0,
): StreakRecord {
  const streak = previous && Math.max(previous.lastSeq, keptSeq) === seq - 1 ? previous.streak + 1 : 1;
  return {
    streak,
    best: Math.max(previous?.best ?? 0, streak),
    lastSeq: seq,
    total: (previous?.total ?? 0) + 1,
    monthKey,
    month: previous?.monthKey === monthKey ? previous.month + 1 : 1,
  };
}

/** Freezes held after an answer that brought the streak to `streak`. */
export function freezesAfterAnswer(freezes: number, streak: number): number {
  return streak % FREEZE_EVERY === 0 ? Math.min(MAX_FREEZES, freezes + 1) : freezes;
}

/**
 * What a revealed round the user did not answer does to a running streak: nothing while they are
 * away (the round was posted before their absence ends), else it uses a freeze if they hold one,
 * else it ends the streak.
 */
export type MissVerdict = 'away' | 'freeze' | 'reset';

export function judgeMiss(guard: StreakGuard | undefined, postedAt: number): MissVerdict {
  if (guard?.awayUntil !== undefined && guard.awayUntil > postedAt) return 'away';
  return (guard?.freezes ?? 0) > 0 ? 'freeze' : 'reset';
}

/** The streak as of now: zero once a round the user skipped, unprotected, has been revealed. */
export function currentStreak(record: StreakRecord, revealedSeq: number, keptSeq = 0): number {
  return Math.max(record.lastSeq, keptSeq) >= revealedSeq ? record.streak : 0;
}

/** Competition ranking ("1, 1, 3"): equal scores share a rank. */
export function rankEntries<T extends { score: number }>(
  sorted: readonly T[],
  firstRank = 1,
): (T & { rank: number })[] {
  const ranked: (T & { rank: number })[] = [];
  for (const [i, entry] of sorted.entries()) {
    const previous = ranked[i - 1];
    const rank = previous && previous.score === entry.score ? previous.rank : firstRank + i;
    ranked.push({ ...entry, rank });
  }
  return ranked;
}
