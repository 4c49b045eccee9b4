/**
 * The weekly digest through the real Discord adapter and the fake Discord, on a fake clock: a
 * failure that may pass is retried after the job's lease, a post whose answer was lost is not made
 * again (the nonce within Discord's window, a look at the channel after it), and a process that dies
 * between starting the attempt and posting leaves the digest to the next one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DigestView } from '../../../src/core/digest-view.ts';
import type { Platform } from '../../../src/core/types.ts';
import type { ChatAdapter } from '../../../src/ports/chat.ts';
import { createRedisStore, type RedisStore } from '../../../src/store/redis/redis-store.ts';
import { failures, NONCE_WINDOW_MS } from '../../fakes/discord/fake-discord.ts';
import { queueDigest } from '../../support/digest-job.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { redisUrlForTests } from '../../support/global-setup.ts';
import { RecordingAdapter } from '../../support/recording-adapter.ts';
import { freshPrefix } from '../../support/redis-server.ts';
import { type DiscordHarness, startDiscordQuiz } from './harness.ts';

const LEASE = 60_000;
/** discord.js sends a request up to four times when Discord answers 5xx: fail them all to fail the attempt. */
const TRIES_PER_REQUEST = 4;

describe('the Discord digest when Discord fails', () => {
  let h: DiscordHarness;
  let redis: RedisStore | undefined;
  afterEach(async () => {
    await h.stop();
    await redis?.close();
    redis = undefined;
  });

  const start = async () => {
    h = await startDiscordQuiz();
    // Discord remembers a nonce for minutes of real time; here the bot's minutes are the fake clock's.
    h.fake.now = () => h.clock.now();
  };
  const route = () => `/channels/${h.fake.channelId}/messages`;
  const digests = () => [...h.fake.messages.values()].filter((m) => m.embeds[0]?.title?.startsWith('Weekly digest'));
  const reads = () => h.fake.requestsTo('GET', route());

  it('posts it once after a 500, at the retry a lease later, looking at the channel only then', async () => {
    await start();
    const due = await queueDigest(h.quiz, h.store, h.clock, h.channel);
    for (let i = 0; i < TRIES_PER_REQUEST; i++) h.fake.failNext('POST', route(), failures.serverError());
    h.clock.set(due);
    await h.quiz.tick();
    expect(digests()).toHaveLength(0);
    expect(h.fake.requestsTo('POST', route())).toHaveLength(TRIES_PER_REQUEST);
    // The first attempt makes no extra call.
    expect(reads()).toHaveLength(0);
    expect(h.logger.entries.some((e) => /weekly digest; it will be retried/.test(e.message))).toBe(true);

    h.clock.advance(LEASE);
    await h.quiz.tick();
    expect(digests()).toHaveLength(1);
    expect(reads()).toHaveLength(1);
    h.clock.advance(2 * 24 * 3_600_000);
    await h.quiz.tick();
    expect(digests()).toHaveLength(1);
  });

  it('posts it once when Discord posted it but the answer was lost, within the nonce window and after it', async () => {
    await start();
    const due = await queueDigest(h.quiz, h.store, h.clock, h.channel);
    for (let i = 0; i < TRIES_PER_REQUEST; i++) h.fake.failNext('POST', route(), failures.lostResponse());
    h.clock.set(due);
    await h.quiz.tick();
    // discord.js sent it four times; Discord kept the first and handed it back for the nonce.
    expect(h.fake.requestsTo('POST', route())).toHaveLength(TRIES_PER_REQUEST);
    expect(digests()).toHaveLength(1);

    // The retry comes after Discord has forgotten the nonce: the channel shows the digest is there.
    h.clock.advance(NONCE_WINDOW_MS + LEASE);
    await h.quiz.tick();
    expect(digests()).toHaveLength(1);
    expect(h.fake.requestsTo('POST', route())).toHaveLength(TRIES_PER_REQUEST);
    expect(reads()).toHaveLength(1);
    expect(await h.store.jobDueAt({ kind: 'digest', channel: h.channel })).toBeNull();
  });

  it('is posted by the next process when one dies between starting the attempt and posting', async () => {
    await start();
    redis = createRedisStore(redisUrlForTests(), freshPrefix(), h.logger);
    const store = redis;
    /** A process that hangs for good once it reaches the post: it never posts, nor keeps its lease. */
    class DyingAdapter extends RecordingAdapter {
      reached = false;
      postDigest(_channel: string, _view: DigestView): Promise<void> {
        this.reached = true;
        return new Promise<void>(() => {});
      }
    }
    const dying = new DyingAdapter('discord');
    const first = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['discord', dying]]), store, clock: h.clock });
    const next = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['discord', h.adapter]]),
      store,
      clock: h.clock,
    });
    const due = await queueDigest(next.quiz, store, h.clock, h.channel);
    h.clock.set(due);
    void first.quiz.tick();
    await expect.poll(() => dying.reached).toBe(true);

    // Within the lease the job is the dead process's.
    await next.quiz.tick();
    expect(digests()).toHaveLength(0);
    h.clock.advance(LEASE);
    await next.quiz.tick();
    expect(digests()).toHaveLength(1);
    expect(reads()).toHaveLength(1);
    h.clock.advance(LEASE);
    await next.quiz.tick();
    expect(digests()).toHaveLength(1);
  });
});
