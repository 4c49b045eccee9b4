/**
 * Points and counts stay exact however picks arrive: many users clicking at once through two
 * replicas (real processes on one Redis), changed picks, a Redis outage in the middle whose queued
 * picks are replayed, and a crash between a reveal and its scoring.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { mixedBank } from '../support/button-bank.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { Replica, type ReplicaEvent } from '../support/replicas.ts';
import { waitFor } from '../support/wait-for.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 23, 9, 0);
/** The right option of every question in mixedBank (see button-bank.ts). */
const RIGHT = 1;

let replicas: Replica[] = [];
let ownRedis: RedisServer | undefined;
const stores: RedisStore[] = [];
afterEach(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  await ownRedis?.stop();
  ownRedis = undefined;
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function startReplicas(url: string, events: ReplicaEvent[]) {
  const prefix = freshPrefix();
  replicas = ['p1', 'p2'].map(
    (name) => new Replica(name, { REDIS_URL: url, REDIS_PREFIX: prefix, REPLICA_BANK: 'buttons' }, events),
  );
  await Promise.all(replicas.map((r) => r.ready));
  return replicas as [Replica, Replica];
}

const of = (events: ReplicaEvent[], kind: string) => events.filter((e) => e.event === kind);

/** What each user ends up with: their clicks in order, the last one counting. */
function clicksOf(user: number): number[] {
  return [user % 3, (user + 1) % 3, (user * 7) % 3];
}

function expectedTally(users: number[]): number[] {
  const tally = [0, 0, 0];
  for (const u of users) tally[clicksOf(u).at(-1)!]! += 1;
  return tally;
}

describe('points under concurrent picks on two replicas', () => {
  it('count every user once with their last pick, and award each right one exactly 10 points once', async () => {
    const events: ReplicaEvent[] = [];
    const [p1, p2] = await startReplicas(redisUrlForTests(), events);
    await p1.send({ op: 'command', now: T0, text: 'post-now' });
    const roundId = of(events, 'posted')[0]!.roundId!;
    const users = Array.from({ length: 40 }, (_, i) => i);
    // Every user clicks three times, alternating replicas; all users at once.
    await Promise.all(
      users.map(async (u) => {
        for (const [k, option] of clicksOf(u).entries()) {
          const replica = (u + k) % 2 === 0 ? p1 : p2;
          const reply = await replica.send({ op: 'pick', now: T0 + MIN + k, user: `u${u}`, roundId, option });
          expect(reply.result).toMatchObject({ kind: 'picked', option });
        }
      }),
    );
    // Both replicas reach the reveal at once: one reveals, neither awards twice.
    await Promise.all([p1, p2].map((p) => p.send({ op: 'tick', now: T0 + 5 * HOUR })));
    await Promise.all([p1, p2].map((p) => p.send({ op: 'tick', now: T0 + 5 * HOUR + 2 * MIN })));
    const revealed = of(events, 'revealed');
    expect(revealed).toHaveLength(1);
    expect(revealed[0]!.tally).toEqual(expectedTally(users));
    const winners = users.filter((u) => clicksOf(u).at(-1) === RIGHT).map((u) => `u${u}`);
    expect(revealed[0]!.right!.slice().sort()).toEqual(winners.slice().sort());
    const board = await p2.send({ op: 'command', now: T0 + 6 * HOUR, text: 'leaderboard points' });
    const entries = (board.result as { entries: { userId: string; score: number }[] }).entries;
    expect(entries.every((e) => e.score === 10)).toBe(true);
    expect(entries).toHaveLength(Math.min(10, winners.length));
    const totals = await p1.send({ op: 'command', now: T0 + 6 * HOUR, text: 'leaderboard total' });
    expect((totals.result as { entries: { score: number }[] }).entries.every((e) => e.score === 1)).toBe(true);
    for (const u of [0, 1, 2, 3]) {
      const stats = await p1.send({ op: 'command', now: T0 + 6 * HOUR, text: `streak u${u}` });
      const right = clicksOf(u).at(-1) === RIGHT;
      expect(stats.result).toMatchObject({
        stats: { total: 1, points: right ? 10 : 0, picks: 1, rightPicks: right ? 1 : 0, currentStreak: 1 },
      });
    }
  });

  it('lose no pick and count none twice when Redis restarts mid-round, replaying queued picks in order', async () => {
    const redis = await startRedisServer({ persistent: true });
    ownRedis = redis;
    const events: ReplicaEvent[] = [];
    const [p1, p2] = await startReplicas(redis.url, events);
    await p1.send({ op: 'command', now: T0, text: 'post-now' });
    const roundId = of(events, 'posted')[0]!.roundId!;
    const pick = (p: Replica, user: string, option: number, at: number) =>
      p.send({ op: 'pick', now: T0 + at, user, roundId, option });
    expect((await pick(p1, 'ann', 0, MIN)).result).toMatchObject({ kind: 'picked' });
    expect((await pick(p2, 'bob', 1, MIN)).result).toMatchObject({ kind: 'picked' });

    await redis.pause();
    // During the outage each replica holds its clicks: ann changes her mind twice, cat picks.
    expect((await pick(p1, 'ann', 2, 2 * MIN)).result).toMatchObject({ kind: 'picked', queued: true });
    expect((await pick(p1, 'ann', 1, 3 * MIN)).result).toMatchObject({ kind: 'picked', queued: true });
    expect((await pick(p2, 'cat', 1, 3 * MIN)).result).toMatchObject({ kind: 'picked', queued: true });
    expect((await pick(p2, 'dan', 0, 3 * MIN)).result).toMatchObject({ kind: 'picked', queued: true });
    await redis.restart();

    await waitFor(
      async () => {
        await Promise.all([p1, p2].map((p) => p.send({ op: 'tick', now: T0 + 4 * MIN })));
        const statuses = await Promise.all([p1, p2].map((p) => p.send({ op: 'status' })));
        return statuses.every((s) => (s.result as { pendingAnswers: number }).pendingAnswers === 0);
      },
      'the queued picks to be recorded',
      15_000,
    );
    await Promise.all([p1, p2].map((p) => p.send({ op: 'tick', now: T0 + 5 * HOUR })));
    const revealed = of(events, 'revealed');
    expect(revealed).toHaveLength(1);
    expect(revealed[0]!.tally).toEqual([1, 3, 0]);
    expect(revealed[0]!.right).toEqual(['ann', 'bob', 'cat']);
    const board = await p2.send({ op: 'command', now: T0 + 6 * HOUR, text: 'leaderboard points' });
    expect(board.result).toMatchObject({
      entries: [
        { userId: 'cat', score: 10 },
        { userId: 'bob', score: 10 },
        { userId: 'ann', score: 10 },
      ],
    });
    const totals = await p1.send({ op: 'command', now: T0 + 6 * HOUR, text: 'leaderboard total' });
    expect((totals.result as { entries: { score: number }[] }).entries.map((e) => e.score)).toEqual([1, 1, 1, 1]);
  });
});

describe('a crash between the reveal and the scoring, on Redis', () => {
  it('awards the round once when another replica runs the reveal job again', async () => {
    const CH: ChannelId = 'shell:team';
    const prefix = freshPrefix();
    const open = () => {
      const store = createRedisStore(redisUrlForTests(), prefix, silentLogger);
      stores.push(store);
      return store;
    };
    const crashing: Store = new Proxy(open(), {
      get(target, property, receiver) {
        if (property === 'scoreRound') return async () => Promise.reject(new Error('process killed'));
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const adapter = new RecordingAdapter('shell');
    const adapters = new Map<Platform, ChatAdapter>([['shell', adapter]]);
    const settings = { userCommandsPerMinute: 0 };
    const dying = makeQuiz({ adapters, store: crashing, bank: mixedBank(0, 2), settings });
    const survivor = makeQuiz({ adapters, store: open(), bank: mixedBank(0, 2), clock: dying.clock, settings });
    await dying.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    const roundId = adapter.posts[0]!.view.roundId;
    for (const [user, option] of [
      ['ann', 1],
      ['bob', 0],
    ] as const)
      await survivor.quiz.pick({ channel: CH, caller: { id: user, name: user }, roundId, option });
    dying.clock.advance(5 * HOUR);
    await dying.quiz.tick(); // revealed; "killed" before the points went in
    const store = open();
    expect(await store.getRound(CH, roundId)).toMatchObject({ state: 'revealed', announcePending: true });
    expect(await store.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ points: 0, picks: 0 });
    dying.clock.advance(2 * MIN); // the dead process's lease on the reveal job runs out
    await Promise.all([survivor.quiz.tick(), survivor.quiz.tick()]);
    dying.clock.advance(2 * MIN);
    await survivor.quiz.tick();
    expect(await store.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ points: 10, picks: 1, rightPicks: 1 });
    expect(await store.getUserStats(CH, 'bob', '2026-11')).toMatchObject({ points: 0, picks: 1, rightPicks: 0 });
    expect(await store.scoreRound(CH, roundId, [{ userId: 'ann', points: 10, rightPick: true }], '2026-11')).toBe(
      false,
    );
    expect(await store.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ points: 10 });
  });
});
