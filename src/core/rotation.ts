/**
 * Which question a channel gets next. Each channel walks the eligible questions in its own
 * shuffled order and sees none twice until it has seen them all. The order is a pure function of
 * (channel, cycle, question id), so it survives restarts with only the asked set stored, and
 * questions added to the bank mid-cycle simply join the current cycle.
 */
import type { Question } from './types.ts';

/** FNV-1a, 32 bit: a stable, well-spread hash for ordering (not for security). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface RotationPick {
  question: Question;
  /** True when every eligible question had been asked, so the cycle starts over. */
  startNewCycle: boolean;
}

export function pickNext(
  eligible: readonly Question[],
  asked: ReadonlySet<string>,
  seed: string,
  cycle: number,
  last?: string,
): RotationPick | null {
  if (eligible.length === 0) return null;
  let pool = eligible.filter((q) => !asked.has(q.id));
  let startNewCycle = false;
  let round = cycle;
  if (pool.length === 0) {
    // A new cycle never opens with the question that closed the last one.
    pool = eligible.length > 1 ? eligible.filter((q) => q.id !== last) : [...eligible];
    startNewCycle = true;
    round = cycle + 1;
  }
  let best = pool[0]!;
  let bestKey = hash(`${seed}/${round}/${best.id}`);
  for (const q of pool.slice(1)) {
    const key = hash(`${seed}/${round}/${q.id}`);
    if (key < bestKey || (key === bestKey && q.id < best.id)) {
      best = q;
      bestKey = key;
    }
  }
  return { question: best, startNewCycle };
}
