/**
 * The morning burst: N Discord channels, ten to a server, all scheduled for 09:00 in one timezone,
 * posted and then revealed by 1 or more replica processes (burst-replica.ts) against the fake
 * Discord with its rate limits on. A real clock cannot be sped up for HTTP rate limits, so the
 * fake's limits run `timeFactor` times faster and each replica's discord.js paces itself at 50 × f
 * requests a second; the printed floor is for those limits, and the floor at Discord's own limits
 * (f = 1) is printed next to it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { channelId, type Schedule } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.ts';
import type { DiscordRateLimitOptions } from '../../support/fakes/discord/rate-limits.ts';
import { snowflake, textChannel } from '../../support/fakes/discord/payloads.ts';
import { compileChild } from './compile-child.ts';
import { mib } from './measure.ts';

/** Discord's global limit per bot. */
const GLOBAL_PER_SECOND = 50;
/**
 * A question is a message and its thread; a reveal reads the thread (not for a button round, whose
 * answers are clicks), posts into it and edits the question. Only an estimate for the time allowed:
 * each floor divides the requests the phase really took.
 */
const POST_REQUESTS = 2;
const REVEAL_REQUESTS = 3;
const TIMEZONE = 'Europe/Berlin';
/** Monday 23 November 2026, 09:00 in Berlin. */
const SLOT = Date.UTC(2026, 10, 23, 8, 0);
const WINDOW_MINUTES = 60;

export interface BurstOptions {
  redisUrl: string;
  channels: number;
  replicas: number;
  timeFactor: number;
  /** The global rate each replica's discord.js paces itself at, in Discord's requests a second (default 50). */
  perReplicaGlobal?: number;
  /** Jobs each replica runs at once (production: 100); a small test lowers it so every replica works. */
  batchSize?: number;
  /** Pace by one budget shared through Redis: `perReplicaGlobal` is then the rate of all replicas together. */
  sharedBudget?: boolean;
  /** Tighter limits than Discord's for the fake, e.g. a lower global rate so a small test meets 429s. */
  fakeLimits?: Omit<DiscordRateLimitOptions, 'timeFactor'>;
  /** A Redis key prefix of the caller's (default: a fresh one). */
  prefix?: string;
}

export interface PhaseResult {
  /** Seconds from the first due moment until the last channel had its message. */
  lastAfterSeconds: number | null;
  floorSeconds: number;
  realFloorSeconds: number;
  /** Requests the phase took, 429s not counted. */
  requests: number;
  done: number;
  duplicates: number;
  lost: number;
}

export interface BurstResult {
  posts: PhaseResult;
  reveals: PhaseResult;
  requests: number;
  globalLimited: number;
  routeLimited: number;
  nonceRepeats: number;
  failedJobs: number;
  replicaPeakRss: number[];
  errors: string[];
}

export class ReplicaProcess {
  private readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private statsWaiter?: (stats: { maxRssBytes: number; failedJobs: number; errors: string[] }) => void;

  constructor(compiled: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [compiled], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let markReady = () => {};
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as {
        ready?: boolean;
        stats?: Parameters<NonNullable<ReplicaProcess['statsWaiter']>>[0];
      };
      if (message.ready) markReady();
      if (message.stats) this.statsWaiter?.(message.stats);
    });
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  stats(): Promise<{ maxRssBytes: number; failedJobs: number; errors: string[] }> {
    return new Promise((resolve) => {
      this.statsWaiter = resolve;
      this.send('stats');
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send('stop');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const { channels: n, replicas: count, timeFactor } = options;
  const fake = await FakeDiscord.start({ rateLimits: { ...options.fakeLimits, timeFactor }, unrecorded: true });
  const native: string[] = [];
  for (let i = 0; i < n; i++) {
    const guildId = i % 10 === 0 ? snowflake() : (fake.channels.get(native[i - 1]!) as { guild_id: string }).guild_id;
    const id = snowflake();
    fake.channels.set(id, textChannel(guildId, id, `quiz-${i}`));
    native.push(id);
  }
  const prefix = options.prefix ?? `burst${Date.now()}:`;
  const store = createRedisStore(options.redisUrl, prefix, silentLogger);
  const schedule: Schedule = {
    hour: 9,
    minute: 0,
    timezone: TIMEZONE,
    days: [0, 1, 2, 3, 4, 5, 6],
    windowMinutes: WINDOW_MINUTES,
    topics: [],
  };
  const ids = native.map((id) => channelId('discord', id));
  for (let i = 0; i < n; i += 500)
    await Promise.all(ids.slice(i, i + 500).map((id) => store.setSchedule(id, schedule, SLOT)));

  // The replicas start an hour early, with nothing due, and all jump to 08:59:59 once ready.
  const early = SLOT - 3_600_000 - Date.now();
  const compiled = await compileChild('burst-replica.ts');
  const replicas = Array.from(
    { length: count },
    () =>
      new ReplicaProcess(compiled, {
        REDIS_URL: options.redisUrl,
        REDIS_PREFIX: prefix,
        DISCORD_API_URL: fake.apiUrl,
        BURST_CLOCK_OFFSET_MS: String(early),
        BURST_GLOBAL_PER_SECOND: String((options.perReplicaGlobal ?? GLOBAL_PER_SECOND) * timeFactor),
        BURST_SHARED_BUDGET: options.sharedBudget ? '1' : '0',
        ...(options.batchSize ? { BURST_BATCH_SIZE: String(options.batchSize) } : {}),
      }),
  );
  await Promise.all(replicas.map((r) => r.ready));
  const virtualNow = () => Date.now() + early;
  const toStart = SLOT - 1000 - virtualNow();
  for (const r of replicas) r.send(`jump ${toStart}`);
  const dueAt = performance.now() + 1000;

  const questionsIn = (id: string) =>
    fake.messagesIn(id).filter((m) => m.author.id === fake.bot.id && !m.content?.startsWith('⚠️'));
  const globalRate = (options.fakeLimits?.globalPerSecond ?? GLOBAL_PER_SECOND) * timeFactor;
  /** Requests the fake carried out so far (429s excluded): the work the floor divides. */
  const served = () => {
    const c = fake.rateLimits!.counts;
    return c.requests - c.globalLimited - c.routeLimited;
  };
  const phase = async (
    expectedRequests: number,
    doneIn: (id: string) => number,
    startedAt: number,
  ): Promise<PhaseResult> => {
    const servedBefore = served();
    // Generous: the expected work at the limit, three times over, and a minute and a half.
    const deadline = startedAt + ((expectedRequests * n * 3) / globalRate + 90) * 1000;
    let done = 0;
    let lastAfterSeconds: number | null = null;
    let requests = 0;
    while (performance.now() < deadline) {
      done = native.filter((id) => doneIn(id) > 0).length;
      if (done === n) {
        lastAfterSeconds = (performance.now() - startedAt) / 1000;
        requests = served() - servedBefore;
        break;
      }
      await sleep(100);
    }
    // A duplicate may land after the last first post: give stragglers a moment.
    await sleep(1000);
    if (lastAfterSeconds === null) requests = served() - servedBefore;
    const counts = native.map(doneIn);
    return {
      lastAfterSeconds,
      // The requests this phase took (a button round's reveal reads no thread: 2, not 3), at the limit.
      floorSeconds: requests / globalRate,
      realFloorSeconds: requests / GLOBAL_PER_SECOND,
      requests,
      done: counts.filter((c) => c > 0).length,
      duplicates: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
      lost: counts.filter((c) => c === 0).length,
    };
  };

  const threadOf = new Map<string, string>();
  const posts = await phase(
    POST_REQUESTS,
    (id) => {
      // Posted means answerable: the question and its thread (which takes the question's id).
      const questions = questionsIn(id);
      const threaded = questions.filter((q) => fake.threads.has(q.id));
      if (threaded[0]) threadOf.set(id, threaded[0].id);
      return threaded.length;
    },
    dueAt,
  );

  // Reveal time for every channel at once: the whole burst of reveals.
  const toReveal = SLOT + WINDOW_MINUTES * 60_000 + 1000 - virtualNow();
  for (const r of replicas) r.send(`jump ${toReveal}`);
  const revealsFrom = performance.now();
  const reveals = await phase(
    REVEAL_REQUESTS,
    (id) => {
      // Revealed means the reveal is in the thread and the question marked revealed (its last request).
      const thread = threadOf.get(id);
      if (!thread || !fake.messages.get(thread)?.edited_timestamp) return 0;
      return fake.messagesIn(thread).filter((m) => m.author.id === fake.bot.id).length;
    },
    revealsFrom,
  );

  const stats = await Promise.all(replicas.map((r) => r.stats()));
  await Promise.all(replicas.map((r) => r.stop()));
  await store.close();
  await fake.stop();
  const counts = fake.rateLimits!.counts;
  return {
    posts,
    reveals,
    requests: counts.requests,
    globalLimited: counts.globalLimited,
    routeLimited: counts.routeLimited,
    nonceRepeats: fake.nonceRepeats,
    failedJobs: stats.reduce((sum, s) => sum + s.failedJobs, 0),
    replicaPeakRss: stats.map((s) => s.maxRssBytes),
    errors: stats.flatMap((s) => s.errors).slice(0, 5),
  };
}

export function describeBurst(options: BurstOptions, r: BurstResult): string[] {
  const phaseLine = (name: string, p: PhaseResult) => {
    const took =
      p.lastAfterSeconds === null
        ? `not all within the time allowed (${p.done} of ${options.channels})`
        : `${p.lastAfterSeconds.toFixed(1)} s`;
    const ratio =
      p.lastAfterSeconds === null
        ? ''
        : ` = ${(p.lastAfterSeconds / p.floorSeconds).toFixed(2)} × the floor (goal ≤ 1.2)`;
    return `  last ${name} after ${took}; floor ${p.floorSeconds.toFixed(1)} s (${p.requests.toLocaleString('en')} requests)${ratio} [at Discord's real 50/s: floor ${p.realFloorSeconds.toFixed(0)} s]; duplicates ${p.duplicates}, lost ${p.lost}`;
  };
  const limited = r.globalLimited + r.routeLimited;
  return [
    `Discord burst: ${options.channels.toLocaleString('en')} channels at 09:00, ${options.replicas} replica${options.replicas > 1 ? 's' : ''}, limits × ${options.timeFactor}, ${options.sharedBudget ? `all replicas together pacing at ${options.perReplicaGlobal ?? GLOBAL_PER_SECOND}/s of Discord's 50 (one budget shared through Redis)` : `each replica pacing at ${options.perReplicaGlobal ?? GLOBAL_PER_SECOND}/s of Discord's 50`}:`,
    phaseLine('question', r.posts),
    phaseLine('reveal', r.reveals),
    `  429s: ${limited} of ${r.requests.toLocaleString('en')} requests (${((100 * limited) / r.requests).toFixed(2)}%, goal < 1%: global ${r.globalLimited}, route ${r.routeLimited}); retries caught by nonce ${r.nonceRepeats}; failed jobs ${r.failedJobs}`,
    `  peak RSS per replica: ${r.replicaPeakRss.map(mib).join(', ')}`,
    ...r.errors.map((e) => `  error: ${e}`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startRedisServer } = await import('../../support/redis-server.ts');
  const own = await startRedisServer();
  const channels = Number(process.env.N ?? 100);
  const replicas = Number(process.env.REPLICAS ?? 1);
  const timeFactor = Number(process.env.F ?? 5);
  const options = {
    redisUrl: own.url,
    channels,
    replicas,
    timeFactor,
    ...(process.env.PACE ? { perReplicaGlobal: Number(process.env.PACE) } : {}),
    sharedBudget: process.env.SHARED === '1',
  };
  const result = await runBurst(options);
  for (const line of describeBurst(options, result)) console.log(line);
  await own.stop();
}
