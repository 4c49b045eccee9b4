import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, slackOwnsPort } from '../../../src/adapters/slack/client.ts';
import type { InboundHandler } from '../../../src/ports/chat.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { RecordingLogger } from './slack-harness.ts';

const quick = { retries: 0, minTimeout: 0, maxTimeout: 1 };

describe('slack adapter: starting up', () => {
  let api: FakeSlackApi;
  let inbound: InboundHandler;

  beforeEach(async () => {
    api = new FakeSlackApi();
    await api.start();
    inbound = makeQuiz({ adapters: new Map() }).quiz;
  });

  afterEach(async () => {
    await api.stop();
  });

  it('names SLACK_BOT_TOKEN when Slack rejects the token', async () => {
    api.failNext('auth.test', 'invalid_auth');
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: api.url, adminUsers: [] },
      { logger: new RecordingLogger(), port: 0, retryConfig: quick },
    );
    await expect(adapter.start(inbound)).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN \(auth.test: invalid_auth\)/);
    expect(adapter.isConnected()).toBe(false);
  });

  it('names SLACK_APP_TOKEN when Socket Mode cannot open a connection', async () => {
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-test', appToken: 'xapp-wrong', apiUrl: api.url, adminUsers: [] },
      { logger: new RecordingLogger(), port: 0, retryConfig: quick },
    );
    await expect(adapter.start(inbound)).rejects.toThrow(/check SLACK_APP_TOKEN/);
  });

  it('serves the app’s own routes on the Slack port in HTTP mode', async () => {
    const config = { botToken: 'xoxb-test', signingSecret: 's', apiUrl: api.url, adminUsers: [] };
    expect(slackOwnsPort(config)).toBe(true);
    expect(slackOwnsPort({ ...config, appToken: 'xapp-1' })).toBe(false);
    const adapter = createSlackAdapter(config, {
      logger: new RecordingLogger(),
      port: 0,
      retryConfig: quick,
      customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.end('ok') }],
    });
    await adapter.start(inbound);
    try {
      const response = await fetch(`http://127.0.0.1:${adapter.listeningPort()}/healthz`);
      expect(await response.text()).toBe('ok');
      expect(adapter.isConnected()).toBe(true);
    } finally {
      await adapter.stop();
    }
    expect(adapter.isConnected()).toBe(false);
  });
});
