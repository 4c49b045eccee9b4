/**
 * An operator reading the log of a failed command sees which of the quiz's own errors it was: its
 * name heads the stack, with its code and context beside it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.ts';
import { QuizError } from '../../src/core/errors.ts';
import type { Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the log of a store outage', () => {
  it('names the QuizError, its code and its context', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiz-log-'));
    dirs.push(dir);
    const file = join(dir, 'quiz.log');
    const logger = createLogger('info', file);
    const h = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
      logger,
    });
    h.store.getLeaderboard = async () => {
      throw new QuizError('store-unavailable', 'connection refused', { host: 'redis:6379' });
    };
    await h.quiz.command({ channel: 'shell:team', caller: { id: 'ann', name: 'Ann' }, isAdmin: false, text: 'top' });
    const line = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) as string);
    expect(line).toMatchObject({
      msg: 'command failed',
      err: { type: 'QuizError', code: 'store-unavailable', context: { host: 'redis:6379' } },
    });
    expect(line.err.stack.split('\n')[0]).toBe('QuizError: connection refused');
  });
});
