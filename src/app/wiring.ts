/**
 * Assembles a running bot from settings: the store, the question bank, the adapters of every
 * configured platform (the shell when none is), the quiz, its cron tick and the operator endpoints.
 */
import { VegaDigestChart } from '../chart/digest-chart.ts';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import cron, { type ScheduledTask } from 'node-cron';
import { SHELL_CHANNEL, ShellAdapter } from '../adapters/shell/adapter.ts';
import { QuestionBank } from '../core/bank.ts';
import { Quiz } from '../core/quiz.ts';
import { isButtonFormat, type Platform } from '../core/types.ts';
import type { ChatAdapter } from '../ports/chat.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SharedRateBudget } from '../ports/rate-budget.ts';
import type { Store } from '../ports/store.ts';
import { loadQuestions } from '../questions/load-questions.ts';
import { MemoryRateBudget } from '../store/memory/memory-rate-budget.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { Config } from './config.ts';
import { operatorRoutes, type Route, serveRoutes } from './http.ts';
import { Metrics, measureAdapter, measureInbound, measureStore } from './metrics.ts';
import { createPlatformAdapters } from './platforms.ts';

export interface AppIO {
  input: Readable;
  output: Writable;
}

export interface App {
  quiz: Quiz;
  store: Store;
  adapters: Map<Platform, ChatAdapter>;
  metrics: Metrics;
  /** Set in shell mode: its `ended` resolves when the terminal input has ended. */
  shell?: ShellAdapter;
  /** The operator HTTP server, when this process runs one of its own. */
  server?: Server;
  /** Stops taking work, waits (bounded) for work in flight, and closes every connection. */
  stop(graceMs?: number): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, io: AppIO, clock: Clock = systemClock): Promise<App> {
  const bank = new QuestionBank(await loadQuestions(path.resolve(config.questionsDir)));
  logger.info({ questions: bank.questions.length }, 'question bank loaded');
  const metrics = new Metrics();

  let rawStore: Store;
  // Platform request rates, shared through Redis by every replica; one process's own otherwise.
  let restBudget: SharedRateBudget;
  if (config.redis) {
    // Loaded only when used, so the zero-setup demo never touches ioredis.
    const { createRedisStore } = await import('../store/redis/redis-store.ts');
    const redisStore = createRedisStore(config.redis.url, config.redis.prefix, logger, {
      cluster: config.redis.cluster,
    });
    restBudget = redisStore.rateBudget;
    rawStore = redisStore;
  } else {
    rawStore = new MemoryStore();
    restBudget = new MemoryRateBudget();
    logger.warn(
      {},
      'REDIS_URL is not set: using the in-memory store, so streaks and schedules are lost when the bot stops',
    );
  }
  const store = measureStore(rawStore, metrics);
  metrics.watchSchedules(store);

  let stopping = false;
  const adapters = new Map<Platform, ChatAdapter>();
  const routes: Route[] = operatorRoutes({
    store,
    adapters: () => adapters.values(),
    metrics,
    stopping: () => stopping,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    metricsRequireToken: config.metricsRequireToken,
  });
  const platforms = await createPlatformAdapters(config, logger, routes, clock, restBudget);
  for (const adapter of platforms.adapters) adapters.set(adapter.platform, measureAdapter(adapter, metrics));
  let shell: ShellAdapter | undefined;
  if (adapters.size === 0) {
    shell = new ShellAdapter({ ...io, clock, user: config.shellUser ?? process.env.USER ?? 'you' });
    adapters.set('shell', shell);
  }

  const quiz = new Quiz({
    store,
    bank,
    clock,
    logger,
    adapters,
    digestChart: new VegaDigestChart(),
    settings: {
      defaultWindowMinutes: shell ? config.demoWindowMinutes : config.defaultWindowMinutes,
      userCommandsPerMinute: config.userCommandsPerMinute,
    },
  });
  const inbound = measureInbound(quiz, metrics);
  for (const adapter of adapters.values()) if (adapter !== shell) await adapter.start(inbound);
  if (shell) {
    // The demo opens with a question on screen, before it reads a line: piped answers must find it.
    shell.greet();
    await openDemoRound(quiz, store, shell, logger, demoOpener(bank, Math.random));
    await shell.start(inbound);
  }

  // The terminal demo runs no HTTP server; a platform process serves /healthz and /metrics unless
  // Slack's receiver already mounted them on the same port.
  const server = !shell && !platforms.routesMounted ? await serveRoutes(routes, config.port) : undefined;

  const ticksInFlight = new Set<Promise<unknown>>();
  // Ticks may overlap: a tick stuck on a slow platform call must not hold up the other channels'
  // posts and reveals, and the next ticks extend its job's lease. The scheduler itself skips a
  // claim while another is still on its way (a slow Redis), so ticks do not stack up there.
  const tick: ScheduledTask = cron.schedule(
    config.tick,
    async (context) => {
      if (stopping) return;
      metrics.schedulerLag.set(Math.max(0, (Date.now() - context.date.getTime()) / 1000));
      const end = metrics.tickSeconds.startTimer();
      const running = quiz
        .tick()
        .catch((error: unknown) => logger.warn({ err: error }, 'scheduler tick failed; retrying on the next tick'))
        .finally(() => {
          end();
          ticksInFlight.delete(running);
        });
      ticksInFlight.add(running);
      await running;
    },
    { name: 'quizthread-tick', logger: cronLogger(logger) },
  );

  logger.info({ platforms: [...adapters.keys()], store: config.redis ? 'redis' : 'memory' }, 'quizthread started');

  return {
    quiz,
    store,
    adapters,
    metrics,
    ...(shell ? { shell } : {}),
    ...(server ? { server } : {}),
    async stop(graceMs = 10_000) {
      stopping = true;
      await tick.stop();
      await Promise.allSettled([...adapters.values()].map((a) => a.stop()));
      // Finish the ticks in flight, but never hang shutdown on them.
      await Promise.race([
        Promise.allSettled([...ticksInFlight]),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await rawStore.close();
      logger.info({}, 'quizthread stopped');
    },
  };
}

/** node-cron's own messages (a missed execution after a blocked event loop) go to our log, not stderr. */
function cronLogger(logger: Logger): NonNullable<Parameters<typeof cron.schedule>[2]>['logger'] {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  return {
    info: (message) => logger.info({ source: 'node-cron' }, message),
    warn: (message) => logger.warn({ source: 'node-cron' }, message),
    error: (message, err) => logger.error({ source: 'node-cron', err: err ?? message }, text(message)),
    debug: (message) => logger.debug({ source: 'node-cron' }, text(message)),
  };
}

/**
 * The demo's first question: an easy or medium button question, a different one from run to run, so
 * a newcomer's first answer is one key press. Undefined when the bank has none.
 */
export function demoOpener(bank: QuestionBank, random: () => number): string | undefined {
  const gentle = bank.questions.filter((q) => isButtonFormat(q.format) && q.difficulty !== 'hard');
  return gentle[Math.floor(random() * gentle.length)]?.id;
}

/**
 * Puts a question on the demo's screen: `opener` (see demoOpener) or the rotation's next one, or
 * (with REDIS_URL, after a restart inside the answer window) the one still open, so replies have a
 * thread to land in.
 */
export async function openDemoRound(
  quiz: Quiz,
  store: Store,
  shell: ShellAdapter,
  logger: Logger,
  opener?: string,
): Promise<void> {
  if (opener) {
    const opened = await quiz.rounds
      .post(SHELL_CHANNEL, { kind: 'manual', questionId: opener })
      .catch((error: unknown) => logger.warn({ err: error, opener }, 'could not post the demo opener'));
    if (opened && opened.status === 'posted') return;
  }
  const demo = { channel: SHELL_CHANNEL, caller: { id: 'demo', name: 'demo' }, isAdmin: true };
  const reply = await quiz.command({ ...demo, text: 'post-now' });
  if (reply?.kind !== 'refusal') return;
  if (reply.code === 'round-already-open') {
    const open = await store.getOpenRound(SHELL_CHANNEL).catch(() => null);
    const today = open?.post ? await quiz.command({ ...demo, text: 'today' }) : null;
    if (open?.post && today) shell.resume(open.post.threadId, today);
    return;
  }
  logger.warn({ reply }, 'could not post the demo question');
  shell.resume(undefined, reply);
}
