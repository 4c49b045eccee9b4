/**
 * A Redis that is up but will not serve (full under noeviction, a read-only replica, a replica cut
 * off from its master) is an outage to the core, like a lost connection: answers queue and commands
 * say "temporarily unavailable". Each case runs against its own throwaway redis-server.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../src/core/errors.ts';
import type { ChannelId, Schedule } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { freePort, freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';

const CH: ChannelId = 'slack:T1:C1';
const T0 = Date.UTC(2026, 10, 23, 9, 0);

describe('a Redis that refuses to serve', () => {
  let server: RedisServer;
  let admin: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  async function refusalOf(
    operation: (store: ReturnType<typeof createRedisStore>) => Promise<unknown>,
    prefix = freshPrefix(),
  ) {
    const store = createRedisStore(server.url, prefix, silentLogger);
    try {
      return await operation(store).then(
        () => 'served',
        (error: unknown) => (isStoreUnavailable(error) ? 'unavailable' : error),
      );
    } finally {
      await store.close();
    }
  }

  const openRound = (store: ReturnType<typeof createRedisStore>) =>
    store.openRound({
      channel: CH,
      roundId: 'r1',
      questionId: 'q1',
      postedAt: T0,
      openedAt: T0,
      revealAt: T0 + 3_600_000,
      timezone: 'UTC',
      startNewCycle: false,
    });

  it('is an outage when full under noeviction (OOM), in a plain command and in a script', async () => {
    await admin.config('SET', 'maxmemory', '1');
    try {
      expect(await refusalOf((s) => s.setSchedule(CH, schedule, T0))).toBe('unavailable');
      expect(await refusalOf(openRound)).toBe('unavailable');
      expect(await refusalOf((s) => s.startPractice('slack:U1', { questionId: 'q1', askedAt: T0 }, 20))).toBe(
        'unavailable',
      );
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
  });

  it('is an outage on a read-only replica (READONLY) and on a replica cut off from its master (MASTERDOWN)', async () => {
    // A master that does not exist: the server becomes a replica that never syncs.
    await admin.replicaof('127.0.0.1', await freePort());
    try {
      expect(await refusalOf(openRound)).toBe('unavailable');
      await admin.config('SET', 'replica-serve-stale-data', 'no');
      expect(await refusalOf((s) => s.getSchedule(CH))).toBe('unavailable');
    } finally {
      await admin.config('SET', 'replica-serve-stale-data', 'yes');
      await admin.replicaof('NO', 'ONE');
    }
  });

  it('still reports a real bug as one', async () => {
    const prefix = freshPrefix();
    await admin.set(`${prefix}{jobs}:schedules`, 'not a hash');
    expect(String(await refusalOf((s) => s.getSchedule(CH), prefix))).toMatch(/WRONGTYPE/);
  });
});

const schedule: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'UTC',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 60,
  topics: [],
};
