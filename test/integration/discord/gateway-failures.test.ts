/**
 * Discord failing the ways it does, against the fake: GET /gateway/bot failing at start, sessions
 * invalidated (op 9), the REST base refusing connections while the gateway reconnects, and shards
 * that cannot identify. None of it may end the process; only a bad token stops the start.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import { FakeDiscord, failures } from '../../fakes/discord/fake-discord.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';
import { waitFor } from '../../support/wait-for.ts';

const RETRY_LOG = 'could not connect to the Discord gateway (GET /gateway/bot or login failed); trying again';

describe('discord gateway failures', () => {
  let fake: FakeDiscord;
  /** REST goes through this proxy, so it can refuse connections while the gateway stays reachable. */
  let rest: TcpProxy;
  let adapter: DiscordAdapter | undefined;
  let logger: RecordingLogger;

  beforeEach(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200 });
    rest = await startTcpProxy(Number(new URL(fake.apiUrl).port));
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await rest.close().catch(() => {});
    await fake.stop();
  });

  function create(): DiscordAdapter {
    adapter = createDiscordAdapter(
      {
        token: 'fake-bot-token',
        apiUrl: `http://127.0.0.1:${rest.port}/api`,
        messageContent: true,
      },
      { logger, gatewayTiming: { firstDelayMs: 20, maxDelayMs: 200, readyTimeoutMs: 5_000 } },
    );
    return adapter;
  }

  const start = (a: DiscordAdapter) => a.start(makeQuiz({ adapters: new Map([['discord', a]]) }).quiz);
  const gatewayBotCalls = () => fake.requestsTo('GET', '/gateway/bot').length;

  it('keeps trying when GET /gateway/bot fails at start, and connects once it answers', async () => {
    for (let i = 0; i < 12; i++) fake.failNext('GET', '/gateway/bot', failures.serverError());
    const discord = create();
    await start(discord);
    expect(discord.isConnected()).toBe(false);
    await waitFor(() => discord.isConnected(), 'the gateway to connect after the failures');
    expect(gatewayBotCalls()).toBeGreaterThan(12);
    expect(logger.entries.some((e) => e.message === RETRY_LOG)).toBe(true);
  });

  it('keeps trying while the REST base refuses connections at start', async () => {
    await rest.close();
    const discord = create();
    await start(discord);
    await waitFor(() => logger.entries.filter((e) => e.message === RETRY_LOG).length >= 3, 'refused logins retried');
    expect(discord.isConnected()).toBe(false);
    await rest.reopen();
    await waitFor(() => discord.isConnected(), 'the gateway to connect');
  });

  it('identifies afresh when Discord invalidates the session (op 9)', async () => {
    const discord = create();
    await start(discord);
    fake.gateway.invalidateSessions(false);
    await waitFor(() => fake.gateway.identifies.length === 2 && discord.isConnected(), 'a new session');
  });

  it('reconnects the gateway while the REST base refuses connections', async () => {
    const discord = create();
    await start(discord);
    await rest.close();
    fake.gateway.dropAll();
    await waitFor(() => fake.gateway.identifies.length === 2 && discord.isConnected(), 'the gateway to come back');
    await rest.reopen();
  });

  it('tries again when a shard cannot identify (a close Discord allows reconnecting after)', async () => {
    fake.gateway.refuseIdentify.push(4000, 4000);
    const discord = create();
    await start(discord);
    await waitFor(() => discord.isConnected(), 'the shard to identify at last');
    expect(fake.gateway.identifies).toHaveLength(3);
  });

  it('does not retry a shard closed with a code Discord never accepts a reconnect after (4004)', async () => {
    fake.gateway.refuseIdentify.push(4004);
    await expect(start(create())).rejects.toThrow();
    expect(logger.entries.some((e) => e.message === RETRY_LOG)).toBe(false);
  });

  it('does not retry a token Discord rejects', async () => {
    fake.failNext('GET', '/gateway/bot', { kind: 'error', status: 401, code: 0, message: '401: Unauthorized' });
    await expect(start(create())).rejects.toThrow();
    expect(logger.entries.some((e) => e.message === RETRY_LOG)).toBe(false);
  });
});
