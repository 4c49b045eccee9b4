/**
 * A per-user limit on what a user can make the bot do (commands, "too late" reactions), so one
 * person spamming the bot cannot spend the platform's rate limits that everyone else's posts and
 * reveals need. In memory per process: a replica is a few more allowances, not a hole.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from '../ports/clock.ts';

const WINDOW_MS = 60_000;

/** `refuse`: over the limit for the first time in this window (say so once); `silent`: over it again. */
export type CommandAllowance = 'allow' | 'refuse' | 'silent';

interface Window {
  startedAt: number;
  count: number;
  refused: boolean;
}

export class UserRateLimit {
  // Bounded so a flood of distinct users costs memory once; an evicted user starts a fresh window.
  private readonly windows = new LRUCache<string, Window>({ max: 10_000 });

  /** `perMinute` 0 turns the limit off. */
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Counts a command by `user` (`platform:id`) and says whether to answer it. */
  command(user: string): CommandAllowance {
    const window = this.count(user);
    if (!window) return 'allow';
    if (!window.refused) {
      window.refused = true;
      return 'refuse';
    }
    return 'silent';
  }

  /** Counts a reaction the bot would add for `user`; false when it should be skipped. */
  reaction(user: string): boolean {
    return this.count(user) === undefined;
  }

  /** The user's window with this hit counted, when the hit is over the limit; else undefined. */
  private count(user: string): Window | undefined {
    if (this.perMinute <= 0) return undefined;
    const now = this.clock.now();
    let window = this.windows.get(user);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0, refused: false };
      this.windows.set(user, window);
    }
    window.count += 1;
    return window.count > this.perMinute ? window : undefined;
  }
}
