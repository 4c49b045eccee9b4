/**
 * The real Slack adapter in HTTP mode on a free port, its Web API pointed at a FakeSlackApi, wired
 * to a quiz on the memory store; plus the small helpers the Slack integration tests share.
 */
import type { MessageEvent } from '@slack/types';
import type { SlackConfig } from '../../../src/app/config.ts';
import type { QuestionBank } from '../../../src/core/bank.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/client.ts';
import type { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { waitFor } from '../../support/wait-for.ts';

export { RecordingLogger, waitFor };
import { MONDAY_0800_UTC, makeQuiz, type QuizHarness } from '../../support/fixtures.ts';
import { VegaDigestChart } from '../../../src/chart/digest-chart.ts';
import { FakeSlackApi, type FakeUser } from '../../fakes/slack/fake-slack-api.ts';
import { type SignOptions, SlackRequestSender } from '../../fakes/slack/signed-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const CHANNEL = 'C0QUIZ';

export const USERS = {
  admin: { id: 'UADMIN', name: 'ada', displayName: 'Ada', isAdmin: true },
  owner: { id: 'UOWNER', name: 'olga', displayName: 'Olga', isOwner: true },
  /** Not a workspace admin, but listed in SLACK_ADMIN_USERS. */
  listed: { id: 'ULISTED', name: 'lee', displayName: 'Lee' },
  bob: { id: 'UBOB', name: 'bob', displayName: 'Bob' },
  carol: { id: 'UCAROL', name: 'carol', displayName: 'Carol' },
  /** A display name that would ping the whole channel if quoted back unescaped. */
  mallory: { id: 'UMAL', name: 'mallory', displayName: '<!channel> & co' },
} satisfies Record<string, FakeUser>;

/** All the text a Slack message carries: its `text` and every text inside its blocks. */
export function messageText(message: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') parts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(message);
  return parts.join('\n');
}

export interface SlackHarness extends QuizHarness {
  api: FakeSlackApi;
  adapter: SlackAdapter;
  slack: SlackRequestSender;
  logger: RecordingLogger;
  /** Sends `/quiz <text>` as `user` in CHANNEL and returns what the app POSTed to the response_url. */
  command(user: FakeUser, text: string): Promise<Record<string, unknown>>;
  /** Sends a reply in a thread as a `message` event and waits until the adapter has handled it. */
  reply(
    user: FakeUser,
    text: string,
    threadTs: string,
    options?: { eventId?: string; ts?: string } & SignOptions,
  ): Promise<{ ts: string; status: number }>;
  /** Sends any message event and waits until the adapter has handled it. */
  event(event: MessageEvent, eventId: string, options?: SignOptions): Promise<number>;
  stop(): Promise<void>;
}

export async function startSlackHarness(
  overrides: Partial<SlackConfig> = {},
  options: { bank?: QuestionBank } = {},
): Promise<SlackHarness> {
  const clock = new FakeClock(MONDAY_0800_UTC);
  const api = new FakeSlackApi(() => clock.now());
  await api.start();
  for (const user of Object.values(USERS)) api.addUser(user);
  const logger = new RecordingLogger();
  const adapter = createSlackAdapter(
    {
      botToken: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      apiUrl: api.url,
      adminUsers: [USERS.listed.id],
      ...overrides,
    },
    {
      logger,
      port: 0,
      clock,
      retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 10 },
      questionAttempts: { tries: 3, pauseMs: 10 },
    },
  );
  const harness = makeQuiz({
    adapters: new Map([['slack', adapter]]),
    clock,
    logger,
    digestChart: new VegaDigestChart(),
    ...(options.bank ? { bank: options.bank } : {}),
  });
  await adapter.start(harness.quiz);
  const slack = new SlackRequestSender(`http://127.0.0.1:${adapter.listeningPort()}/slack/events`, SIGNING_SECRET);

  let commands = 0;
  let messages = 0;
  const event = async (message: MessageEvent, eventId: string, options?: SignOptions) => {
    const response = await slack.event(message, eventId, options);
    await adapter.settled();
    return response.status;
  };
  return {
    ...harness,
    api,
    adapter,
    slack,
    logger,
    async command(user, text) {
      commands += 1;
      const id = `cmd-${commands}`;
      const response = await slack.slashCommand({
        text,
        user_id: user.id,
        user_name: user.name,
        channel_id: CHANNEL,
        response_url: api.responseUrl(id),
      });
      if (response.status !== 200) throw new Error(`/quiz ${text} was answered with HTTP ${response.status}`);
      return waitFor(() => api.responsesTo(id)[0], `the response to /quiz ${text}`);
    },
    async reply(user, text, threadTs, options = {}) {
      messages += 1;
      // Stamped now by the test clock, in a range of microseconds apart from the fake API's own messages.
      const ts = options.ts ?? `${Math.floor(clock.now() / 1000)}.${500_000 + messages}`;
      const status = await event(
        {
          type: 'message',
          subtype: undefined,
          channel: CHANNEL,
          channel_type: 'channel',
          user: user.id,
          text,
          ts,
          thread_ts: threadTs,
          event_ts: ts,
        },
        options.eventId ?? `Ev${messages}`,
        options,
      );
      return { ts, status };
    },
    event,
    async stop() {
      await adapter.stop();
      await api.stop();
    },
  };
}
