/**
 * Streak rules. A streak counts consecutive rounds of a channel (round numbers, not calendar days),
 * so weekends and unscheduled days never break it; a posted round revealed without your answer
 * resets it. The Redis store's Lua script implements the same rules (store/redis/lua/record-answer.lua).
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

export function applyAnswer(previous: StreakRecord | undefined, seq: number, monthKey: string): StreakRecord {
  const streak = previous && previous.lastSeq === seq - 1 ? previous.streak + 1 : 1;
  return {
    streak,
    best: Math.max(previous?.best ?? 0, streak),
    lastSeq: seq,
    total: (previous?.total ?? 0) + 1,
    monthKey,
    month: previous?.monthKey === monthKey ? previous.month + 1 : 1,
  };
}

/** The streak as of now: zero once a round the user skipped has been revealed. */
export function currentStreak(record: StreakRecord, revealedSeq: number): number {
  return record.lastSeq >= revealedSeq ? record.streak : 0;
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
