/**
 * Guards of the Redis Lua scripts that the Store port cannot reach on its own (the memory store has
 * no such keys, or the state they defend against arises only from a race or a crash), checked on the
 * keys directly. Every other guard is held by the store contract suite (test/contract/store-contract.ts).
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { NewAnswer, OpenRoundInput } from '../../src/ports/store.ts';
import { RedisKeys, tombstoneId } from '../../src/store/redis/keys.ts';
import { createRedisStore, REVEALED_RETENTION_MS, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { callScript, defineScripts } from '../../src/store/redis/scripts.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

const CH: ChannelId = 'slack:T1:C1';
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const DAY = 24 * 3_600_000;

function round(n: number, postedAt = T0 + n * DAY): OpenRoundInput {
  return {
    channel: CH,
    roundId: `r${n}`,
    questionId: `q${n}`,
    postedAt,
    openedAt: postedAt,
    revealAt: postedAt + 4 * 3_600_000,
    timezone: 'UTC',
    startNewCycle: false,
  };
}

function answer(userId: string, at: number): NewAnswer {
  return { userId, userName: userId, text: 'a lock', messageId: `m-${userId}-${at}`, at, monthKey: '2026-11' };
}

describe('redis scripts: guards beyond the Store port', () => {
  let raw: Redis;
  let store: RedisStore;
  let ch: ReturnType<RedisKeys['channel']>;

  beforeEach(() => {
    const prefix = freshPrefix();
    raw = new Redis(redisUrlForTests());
    defineScripts(raw);
    store = createRedisStore(redisUrlForTests(), prefix, silentLogger);
    ch = new RedisKeys(prefix).channel(CH);
  });

  afterEach(async () => {
    await store.close();
    await raw.quit();
  });

  async function playRound(n: number, users: string[], postedAt?: number) {
    const input = round(n, postedAt);
    await store.openRound(input);
    await store.attachPost(CH, input.roundId, { messageId: `post-${n}`, threadId: `thread-${n}` });
    for (const user of users) await store.recordAnswer(CH, input.roundId, answer(user, input.postedAt + 1));
    await store.revealOrCancelRound(CH, input.roundId);
    return input;
  }

  it('attach-post: queues the thread of a post attached after the reveal for trimming, like any other', async () => {
    const input = await playRound(1, []);
    await store.attachPost(CH, input.roundId, { messageId: 'post-again', threadId: 'thread-again' });
    expect(await raw.zscore(ch.revealedThreads, 'thread-again')).toBe(String(input.revealAt));
  });

  it('reveal-round: drops thread index entries of rounds revealed more than the retention ago', async () => {
    const first = await playRound(1, []);
    await playRound(2, [], first.revealAt + REVEALED_RETENTION_MS + DAY);
    expect(await raw.hget(ch.threads, 'thread-1')).toBeNull();
    expect(await raw.zscore(ch.revealedThreads, 'thread-1')).toBeNull();
    expect(await raw.hget(ch.threads, 'thread-2')).toBe('r2');
  });

  it('reveal-round: leaves the open-round pointer alone when the round revealed is not the one it points at', async () => {
    await playRound(1, []);
    await store.openRound(round(2));
    // A round left open by a crash between scripts: open state, but not the channel's open round.
    await raw.hset(ch.round('stray'), {
      id: 'stray',
      seq: 1,
      questionId: 'q9',
      postedAt: T0,
      revealAt: T0,
      timezone: 'UTC',
      state: 'open',
    });
    await store.revealOrCancelRound(CH, 'stray');
    expect((await store.getOpenRound(CH))?.id).toBe('r2');
  });

  it('reveal-round: an older round revealed late does not take streaks from those who answered a newer one', async () => {
    await playRound(1, ['ann']);
    await playRound(2, ['ann']);
    await raw.hset(ch.round('late'), {
      id: 'late',
      seq: 1,
      questionId: 'q9',
      postedAt: T0,
      revealAt: T0,
      timezone: 'UTC',
      state: 'open',
      postThreadId: 'thread-late',
    });
    await store.revealOrCancelRound(CH, 'late');
    expect(await raw.zscore(ch.board('streak'), 'ann')).toBe('2');
  });

  it('forget-user-in-channel: refuses a listing that went stale, and removes nothing', async () => {
    await playRound(1, ['ann']);
    await playRound(2, ['ann']);
    const listedRounds = 1; // the caller read the user's rounds before round 2 was answered
    const outcome = await callScript(raw, {
      script: 'forget-user-in-channel',
      keys: [
        ch.user('ann'),
        ch.userRounds('ann'),
        ch.names,
        ch.board('streak'),
        ch.board('best'),
        ch.board('total'),
        ch.months,
        ch.forgotten,
        ch.monthBoard('2026-11'),
        ch.answers('r1'),
      ],
      args: ['ann', 1, listedRounds, tombstoneId('slack:ann'), T0 + 10 * DAY, DAY],
    });
    expect(outcome).toBe('stale');
    expect(await raw.hget(ch.answers('r1'), 'ann')).not.toBeNull();
    expect(await raw.hget(ch.answers('r2'), 'ann')).not.toBeNull();
    expect(await raw.exists(ch.user('ann'))).toBe(1);
  });
});
