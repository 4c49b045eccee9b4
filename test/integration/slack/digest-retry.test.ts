/**
 * The weekly digest through the real Slack adapter and the fake Slack Web API, on a fake clock:
 * a failure that may pass is retried after the job's lease, a chart Slack shared without the answer
 * reaching the bot is found in the channel instead of shared again, and a second replica leaves a
 * slow post to the replica making it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/core/types.ts';
import type { ChatAdapter } from '../../../src/ports/chat.ts';
import { VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { QuizError } from '../../../src/core/errors.ts';
import { createRedisStore, type RedisStore } from '../../../src/store/redis/redis-store.ts';
import { MemoryStore } from '../../../src/store/memory/memory-store.ts';
import { redisUrlForTests } from '../../support/global-setup.ts';
import { freshPrefix } from '../../support/redis-server.ts';
import { queueDigest } from '../../support/digest-job.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { CHANNEL, type SlackHarness, startSlackHarness } from './slack-harness.ts';

const LEASE = 60_000;
const channel = `slack:${CHANNEL}` as const;

describe('the Slack digest when Slack fails', () => {
  let h: SlackHarness;
  let redis: RedisStore | undefined;
  afterEach(async () => {
    await h.stop();
    await redis?.close();
    redis = undefined;
  });

  /** Every digest in the channel, with its chart or without. */
  const digests = () => h.api.posted.filter((m) => String(m.text).startsWith('*Weekly digest'));
  const shares = () => h.api.posted.filter((m) => m.files?.some((f) => f.name === 'digest-2026-W48.png'));
  const looks = () => h.api.callsOf('conversations.history').filter((c) => c.args.include_all_metadata);

  it.each(['internal_error', 'ratelimited'])('posts it once after %s, at the retry a lease later', async (error) => {
    h = await startSlackHarness();
    const due = await queueDigest(h.quiz, h.store, h.clock, channel);
    h.api.failNext('files.getUploadURLExternal', error);
    h.clock.set(due);
    await h.quiz.tick();
    expect(shares()).toHaveLength(0);
    expect(digests()).toHaveLength(0);
    // The first attempt makes no extra call.
    expect(looks()).toHaveLength(0);

    h.clock.advance(LEASE);
    await h.quiz.tick();
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);
    expect(looks()).toHaveLength(1);
    h.clock.advance(2 * 24 * 3_600_000);
    await h.quiz.tick();
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);
  });

  it('posts it once when Slack shared the chart but the answer was lost', async () => {
    h = await startSlackHarness();
    const due = await queueDigest(h.quiz, h.store, h.clock, channel);
    h.api.failNext('files.completeUploadExternal', 'lost_response');
    h.clock.set(due);
    await h.quiz.tick();
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);

    h.clock.advance(LEASE);
    await h.quiz.tick();
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);
    expect(h.api.callsOf('files.completeUploadExternal')).toHaveLength(1);
    expect(looks()).toHaveLength(1);
    expect(await h.store.jobDueAt({ kind: 'digest', channel })).toBeNull();
  });

  it('is posted once by two replicas when the post takes longer than the lease', async () => {
    h = await startSlackHarness();
    const other = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['slack', h.adapter]]),
      store: h.store,
      clock: h.clock,
      digestChart: new VegaDigestChart(),
    });
    const due = await queueDigest(h.quiz, h.store, h.clock, channel);
    const slow = h.api.holdNext('files.completeUploadExternal');
    h.clock.set(due);
    const posting = h.quiz.tick();
    await slow.reached;

    // The replica posting keeps its lease at every tick; the other finds no job to take over.
    for (let i = 0; i < 6; i++) {
      h.clock.advance(LEASE / 2);
      await other.quiz.tick();
      await h.quiz.tick();
    }
    slow.release();
    await posting;
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);
    expect(h.api.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    await other.quiz.tick();
    expect(shares()).toHaveLength(1);
    expect(digests()).toHaveLength(1);
  });

  it('tells the channel and gives the week up when Slack refuses it', async () => {
    h = await startSlackHarness();
    const due = await queueDigest(h.quiz, h.store, h.clock, channel);
    h.api.failNext('files.getUploadURLExternal', 'is_archived');
    h.clock.set(due);
    await h.quiz.tick();
    expect(h.api.posted.some((m) => String(m.text).includes("could not post this week's digest"))).toBe(true);
    h.clock.advance(LEASE);
    await h.quiz.tick();
    expect(h.api.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    expect(shares()).toHaveLength(0);
    expect(digests()).toHaveLength(0);
  });

  it('is not shared again by the next process when one dies after Slack shared it, before the store heard', async () => {
    h = await startSlackHarness();
    redis = createRedisStore(redisUrlForTests(), freshPrefix(), h.logger);
    const store = redis;
    let shared = false;
    // The real adapter shares the chart, then the process hangs for good: no settling, no lease kept.
    const dying: ChatAdapter = Object.assign(Object.create(h.adapter) as ChatAdapter, {
      postDigest: async (...args: Parameters<NonNullable<ChatAdapter['postDigest']>>) => {
        await h.adapter.postDigest(...args);
        shared = true;
        return new Promise<void>(() => {});
      },
    });
    const chart = new VegaDigestChart();
    const first = makeQuiz({ adapters: new Map([['slack', dying]]), store, clock: h.clock, digestChart: chart });
    const next = makeQuiz({ adapters: new Map([['slack', h.adapter]]), store, clock: h.clock, digestChart: chart });
    const due = await queueDigest(next.quiz, store, h.clock, channel);
    h.clock.set(due);
    void first.quiz.tick();
    await expect.poll(() => shared).toBe(true);
    expect(digests()).toHaveLength(1);

    h.clock.advance(LEASE);
    await next.quiz.tick();
    expect(digests()).toHaveLength(1);
    expect(looks()).toHaveLength(1);
    expect(await store.jobDueAt({ kind: 'digest', channel })).toBeNull();
  });

  it('is not shared again when the store was down as the digest went out', async () => {
    h = await startSlackHarness();
    const memory = new MemoryStore();
    let refusals = 1;
    // Redis drops the connection just as the week is marked done.
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'settleDigestWeek' && refusals-- > 0)
          return async () => {
            throw new QuizError('store-unavailable', 'Connection is closed. (store.settleDigestWeek)');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const quiz = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['slack', h.adapter]]),
      store,
      clock: h.clock,
      digestChart: new VegaDigestChart(),
    }).quiz;
    const due = await queueDigest(quiz, store, h.clock, channel);
    h.clock.set(due);
    expect(await quiz.tick()).toMatchObject({ failed: 1 });
    expect(digests()).toHaveLength(1);

    h.clock.advance(LEASE);
    expect(await quiz.tick()).toMatchObject({ failed: 0 });
    expect(digests()).toHaveLength(1);
    expect(looks()).toHaveLength(1);
    expect(await store.jobDueAt({ kind: 'digest', channel })).toBeNull();
  });
});
