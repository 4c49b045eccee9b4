/**
 * `npm run bench`: prints figures, asserts nothing. Runs against a throwaway redis-server of its own
 * (or BENCH_REDIS_URL), so it never touches the Redis on 6379. Parts: reply (the reply path against
 * its own Redis script), store (leaderboards, scheduler ticks), slack-http, burst (the 09:00 burst on
 * the rate-limited fake Discord and the rate-tiered fake Slack), memory (1,000 Discord servers, a
 * week of rounds; Slack idle).
 *
 *   npm run bench                                  everything
 *   npm run bench -- --only burst --n 1000         one part, one size
 *   npm run bench -- --only reply,memory --scale 0.1
 *
 * Options: --only <parts>, --n <channels,...> (burst, default 1000,10000), --replicas <counts>
 * (default 1,3), --time-factor <f> (Discord burst, default 5), --slack-time-factor <f> (Slack burst,
 * default 50), --guilds <n> (memory, default 1000),
 * --days <n> (memory, default 7), --scale <x> (store and reply sizes, default 1; also BENCH_SCALE).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createSlackAdapter } from '../src/adapters/slack/client.ts';
import { QuestionBank } from '../src/core/bank.ts';
import { Quiz } from '../src/core/quiz.ts';
import { type ChannelId, channelId, type Platform, type Schedule } from '../src/core/types.ts';
import type { ChatAdapter } from '../src/ports/chat.ts';
import type { Clock } from '../src/ports/clock.ts';
import { silentLogger } from '../src/ports/logger.ts';
import { loadQuestions } from '../src/questions/load-questions.ts';
import { createRedisStore, type RedisStore } from '../src/store/redis/redis-store.ts';
import { FakeSlackApi } from '../support/fakes/slack/fake-slack-api.ts';
import { SlackRequestSender } from '../support/fakes/slack/signed-requests.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { describeBurst, runBurst } from './bench/burst.ts';
import { ms, perSecond, throughput, timeEach } from './bench/measure.ts';
import { describeReading, discordMemory, slackIdleMemory } from './bench/memory.ts';
import { benchReplyPath, quietAdapter } from './bench/reply-path.ts';
import { describeSlackBurst, runSlackBurst } from './bench/slack-burst.ts';
import { describeSlackFloor, slackRoundCalls } from './bench/slack-floor.ts';

const PARTS = ['reply', 'store', 'slack-http', 'burst', 'memory'] as const;
type Part = (typeof PARTS)[number];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    n: { type: 'string', default: '1000,10000' },
    replicas: { type: 'string', default: '1,3' },
    'time-factor': { type: 'string', default: '5' },
    'slack-time-factor': { type: 'string', default: '50' },
    guilds: { type: 'string', default: '1000' },
    days: { type: 'string', default: '7' },
    scale: { type: 'string', default: process.env.BENCH_SCALE ?? '1' },
  },
});
const numbers = (text: string, what: string): number[] => {
  const list = text.split(',').map((x) => Number(x.trim()));
  if (list.some((x) => !Number.isFinite(x) || x <= 0)) throw new Error(`--${what} takes positive numbers: "${text}"`);
  return list;
};
const only = (args.only?.split(',').map((p) => p.trim()) ?? [...PARTS]) as Part[];
const unknown = only.filter((p) => !PARTS.includes(p));
if (unknown.length > 0) throw new Error(`--only takes ${PARTS.join(', ')}; not ${unknown.join(', ')}`);
const scale = numbers(args.scale, 'scale')[0] as number;
const n = (base: number) => Math.max(10, Math.round(base * scale));
const CONCURRENCY = 50;

class SettableClock implements Clock {
  constructor(public at: number) {}
  now() {
    return this.at;
  }
}

function machine(redisVersion: string): string {
  const cpus = os.cpus();
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  let redisServer = redisVersion;
  try {
    redisServer =
      /v=([\d.]+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? redisVersion;
  } catch {
    // BENCH_REDIS_URL without a local redis-server: the version the server reported.
  }
  return [
    `quizthread bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `machine: ${cpus[0]?.model.trim() ?? 'cpu'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average at start ${one}, ${five}, ${fifteen}`,
    `Node ${process.version}, Redis ${redisVersion} (redis-server ${redisServer}); scale ${scale}`,
  ].join('\n');
}

async function main() {
  const own = process.env.BENCH_REDIS_URL ? undefined : await startRedisServer();
  const url = process.env.BENCH_REDIS_URL ?? own!.url;
  const raw = new Redis(url);
  const redisVersion = /redis_version:([\d.]+)/.exec(await raw.info('server'))?.[1] ?? '?';
  console.log(machine(redisVersion));
  const bank = new QuestionBank(await loadQuestions('questions'));
  const clock = new SettableClock(Date.UTC(2026, 10, 23, 9, 0));
  const makeQuiz = (store: RedisStore, adapter: ChatAdapter = quietAdapter) =>
    new Quiz({
      store,
      bank,
      clock,
      logger: silentLogger,
      settings: { userCommandsPerMinute: 0 },
      adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
    });
  const print = (line: string) => console.log(line);
  const section = (title: string) => console.log(`\n# ${title}`);

  if (only.includes('reply')) {
    section('reply path');
    const rawRate = await throughput(n(100_000), CONCURRENCY, (i) => raw.set(`bench:raw:${i % 1000}`, i));
    print(`raw ioredis SET round trips, ${CONCURRENCY} callers: ${perSecond(rawRate)}`);
    await benchReplyPath({ url, bank, clock, replies: n(50_000), rounds: 3, print });
  }

  const store = createRedisStore(url, 'bench:', silentLogger);
  const quiz = makeQuiz(store);
  if (only.includes('store')) {
    section('store');
    // Redis memory per tracked user, through the full path.
    const memChannel: ChannelId = channelId('slack', 'T1:CMEMORY');
    await quiz.command({
      channel: memChannel,
      caller: { id: 'admin', name: 'admin' },
      isAdmin: true,
      text: 'post-now free',
    });
    const memRound = await store.getOpenRound(memChannel);
    const users = n(20_000);
    const before = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1]);
    await throughput(users, CONCURRENCY, (i) =>
      quiz.threadMessage({
        channel: memChannel,
        threadId: memRound!.post!.threadId,
        messageId: `m${i}`,
        author: { id: `U${i}`, name: `user ${i}`, isBot: false },
        text: 'I would use a lock and a queue',
      }),
    );
    const after = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1]);
    print(
      `Redis memory per tracked user (stats, boards, answer, indexes): ${Math.round((after - before) / users)} bytes`,
    );

    for (const members of [n(100_000), n(1_000_000)]) {
      const big: ChannelId = channelId('slack', `T1:CBOARD${members}`);
      await quiz.command({
        channel: big,
        caller: { id: 'admin', name: 'admin' },
        isAdmin: true,
        text: 'post-now free',
      });
      const open = await store.getOpenRound(big);
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

    // Scheduler ticks: a warm-up tick first, then each figure the median of five, each with fresh due channels.
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
    await tickStore.close();
  }

  if (only.includes('slack-http')) {
    section('Slack HTTP receiver');
    const slackApi = new FakeSlackApi();
    await slackApi.start();
    slackApi.addUser({ id: 'UBENCH', name: 'bench', displayName: 'Bench' });
    const secret = 'bench-signing-secret';
    const slack = createSlackAdapter(
      { botToken: 'xoxb-bench', signingSecret: secret, apiUrl: slackApi.url, adminUsers: [] },
      { logger: silentLogger, port: 0 },
    );
    const slackQuiz = makeQuiz(store, slack);
    await slack.start(slackQuiz);
    const sender = new SlackRequestSender(`http://127.0.0.1:${slack.listeningPort()}/slack/events`, secret);
    const ack = await timeEach(n(2000), async (i) => {
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
  }
  await store.close();

  if (only.includes('burst')) {
    section('morning burst (Discord, rate-limited fake)');
    const timeFactor = numbers(args['time-factor'], 'time-factor')[0] as number;
    for (const channels of numbers(args.n, 'n'))
      for (const replicas of numbers(args.replicas, 'replicas')) {
        // As the bot runs on Redis: DISCORD_REST_PER_SECOND's default 45 for all replicas together,
        // drawn from one budget shared through Redis. With several replicas at the smaller size, also
        // the per-process pacing of a bot without the shared budget (40 / N each), to compare.
        const runs = [{ perReplicaGlobal: 45, sharedBudget: true }];
        if (replicas > 1 && channels <= 1000)
          runs.push({ perReplicaGlobal: Math.floor(40 / replicas), sharedBudget: false });
        for (const run of runs) {
          const options = { redisUrl: url, channels, replicas, timeFactor, ...run };
          for (const line of describeBurst(options, await runBurst(options))) print(line);
        }
      }
  }

  if (only.includes('burst')) {
    section('morning burst (Slack, one workspace, rate-tiered fake)');
    for (const line of describeSlackFloor(await slackRoundCalls(url, bank), numbers(args.n, 'n'))) print(line);
    const timeFactor = numbers(args['slack-time-factor'], 'slack-time-factor')[0] as number;
    for (const channels of numbers(args.n, 'n'))
      for (const replicas of numbers(args.replicas, 'replicas')) {
        const options = { redisUrl: url, channels, replicas, timeFactor };
        for (const line of describeSlackBurst(options, await runSlackBurst(options))) print(line);
      }
  }

  if (only.includes('memory')) {
    section('memory (one bot process, compiled; after a full GC)');
    const guilds = numbers(args.guilds, 'guilds')[0] as number;
    print(
      `Discord, ${guilds.toLocaleString('en')} servers of 50 channels and 1,000 members in the fake gateway (goal < 150 MB, flat):`,
    );
    const readings = await discordMemory({
      redisUrl: url,
      guilds,
      days: numbers(args.days, 'days')[0] as number,
      answers: 20,
    });
    for (const r of readings) print(describeReading(r));
    print('Slack (goal < 100 MB idle):');
    print(describeReading(await slackIdleMemory(url)));
  }

  print(
    `\nbench process RSS at the end: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  raw.disconnect();
  await own?.stop();
}

await main();
