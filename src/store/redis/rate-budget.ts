/**
 * The shared request rate (ports/rate-budget.ts) kept in Redis: one key per budget, one script call
 * per request (reserve-slot.lua), on the store's own connection.
 */
import type { SharedRateBudget } from '../../ports/rate-budget.ts';
import type { RedisClient } from './client.ts';
import type { RedisKeys } from './keys.ts';
import { callScript } from './scripts.ts';

export interface ReservedSlot {
  /** When the slot starts, microseconds since the epoch on Redis's clock. */
  startMicros: number;
  /** How long from now until it starts, in milliseconds. */
  waitMs: number;
}

export class RedisRateBudget implements SharedRateBudget {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async reserve(name: string, perSecond: number): Promise<number> {
    return (await this.reserveSlot(name, perSecond)).waitMs;
  }

  /** The slot itself, for callers (and tests) that want to see where it lies. */
  async reserveSlot(name: string, perSecond: number): Promise<ReservedSlot> {
    if (!(perSecond > 0)) throw new RangeError(`a shared rate must be above 0 a second, not ${perSecond}`);
    // Rounded up, so the stream never runs faster than the rate.
    const spacing = Math.ceil(1_000_000 / perSecond);
    const [start, wait] = await callScript(this.redis, {
      script: 'reserve-slot',
      keys: [this.keys.budget(name)],
      args: [spacing],
    });
    return { startMicros: Number(start), waitMs: wait / 1000 };
  }
}
