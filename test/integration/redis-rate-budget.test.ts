/**
 * The REST rate shared by replicas through Redis (reserve-slot.lua): slots 1/rate apart on Redis's
 * clock whoever asks, an idle budget free at once, nothing kept once idle. The bench measures what
 * this does to the morning burst; here only the slots are checked, not how long anything takes.
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/ports/logger.ts';
import { RedisKeys } from '../../src/store/redis/keys.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

describe('a rate budget shared through Redis', () => {
  let prefix: string;
  let replicas: RedisStore[];
  let raw: Redis;

  beforeEach(() => {
    prefix = freshPrefix();
    replicas = [1, 2, 3].map(() => createRedisStore(redisUrlForTests(), prefix, silentLogger));
    raw = new Redis(redisUrlForTests());
  });

  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await raw.quit();
  });

  it('hands three replicas asking at once slots at least 1/rate apart, every one different', async () => {
    const perSecond = 200;
    const slots = await Promise.all(
      replicas.flatMap((replica) =>
        Array.from({ length: 40 }, () => replica.rateBudget.reserveSlot('discord-rest', perSecond)),
      ),
    );
    const starts = slots.map((s) => s.startMicros).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    expect(new Set(starts).size).toBe(120);
    // 1e6 / 200 = 5,000 µs: never less, so 120 requests take at least 119 spacings.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(119 * 5_000);
  });

  it('starts an idle budget at once, and makes a caller behind a queue wait for its slot', async () => {
    const [a, b] = replicas as [RedisStore, RedisStore];
    expect(await a.rateBudget.reserve('discord-rest', 1)).toBe(0);
    for (let i = 0; i < 4; i++) await b.rateBudget.reserve('discord-rest', 1);
    // Five slots of a second each are taken: the sixth starts about five seconds from now.
    const wait = await a.rateBudget.reserve('discord-rest', 1);
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });

  it('keeps budgets of different names apart', async () => {
    for (let i = 0; i < 3; i++) await replicas[0]!.rateBudget.reserve('discord-rest', 1);
    expect(await replicas[1]!.rateBudget.reserve('another', 1)).toBe(0);
  });

  it('keeps nothing about an idle budget: its key expires a minute after the last slot', async () => {
    await replicas[0]!.rateBudget.reserve('discord-rest', 10);
    const key = new RedisKeys(prefix).budget('discord-rest');
    expect(key).toBe(`${prefix}{budget:discord-rest}`);
    const ttl = await raw.pttl(key);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_100);
  });

  it('refuses a rate of 0 or less instead of handing out slots an infinity apart', async () => {
    await expect(replicas[0]!.rateBudget.reserve('discord-rest', 0)).rejects.toThrow(/above 0 a second, not 0/);
  });
});
