/**
 * The morning burst on Slack: N channels of one workspace, all scheduled for 09:00 in one timezone,
 * posted and then revealed by 1 or more replica processes (slack-burst-replica.ts) against the fake
 * Slack API with Slack's method tiers on (Tier 3: 50 calls a minute per workspace for each of
 * conversations.history, conversations.replies, chat.update). A real clock cannot be sped up for
 * HTTP rate limits, so the fake's tiers run `timeFactor` times faster and the replicas pace their
 * Tier 3 calls at 45 a minute times that factor, through the rate they share in Redis. The floor is
 * the Tier 3 calls a phase really made over the tier's rate (chat.postMessage is limited per channel,
 * not per workspace, so a phase without Tier 3 calls has no workspace floor).
 */
import { performance } from 'node:perf_hooks';
import { channelId, type Schedule } from '../../src/core/types.ts';
import { TIER3_METHODS, TIER3_PER_MINUTE } from '../../src/adapters/slack/paced-fetch.ts';
import { QUESTION_EVENT, REVEAL_EVENT } from '../../src/adapters/slack/outbound.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { FakeSlackApi } from '../../support/fakes/slack/fake-slack-api.ts';
import { ReplicaProcess } from './burst.ts';
import { compileChild } from './compile-child.ts';
import { mib } from './measure.ts';

/** Slack's Tier 3: calls a minute per workspace and method. */
const TIER3_LIMIT = 50;
const TIMEZONE = 'Europe/Berlin';
/** Monday 23 November 2026, 09:00 in Berlin. */
const SLOT = Date.UTC(2026, 10, 23, 8, 0);
const WINDOW_MINUTES = 60;

export interface SlackBurstOptions {
  redisUrl: string;
  channels: number;
  replicas: number;
  timeFactor: number;
  /** Pace Tier 3 calls by the rate shared through Redis (default), or not at all. */
  sharedBudget?: boolean;
  /** The fake's Tier 3 limit a minute, e.g. lower for a small test (default Slack's 50). */
  tierLimit?: number;
  /** The bot's Tier 3 pace a minute (default 45 under a limit of 50, scaled alike under a lower one). */
  tierPace?: number;
  prefix?: string;
}

export interface SlackPhase {
  lastAfterSeconds: number | null;
  /** Tier 3 calls the phase made (429s not counted), and the seconds they need at the tier's rate. */
  tierCalls: number;
  floorSeconds: number;
  realFloorSeconds: number;
  floorMethod: string;
  done: number;
  duplicates: number;
  lost: number;
}

export interface SlackBurstResult {
  posts: SlackPhase;
  reveals: SlackPhase;
  requests: number;
  limited: number;
  failedJobs: number;
  replicaPeakRss: number[];
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const eventOf = (m: { metadata?: unknown }) => (m.metadata as { event_type?: string } | undefined)?.event_type;

export async function runSlackBurst(options: SlackBurstOptions): Promise<SlackBurstResult> {
  const { channels: n, replicas: count, timeFactor } = options;
  const limit = options.tierLimit ?? TIER3_LIMIT;
  const pace = options.tierPace ?? (TIER3_PER_MINUTE * limit) / TIER3_LIMIT;
  const api = new FakeSlackApi();
  await api.start();
  api.enforceTiers({ perMinute: Object.fromEntries(TIER3_METHODS.map((m) => [m, limit])), timeFactor });
  const native = Array.from({ length: n }, (_, i) => `CB${String(i).padStart(6, '0')}`);
  const prefix = options.prefix ?? `slackburst${Date.now()}:`;
  const store = createRedisStore(options.redisUrl, prefix, silentLogger);
  const schedule: Schedule = {
    hour: 9,
    minute: 0,
    timezone: TIMEZONE,
    days: [0, 1, 2, 3, 4, 5, 6],
    windowMinutes: WINDOW_MINUTES,
    topics: [],
  };
  const ids = native.map((id) => channelId('slack', id));
  for (let i = 0; i < n; i += 500)
    await Promise.all(ids.slice(i, i + 500).map((id) => store.setSchedule(id, schedule, SLOT)));

  const early = SLOT - 3_600_000 - Date.now();
  const compiled = await compileChild('slack-burst-replica.ts');
  const replicas = Array.from(
    { length: count },
    () =>
      new ReplicaProcess(compiled, {
        REDIS_URL: options.redisUrl,
        REDIS_PREFIX: prefix,
        SLACK_API_URL: api.url,
        BURST_CLOCK_OFFSET_MS: String(early),
        BURST_TIER3_PER_MINUTE: String(pace * timeFactor),
        BURST_SHARED_BUDGET: options.sharedBudget === false ? '0' : '1',
      }),
  );
  await Promise.all(replicas.map((r) => r.ready));
  const virtualNow = () => Date.now() + early;
  const toStart = SLOT - 1000 - virtualNow();
  for (const r of replicas) r.send(`jump ${toStart}`);
  const dueAt = performance.now() + 1000;

  const perSecond = (limit * timeFactor) / 60;
  const served = () => {
    const byMethod = new Map<string, number>();
    for (const c of api.calls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
    for (const [method, refused] of api.tierLimited) byMethod.set(method, (byMethod.get(method) ?? 0) - refused);
    return byMethod;
  };
  /**
   * Per channel its question posts (the fake's own records, which chat.update edits in place), and
   * per thread its reveals; read incrementally, so polling costs the fake's event loop little.
   */
  const questions = new Map<string, (typeof api.posted)[number][]>();
  const revealsIn = new Map<string, number>();
  let read = 0;
  const tally = () => {
    for (; read < api.posted.length; read++) {
      const m = api.posted[read]!;
      const event = eventOf(m);
      if (event === QUESTION_EVENT && !m.thread_ts) questions.set(m.channel, [...(questions.get(m.channel) ?? []), m]);
      if (event === REVEAL_EVENT) revealsIn.set(String(m.thread_ts), (revealsIn.get(String(m.thread_ts)) ?? 0) + 1);
    }
    return { questions, reveals: revealsIn };
  };
  const phase = async (doneIn: (id: string, t: ReturnType<typeof tally>) => number, startedAt: number) => {
    const before = served();
    const deadline = startedAt + ((n * 3) / perSecond + 90) * 1000;
    let lastAfterSeconds: number | null = null;
    let counts: number[] = [];
    while (performance.now() < deadline) {
      const t = tally();
      counts = native.map((id) => doneIn(id, t));
      if (counts.every((c) => c > 0)) {
        lastAfterSeconds = (performance.now() - startedAt) / 1000;
        break;
      }
      await sleep(200);
    }
    const after = served();
    await sleep(1000);
    const t = tally();
    counts = native.map((id) => doneIn(id, t));
    let tierCalls = 0;
    let floorMethod = 'none (chat.postMessage is limited per channel only)';
    for (const method of TIER3_METHODS) {
      const calls = (after.get(method) ?? 0) - (before.get(method) ?? 0);
      if (calls > tierCalls) {
        tierCalls = calls;
        floorMethod = method;
      }
    }
    return {
      lastAfterSeconds,
      tierCalls,
      floorSeconds: tierCalls / perSecond,
      realFloorSeconds: tierCalls / (TIER3_LIMIT / 60),
      floorMethod,
      done: counts.filter((c) => c > 0).length,
      duplicates: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
      lost: counts.filter((c) => c === 0).length,
    };
  };

  const posts = await phase((id, t) => t.questions.get(id)?.length ?? 0, dueAt);
  const toReveal = SLOT + WINDOW_MINUTES * 60_000 + 1000 - virtualNow();
  for (const r of replicas) r.send(`jump ${toReveal}`);
  const reveals = await phase((id, t) => {
    // Revealed: the reveal is in the thread and the question post was edited (its last call).
    const question = t.questions.get(id)?.[0];
    if (!question?.edits) return 0;
    return t.reveals.get(question.ts) ?? 0;
  }, performance.now());

  const stats = await Promise.all(replicas.map((r) => r.stats()));
  await Promise.all(replicas.map((r) => r.stop()));
  await store.close();
  await api.stop();
  const limited = [...api.tierLimited.values()].reduce((a, b) => a + b, 0);
  if (process.env.SLACK_BURST_DEBUG) console.error(Object.fromEntries(api.tierLimited));
  return {
    posts,
    reveals,
    requests: api.calls.length,
    limited,
    failedJobs: stats.reduce((sum, s) => sum + s.failedJobs, 0),
    replicaPeakRss: stats.map((s) => s.maxRssBytes),
    errors: stats.flatMap((s) => s.errors).slice(0, 5),
  };
}

export function describeSlackBurst(options: SlackBurstOptions, r: SlackBurstResult): string[] {
  const phaseLine = (name: string, p: SlackPhase) => {
    const took =
      p.lastAfterSeconds === null
        ? `not all within the time allowed (${p.done} of ${options.channels})`
        : `${p.lastAfterSeconds.toFixed(1)} s`;
    const floor =
      p.tierCalls === 0
        ? `no workspace floor (${p.floorMethod})`
        : `floor ${p.floorSeconds.toFixed(1)} s (${p.tierCalls.toLocaleString('en')} ${p.floorMethod} calls)${p.lastAfterSeconds === null ? '' : ` = ${(p.lastAfterSeconds / p.floorSeconds).toFixed(2)} × the floor (goal ≤ 1.2)`} [at Slack's real 50 a minute: floor ${(p.realFloorSeconds / 60).toFixed(0)} min]`;
    return `  last ${name} after ${took}; ${floor}; duplicates ${p.duplicates}, lost ${p.lost}`;
  };
  return [
    `Slack burst: ${options.channels.toLocaleString('en')} channels of one workspace at 09:00, ${options.replicas} replica${options.replicas > 1 ? 's' : ''}, tiers × ${options.timeFactor}, ${options.sharedBudget === false ? 'Tier 3 calls unpaced' : 'Tier 3 calls paced at 45 a minute of Slack’s 50 (one budget shared through Redis)'}:`,
    phaseLine('question', r.posts),
    phaseLine('reveal', r.reveals),
    `  429s: ${r.limited} of ${r.requests.toLocaleString('en')} requests (${((100 * r.limited) / r.requests).toFixed(2)}%, goal < 1%); failed jobs ${r.failedJobs}`,
    `  peak RSS per replica: ${r.replicaPeakRss.map(mib).join(', ')}`,
    ...r.errors.map((e) => `  error: ${e}`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startRedisServer } = await import('../../support/redis-server.ts');
  const own = await startRedisServer();
  const options: SlackBurstOptions = {
    redisUrl: own.url,
    channels: Number(process.env.N ?? 100),
    replicas: Number(process.env.REPLICAS ?? 1),
    timeFactor: Number(process.env.F ?? 50),
    sharedBudget: process.env.SHARED !== '0',
  };
  const result = await runSlackBurst(options);
  for (const line of describeSlackBurst(options, result)) console.log(line);
  await own.stop();
}
