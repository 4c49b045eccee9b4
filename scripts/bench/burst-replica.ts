/**
 * One bot replica for the morning-burst bench (burst.ts), as its own OS process: the quiz core on a
 * RedisStore and the real Discord adapter (REST only: posting and revealing need no gateway) against
 * the rate-limited fake. It ticks every second like the production cron, on a clock that runs at real
 * speed from the bench's 08:59:59; `jump <ms>` on stdin moves that clock (to the reveal time),
 * `stats` answers with its peak RSS, `stop` ends it. Reports are JSON lines on stdout.
 *
 * env: REDIS_URL, REDIS_PREFIX, DISCORD_API_URL, BURST_CLOCK_OFFSET_MS, BURST_GLOBAL_PER_SECOND,
 * BURST_SHARED_BUDGET (1: pace by the rate shared through Redis), BURST_BATCH_SIZE (jobs at once)
 */
import { createDiscordAdapter } from '../../src/adapters/discord/client.ts';
import { QuestionBank } from '../../src/core/bank.ts';
import { Quiz } from '../../src/core/quiz.ts';
import type { Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { replicaClock, runReplica } from './replica-loop.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`burst replica: ${name} is not set`);
  return value;
};

const clock = replicaClock(Number(env('BURST_CLOCK_OFFSET_MS')));
const store = createRedisStore(env('REDIS_URL'), env('REDIS_PREFIX'), silentLogger);
// DISCORD_REST_PER_SECOND's pacing, times the fake's time factor (so above Discord's 50 here); with
// BURST_SHARED_BUDGET=1 it is the rate of all replicas together, drawn from the store's shared budget.
const adapter = createDiscordAdapter(
  {
    token: 'bench-token',
    apiUrl: env('DISCORD_API_URL'),
    messageContent: true,
    restPerSecond: Number(env('BURST_GLOBAL_PER_SECOND')),
  },
  {
    logger: silentLogger,
    clock,
    ...(process.env.BURST_SHARED_BUDGET === '1' ? { restBudget: store.rateBudget } : {}),
  },
);

const errors: string[] = [];
const quiz = new Quiz({
  store,
  bank: new QuestionBank(await loadQuestions('questions')),
  clock,
  logger: {
    ...silentLogger,
    error: (context: object, message: string) => {
      if (errors.length < 20) errors.push(`${message} ${JSON.stringify(context).slice(0, 300)}`);
    },
  },
  adapters: new Map<Platform, ChatAdapter>([['discord', adapter]]),
  // A small test spreads a few channels over its replicas with a smaller batch than production's 100.
  ...(process.env.BURST_BATCH_SIZE ? { settings: { batchSize: Number(process.env.BURST_BATCH_SIZE) } } : {}),
});

runReplica({ quiz, clock, errors, close: () => [store.close(), adapter.stop()] });
