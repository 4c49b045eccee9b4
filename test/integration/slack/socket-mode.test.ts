import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/client.ts';
import type { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { slashCommandPayload } from '../../fakes/slack/signed-requests.ts';
import { makeQuiz, type QuizHarness } from '../../support/fixtures.ts';
import { CHANNEL, messageText, RecordingLogger, USERS, waitFor } from './slack-harness.ts';

describe('slack adapter in Socket Mode', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let adapter: SlackAdapter;
  let harness: QuizHarness;
  let logger: RecordingLogger;

  beforeEach(async () => {
    api = new FakeSlackApi();
    socket = new FakeSocketMode();
    await Promise.all([api.start(), socket.start()]);
    api.socketUrl = socket.url;
    api.addUser(USERS.admin);
    logger = new RecordingLogger();
    adapter = createSlackAdapter(
      { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.url, adminUsers: [] },
      {
        logger,
        port: 0,
        retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 10 },
        reconnectTiming: { firstDelayMs: 20, maxDelayMs: 100 },
      },
    );
    harness = makeQuiz({ adapters: new Map([['slack', adapter]]) });
    await adapter.start(harness.quiz);
  });

  afterEach(async () => {
    await adapter.stop();
    await Promise.all([socket.stop(), api.stop()]);
  });

  it('opens the connection through apps.connections.open and is connected after hello', async () => {
    expect(api.callsOf('apps.connections.open')).toHaveLength(1);
    expect(socket.connections).toBe(1);
    expect(adapter.isConnected()).toBe(true);
    expect(adapter.listeningPort()).toBeUndefined();
  });

  it('acknowledges a slash command envelope and hands the command to the core', async () => {
    const envelopeId = socket.send('slash_commands', {
      ...slashCommandPayload({
        text: 'schedule 09:30 America/New_York',
        user_id: USERS.admin.id,
        channel_id: CHANNEL,
        response_url: api.responseUrl('socket'),
      }),
    });
    await waitFor(() => socket.acks.find((a) => a.envelope_id === envelopeId), 'the envelope to be acknowledged');
    const reply = await waitFor(() => api.responsesTo('socket')[0], 'the reply on the response_url');
    expect(messageText(reply)).toContain('Scheduled: 09:30 America/New_York');
    expect(await harness.store.getSchedule(`slack:${CHANNEL}`)).toMatchObject({ timezone: 'America/New_York' });
  });

  it('records a thread reply from an events_api envelope once, however often Slack retries it', async () => {
    await harness.quiz.command({
      channel: `slack:${CHANNEL}`,
      caller: { id: USERS.admin.id, name: 'Ada' },
      isAdmin: true,
      text: 'post-now',
    });
    const round = await harness.store.getOpenRound(`slack:${CHANNEL}`);
    const thread = round?.post?.threadId as string;
    const envelope = {
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event_id: 'EvSocket1',
      event_time: 1,
      event: {
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        user: USERS.admin.id,
        text: 'a lock',
        ts: '1795100000.000010',
        thread_ts: thread,
        event_ts: '1795100000.000010',
      },
    };
    const first = socket.send('events_api', envelope);
    const retry = socket.send('events_api', envelope);
    await waitFor(
      () => socket.acks.some((a) => a.envelope_id === first) && socket.acks.some((a) => a.envelope_id === retry),
      'both envelopes to be acknowledged',
    );
    await adapter.settled();
    expect(await harness.store.countAnswers(`slack:${CHANNEL}`, round?.id as string)).toBe(1);
  });

  it('reconnects after Slack drops the connection while its API cannot be reached, instead of crashing', async () => {
    // Before the guard, the client's reconnect promise rejected unhandled here, which ends a Node
    // process (and fails this test run as an unhandled rejection).
    api.unreachable = true;
    socket.dropAll();
    await waitFor(() => !adapter.isConnected(), 'the connection to drop');
    await waitFor(
      () => logger.entries.some((e) => e.message === 'Slack Socket Mode could not reconnect; trying again'),
      'a failed reconnect',
      20_000,
    );
    api.unreachable = false;
    await waitFor(() => adapter.isConnected(), 'the connection to come back', 20_000);
    expect(socket.connections).toBe(1);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'Slack Socket Mode connection restored' }),
    );
  });

  it('reports disconnected after stop', async () => {
    await adapter.stop();
    expect(adapter.isConnected()).toBe(false);
  });
});
