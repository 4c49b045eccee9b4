/**
 * The Slack side of the morning burst, as a floor: the Web API calls one channel's round really
 * makes (counted on the fake Slack API, the real adapter posting and revealing with three answers in
 * the thread), times N channels, over Slack's published per-workspace rate tiers. One bot process
 * serves one workspace, so every channel's calls share one workspace's budget per method.
 */
import { createSlackAdapter } from '../../src/adapters/slack/client.ts';
import type { QuestionBank } from '../../src/core/bank.ts';
import { Quiz } from '../../src/core/quiz.ts';
import { channelId, type Platform, type Schedule } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { FakeSlackApi } from '../../support/fakes/slack/fake-slack-api.ts';

/** Calls a minute per workspace (api.slack.com/apis/rate-limits): Tier 2 20+, Tier 3 50+, Tier 4 100+. */
const PER_MINUTE: Record<string, number> = {
  'conversations.history': 50,
  'conversations.replies': 50,
  'chat.update': 50,
  'reactions.add': 50,
  'users.info': 100,
};
/** chat.postMessage: about 1 a second per channel, no published workspace tier, so not a burst floor across channels. */
const PER_CHANNEL = new Set(['chat.postMessage']);

export async function slackRoundCalls(
  redisUrl: string,
  bank: QuestionBank,
): Promise<{ post: Map<string, number>; reveal: Map<string, number> }> {
  const api = new FakeSlackApi();
  await api.start();
  for (const id of ['UANN', 'UBOB', 'UCAT']) api.addUser({ id, name: id.slice(1).toLowerCase() });
  const slot = Date.UTC(2026, 10, 23, 8, 0);
  let now = slot;
  const clock = { now: () => now };
  const adapter = createSlackAdapter(
    { botToken: 'xoxb-floor', signingSecret: 'floor-secret', apiUrl: api.url, adminUsers: [] },
    { logger: silentLogger, port: 0, clock },
  );
  const store = createRedisStore(redisUrl, `slackfloor${Date.now()}:`, silentLogger);
  const quiz = new Quiz({
    store,
    bank,
    clock,
    logger: silentLogger,
    adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
  });
  const channel = channelId('slack', 'CFLOOR');
  const schedule: Schedule = {
    hour: 9,
    minute: 0,
    timezone: 'Europe/Berlin',
    days: [0, 1, 2, 3, 4, 5, 6],
    windowMinutes: 60,
    topics: [],
  };
  await store.setSchedule(channel, schedule, slot);
  const count = (from: number) => {
    const calls = new Map<string, number>();
    for (const c of api.calls.slice(from)) calls.set(c.method, (calls.get(c.method) ?? 0) + 1);
    return calls;
  };
  await quiz.tick();
  const post = count(0);
  const round = await store.getLastRevealedRound(channel).then(async (r) => r ?? (await store.getOpenRound(channel)));
  const thread = round?.post?.threadId ?? '';
  // Answers the bot heard over events, then the reveal reads the thread for any it missed.
  for (const user of ['UANN', 'UBOB', 'UCAT'])
    await quiz.threadMessage({
      channel,
      threadId: thread,
      messageId: api.addThreadReply('CFLOOR', thread, user, 'a lock around the counter', now + 1000),
      author: { id: user, name: user, isBot: false },
      text: 'a lock around the counter',
    });
  const answers = api.calls.length;
  now = slot + 61 * 60_000;
  await quiz.tick();
  const reveal = count(answers);
  await store.close();
  await api.stop();
  return { post, reveal };
}

export function describeSlackFloor(
  calls: { post: Map<string, number>; reveal: Map<string, number> },
  sizes: number[],
): string[] {
  const list = (m: Map<string, number>) => [...m].map(([method, k]) => `${method} ×${k}`).join(', ');
  const floor = (m: Map<string, number>, n: number) => {
    let worst = { seconds: 0, method: 'chat.postMessage (per channel only)' };
    for (const [method, k] of m) {
      if (PER_CHANNEL.has(method)) continue;
      const perMinute = PER_MINUTE[method];
      if (!perMinute) continue;
      const seconds = (n * k * 60) / perMinute;
      if (seconds > worst.seconds) worst = { seconds, method };
    }
    return worst;
  };
  const minutes = (s: number) => (s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(0)} min`);
  return [
    `Slack calls for one channel's round (counted on the fake): post ${list(calls.post)}; reveal ${list(calls.reveal)}`,
    ...sizes.map((n) => {
      const p = floor(calls.post, n);
      const r = floor(calls.reveal, n);
      return `  ${n.toLocaleString('en')} channels in one workspace: last question no sooner than ${minutes(p.seconds)} (${p.method} at its tier), last reveal ${minutes(r.seconds)} (${r.method})`;
    }),
  ];
}
