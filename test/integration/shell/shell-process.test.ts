import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBot, startBot } from '../../support/bot-process.ts';
import { redisUrlForTests } from '../../support/global-setup.ts';
import { freshPrefix } from '../../support/redis-server.ts';
import { waitFor } from '../../support/wait-for.ts';

describe('npm start with piped input', () => {
  it('runs a script of lines end to end and exits 0 at the end of input', async () => {
    const { code, stdout, stderr } = await runBot('b\n/quiz today\n/quiz reveal-now\n/quiz leaderboard total\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('demo mode: no REDIS_URL');
    expect(stdout).toContain('Question of the day');
    expect(stdout).toContain('Your answer B is in');
    expect(stdout).toContain('1 answered so far');
    expect(stdout).toContain('Revealed (1 answered)');
    expect(stdout).toContain(' 1. ann — 1');
    // Logs went to the log file, not into the conversation.
    // (A pino line starts with {"level": a question's program may well say "level" itself.)
    expect(stdout).not.toMatch(/^\{"level":/m);
  });

  it('with Redis, answers piped at once land in the question, and a restart picks the open question up again', async () => {
    const env = { REDIS_URL: redisUrlForTests(), REDIS_PREFIX: freshPrefix(), QUIZ_DEMO_WINDOW: '1h' };
    const first = await runBot('a\n', env);
    expect(first.code).toBe(0);
    expect(first.stdout.indexOf('Question of the day')).toBeLessThan(first.stdout.indexOf('Your answer A is in'));
    // After a restart the open button question still takes a letter.
    const again = await runBot('/as bob\nc\n/quiz today\n', env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('no question is open');
    expect(again.stdout).toContain('Your answer C is in');
    expect(again.stdout).toContain('2 answered so far');
  });

  it('ignores lines piped in after /quit', async () => {
    const { code, stdout } = await runBot('/quit\n/quiz topics\nan answer after quitting\n');
    expect(code).toBe(0);
    expect(stdout).not.toContain('answer is in');
    expect(stdout).not.toContain('Topics');
  });

  it('stops cleanly with exit code 0 on SIGTERM', async () => {
    let signalled = false;
    const { code } = await runBot(null, {}, (stdout, kill) => {
      if (!signalled && stdout.includes('Question of the day')) {
        signalled = true;
        kill();
      }
    });
    expect(signalled).toBe(true);
    expect(code).toBe(0);
  });

  it('refuses to start on bad settings and lists every problem at once', async () => {
    const { code, stderr } = await runBot('', {
      PORT: 'ninety',
      QUIZ_DEMO_WINDOW: 'soon',
      SLACK_SIGNING_SECRET: 'shh-secret-value',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('QUIZ_DEMO_WINDOW');
    expect(stderr).not.toContain('shh-secret-value');
  });

  it('keeps running and retrying, saying why in the log, when Discord cannot be reached at start', async () => {
    // Issue 19: an unreachable GET /gateway/bot is retried with backoff instead of ending the process.
    const bot = startBot({
      DISCORD_TOKEN: 'not-a-real-token',
      DISCORD_APPLICATION_ID: '1',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      PORT: '0',
    });
    await waitFor(
      () => bot.log().includes('could not connect to the Discord gateway') && bot.log().includes('127.0.0.1:9'),
      'a logged retry naming the unreachable address',
      30_000,
    );
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    const { code, stderr } = await bot.exited;
    expect(code).toBe(0);
    expect(stderr).not.toContain('not-a-real-token');
    expect(bot.log()).not.toContain('not-a-real-token');
  });

  it('refuses to start on a broken question bank, naming the file and line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bank-'));
    await writeFile(
      path.join(dir, 'bad.md'),
      '---\nid: bad\ntitle: Bad\ntopics: [threading]\ndifficulty: impossible\n---\n## Question\nq\n## Model answer\na\n',
    );
    const { code, stderr } = await runBot('', { QUIZ_QUESTIONS_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'bad.md')}:5: difficulty`);
  });
});
