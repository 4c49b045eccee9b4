/**
 * Several bot processes on one Redis: every post and every reveal happens exactly once, a process
 * killed mid-round loses nothing, and a Redis restart mid-round loses and double-counts no answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { Replica, type ReplicaEvent } from '../support/replicas.ts';
import { waitFor } from '../support/wait-for.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const day = (d: number) => Date.UTC(2026, 10, 23 + d, 9, 0);

let replicas: Replica[] = [];
let ownRedis: RedisServer | undefined;
afterEach(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  await ownRedis?.stop();
  ownRedis = undefined;
});

async function startReplicas(count: number, url: string, events: ReplicaEvent[]) {
  const prefix = freshPrefix();
  replicas = Array.from(
    { length: count },
    (_, i) => new Replica(`p${i + 1}`, { REDIS_URL: url, REDIS_PREFIX: prefix }, events),
  );
  await Promise.all(replicas.map((r) => r.ready));
  return replicas;
}

const tickAll = (ps: Replica[], now: number) => Promise.all(ps.map((p) => p.send({ op: 'tick', now })));
const of = (events: ReplicaEvent[], kind: string) => events.filter((e) => e.event === kind);

describe('replicas sharing one Redis', () => {
  it('post each scheduled round exactly once and reveal it exactly once', async () => {
    const events: ReplicaEvent[] = [];
    const [p1, p2, p3] = await startReplicas(3, redisUrlForTests(), events);
    await p1!.send({ op: 'command', now: day(0) - HOUR, text: 'schedule 09:00 UTC daily 1h' });
    for (let d = 0; d < 3; d++) {
      await tickAll([p1!, p2!, p3!], day(d));
      await tickAll([p1!, p2!, p3!], day(d) + 1000);
      const posted = of(events, 'posted');
      expect(posted).toHaveLength(d + 1);
      const threadId = posted.at(-1)!.threadId!;
      await Promise.all(
        ['ann', 'bob', 'cat'].map((user, i) =>
          [p1, p2, p3][i]!.send({ op: 'answer', now: day(d) + MIN, user, threadId, text: 'a lock' }),
        ),
      );
      await tickAll([p1!, p2!, p3!], day(d) + HOUR);
      await tickAll([p1!, p2!, p3!], day(d) + HOUR + 1000);
      const revealed = of(events, 'revealed');
      expect(revealed).toHaveLength(d + 1);
      expect(revealed.at(-1)!.answers!.sort()).toEqual(['ann', 'bob', 'cat']);
    }
    expect(new Set(of(events, 'posted').map((e) => e.roundId)).size).toBe(3);
    const streak = await p2!.send({ op: 'command', now: day(2) + 2 * HOUR, text: 'leaderboard' });
    expect(streak.result).toMatchObject({ entries: [{ score: 3 }, { score: 3 }, { score: 3 }] });
  });

  it('lose nothing when a process dies holding a post, or mid-round', async () => {
    const events: ReplicaEvent[] = [];
    const [p1, p2, p3] = await startReplicas(3, redisUrlForTests(), events);
    await p1!.send({ op: 'command', now: day(0) - HOUR, text: 'schedule 09:00 UTC daily 1h' });
    // p2 claims the post and dies before the question reaches the platform.
    await p2!.send({ op: 'hang-posts' });
    void p2!.send({ op: 'tick', now: day(0) });
    await waitFor(() => of(events, 'post-hanging').length === 1, 'p2 to hold the post');
    await p2!.kill();
    await tickAll([p1!, p3!], day(0) + 30_000);
    expect(of(events, 'posted')).toHaveLength(0); // still leased by the dead process
    await tickAll([p1!, p3!], day(0) + 61_000);
    expect(of(events, 'posted')).toHaveLength(1);
    const threadId = of(events, 'posted')[0]!.threadId!;
    await p1!.send({ op: 'answer', now: day(0) + 2 * MIN, user: 'ann', threadId, text: 'lock' });
    await p3!.send({ op: 'answer', now: day(0) + 3 * MIN, user: 'bob', threadId, text: 'lock' });
    // p1 dies mid-round; p3 reveals everything p1 recorded.
    await p1!.kill();
    await tickAll([p3!], day(0) + HOUR);
    expect(of(events, 'revealed')).toEqual([expect.objectContaining({ answers: ['ann', 'bob'] })]);
  });

  it('lose no answer and count none twice when Redis restarts mid-round', async () => {
    const redis = await startRedisServer({ persistent: true });
    ownRedis = redis;
    const events: ReplicaEvent[] = [];
    const [p1, p2] = await startReplicas(2, redis.url, events);
    await p1!.send({ op: 'command', now: day(0), text: 'post-now' });
    const threadId = of(events, 'posted')[0]!.threadId!;
    expect((await p1!.send({ op: 'answer', now: day(0) + MIN, user: 'ann', threadId, text: 'lock' })).result).toBe(
      'recorded',
    );
    expect((await p2!.send({ op: 'answer', now: day(0) + MIN, user: 'bob', threadId, text: 'lock' })).result).toBe(
      'recorded',
    );

    await redis.pause();
    // While Redis is down, answers wait in the process that received them; commands say so.
    expect((await p2!.send({ op: 'answer', now: day(0) + 2 * MIN, user: 'cat', threadId, text: 'lock' })).result).toBe(
      'queued',
    );
    expect(
      (await p1!.send({ op: 'answer', now: day(0) + 2 * MIN, user: 'ann', threadId, text: 'lock again' })).result,
    ).toBe('queued');
    expect((await p1!.send({ op: 'command', now: day(0) + 2 * MIN, text: 'streak' })).result).toMatchObject({
      code: 'unavailable',
    });
    await redis.restart();

    // Keep ticking, as the scheduler does, until both processes have drained their queues.
    await waitFor(
      async () => {
        await tickAll([p1!, p2!], day(0) + 3 * MIN);
        const statuses = await Promise.all([p1!, p2!].map((p) => p.send({ op: 'status' })));
        return statuses.every((s) => (s.result as { pendingAnswers: number }).pendingAnswers === 0);
      },
      'the queued answers to be recorded',
      15_000,
    );
    await tickAll([p1!, p2!], day(0) + 5 * HOUR);
    const revealed = of(events, 'revealed');
    expect(revealed).toHaveLength(1);
    expect(revealed[0]!.answers!.sort()).toEqual(['ann', 'bob', 'cat']);
    const totals = await p1!.send({ op: 'command', now: day(0) + 5 * HOUR, text: 'leaderboard total' });
    expect(totals.result).toMatchObject({ entries: [{ score: 1 }, { score: 1 }, { score: 1 }] });
  });
});
