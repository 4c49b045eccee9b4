/**
 * Stopping the real process while Redis hangs: the stop it asks for must still end, and a second
 * signal must not wait for it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotProcess, startBot } from '../../support/bot-process.ts';
import { type RedisServer, startRedisServer } from '../../support/redis-server.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';
import { waitFor } from '../../support/wait-for.ts';

let redis: RedisServer;
let proxy: TcpProxy;
let bot: BotProcess;

beforeEach(async () => {
  redis = await startRedisServer();
  proxy = await startTcpProxy(redis.port);
  bot = startBot({
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    REDIS_PREFIX: `stop-${randomUUID()}:`,
    LOG_LEVEL: 'debug',
  });
  await waitFor(() => bot.stdout().includes('Question of the day'), 'the demo question on stdout', 20_000);
});

afterEach(async () => {
  bot.child.kill('SIGKILL');
  await proxy.close();
  await redis.stop();
});

describe('stopping while Redis hangs', () => {
  it('keeps skipped ticks out of the terminal while Redis hangs, and says it in the log instead', async () => {
    proxy.freeze();
    // Each tick now waits out the 2 s command timeout, so the per-second ticks after it overlap.
    await waitFor(
      () => bot.log().includes('previous scheduler tick still running'),
      'a skipped tick in the log',
      20_000,
    );
    expect(bot.stderr()).not.toContain('NODE-CRON');
    expect(bot.stdout()).not.toContain('NODE-CRON');
  });

  it('still ends the graceful stop and exits 0 after one SIGTERM', async () => {
    proxy.freeze();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(bot.log()).toContain('quizthread stopped');
  });

  it('exits at once with code 1 on a second signal while the stop waits on Redis', async () => {
    proxy.freeze();
    bot.child.kill('SIGTERM');
    await waitFor(() => bot.log().includes('"msg":"stopping"'), 'the stop to begin', 10_000);
    bot.child.kill('SIGINT');
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.log()).toContain('second signal: exiting at once');
    expect(bot.log()).not.toContain('quizthread stopped');
  });
});
