/**
 * One bot replica for the Slack morning-burst bench (slack-burst.ts), as its own OS process: the
 * quiz core on a RedisStore and the real Slack adapter against the fake Slack API with its tiers on,
 * its Tier 3 calls paced by the rate shared through Redis. It ticks every second like the production
 * cron, on a clock that runs at real speed from the bench's 08:59:59; `jump <ms>` on stdin moves that
 * clock, `stats` answers with its peak RSS, `stop` ends it. Reports are JSON lines on stdout.
 *
 * env: REDIS_URL, REDIS_PREFIX, SLACK_API_URL, BURST_CLOCK_OFFSET_MS, BURST_TIER3_PER_MINUTE,
 * BURST_SHARED_BUDGET (1: pace Tier 3 calls by the shared rate; 0: no pacing)
 */
import { createSlackAdapter } from '../../src/adapters/slack/client.ts';
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
  if (value === undefined) throw new Error(`slack burst replica: ${name} is not set`);
  return value;
};

const clock = replicaClock(Number(env('BURST_CLOCK_OFFSET_MS')));
const store = createRedisStore(env('REDIS_URL'), env('REDIS_PREFIX'), silentLogger);
const errors: string[] = [];
const logger = {
  ...silentLogger,
  error: (context: object, message: string) => {
    if (errors.length < 20) errors.push(`${message} ${JSON.stringify(context).slice(0, 300)}`);
  },
};
const adapter = createSlackAdapter(
  { botToken: 'xoxb-burst', signingSecret: 'burst-secret', apiUrl: env('SLACK_API_URL'), adminUsers: [] },
  {
    logger,
    port: 0,
    clock,
    ...(process.env.BURST_SHARED_BUDGET === '1'
      ? { restBudget: store.rateBudget, tier3PerMinute: Number(env('BURST_TIER3_PER_MINUTE')) }
      : {}),
  },
);
const quiz = new Quiz({
  store,
  bank: new QuestionBank(await loadQuestions('questions')),
  clock,
  logger,
  adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
});
await adapter.start(quiz);

runReplica({ quiz, clock, errors, close: () => [store.close(), adapter.stop()] });
