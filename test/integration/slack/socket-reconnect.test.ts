import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createSlackAdapter, type SlackAdapterDeps } from '../../../src/adapters/slack/client.ts';
import { checkHealth, StoreProbe } from '../../../src/app/http.ts';
import { MemoryStore } from '../../../src/store/memory/memory-store.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { RecordingLogger, waitFor } from './slack-harness.ts';

const RETRY_LOG = 'Slack Socket Mode could not reconnect; trying again';

describe('slack Socket Mode: reconnecting through failures', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let adapter: SlackAdapter | undefined;
  let logger: RecordingLogger;

  beforeEach(async () => {
    api = new FakeSlackApi();
    socket = new FakeSocketMode();
    await Promise.all([api.start(), socket.start()]);
    api.socketUrl = socket.url;
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await Promise.all([socket.stop(), api.stop()]);
  });

  async function startAdapter(deps: Partial<SlackAdapterDeps> = {}): Promise<SlackAdapter> {
    adapter = createSlackAdapter(
      { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.url, adminUsers: [] },
      {
        logger,
        port: 0,
        retryConfig: { retries: 0 },
        reconnectTiming: { firstDelayMs: 20, maxDelayMs: 200, helloTimeoutMs: 500 },
        socketTimeouts: { pongMs: 5_000, openMs: 500 },
        ...deps,
      },
    );
    await adapter.start(makeQuiz({ adapters: new Map([['slack', adapter]]) }).quiz);
    return adapter;
  }

  const failedAttempts = () => logger.entries.filter((e) => e.message === RETRY_LOG).length;
  const opens = () => api.callsOf('apps.connections.open').length;

  it('survives internal_error followed by refused connections after a drop, reporting slack down meanwhile', async () => {
    const slack = await startAdapter();
    await api.refuseConnections();
    // The sequence from issue 19: Slack answers internal_error, then cannot be reached at all.
    api.failNext('apps.connections.open', 'internal_error');
    await api.acceptConnections();
    socket.dropAll();
    await waitFor(() => failedAttempts() >= 1, 'internal_error to be retried');
    await api.refuseConnections();
    await waitFor(() => failedAttempts() >= 4, 'refused connections to be retried');
    const health = await checkHealth(new StoreProbe(new MemoryStore()), [slack], false);
    expect(health).toMatchObject({ ok: false, adapters: { slack: 'disconnected' } });
    await api.acceptConnections();
    await waitFor(() => slack.isConnected(), 'the connection to come back');
    expect(socket.connections).toBe(1);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'Slack Socket Mode connection restored' }),
    );
  });

  it('reconnects at once when Slack asks for a refresh', async () => {
    const slack = await startAdapter({ reconnectTiming: { firstDelayMs: 60_000, helloTimeoutMs: 500 } });
    socket.requestRefresh();
    await waitFor(() => opens() === 2 && slack.isConnected(), 'a second connection');
    expect(failedAttempts()).toBe(0);
    expect(socket.connections).toBe(1);
  });

  it('retries an apps.connections.open call that never answers', async () => {
    const slack = await startAdapter();
    api.failNext('apps.connections.open', 'no_response');
    socket.dropAll();
    await waitFor(() => failedAttempts() >= 1, 'the timed-out call to be retried');
    await waitFor(() => slack.isConnected(), 'the connection to come back');
    expect(opens()).toBe(3);
  });

  it('gives up on a socket whose handshake never completes, and on one that never says hello', async () => {
    const slack = await startAdapter();
    socket.stallHandshakes = true;
    socket.dropAll();
    await waitFor(() => socket.handshakes >= 3, 'stalled handshakes to be retried');
    expect(slack.isConnected()).toBe(false);
    socket.stallHandshakes = false;
    socket.withholdHello = true;
    const handshakes = socket.handshakes;
    await waitFor(() => socket.handshakes >= handshakes + 2, 'silent connections to be retried');
    expect(slack.isConnected()).toBe(false);
    socket.withholdHello = false;
    await waitFor(() => slack.isConnected(), 'the connection to come back');
  });

  it('notices a connection that went silent (no pong) and opens a new one', async () => {
    const slack = await startAdapter({ socketTimeouts: { pongMs: 600, openMs: 500 } });
    socket.silenceAll();
    await waitFor(() => opens() >= 2 && slack.isConnected(), 'a new connection after the silent one', 20_000);
    expect(socket.connections).toBe(1);
  });

  it('starts with slack down when Slack fails at startup, and connects once it recovers', async () => {
    api.failNext('apps.connections.open', 'internal_error');
    api.failNext('apps.connections.open', 'http_503');
    const slack = await startAdapter();
    expect(slack.isConnected()).toBe(false);
    await waitFor(() => slack.isConnected(), 'the first connection');
    expect(opens()).toBe(3);
  });

  it('still refuses to start when Slack rejects the app token', async () => {
    api.socketUrl = '';
    await expect(startAdapter()).rejects.toThrow(/check SLACK_APP_TOKEN/);
    adapter = undefined;
  });
});
