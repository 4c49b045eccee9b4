/**
 * What happens to answers, edits and picks held through a store outage, as the operator reads it in
 * the log, and the promise that no reveal runs before the held answers are recorded, even when ticks
 * overlap on a slow store.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { QuizError } from '../../src/core/errors.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter, ThreadMessage } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const lead = { id: 'lead', name: 'lead' };

function setup(pendingAnswers = 10) {
  const memory = new MemoryStore();
  const flaky = flakyStore(memory);
  const adapter = new RecordingAdapter('shell');
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: flaky.store,
    logger,
    bank: new QuestionBank([makeQuestion('f1'), buttonQuestion('c1')]),
    settings: { pendingAnswers, userCommandsPerMinute: 0 },
  });
  const message = (user: string, text = 'a lock'): ThreadMessage => ({
    channel: CH,
    threadId: adapter.posts.at(-1)?.ref.threadId ?? '',
    messageId: `m-${user}`,
    author: { id: user, name: user, isBot: false },
    text,
  });
  const post = (kind: 'free' | 'choice') =>
    h.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: `post-now ${kind}` });
  const logged = (message: string) => logger.entries.filter((e) => e.message === message);
  return { ...h, ...flaky, memory, adapter, logger, message, post, logged };
}

describe('the outage queue in the log', () => {
  it('logs each held answer as an error with its channel, message and how many wait', async () => {
    const h = setup();
    await h.post('free');
    h.setDown(true);
    expect(await h.quiz.threadMessage(h.message('ann'))).toBe('queued');
    expect(await h.quiz.threadMessage(h.message('bob'))).toBe('queued');
    expect(h.logged('store unavailable: answer queued for retry')).toEqual([
      {
        level: 'error',
        message: 'store unavailable: answer queued for retry',
        context: {
          err: expect.any(QuizError),
          channel: CH,
          messageId: 'm-ann',
          kind: 'answer',
          queued: true,
          pending: 1,
        },
      },
      {
        level: 'error',
        message: 'store unavailable: answer queued for retry',
        context: {
          err: expect.any(QuizError),
          channel: CH,
          messageId: 'm-bob',
          kind: 'answer',
          queued: true,
          pending: 2,
        },
      },
    ]);
  });

  it('logs an answer the full queue had to drop, and nothing as queued for it', async () => {
    const h = setup(1);
    await h.post('free');
    h.setDown(true);
    expect(await h.quiz.threadMessage(h.message('ann'))).toBe('queued');
    expect(await h.quiz.threadMessage(h.message('bob'))).toBe('unavailable');
    expect(h.logged('the outage retry queue is full: answer dropped')).toEqual([
      {
        level: 'error',
        message: 'the outage retry queue is full: answer dropped',
        context: {
          err: expect.any(QuizError),
          channel: CH,
          messageId: 'm-bob',
          kind: 'answer',
          queued: false,
          pending: 1,
        },
      },
    ]);
    expect(h.logged('store unavailable: answer queued for retry')).toHaveLength(1);
  });

  it('logs a held pick with its round and user', async () => {
    const h = setup();
    await h.post('choice');
    const roundId = h.adapter.posts[0]!.view.roundId;
    h.setDown(true);
    expect(await h.quiz.pick({ channel: CH, caller: { id: 'ann', name: 'ann' }, roundId, option: 1 })).toMatchObject({
      queued: true,
    });
    expect(h.logged('store unavailable: pick queued for retry')).toEqual([
      {
        level: 'error',
        message: 'store unavailable: pick queued for retry',
        context: {
          err: expect.any(QuizError),
          channel: CH,
          roundId,
          userId: 'ann',
          kind: 'pick',
          queued: true,
          pending: 1,
        },
      },
    ]);
  });

  it('warns, without blaming the store, of an edit held behind answers still waiting for replay', async () => {
    const h = setup();
    await h.post('free');
    h.setDown(true);
    await h.quiz.threadMessage(h.message('ann', 'not sure'));
    h.setDown(false);
    await h.quiz.threadMessageEdited(h.message('ann', 'use the GIL and a lock'));
    const { channel, threadId, messageId } = h.message('ann');
    await h.quiz.threadMessageDeleted({ channel, threadId, messageId });
    expect(h.quiz.pendingAnswers).toBe(3);
    expect(h.logger.entries.filter((e) => e.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'edit queued behind answers still waiting for replay',
        context: { err: undefined, channel: CH, messageId: 'm-ann', kind: 'edit', queued: true, pending: 2 },
      },
      {
        level: 'warn',
        message: 'delete queued behind answers still waiting for replay',
        context: { err: undefined, channel: CH, messageId: 'm-ann', kind: 'delete', queued: true, pending: 3 },
      },
    ]);
  });

  it('logs how many held items the replay recorded, and each one it had to drop', async () => {
    const h = setup();
    await h.post('free');
    h.setDown(true);
    await h.quiz.threadMessage(h.message('ann'));
    await h.quiz.threadMessage(h.message('bob'));
    h.setDown(false);
    const record = h.memory.recordAnswer.bind(h.memory);
    h.memory.recordAnswer = async (channel, roundId, answer) => {
      if (answer.userId === 'ann') throw new TypeError('a bug');
      return record(channel, roundId, answer);
    };
    await h.quiz.tick();
    expect(h.logged('dropped a queued answer that cannot be recorded')).toEqual([
      {
        level: 'error',
        message: 'dropped a queued answer that cannot be recorded',
        context: { err: expect.any(TypeError), channel: CH, messageId: 'm-ann' },
      },
    ]);
    expect(h.logged('recorded answers queued during a store outage')).toEqual([
      { level: 'info', message: 'recorded answers queued during a store outage', context: { recorded: 2 } },
    ]);
  });
});

describe('a held pick the round refuses when replayed', () => {
  it('is not kept, and the log says which round refused it and why', async () => {
    const h = setup();
    await h.post('choice');
    const roundId = h.adapter.posts[0]!.view.roundId;
    h.setDown(true);
    await h.quiz.pick({ channel: CH, caller: { id: 'ann', name: 'ann' }, roundId, option: 1 });
    h.setDown(false);
    h.clock.advance(60_000);
    // ann asks to be forgotten after her click, before the replay.
    await h.quiz.command({ channel: CH, caller: { id: 'ann', name: 'ann' }, isAdmin: false, text: 'forget-me' });
    await h.quiz.tick();
    expect(h.quiz.pendingAnswers).toBe(0);
    expect(await h.store.getAnswers(CH, roundId)).toEqual([]);
    expect(h.logged('a pick queued during a store outage was refused when replayed')).toEqual([
      {
        level: 'warn',
        message: 'a pick queued during a store outage was refused when replayed',
        context: { channel: CH, roundId, code: 'too-late' },
      },
    ]);
  });

  it('is recorded without a warning when the round takes it', async () => {
    const h = setup();
    await h.post('choice');
    const roundId = h.adapter.posts[0]!.view.roundId;
    h.setDown(true);
    await h.quiz.pick({ channel: CH, caller: { id: 'ann', name: 'ann' }, roundId, option: 1 });
    h.setDown(false);
    await h.quiz.tick();
    expect((await h.store.getAnswers(CH, roundId)).map((a) => a.pick)).toEqual([1]);
    expect(h.logger.entries.filter((e) => e.level === 'warn')).toEqual([]);
  });
});

describe('ticks that overlap while the queue replays', () => {
  it('reveal nothing until the held answers are recorded, and the answer then counts in the reveal', async () => {
    const h = setup();
    await h.post('free');
    h.setDown(true);
    expect(await h.quiz.threadMessage(h.message('ann'))).toBe('queued');
    h.clock.advance(5 * HOUR); // the window closed during the outage
    h.setDown(false);
    // The store is back but slow: the replay waits on it.
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const record = h.memory.recordAnswer.bind(h.memory);
    h.memory.recordAnswer = async (...args) => {
      await slow;
      return record(...args);
    };
    const replaying = h.quiz.tick();
    // A second tick neither waits for the replay nor reveals the round ahead of it.
    const overlapping = h.quiz.tick().then((report) => ({ report }));
    const first = await Promise.race([overlapping, new Promise((r) => setImmediate(() => r('still waiting')))]);
    expect(first).toEqual({ report: { claimed: 0, failed: 0 } });
    expect(h.adapter.reveals).toEqual([]);
    release();
    await replaying;
    expect(h.adapter.reveals.map((r) => r.view.answers.map((a) => a.user.id))).toEqual([['ann']]);
  });
});
