/**
 * The shared request rate (ports/rate-budget.ts) kept in Redis: one key per budget, one script call
 * per request (reserve-slot.lua), on the store's own connection.
 */
import { type SharedRateBudget, slotSpacing } from '../../ports/rate-budget.ts';
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

  async reserve(name: string, perSecond: number, burst = 1): Promise<number> {
    return (await this.reserveSlot(name, perSecond, burst)).waitMs;
  }

  /** The slot itself, for callers (and tests) that want to see where it lies. */
  async reserveSlot(name: string, perSecond: number, burst = 1): Promise<ReservedSlot> {
    const { spacing, tolerance } = slotSpacing(perSecond, burst);
    const [start, wait] = await callScript(this.redis, {
      script: 'reserve-slot',
      keys: [this.keys.budget(name)],
      args: [spacing, tolerance],
    });
    return { startMicros: Number(start), waitMs: wait / 1000 };
  }
}
