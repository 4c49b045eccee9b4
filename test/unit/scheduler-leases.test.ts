/**
 * The durable timer's promises to operators running one or several replicas: a job runs once even
 * when its platform call outlasts the lease, at most `batchSize` jobs run at once per process, a
 * slow store is not sent a second claim, and jobs with nothing left to do are dropped.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { QuizError } from '../../src/core/errors.ts';
import { Rounds } from '../../src/core/rounds.ts';
import { Scheduler } from '../../src/core/scheduler.ts';
import { TeamBank } from '../../src/core/team-bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { RoundPostView } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { Job, Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeQuestion, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
/** Monday 23 November 2026, 09:00 UTC: the slot of a `schedule 09:00 UTC` channel. */
const NINE = MONDAY_0800_UTC + HOUR;
const lead = { id: 'lead', name: 'Lead' };

/** A gate a test opens by hand: `reached` resolves when something waits on it. */
function gate() {
  let open = () => {};
  let arrive = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { opened, reached, open, arrive };
}

/** An adapter whose question posts wait at `hold` until the test opens it. */
function heldAdapter(hold: ReturnType<typeof gate>) {
  const adapter = new RecordingAdapter('shell');
  const post = adapter.postQuestion.bind(adapter);
  adapter.postQuestion = async (channel: string, view: RoundPostView) => {
    hold.arrive();
    await hold.opened;
    return post(channel, view);
  };
  return adapter;
}

function replica(
  store: Store,
  clock: FakeClock,
  adapter = new RecordingAdapter('shell'),
  settings: { batchSize?: number } = {},
) {
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store,
    clock,
    logger,
    settings: { userCommandsPerMinute: 0, ...settings },
  });
  const command = (text: string, channel: ChannelId = CH) =>
    h.quiz.command({ channel, caller: lead, isAdmin: true, text });
  return { ...h, adapter, logger, command };
}

describe('a job whose platform call outlasts its lease', () => {
  it('keeps its lease while it runs, so another replica does not post the question again', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const hold = gate();
    const slow = replica(store, clock, heldAdapter(hold));
    const other = replica(store, clock);
    await slow.command('schedule 09:00 UTC daily 1h');
    clock.set(NINE);
    const posting = slow.quiz.tick();
    await hold.reached;
    // Forty seconds in, past half the minute's lease, the slow replica's next tick extends it.
    clock.advance(40 * SEC);
    await slow.quiz.tick();
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBe(NINE + 40 * SEC + MIN);
    // The first lease has run out; the other replica finds nothing to take over.
    clock.advance(30 * SEC);
    expect(await other.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    hold.open();
    await posting;
    expect(other.adapter.postAttempts).toBe(0);
    expect(slow.adapter.posts).toHaveLength(1);
  });

  it('is not run a second time by its own process when the store could not extend the lease', async () => {
    const memory = new MemoryStore();
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === 'extendJobLease') return async () => Promise.reject(new Error('READONLY replica'));
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const clock = new FakeClock(MONDAY_0800_UTC);
    const hold = gate();
    const h = replica(store, clock, heldAdapter(hold));
    await h.command('schedule 09:00 UTC daily 1h');
    clock.set(NINE);
    const posting = h.quiz.tick();
    await hold.reached;
    clock.advance(70 * SEC);
    // The lease ran out, so the store hands the job out again: to the process still running it.
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 0 });
    hold.open();
    await posting;
    expect(h.adapter.postAttempts).toBe(1);
    expect(h.adapter.posts).toHaveLength(1);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not extend the lease of a running job' }),
    );
  });
});

describe('how many jobs a process runs', () => {
  it('runs every due job in one tick, claiming a batch at a time', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock, new RecordingAdapter('shell'), { batchSize: 2 });
    const channels = ['a', 'b', 'c', 'd', 'e'].map((c) => `shell:${c}` as ChannelId);
    for (const channel of channels) await h.command('schedule 09:00 UTC daily 1h', channel);
    clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 5, failed: 0 });
    expect(h.adapter.posts.map((p) => p.channel).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('starts no more than batchSize jobs at once, and starts the rest once one finishes', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const hold = gate();
    const h = replica(store, clock, heldAdapter(hold), { batchSize: 1 });
    await h.command('schedule 09:00 UTC daily 1h', 'shell:a');
    await h.command('schedule 09:00 UTC daily 1h', 'shell:b');
    clock.set(NINE);
    const first = h.quiz.tick();
    await hold.reached;
    // Channel a's post holds the only place: an overlapping tick leaves channel b's job queued.
    expect(await h.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    expect(await store.jobDueAt({ kind: 'post', channel: 'shell:b' })).toBe(NINE);
    hold.open();
    expect(await first).toEqual({ claimed: 2, failed: 0 });
    expect(h.adapter.posts.map((p) => p.channel)).toEqual(['a', 'b']);
  });
});

describe('a reveal held up by the platform (a rate limit, a slow thread)', () => {
  it('does not delay the other channels’ posts: the next ticks post them while it waits', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const hold = gate();
    const adapter = new RecordingAdapter('shell');
    const reveal = adapter.postReveal.bind(adapter);
    adapter.postReveal = async (...args: Parameters<RecordingAdapter['postReveal']>) => {
      hold.arrive();
      await hold.opened;
      return reveal(...args);
    };
    const h = replica(store, clock, adapter, { batchSize: 3 });
    // Channel a's round, posted at 08:29, closes at 08:59; b, c, d and e post their questions at 09:00.
    // The reveal, due first, is claimed in the first batch with b and c, and that tick waits on it.
    await h.command('schedule 08:29 UTC daily 30m', 'shell:a');
    clock.set(NINE - 31 * MIN);
    await h.quiz.tick();
    for (const channel of ['b', 'c', 'd', 'e']) await h.command('schedule 09:00 UTC daily 1h', `shell:${channel}`);
    clock.set(NINE);
    const first = h.quiz.tick();
    await hold.reached;
    // Every tick while a's reveal waits posts more of the due questions, a batch's free places at a time.
    for (let i = 0; i < 3; i++) {
      clock.advance(SEC);
      await h.quiz.tick();
    }
    expect(h.adapter.posts.map((p) => p.channel).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.adapter.reveals).toHaveLength(0);
    hold.open();
    await first;
    expect(h.adapter.reveals.map((r) => r.channel)).toEqual(['a']);
  });
});

describe('a slow store', () => {
  it('is not sent a second claim while the first is on its way, and is claimed from again after a failed claim', async () => {
    const memory = new MemoryStore();
    const answer = gate();
    let claims = 0;
    let failNext = false;
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'claimDueJobs') return typeof value === 'function' ? value.bind(target) : value;
        return async (now: number, leaseMs: number, limit: number): Promise<Job[]> => {
          claims++;
          if (failNext) {
            failNext = false;
            throw new Error('ETIMEDOUT');
          }
          if (claims === 1) {
            answer.arrive();
            await answer.opened;
          }
          return memory.claimDueJobs(now, leaseMs, limit);
        };
      },
    });
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('schedule 09:00 UTC daily 1h');
    clock.set(NINE);
    const first = h.quiz.tick();
    await answer.reached;
    expect(await h.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    expect(claims).toBe(1);
    expect(h.logger.text()).toContain('previous scheduler tick still running its claim');
    answer.open();
    expect(await first).toEqual({ claimed: 1, failed: 0 });
    expect(h.adapter.posts).toHaveLength(1);
    // A claim that fails does not leave the process thinking one is still on its way.
    failNext = true;
    await expect(h.quiz.tick()).rejects.toThrow('ETIMEDOUT');
    clock.advance(HOUR);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
  });
});

describe('jobs with nothing left to do', () => {
  function bare(store: Store, clock: FakeClock) {
    const adapter = new RecordingAdapter('shell');
    const questions = new TeamBank(new QuestionBank([makeQuestion('q1')]), store);
    const logger = new RecordingLogger();
    const rounds = new Rounds(store, questions, new Map([['shell', adapter]]), clock, logger, {
      defaultWindowMinutes: 60,
      leaseMs: MIN,
    });
    const scheduler = new Scheduler(store, rounds, clock, logger, { leaseMs: MIN, batchSize: 10 });
    return { adapter, scheduler };
  }

  it('drops a weekly digest job in a process that runs no digests', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(NINE);
    const { scheduler } = bare(store, clock);
    await store.rescheduleJob({ kind: 'digest', channel: CH }, NINE);
    expect(await scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await store.jobDueAt({ kind: 'digest', channel: CH })).toBeNull();
  });

  it('drops the post job of a channel whose schedule is gone, and posts nothing', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(NINE);
    const { scheduler, adapter } = bare(store, clock);
    await store.rescheduleJob({ kind: 'post', channel: CH }, NINE);
    expect(await scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBeNull();
    expect(adapter.postAttempts).toBe(0);
  });
});

describe('a post missed while the bot was down', () => {
  it('is skipped when the bot comes back the moment its window closes, and the next day is kept', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('schedule 09:00 UTC daily 1h');
    clock.set(NINE + HOUR);
    await h.quiz.tick();
    expect(h.adapter.postAttempts).toBe(0);
    expect(h.logger.text()).toContain('skipped a post whose answer window had already closed');
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBe(NINE + 24 * HOUR);
  });

  it('is still made a millisecond before its window closes, revealing at the original time', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('schedule 09:00 UTC daily 1h');
    clock.set(NINE + HOUR - 1);
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
    expect(h.adapter.posts[0]?.view.revealAt).toBe(NINE + HOUR);
  });
});

describe('several slow jobs at once', () => {
  it('keeps the lease of each, so another replica posts neither question nor reveal again', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const slowAdapter = new RecordingAdapter('shell');
    const slow = replica(store, clock, slowAdapter);
    const other = replica(store, clock);
    for (const channel of ['shell:a', 'shell:b'] as const) await slow.command('post-now', channel);
    const hold = gate();
    let waiting = 0;
    const postReveal = slowAdapter.postReveal.bind(slowAdapter);
    slowAdapter.postReveal = async (...args: Parameters<RecordingAdapter['postReveal']>) => {
      if (++waiting === 2) hold.arrive();
      await hold.opened;
      return postReveal(...args);
    };
    clock.advance(4 * HOUR);
    const revealing = slow.quiz.tick();
    await hold.reached;
    clock.advance(40 * SEC);
    await slow.quiz.tick();
    clock.advance(30 * SEC);
    expect(await other.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    hold.open();
    await revealing;
    expect(other.adapter.revealAttempts).toBe(0);
    expect(slowAdapter.reveals.map((r) => r.channel).sort()).toEqual(['a', 'b']);
  });
});

describe('a tick while answers held through an outage are being replayed', () => {
  it('does not reveal a round before the answers sent to it in time are recorded', async () => {
    const memory = new MemoryStore();
    let down = false;
    const replaying = gate();
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (down) throw new QuizError('store-unavailable', `Connection is closed. (store.${String(property)})`);
          if (property === 'recordAnswer') {
            replaying.arrive();
            await replaying.opened;
          }
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('post-now');
    clock.advance(HOUR);
    down = true;
    const thread = h.adapter.posts[0]!.ref.threadId;
    expect(
      await h.quiz.threadMessage({
        channel: CH,
        threadId: thread,
        messageId: 'ann-1',
        author: { id: 'ann', name: 'ann', isBot: false },
        text: 'a lock',
      }),
    ).toBe('queued');
    down = false;
    clock.advance(3 * HOUR);
    const draining = h.quiz.tick();
    await replaying.reached;
    // The round's reveal is due, but this tick only keeps leases while the other replays the queue.
    expect(await h.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    expect(h.adapter.reveals).toHaveLength(0);
    replaying.open();
    await draining;
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
  });
});

describe('a scheduled question the channel refuses for good', () => {
  it('is logged for the operator with the next try at the next scheduled time', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('schedule 09:00 UTC daily 1h');
    h.adapter.refuseAllPosts = true;
    clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'the channel refused the scheduled question; trying again at the next scheduled time',
        context: expect.objectContaining({ channel: CH, slot: NINE }),
      }),
    );
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBe(NINE + 24 * HOUR);
  });

  it('fails the job on a passing failure, logging it as one to retry', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const h = replica(store, clock);
    await h.command('schedule 09:00 UTC daily 1h');
    h.adapter.failAllPosts = true;
    clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'scheduled job failed; it will be retried',
        context: expect.objectContaining({ job: { kind: 'post', channel: CH } }),
      }),
    );
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBe(NINE + MIN);
  });
});
