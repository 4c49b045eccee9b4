/**
 * The whole bot as `npm start` builds it, with Discord and Slack in one process on one Redis:
 * both platforms post, `/healthz` reports the store and both connections, `/metrics` counts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.ts';
import { loadConfig } from '../../src/app/config.ts';
import { type App, createApp } from '../../src/app/wiring.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { waitFor } from '../support/wait-for.ts';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.ts';
import { SlackRequestSender } from '../fakes/slack/signed-requests.ts';
import { freshPrefix, startRedisServer } from '../support/redis-server.ts';
import { PassThrough } from 'node:stream';

const SECRET = 'app-test-signing-secret';
const METRICS_TOKEN = 'app-test-metrics-token';
const withToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

describe('the bot with Discord and Slack in one process', () => {
  let discord: FakeDiscord;
  let slackApi: FakeSlackApi;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let app: App;
  let base: string;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  // A fresh bot, fakes and key prefix for each case, so counts in /metrics start at zero.
  beforeEach(async () => {
    discord = await FakeDiscord.start();
    slackApi = new FakeSlackApi();
    await slackApi.start();
    slackApi.addUser({ id: 'UADMIN', name: 'ada', displayName: 'Ada', isAdmin: true });
    const config = loadConfig({
      REDIS_URL: redis.url,
      REDIS_PREFIX: freshPrefix(),
      QUIZ_TICK: '0 0 0 1 1 *',
      PORT: '0',
      METRICS_TOKEN,
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-app-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slackApi.url,
    });
    app = await createApp(config, silentLogger, { input: new PassThrough(), output: new PassThrough() });
    const port = (app.adapters.get('slack') as unknown as SlackAdapter).listeningPort();
    base = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    await app?.stop(1000);
    await Promise.all([discord?.stop(), slackApi?.stop()]);
  });

  it('serves /healthz on the Slack port: Redis reachable and both platforms connected', async () => {
    const health = await waitFor(async () => {
      const response = await fetch(`${base}/healthz`);
      return response.status === 200 ? response.json() : undefined;
    }, 'both adapters connected');
    expect(health).toEqual({
      ok: true,
      store: 'ok',
      adapters: { discord: 'connected', slack: 'connected' },
      stopping: false,
    });
  });

  it('posts on both platforms and counts it in /metrics', async () => {
    const slack = new SlackRequestSender(`${base}/slack/events`, SECRET);
    const slackResponse = await slack.slashCommand({
      text: 'post-now',
      user_id: 'UADMIN',
      channel_id: 'CQUIZ',
      response_url: slackApi.responseUrl('post'),
    });
    expect(slackResponse.status).toBe(200);
    await waitFor(() => slackApi.calls.find((c) => c.method === 'chat.postMessage'), 'the Slack question');
    discord.runCommand(discord.user('Ada'), 'post-now', {}, { admin: true });
    await waitFor(
      () => discord.requests.find((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path)),
      'the Discord question',
    );
    const metrics = await waitFor(async () => {
      const text = await (await fetch(`${base}/metrics`, withToken)).text();
      // The command is timed until its reply, which comes a moment after the post lands.
      const done =
        text.includes('quizthread_rounds_posted_total{platform="discord"} 1') &&
        text.includes('quizthread_command_duration_seconds_count{platform="discord"} 1');
      return done ? text : undefined;
    }, 'both posts and both commands counted');
    expect(metrics).toContain('quizthread_rounds_posted_total{platform="slack"} 1');
    expect(metrics).toMatch(/quizthread_command_duration_seconds_count\{platform="slack"\} 1/);
    expect(metrics).toMatch(/quizthread_command_duration_seconds_count\{platform="discord"\} 1/);
    expect(metrics).toContain('quizthread_scheduled_channels 0');
  });

  it('keeps /metrics on the public Slack port to holders of METRICS_TOKEN, and /healthz open', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await anonymous.text()).not.toContain('quizthread_');
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${base}/metrics`, withToken);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('quizthread_rounds_posted_total');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('reports 503 with the reason while Redis is away, and 200 again once it is back', async () => {
    await redis.pause();
    // One probe answers /healthz for a second, so the outage shows from the next probe on.
    const down = await waitFor(async () => {
      const response = await fetch(`${base}/healthz`);
      return response.status === 503 ? response : undefined;
    }, 'Redis reported unreachable');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, store: expect.stringContaining('unreachable') });
    await redis.restart();
    await waitFor(
      async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined),
      'Redis reachable again',
      15_000,
    );
  });
});
