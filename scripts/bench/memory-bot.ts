/**
 * The bot process whose memory the memory bench (memory.ts) measures, on its own so nothing else
 * shares its heap: the real Discord adapter connected to the fake gateway, or Slack's HTTP receiver,
 * with the quiz on a RedisStore. Commands on stdin, one JSON object a line: `measure` (with a label
 * and a message count) waits until that many messages have arrived (Discord), collects garbage and
 * reports RSS and heap; `stop` ends it. Run compiled (compile-child.ts), like production.
 *
 * env: MEMORY_PLATFORM (discord | slack), REDIS_URL, REDIS_PREFIX, DISCORD_API_URL, MEMORY_GUILDS,
 *      SLACK_API_URL
 */
import { createInterface } from 'node:readline';
import { QuestionBank } from '../../src/core/bank.ts';
import { Quiz } from '../../src/core/quiz.ts';
import type { Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';

const emit = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gc = (globalThis as { gc?: () => void }).gc;

function usage() {
  gc?.();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}

const baseline = usage();
const store = createRedisStore(process.env.REDIS_URL ?? '', process.env.REDIS_PREFIX ?? 'memory:', silentLogger);
const bank = new QuestionBank(await loadQuestions('questions'));
let adapter: ChatAdapter;
let messages = 0;
let cacheSizes = () => ({});
let sweep = () => {};
if (process.env.MEMORY_PLATFORM === 'slack') {
  const { createSlackAdapter } = await import('../../src/adapters/slack/client.ts');
  adapter = createSlackAdapter(
    {
      botToken: 'xoxb-memory',
      signingSecret: 'memory-secret',
      apiUrl: process.env.SLACK_API_URL ?? '',
      adminUsers: [],
    },
    { logger: silentLogger, port: 0 },
  );
} else {
  const { createDiscordAdapter } = await import('../../src/adapters/discord/client.ts');
  const { Sweepers } = await import('discord.js');
  const discord = createDiscordAdapter(
    { token: 'memory-token', apiUrl: process.env.DISCORD_API_URL ?? '', messageContent: true },
    { logger: silentLogger },
  );
  adapter = discord;
  const client = (discord as unknown as { client: import('discord.js').Client }).client;
  client.on('messageCreate', () => {
    messages++;
  });
  sweep = () => {
    // The bot's own sweeper setting, run now instead of at its next hourly timer.
    const settings = client.options.sweepers?.threads;
    const filter = settings && 'lifetime' in settings ? Sweepers.archivedThreadSweepFilter(settings.lifetime)() : null;
    if (filter) client.sweepers.sweepThreads(filter);
  };
  cacheSizes = () => ({
    guilds: client.guilds.cache.size,
    channels: client.channels.cache.size,
    members: client.guilds.cache.reduce((sum, g) => sum + g.members.cache.size, 0),
    users: client.users.cache.size,
  });
}
const quiz = new Quiz({
  store,
  bank,
  clock: { now: () => Date.now() },
  logger: silentLogger,
  adapters: new Map<Platform, ChatAdapter>([[adapter.platform, adapter]]),
});
const loaded = usage();
await adapter.start(quiz);
const guilds = Number(process.env.MEMORY_GUILDS ?? 0);
while (
  (cacheSizes() as { guilds?: number }).guilds !== undefined &&
  (cacheSizes() as { guilds: number }).guilds < guilds
)
  await sleep(100);
emit({ ready: true, baseline, loaded });

createInterface({ input: process.stdin }).on('line', async (line) => {
  const {
    command,
    label,
    messages: expected,
    sweep: sweepFirst,
  } = JSON.parse(line) as {
    command: string;
    label?: string;
    messages?: number;
    sweep?: boolean;
  };
  if (command === 'sync') {
    while (messages < (expected ?? 0)) await sleep(5);
    emit({ synced: messages });
  }
  if (command === 'measure') {
    while (messages < (expected ?? 0)) await sleep(50);
    await sleep(200);
    if (sweepFirst) sweep();
    emit({ label, ...usage(), caches: cacheSizes(), peakRss: process.resourceUsage().maxRSS * 1024 });
  }
  if (command === 'stop') {
    await Promise.allSettled([adapter.stop(), store.close()]);
    process.exit(0);
  }
});
