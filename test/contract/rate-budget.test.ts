/**
 * The shared request rate's contract, on the memory store's budget (one process) and on Redis's
 * (every replica): an idle budget lets a call, or a burst of them, go at once, and after that each
 * call waits its turn 1/rate after the one before. Only the waits handed out are checked.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/ports/logger.ts';
import type { SharedRateBudget } from '../../src/ports/rate-budget.ts';
import { MemoryRateBudget } from '../../src/store/memory/memory-rate-budget.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

const stores: RedisStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
});

const budgets: [string, () => SharedRateBudget][] = [
  ['memory', () => new MemoryRateBudget()],
  [
    'redis',
    () => {
      const store = createRedisStore(redisUrlForTests(), freshPrefix(), silentLogger);
      stores.push(store);
      return store.rateBudget;
    },
  ],
];

/** Waits handed out a moment apart are a whole number of spacings, less the moments in between. */
const about = (ms: number) => expect.toSatisfy((wait: number) => wait > ms - 100 && wait <= ms, `about ${ms} ms`);

describe.each(budgets)('a shared rate budget (%s)', (_name, make) => {
  it('lets the first call go at once, then each one a spacing after the one before', async () => {
    const budget = make();
    const waits = [];
    for (let i = 0; i < 3; i++) waits.push(await budget.reserve('api', 1));
    expect(waits).toEqual([0, about(1000), about(2000)]);
  });

  it('lets a burst go at once from an idle budget, then spaces the rest', async () => {
    const budget = make();
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await budget.reserve('api', 1, 3));
    expect(waits).toEqual([0, 0, 0, about(1000), about(2000)]);
  });

  it('keeps budgets of different names apart', async () => {
    const budget = make();
    await budget.reserve('one', 1);
    await budget.reserve('one', 1);
    expect(await budget.reserve('two', 1)).toBe(0);
  });

  it('refuses a rate of 0 and a burst that is not a whole number from 1', async () => {
    const budget = make();
    await expect(budget.reserve('api', 0)).rejects.toThrow(/above 0 a second, not 0/);
    await expect(budget.reserve('api', 1, 0)).rejects.toThrow(/whole number from 1, not 0/);
    await expect(budget.reserve('api', 1, 1.5)).rejects.toThrow(/whole number from 1, not 1.5/);
  });
});

describe('the memory budget on its own clock', () => {
  it('hands out exact slots: a burst of 2, then one every 250 ms, and room again after idling', async () => {
    let now = 5_000_000;
    const budget = new MemoryRateBudget(() => now);
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await budget.reserve('api', 4, 2));
    expect(waits).toEqual([0, 0, 250, 500]);
    now += 2_000_000;
    expect(await budget.reserve('api', 4, 2)).toBe(0);
    expect(await budget.reserve('api', 4, 2)).toBe(0);
    expect(await budget.reserve('api', 4, 2)).toBe(250);
  });
});

describe('the memory budget on its default clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('measures the time passed in milliseconds, so waiting frees the slots it covers', async () => {
    // Only the performance clock is faked: it is the one the default clock reads.
    vi.useFakeTimers({ toFake: ['performance'] });
    const budget = new MemoryRateBudget();
    expect(await budget.reserve('api', 1)).toBe(0);
    expect(await budget.reserve('api', 1)).toBe(1000);
    vi.advanceTimersByTime(500);
    expect(await budget.reserve('api', 1)).toBe(1500);
    vi.advanceTimersByTime(10_000);
    expect(await budget.reserve('api', 1)).toBe(0);
  });
});
