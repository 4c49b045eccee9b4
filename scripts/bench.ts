/**
 * `npm run bench`: prints figures, asserts nothing. Runs against a throwaway redis-server of its own
 * (or BENCH_REDIS_URL), so it never touches the Redis on 6379. Sizes can be lowered for a quick run
 * with BENCH_SCALE=0.1.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { QuestionBank } from '../src/core/bank.ts';
import { Quiz } from '../src/core/quiz.ts';
import { channelId, type ChannelId, type Platform, type Schedule } from '../src/core/types.ts';
import type { ChatAdapter } from '../src/ports/chat.ts';
import type { Clock } from '../src/ports/clock.ts';
import { silentLogger } from '../src/ports/logger.ts';
import { loadQuestions } from '../src/questions/load-questions.ts';
import { createRedisStore, type RedisStore } from '../src/store/redis/redis-store.ts';
import { createSlackAdapter } from '../src/adapters/slack/client.ts';
import { FakeSlackApi } from '../support/fakes/slack/fake-slack-api.ts';
import { SlackRequestSender } from '../support/fakes/slack/signed-requests.ts';
import { startRedisServer } from '../support/redis-server.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (base: number) => Math.max(10, Math.round(base * scale));
const CONCURRENCY = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function ms(value: number): string {
  return `${value.toFixed(3)} ms`;
}

async function timeEach(count: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Runs `total` operations with `concurrency` callers; returns operations per second. */
async function throughput(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await op(i);
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

const quietAdapter: ChatAdapter = {
  platform: 'slack',
  async start() {},
  async stop() {},
  isConnected: () => true,
  async postQuestion(_channel, view) {
    return { messageId: view.roundId, threadId: view.roundId };
  },
  async postReveal() {},
  async postingProblem() {
    return undefined;
  },
  async warnChannel() {},
};

class SettableClock implements Clock {
  constructor(public at: number) {}
  now() {
    return this.at;
  }
}

async function main() {
  const own = process.env.BENCH_REDIS_URL ? undefined : await startRedisServer();
  const url = process.env.BENCH_REDIS_URL ?? own!.url;
  const raw = new Redis(url);
  const bank = new QuestionBank(await loadQuestions('questions'));
  const clock = new SettableClock(Date.UTC(2026, 10, 23, 9, 0));
  const makeQuiz = (store: RedisStore) =>
    new Quiz({
      store,
      bank,
      clock,
      logger: silentLogger,
      adapters: new Map<Platform, ChatAdapter>([['slack', quietAdapter]]),
    });
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  print(
    `quizthread bench — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, scale ${scale}`,
  );

  // 1. Raw round trips against the same Redis, the ceiling for everything else.
  const rawOps = n(100_000);
  const rawRate = await throughput(rawOps, CONCURRENCY, (i) => raw.set(`bench:raw:${i % 1000}`, i));
  print(`raw ioredis SET round trips, ${CONCURRENCY} callers: ${Math.round(rawRate).toLocaleString('en')}/s`);

  // 2. Replies through the full path: core (round lookup, lateness) + RedisStore (one Lua script).
  const store = createRedisStore(url, 'bench:', silentLogger);
  const quiz = makeQuiz(store);
  const channel: ChannelId = channelId('slack', 'T1:CBENCH');
  await quiz.command({ channel, caller: { id: 'admin', name: 'admin' }, isAdmin: true, text: 'post-now' });
  const round = await store.getOpenRound(channel);
  const replies = n(50_000);
  const before = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1]);
  const replyRate = await throughput(replies, CONCURRENCY, (i) =>
    quiz.threadMessage({
      channel,
      threadId: round!.post!.threadId,
      messageId: `m${i}`,
      author: { id: `U${i}`, name: `user ${i}`, isBot: false },
      text: 'I would use a lock and a queue',
    }),
  );
  const after = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1]);
  print(
    `replies recorded through core + RedisStore, ${CONCURRENCY} callers: ${Math.round(replyRate).toLocaleString('en')}/s (${(replyRate / rawRate).toFixed(2)} × raw round trips)`,
  );
  print(
    `Redis memory per tracked user (stats, boards, answer, indexes): ${Math.round((after - before) / replies)} bytes`,
  );

  // 3. Leaderboard top 10 with a large board.
  for (const members of [n(100_000), n(1_000_000)]) {
    const big: ChannelId = channelId('slack', `T1:CBOARD${members}`);
    await quiz.command({ channel: big, caller: { id: 'admin', name: 'admin' }, isAdmin: true, text: 'post-now' });
    const open = await store.getOpenRound(big);
    // Fill through the real write path, many callers at once.
    await throughput(members, 200, (i) =>
      store.recordAnswer(big, open!.id, {
        userId: `U${i}`,
        userName: `user ${i}`,
        text: 'x',
        messageId: `m${i}`,
        at: clock.at,
        monthKey: '2026-11',
      }),
    );
    const lb = await timeEach(n(2000), (i) =>
      store.getLeaderboard(big, 'total', '2026-11', 10, `U${(i * 7919) % members}`),
    );
    print(`leaderboard top 10 with ${members.toLocaleString('en')} members: p50 ${ms(lb.p50)}, p99 ${ms(lb.p99)}`);
  }

  // 4. Scheduler tick with many subscribed channels, some of them due. One tick is one sample and
  // the first ones pay for JIT warm-up, so a warm-up round goes first and each figure is the median
  // of five ticks, each with a fresh set of due channels.
  const schedule: Schedule = {
    hour: 9,
    minute: 0,
    timezone: 'UTC',
    days: [0, 1, 2, 3, 4, 5, 6],
    windowMinutes: 60,
    topics: [],
  };
  const tickStore = createRedisStore(url, 'benchtick:', silentLogger);
  const tickQuiz = makeQuiz(tickStore);
  let dueSets = 0;
  const dueTick = async (dueCount: number): Promise<{ took: number; claimed: number }> => {
    const due = Array.from({ length: dueCount }, (_, i) => channelId('slack', `T1:DUE${dueSets}-${i}`));
    dueSets++;
    await throughput(dueCount, 50, (i) => tickStore.setSchedule(due[i] as ChannelId, schedule, clock.at));
    const start = performance.now();
    const report = await tickQuiz.tick();
    const took = performance.now() - start;
    await throughput(dueCount, 50, (i) => tickStore.removeSchedule(due[i] as ChannelId));
    return { took, claimed: report.claimed };
  };
  const medianTick = async (dueCount: number): Promise<{ median: number; claimed: number }> => {
    const runs: { took: number; claimed: number }[] = [];
    for (let r = 0; r < 5; r++) runs.push(await dueTick(dueCount));
    runs.sort((a, b) => a.took - b.took);
    return { median: (runs[2] as { took: number }).took, claimed: Math.min(...runs.map((x) => x.claimed)) };
  };
  await dueTick(100);
  let subscribed = 0;
  for (const total of [n(10_000), n(100_000)]) {
    const farFuture = clock.at + 3_600_000;
    await throughput(total - subscribed, 200, (i) =>
      tickStore.setSchedule(channelId('slack', `T1:C${subscribed + i}`), schedule, farFuture + i),
    );
    subscribed = total;
    const hundred = await medianTick(100);
    const idle = await timeEach(20, () => tickQuiz.tick());
    print(
      `scheduler tick with ${total.toLocaleString('en')} channels: ${hundred.claimed} due posts in ${ms(hundred.median)} (median of 5); an idle tick p50 ${ms(idle.p50)}`,
    );
  }
  const thousand = await medianTick(1000);
  print(
    `scheduler tick with ${subscribed.toLocaleString('en')} channels and ${thousand.claimed.toLocaleString('en')} due posts: ${ms(thousand.median)} (median of 5)`,
  );

  // 5. Slash commands through Bolt's HTTP receiver, signature check included, on the Redis store.
  const slackApi = new FakeSlackApi();
  await slackApi.start();
  slackApi.addUser({ id: 'UBENCH', name: 'bench', displayName: 'Bench' });
  const secret = 'bench-signing-secret';
  const slack = createSlackAdapter(
    { botToken: 'xoxb-bench', signingSecret: secret, apiUrl: slackApi.url, adminUsers: [] },
    { logger: silentLogger, port: 0 },
  );
  const slackQuiz = new Quiz({
    store,
    bank,
    clock,
    logger: silentLogger,
    adapters: new Map<Platform, ChatAdapter>([['slack', slack]]),
  });
  await slack.start(slackQuiz);
  const sender = new SlackRequestSender(`http://127.0.0.1:${slack.listeningPort()}/slack/events`, secret);
  const commands = n(2000);
  const ack = await timeEach(commands, async (i) => {
    const response = await sender.slashCommand({
      text: 'streak',
      user_id: 'UBENCH',
      channel_id: 'CBENCH',
      response_url: slackApi.responseUrl(`r${i}`),
    });
    await response.arrayBuffer();
  });
  const answered = await timeEach(n(500), async (i) => {
    await sender.slashCommand({
      text: 'leaderboard',
      user_id: 'UBENCH',
      channel_id: 'CBENCH',
      response_url: slackApi.responseUrl(`l${i}`),
    });
    while (slackApi.responsesTo(`l${i}`).length === 0) await new Promise((resolve) => setImmediate(resolve));
  });
  print(
    `/quiz via Slack HTTP receiver (signature checked): ack p50 ${ms(ack.p50)}, p99 ${ms(ack.p99)}; answer delivered p50 ${ms(answered.p50)}, p99 ${ms(answered.p99)}`,
  );
  await slack.stop();
  await slackApi.stop();

  print(`bot process RSS after the run: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  await Promise.all([store.close(), tickStore.close()]);
  raw.disconnect();
  await own?.stop();
}

await main();
