/**
 * What an orchestrator sees when it stops a real bot process with SIGTERM: `/healthz` turns 503
 * (saying the bot is stopping) while the stop waits for a scheduler tick in flight, and the process
 * then exits 0 without waiting for that tick to end. The tick is held in flight by Discord: the fake
 * answers the question's POST with a long rate limit, which discord.js waits out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { FakeDiscord, failures } from '../fakes/discord/fake-discord.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';
import { freePort, freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { waitFor } from '../support/wait-for.ts';

/** Every day at this very minute, so the post in the store is due now and its window open. */
function dueNow(): Schedule {
  const now = new Date();
  return {
    hour: now.getUTCHours(),
    minute: now.getUTCMinutes(),
    timezone: 'UTC',
    days: [0, 1, 2, 3, 4, 5, 6],
    windowMinutes: 240,
    topics: ['asyncio'],
  };
}

let redis: RedisServer;
let store: RedisStore;
let discord: FakeDiscord;
let bot: BotProcess | undefined;

beforeEach(async () => {
  redis = await startRedisServer();
  discord = await FakeDiscord.start();
});

afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await store?.close();
  await discord.stop();
  await redis.stop();
});

describe('a SIGTERM while a tick is in flight', () => {
  it('turns /healthz to 503, saying the bot is stopping, then exits 0 without waiting out the tick', async () => {
    const prefix = freshPrefix();
    store = createRedisStore(redis.url, prefix, silentLogger);
    // The question's post is due now; Discord will keep its POST waiting for a minute.
    await store.setSchedule(`discord:${discord.channelId}`, dueNow(), Date.now());
    discord.failNext('POST', `/channels/${discord.channelId}/messages`, failures.rateLimited(60));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const running = startBot({
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      QUIZ_TICK: '* * * * * *',
      PORT: String(port),
      LOG_LEVEL: 'debug',
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    });
    bot = running;

    const healthy = await waitFor(
      async () => {
        const response = await fetch(`${base}/healthz`).catch(() => undefined);
        return response?.status === 200 ? response.json() : undefined;
      },
      'the bot to report itself healthy',
      30_000,
    );
    expect(healthy).toMatchObject({ ok: true, stopping: false });
    // The tick is in flight once its POST reached Discord and was told to wait.
    await waitFor(
      () => discord.requestsTo('POST', `/channels/${discord.channelId}/messages`).length > 0,
      'the tick to post the question',
      20_000,
    );

    running.child.kill('SIGTERM');
    const stopping = await waitFor(
      async () => {
        const response = await fetch(`${base}/healthz`).catch(() => undefined);
        return response?.status === 503 ? { status: response.status, body: await response.json() } : undefined;
      },
      '/healthz to turn 503',
      10_000,
    );
    expect(stopping.body).toMatchObject({ ok: false, stopping: true });

    // The rate limit still has most of its minute to run: the stop gave up on the tick after 5 s.
    const { code } = await running.exited;
    expect(code).toBe(0);
    expect(running.log()).toContain('quizthread stopped');
    expect(running.log()).not.toContain('graceful stop did not finish in time');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
