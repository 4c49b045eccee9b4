/**
 * The process guard in the real bot process (Slack Socket Mode against the fakes, so it serves
 * /healthz and /metrics): stray faults are logged and counted while it keeps serving; a failed
 * invariant ends it with one clear line and exit code 70.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORRUPT_STATE_EXIT_CODE } from '../../src/app/process-guard.ts';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../fakes/slack/fake-socket-mode.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';
import { waitFor } from '../support/wait-for.ts';

const injector = path.resolve(import.meta.dirname, '../support/inject-fault.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('process guard in the running bot', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let bot: BotProcess;
  let port: number;

  beforeEach(async () => {
    api = new FakeSlackApi();
    socket = new FakeSocketMode();
    await Promise.all([api.start(), socket.start()]);
    api.socketUrl = socket.url;
    port = await freePort();
  });

  afterEach(async () => {
    bot.child.kill('SIGKILL');
    await bot.exited;
    await Promise.all([socket.stop(), api.stop()]);
  });

  function start(faults: string): void {
    bot = startBot({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_API_URL: api.url,
      PORT: String(port),
      QUIZTHREAD_TEST_FAULTS: faults,
      NODE_OPTIONS: `--import ${injector}`,
    });
  }

  const get = (route: string) => fetch(`http://127.0.0.1:${port}${route}`);
  const started = () => waitFor(() => bot.log().includes('quizthread started'), 'the bot to start', 30_000);

  it('logs and counts a stray rejection and an uncaught exception, and keeps serving', async () => {
    start('rejection,exception');
    await started();
    bot.child.kill('SIGUSR2');
    await waitFor(() => bot.log().includes('a promise rejected with no handler'), 'the rejection in the log');
    bot.child.kill('SIGUSR2');
    await waitFor(() => bot.log().includes('an exception reached the top'), 'the exception in the log');
    expect(bot.log()).toContain('fetch failed');
    expect(bot.log()).toContain('a listener threw from a timer');
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toContain('quizthread_process_faults_total{kind="unhandledRejection"} 1');
    expect(metrics).toContain('quizthread_process_faults_total{kind="uncaughtException"} 1');
    expect((await get('/healthz')).status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
  });

  it('exits with a clear line when an invariant fails, instead of serving from corrupt state', async () => {
    start('corrupt');
    await started();
    bot.child.kill('SIGUSR2');
    const { code, stderr } = await bot.exited;
    expect(code).toBe(CORRUPT_STATE_EXIT_CODE);
    expect(stderr).toContain(
      'quizthread stopped: its internal state is corrupt (round table out of step with its leases)',
    );
    expect(bot.log()).toContain('internal state is corrupt: exiting so a clean process can take over');
  });
});
