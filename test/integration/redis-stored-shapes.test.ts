/**
 * The Redis store's side of what is in Redis: ids that would break the hash slots are refused with
 * a message naming them, data written by an earlier version still reads, and a damaged round is
 * reported naming what it lacks instead of being read as some other round.
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId, Schedule } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { OpenRoundInput } from '../../src/ports/store.ts';
import { type ChannelKeys, RedisKeys } from '../../src/store/redis/keys.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';

const CH: ChannelId = 'slack:T1:C1';
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const schedule: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'UTC',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 60,
  topics: [],
};

const round: OpenRoundInput = {
  channel: CH,
  roundId: 'r1',
  questionId: 'q1',
  postedAt: T0,
  openedAt: T0 + 10 * 60_000,
  revealAt: T0 + 4 * HOUR,
  timezone: 'Europe/Berlin',
  startNewCycle: false,
};

describe('what the Redis store keeps in Redis', () => {
  let raw: Redis;
  let store: RedisStore;
  let ch: ChannelKeys;
  let userChannels: (platformUserKey: string) => string;
  let prefix: string;

  beforeEach(async () => {
    prefix = freshPrefix();
    raw = new Redis(redisUrlForTests());
    store = createRedisStore(redisUrlForTests(), prefix, silentLogger);
    ch = new RedisKeys(prefix).channel(CH);
    userChannels = (platformUserKey) => new RedisKeys(prefix).user(platformUserKey).channels;
    // Connected first: while the client is still connecting, every failure reads as an outage.
    await store.ping();
  });

  afterEach(async () => {
    await store.close();
    await raw.quit();
  });

  describe('ids that would choose the hash slot themselves', () => {
    it('refuses a key prefix with a brace, naming it', () => {
      expect(() => new RedisKeys('quiz{prod}:')).toThrow(
        'the Redis key prefix "quiz{prod}:" must not contain { or }: they would override the hash tags',
      );
      expect(() => new RedisKeys('quiz}:')).toThrow(/must not contain/);
    });

    it('refuses a channel, a space or a user whose id holds a brace, and writes nothing for it', async () => {
      await expect(store.getRound('slack:T1:{C1}' as ChannelId, 'r1')).rejects.toThrow(
        'the channel id "slack:T1:{C1}" must not contain { or }: it is the channel\'s hash tag',
      );
      await expect(store.scheduledChannelsIn('slack:{T1}')).rejects.toThrow(
        'the space "slack:{T1}" must not contain { or }: it would override the hash tag',
      );
      await expect(store.getPractice('slack:U}1')).rejects.toThrow(
        'the user key "slack:U}1" must not contain { or }: it is the user\'s hash tag',
      );
    });

    it('refuses a rate budget whose name holds a brace, naming it', () => {
      expect(() => new RedisKeys(prefix).budget('discord{global}')).toThrow(
        'the budget name "discord{global}" must not contain { or }: it is its hash tag',
      );
      expect(new RedisKeys(prefix).budget('discord')).toBe(`${prefix}{budget:discord}`);
    });

    it('refuses a suggestion space or author whose id holds a brace', async () => {
      await expect(store.listSuggestions('discord:{G1}', 'pending')).rejects.toThrow(
        'the space "discord:{G1}" must not contain { or }: it would break the {team} slot',
      );
      await expect(store.forgetSuggestionAuthor('discord:{ann}')).rejects.toThrow(
        'the author key "discord:{ann}" must not contain { or }: it would break the {team} slot',
      );
    });
  });

  describe('rounds as stored', () => {
    it('reads a round stored before its opening time was kept with its slot as the opening time', async () => {
      await store.openRound(round);
      await raw.hdel(ch.round('r1'), 'openedAt');
      expect(await store.getRound(CH, 'r1')).toMatchObject({ postedAt: T0, openedAt: T0 });
    });

    it('reads every field of a round back as it was given', async () => {
      await store.openRound(round);
      await store.attachPost(CH, 'r1', { messageId: 'post-1', threadId: 'thread-1' });
      expect(await store.getRound(CH, 'r1')).toStrictEqual({
        id: 'r1',
        channel: CH,
        seq: 1,
        questionId: 'q1',
        postedAt: T0,
        openedAt: round.openedAt,
        revealAt: round.revealAt,
        timezone: 'Europe/Berlin',
        state: 'open',
        post: { messageId: 'post-1', threadId: 'thread-1' },
      });
    });

    it('reports a round hash that lost a field, naming the channel and the field', async () => {
      await store.openRound(round);
      for (const field of ['id', 'seq', 'questionId', 'postedAt', 'revealAt', 'timezone', 'state']) {
        const kept = await raw.hget(ch.round('r1'), field);
        await raw.hdel(ch.round('r1'), field);
        await expect(store.getRound(CH, 'r1')).rejects.toThrow(`round hash in ${CH} lacks the field ${field}`);
        await raw.hset(ch.round('r1'), field, kept as string);
      }
      expect(await store.getRound(CH, 'r1')).toMatchObject({ id: 'r1', state: 'open' });
    });

    it('reads a post only when both its message and its thread are stored', async () => {
      await store.openRound(round);
      await raw.hset(ch.round('r1'), 'postMessageId', 'post-1');
      expect((await store.getRound(CH, 'r1'))?.post).toBeUndefined();
      await raw.hdel(ch.round('r1'), 'postMessageId');
      await raw.hset(ch.round('r1'), 'postThreadId', 'thread-1');
      expect((await store.getRound(CH, 'r1'))?.post).toBeUndefined();
    });
  });

  describe('damaged data is reported, naming where it is', () => {
    it('a suggestion with a status this version does not know', async () => {
      await store.addSuggestion(
        {
          space: 'discord:G1',
          authorKey: 'discord:ann',
          authorName: 'ANN',
          submittedAt: T0,
          question: {
            title: 'Why it stalls',
            format: 'free',
            topics: ['patterns'],
            difficulty: 'easy',
            keyPoints: [{ label: 'A full queue', terms: ['full queue'] }],
            references: ['https://docs.python.org/3/library/queue.html'],
            prompt: 'Why?',
            modelAnswer: 'A full queue.',
          },
        },
        3,
      );
      await raw.hset(`${prefix}{team}:status`, 'team-1', 'archived');
      await expect(store.getSuggestion('team-1')).rejects.toThrow(
        'suggestion team-1 has an unknown status "archived" in Redis',
      );
    });

    it('a digest summary that is not the JSON this version wrote', async () => {
      await raw.hset(ch.summaries, 'r1', '{"roundId":"r1"}');
      await raw.hset(ch.newcomers, 'r1', '[]');
      await raw.zadd(ch.summaryTimes, T0, 'r1');
      const error = await store.roundSummaries(CH, 0, T0).catch((e: unknown) => e);
      // The cause says what is wrong with it, for the operator who reads the log.
      expect(error).toMatchObject({ message: `a digest summary in ${CH} is not readable`, cause: expect.any(Error) });
    });

    it('digest settings that are not the JSON this version wrote', async () => {
      await raw.set(ch.digestSettings, '{"enabled":"yes"}');
      await expect(store.getDigestSettings(CH)).rejects.toThrow(`the digest settings of ${CH} are not readable`);
    });
  });

  describe('forget-me', () => {
    it('leaves no channel index entry for a pick refused because its author was forgotten', async () => {
      await store.openRound(round);
      await store.attachPost(CH, 'r1', { messageId: 'post-1', threadId: 'thread-1' });
      await store.forgetUser('slack', 'ann', T0 + 10);
      const pick = { userId: 'ann', userName: 'ANN', option: 1, at: T0 + 5, monthKey: '2026-11' };
      expect(await store.recordPick(CH, 'r1', pick)).toBe('forgotten');
      expect(await raw.exists(userChannels('slack:ann'))).toBe(0);
    });

    it('leaves no channel index entry for a pick sent in the very millisecond of the forget-me', async () => {
      await store.openRound(round);
      await store.attachPost(CH, 'r1', { messageId: 'post-1', threadId: 'thread-1' });
      await store.forgetUser('slack', 'ann', T0 + 10);
      const pick = { userId: 'ann', userName: 'ANN', option: 1, at: T0 + 10, monthKey: '2026-11' };
      expect(await store.recordPick(CH, 'r1', pick)).toBe('forgotten');
      expect(await raw.exists(userChannels('slack:ann'))).toBe(0);
    });

    it('keeps the channel index entry of a user who had answered there before the refused pick', async () => {
      await store.openRound(round);
      await store.attachPost(CH, 'r1', { messageId: 'post-1', threadId: 'thread-1' });
      await store.forgetUser('slack', 'ann', T0 + 10);
      const pick = (at: number) => ({ userId: 'ann', userName: 'ANN', option: 1, at, monthKey: '2026-11' });
      expect(await store.recordPick(CH, 'r1', pick(T0 + 11))).toBe('recorded');
      expect(await store.recordPick(CH, 'r1', pick(T0 + 5))).toBe('forgotten');
      expect(await raw.smembers(userChannels('slack:ann'))).toEqual([CH]);
    });
  });
});

describe('a Redis of its own, after every kind of write', () => {
  let server: RedisServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('holds no key outside the prefix, and the keys of one channel share its slot tag', async () => {
    server = await startRedisServer();
    const prefix = 'quiz:';
    const store = createRedisStore(server.url, prefix, silentLogger);
    try {
      await store.setSchedule(CH, { ...schedule, space: 'slack:T1' }, T0);
      // A schedule that names no space, set and removed, adds no key for a space.
      await store.setSchedule('slack:T1:C2', schedule, T0);
      await store.removeSchedule('slack:T1:C2');
      for (const n of [1, 2]) {
        const input = { ...round, roundId: `r${n}`, postedAt: T0 + n * DAY, revealAt: T0 + n * DAY + HOUR };
        await store.openRound(input);
        await store.attachPost(CH, input.roundId, { messageId: `post-${n}`, threadId: `thread-${n}` });
        await store.recordAnswer(CH, input.roundId, {
          userId: 'ann',
          userName: 'ANN',
          text: 'a lock',
          messageId: `m-${n}`,
          at: input.postedAt + 1,
          monthKey: '2026-11',
        });
        await store.recordPick(CH, input.roundId, {
          userId: 'bob',
          userName: 'BOB',
          option: 1,
          at: input.postedAt + 1,
          monthKey: '2026-11',
        });
        await store.revealOrCancelRound(CH, input.roundId);
        await store.scoreRound(CH, input.roundId, [{ userId: 'bob', points: 10, rightPick: true }], '2026-11');
        await store.recordRoundSummary(CH, {
          roundId: input.roundId,
          seq: n,
          questionId: `q${n}`,
          title: `Question ${n}`,
          revealedAt: input.revealAt,
          answers: 2,
          missed: [],
          answerers: [{ id: 'ann', name: 'ANN' }],
        });
      }
      await store.setAbsence(CH, 'ann', T0 + 9 * DAY);
      await store.setDigestSettings(CH, { enabled: true });
      await store.startDigestAttempt(CH, '2026-W48', T0);
      await store.startPractice('slack:ann', { questionId: 'q9', askedAt: T0 }, 5);
      await store.forgetUser('slack', 'bob', T0 + 3 * DAY);
      await store.claimDueJobs(T0 + 9 * DAY, 1000, 10);
      const admin = new Redis(server.url);
      const keys = await admin.keys('*');
      admin.disconnect();
      expect(keys.length).toBeGreaterThanOrEqual(20);
      // Every key names its slot: the jobs, the channel, the one user with practice, or a tombstone.
      for (const key of keys)
        expect(key).toMatch(/^quiz:\{(jobs|slack:T1:C1|user:slack:ann)\}:.+$|^quiz:\{forgotten:[0-9a-f]{32}\}$/);
    } finally {
      await store.close();
    }
  });
});
