/**
 * How the Redis store lays out its keys (under the prefix, one hash slot per channel so the store
 * would run on Redis Cluster, revealed rounds expiring) and how its scripts hold up when two clients
 * race on one channel.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { NewAnswer, OpenRoundInput } from '../../src/ports/store.ts';
import {
  ANSWER_RETENTION_MS,
  createRedisStore,
  REVEALED_RETENTION_MS,
  type RedisStore,
} from '../../src/store/redis/redis-store.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const HOUR = 3_600_000;

/** CRC16-XMODEM of the key's hash tag (or of the whole key), mod 16384: Redis Cluster's slot. */
function hashSlot(key: string): number {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

function roundInput(channel: ChannelId, n: number): OpenRoundInput {
  const postedAt = T0 + n * 24 * HOUR;
  return {
    channel,
    roundId: `r${n}`,
    questionId: `q${n}`,
    postedAt,
    openedAt: postedAt,
    revealAt: postedAt + 4 * HOUR,
    timezone: 'UTC',
    startNewCycle: false,
  };
}

function answer(userId: string, at: number, monthKey = '2026-11'): NewAnswer {
  return {
    userId,
    userName: userId.toUpperCase(),
    text: `answer from ${userId}`,
    messageId: `m-${userId}`,
    at,
    monthKey,
  };
}

describe('redis store key layout and atomicity', () => {
  let url: string;
  let prefix: string;
  let raw: Redis;
  let store: RedisStore;
  // Ids no other test uses, so scanning the whole (possibly shared) Redis for them finds only ours.
  let tag: string;
  let channel: ChannelId;
  let user: string;

  async function keysMatching(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  }

  /** Two rounds over two months (one of picks), scored, a posted thread, a schedule and practice: every kind of key. */
  async function fillChannel() {
    await store.setSchedule(
      channel,
      { hour: 9, minute: 0, timezone: 'UTC', days: [1], windowMinutes: 240, topics: [] },
      T0,
    );
    for (const [n, month] of [
      [1, '2026-10'],
      [2, '2026-11'],
    ] as const) {
      const input = roundInput(channel, n);
      await store.openRound(input);
      await store.attachPost(channel, input.roundId, { messageId: `post-${n}`, threadId: `thread-${n}` });
      if (n === 1) {
        await store.recordAnswer(channel, input.roundId, answer(user, input.postedAt + 1, month));
        await store.recordAnswer(channel, input.roundId, answer(`${user}-friend`, input.postedAt + 2, month));
      } else {
        // A button round: picks, a changed pick, and points on the points boards.
        const pick = (userId: string, option: number, at: number) => ({
          userId,
          userName: userId.toUpperCase(),
          option,
          at,
          monthKey: month,
        });
        await store.recordPick(channel, input.roundId, pick(user, 0, input.postedAt + 1));
        await store.recordPick(channel, input.roundId, pick(user, 1, input.postedAt + 2));
        await store.recordPick(channel, input.roundId, pick(`${user}-friend`, 2, input.postedAt + 3));
      }
      await store.revealOrCancelRound(channel, input.roundId);
      await store.scoreRound(
        channel,
        input.roundId,
        [
          { userId: user, points: 7, ...(n === 2 ? { rightPick: true } : {}) },
          { userId: `${user}-friend`, points: 3, ...(n === 2 ? { rightPick: false } : {}) },
        ],
        month,
      );
    }
    await store.startPractice(`slack:${user}`, { questionId: 'q9', askedAt: T0 }, 5);
  }

  beforeEach(() => {
    url = redisUrlForTests();
    prefix = freshPrefix();
    raw = new Redis(url);
    store = createRedisStore(url, prefix, silentLogger);
    tag = randomUUID().slice(0, 8);
    channel = `slack:T-${tag}:C1`;
    user = `U-${tag}`;
  });

  afterEach(async () => {
    await store.close();
    await raw.quit();
  });

  it('computes hash slots the way Redis Cluster does', () => {
    expect(hashSlot('123456789')).toBe(12739);
    expect(hashSlot('foo')).toBe(12182);
    expect(hashSlot('{foo}.bar')).toBe(hashSlot('foo'));
  });

  it('keeps every key of a channel under the prefix and in one hash slot', async () => {
    await fillChannel();
    const keys = await keysMatching(`*{${channel}}*`);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const key of keys) expect(key.startsWith(`${prefix}{${channel}}:`)).toBe(true);
    expect(new Set(keys.map(hashSlot))).toEqual(new Set([hashSlot(`{${channel}}`)]));
    expect(keys).toContain(`${prefix}{${channel}}:board:month:2026-10`);
    expect(keys).toContain(`${prefix}{${channel}}:board:month:2026-11`);
  });

  it("keeps a user's practice and channel index under the prefix and in the user's slot", async () => {
    await fillChannel();
    const keys = await keysMatching(`*{user:slack:${user}}*`);
    expect(keys).toEqual([
      `${prefix}{user:slack:${user}}:channels`,
      `${prefix}{user:slack:${user}}:practice`,
      `${prefix}{user:slack:${user}}:practice:recent`,
    ]);
    expect(new Set(keys.map(hashSlot)).size).toBe(1);
  });

  it('keeps jobs and schedules under the prefix in the {jobs} slot', async () => {
    await fillChannel();
    const keys = await keysMatching(`${prefix}*{jobs}*`);
    expect(keys).toEqual([`${prefix}{jobs}:queue`, `${prefix}{jobs}:schedules`]);
    expect(new Set(keys.map(hashSlot))).toEqual(new Set([hashSlot('{jobs}')]));
  });

  it('writes nothing outside its prefix', async () => {
    // A database of its own on the suite's throwaway Redis (no other test uses 11), so that every key
    // in it is this store's: a key written outside the prefix cannot hide among other tests' keys.
    await store.close();
    store = createRedisStore(`${url}/11`, prefix, silentLogger);
    const own = new Redis(`${url}/11`);
    try {
      await own.flushdb();
      await fillChannel();
      const keys = await own.keys('*');
      expect(keys.length).toBeGreaterThan(10);
      expect(keys.filter((key) => !key.startsWith(prefix))).toEqual([]);
    } finally {
      await own.quit();
    }
  });

  it('lets a revealed round expire, its answers a week after the reveal, but never an open one', async () => {
    const first = roundInput(channel, 1);
    await store.openRound(first);
    await store.attachPost(channel, first.roundId, { messageId: 'm1', threadId: 't1' });
    await store.recordAnswer(channel, first.roundId, answer(user, first.postedAt + 1));
    const roundKey = `${prefix}{${channel}}:round:${first.roundId}`;
    const answersKey = `${prefix}{${channel}}:answers:${first.roundId}`;
    expect(await raw.pttl(roundKey)).toBe(-1);
    expect(await raw.pttl(answersKey)).toBe(-1);
    await store.revealOrCancelRound(channel, first.roundId);
    for (const [key, retention] of [
      [roundKey, REVEALED_RETENTION_MS],
      [answersKey, ANSWER_RETENTION_MS],
    ] as const) {
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(retention - 60_000);
      expect(ttl).toBeLessThanOrEqual(retention);
    }
    expect(ANSWER_RETENTION_MS).toBe(8 * 24 * HOUR);
  });

  it('leaves no key named after a forgotten user, even when a reply sent before is recorded later', async () => {
    await fillChannel();
    const open = roundInput(channel, 3);
    await store.openRound(open);
    await store.attachPost(channel, open.roundId, { messageId: 'post-3', threadId: 'thread-3' });
    await store.forgetUser('slack', user, open.postedAt + 10);
    // Read back from the thread's history before the reveal, sent before the forget-me.
    expect(await store.recordAnswer(channel, open.roundId, answer(user, open.postedAt + 5))).toBe('forgotten');
    const left = (await keysMatching(`*${user}*`)).filter((key) => !key.includes(`${user}-friend`));
    expect(left).toEqual([]);
  });

  it('keeps no field, member or value about a forgotten user, display name included', async () => {
    await fillChannel();
    expect(await raw.hget(`${prefix}{${channel}}:names`, user)).toBe(user.toUpperCase());
    await store.forgetUser('slack', user, T0 + 10 * 24 * HOUR);
    const mentions: string[] = [];
    for (const key of await keysMatching(`${prefix}*`)) {
      const type = await raw.type(key);
      const contents =
        type === 'hash'
          ? Object.entries(await raw.hgetall(key)).flat()
          : type === 'zset'
            ? await raw.zrange(key, '0', '-1')
            : type === 'set'
              ? await raw.smembers(key)
              : type === 'list'
                ? await raw.lrange(key, 0, -1)
                : [(await raw.get(key)) ?? ''];
      for (const item of contents) {
        const withoutFriend = item.toLowerCase().replaceAll(`${user}-friend`.toLowerCase(), '');
        if (withoutFriend.includes(user.toLowerCase())) mentions.push(`${key}: ${item}`);
      }
    }
    expect(mentions).toEqual([]);
  });

  it('keeps suggestions under the prefix in the {team} slot, and none of a forgotten author but a former member', async () => {
    const question = {
      title: 'A title',
      format: 'free' as const,
      topics: ['queue' as const],
      difficulty: 'easy' as const,
      keyPoints: [{ label: 'A point', terms: ['a term'] }],
      references: ['https://docs.python.org/3/library/queue.html'],
      prompt: 'Why?',
      modelAnswer: 'Because.',
    };
    const space = `slack:T-${tag}`;
    const suggest = () =>
      store.addSuggestion(
        { space, authorKey: `slack:${user}`, authorName: `Name-${tag}`, submittedAt: T0, question },
        3,
      );
    await suggest();
    await suggest();
    await store.changeSuggestion(space, 'team-1', 'approved', T0 + 1);
    const keys = await keysMatching(`${prefix}*{team}*`);
    expect(keys.length).toBeGreaterThanOrEqual(7);
    expect(new Set(keys.map(hashSlot))).toEqual(new Set([hashSlot('{team}')]));
    for (const key of keys) expect(key.startsWith(`${prefix}{team}:`)).toBe(true);
    await store.forgetSuggestionAuthor(`slack:${user}`);
    const mentions: string[] = [];
    for (const key of await keysMatching(`${prefix}*{team}*`)) {
      const type = await raw.type(key);
      const contents =
        type === 'hash'
          ? Object.entries(await raw.hgetall(key)).flat()
          : type === 'zset'
            ? await raw.zrange(key, '0', '-1')
            : type === 'set'
              ? await raw.smembers(key)
              : [(await raw.get(key)) ?? ''];
      for (const item of [key, ...contents])
        if (item.includes(user) || item.includes(`Name-${tag}`)) mentions.push(`${key}: ${item}`);
    }
    expect(mentions).toEqual([]);
    expect(await raw.hget(`${prefix}{team}:name`, 'team-1')).toBe('a former member');
  });

  it('opens a round once, reveals it once and hands its job to one claimer across two clients', async () => {
    const second = createRedisStore(url, prefix, silentLogger);
    try {
      const input = roundInput(channel, 1);
      const opened = await Promise.all([store.openRound(input), second.openRound(input)]);
      expect(opened.map((o) => o.status).sort()).toEqual(['exists', 'opened']);
      const claims = await Promise.all([
        store.claimDueJobs(input.revealAt, 60_000, 10),
        second.claimDueJobs(input.revealAt, 60_000, 10),
      ]);
      expect(claims.flat()).toEqual([{ kind: 'reveal', channel, roundId: input.roundId }]);
      const reveals = await Promise.all([
        store.revealOrCancelRound(channel, input.roundId),
        second.revealOrCancelRound(channel, input.roundId),
      ]);
      expect(reveals.filter((r) => r !== null)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('queues no reveal job for a round it refused to open', async () => {
    await store.openRound(roundInput(channel, 1));
    expect((await store.openRound(roundInput(channel, 2))).status).toBe('busy');
    expect(await store.jobDueAt({ kind: 'reveal', channel, roundId: 'r2' })).toBeNull();
    expect(await store.jobDueAt({ kind: 'reveal', channel, roundId: 'r1' })).toBe(roundInput(channel, 1).revealAt);
  });

  it('queues the reveal job again when an open round lost it and its opening is retried', async () => {
    const input = roundInput(channel, 1);
    await store.openRound(input);
    // Gone behind the store's back (a hand-deleted member, a half-failed pipeline): the round would never close.
    await store.completeJob({ kind: 'reveal', channel, roundId: 'r1' });
    expect((await store.openRound(input)).status).toBe('exists');
    expect(await store.jobDueAt({ kind: 'reveal', channel, roundId: 'r1' })).toBe(input.revealAt);
  });

  it('forgets a user whose answered rounds changed between its listing and its removal', async () => {
    const first = roundInput(channel, 1);
    await store.openRound(first);
    await store.recordAnswer(channel, first.roundId, answer(user, first.postedAt + 1));
    // The first removal finds one more answered round than was listed and refuses; the next try must run.
    const client = (store as unknown as { redis: Record<string, (...args: unknown[]) => Promise<unknown>> }).redis;
    const script = client['quizthread:forget-user-in-channel'] as (...args: unknown[]) => Promise<unknown>;
    let calls = 0;
    client['quizthread:forget-user-in-channel'] = async function (this: unknown, ...args: unknown[]) {
      calls++;
      if (calls === 1) await raw.sadd(`${prefix}{${channel}}:answered:${user}`, 'r9');
      return script.apply(this, args);
    };
    await store.forgetUser('slack', user, first.postedAt + 10);
    expect(calls).toBe(2);
    expect(await store.getUserStats(channel, user, '2026-11')).toBeNull();
    expect(await keysMatching(`*${user}*`)).toEqual([]);
  });

  it('counts 50 concurrent answers from two clients exactly once each', async () => {
    const second = createRedisStore(url, prefix, silentLogger);
    try {
      const input = roundInput(channel, 1);
      await store.openRound(input);
      const users = Array.from({ length: 50 }, (_, i) => `${user}-${String(i).padStart(2, '0')}`);
      // Every user replies twice at once, once through each client.
      const outcomes = await Promise.all(
        users.flatMap((u, i) => [
          (i % 2 === 0 ? store : second).recordAnswer(channel, input.roundId, answer(u, input.postedAt + i)),
          (i % 2 === 0 ? second : store).recordAnswer(channel, input.roundId, answer(u, input.postedAt + i + 1)),
        ]),
      );
      expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(50);
      expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(50);
      expect(await store.countAnswers(channel, input.roundId)).toBe(50);
      const totals = await second.getLeaderboard(channel, 'total', '2026-11', 100, users[0] as string);
      expect(totals.entries).toHaveLength(50);
      expect(totals.entries.reduce((sum, e) => sum + e.score, 0)).toBe(50);
      expect(new Set(totals.entries.map((e) => e.rank))).toEqual(new Set([1]));
    } finally {
      await second.close();
    }
  });
});
