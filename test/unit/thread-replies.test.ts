/**
 * Which thread replies count as answers (README: "your first reply in the thread before the reveal
 * is your answer"), what edits and deletions do to a counted answer, and the order a reveal names
 * answers in: first sent first, ties by user id.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter, ThreadMessage } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const lead = { id: 'lead', name: 'lead' };
const person = (id: string) => ({ id, name: id.toUpperCase() });

function setup() {
  const store = new MemoryStore();
  const adapter = new RecordingAdapter('shell');
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store,
    logger,
    bank: new QuestionBank([makeQuestion('f1'), buttonQuestion('c1')]),
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  const message = (
    user: string,
    text: string | null,
    extra: { messageId?: string; threadId?: string; receivedAt?: number } = {},
  ): ThreadMessage => ({
    channel: CH,
    threadId: extra.threadId ?? adapter.posts.at(-1)?.ref.threadId ?? '',
    messageId: extra.messageId ?? `m-${user}`,
    author: { ...person(user), isBot: false },
    text,
    ...(extra.receivedAt === undefined ? {} : { receivedAt: extra.receivedAt }),
  });
  const reply = (user: string, text: string | null, extra: Parameters<typeof message>[2] = {}) =>
    h.quiz.threadMessage(message(user, text, extra));
  const roundId = () => adapter.posts.at(-1)!.view.roundId;
  const revealedCoverage = async () => {
    await command('reveal-now');
    return Object.fromEntries(adapter.reveals.at(-1)!.view.answers.map((a) => [a.user.id, a.covered]));
  };
  return { ...h, adapter, logger, command, message, reply, roundId, revealedCoverage };
}

describe('replies that are not answers', () => {
  it('ignores replies, edits and deletions in a thread that is no quiz round, with no error or warning logged', async () => {
    const s = setup();
    await s.command('post-now free');
    const elsewhere = { threadId: 'a-thread-about-lunch' };
    expect(await s.reply('ann', 'a lock', elsewhere)).toBe('ignored');
    await s.quiz.threadMessageEdited(s.message('ann', 'a lock and the GIL', elsewhere));
    await s.quiz.threadMessageDeleted({ channel: CH, threadId: elsewhere.threadId, messageId: 'm-ann' });
    expect(s.logger.entries.filter((e) => e.level !== 'info')).toEqual([]);
    expect(await s.store.getUserStats(CH, 'ann', '2026-11')).toBeNull();
  });

  it('ignores a reply sent before its author’s forget-me that arrives after it: no answer, no "too late"', async () => {
    const s = setup();
    await s.command('post-now free');
    const sentAt = s.clock.now();
    s.clock.advance(MIN);
    expect(await s.command('forget-me', person('ann'), false)).toMatchObject({ kind: 'forgotten' });
    expect(await s.reply('ann', 'a lock', { receivedAt: sentAt })).toBe('ignored');
    expect(await s.store.getUserStats(CH, 'ann', '2026-11')).toBeNull();
    // A reply sent after the forget-me counts again.
    s.clock.advance(1);
    expect(await s.reply('ann', 'a lock', { messageId: 'm-ann-2' })).toBe('recorded');
  });

  it('marks a reply sent exactly at the reveal time late, and counts one sent a millisecond before', async () => {
    const s = setup();
    await s.command('post-now free');
    const revealAt = s.adapter.posts[0]!.view.revealAt;
    s.clock.set(revealAt);
    expect(await s.reply('ann', 'a lock', { receivedAt: revealAt - 1 })).toBe('recorded');
    expect(await s.reply('bob', 'a lock', { receivedAt: revealAt })).toBe('late');
  });

  it('marks a reply in a button round’s thread late once the round was revealed early', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.reply('ann', 'b, surely')).toBe('ignored');
    await s.command('reveal-now');
    expect(await s.reply('bob', 'b, surely')).toBe('late');
  });

  it('marks a reply in a button round’s thread late once its window closed, before the reveal ran', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.reply('ann', 'is it b?')).toBe('ignored');
    s.clock.advance(4 * HOUR);
    expect(await s.reply('bob', 'b, surely')).toBe('late');
  });
});

describe('replies whose round changed under them', () => {
  it('marks a reply in a button round’s thread sent exactly at the reveal time late', async () => {
    const s = setup();
    await s.command('post-now choice');
    const revealAt = s.adapter.posts[0]!.view.revealAt;
    s.clock.set(revealAt + MIN);
    expect(await s.reply('ann', 'b, surely', { receivedAt: revealAt })).toBe('late');
  });

  it('counts a reply to a round whose question has left the bank since it was posted', async () => {
    const s = setup();
    await s.command('post-now free');
    // The bot restarts with a bank that no longer has the question; the round stays open.
    const restarted = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
      store: s.store,
      clock: s.clock,
      bank: new QuestionBank([makeQuestion('another')]),
    });
    expect(await restarted.quiz.threadMessage(s.message('ann', 'a lock'))).toBe('recorded');
    expect(await s.store.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ total: 1 });
  });
});

describe('edits and deletions of a counted answer', () => {
  it('keeps the counted text when the reply is edited to blank', async () => {
    const s = setup();
    await s.command('post-now free');
    await s.reply('ann', 'a lock');
    await s.quiz.threadMessageEdited(s.message('ann', '   '));
    expect(await s.revealedCoverage()).toEqual({ ann: ['Uses a lock'] });
  });

  it('keeps the counted text, with no error logged, when the platform withholds an edit’s text', async () => {
    const s = setup();
    await s.command('post-now free');
    await s.reply('ann', 'a lock');
    await s.quiz.threadMessageEdited(s.message('ann', null));
    expect(s.logger.entries.filter((e) => e.level !== 'info')).toEqual([]);
    expect(await s.revealedCoverage()).toEqual({ ann: ['Uses a lock'] });
  });

  it('keeps the counted text for the reveal when the reply is deleted after the window closed', async () => {
    const s = setup();
    await s.command('post-now free');
    await s.reply('ann', 'a lock');
    s.clock.advance(4 * HOUR);
    const { channel, threadId, messageId } = s.message('ann', '');
    await s.quiz.threadMessageDeleted({ channel, threadId, messageId });
    await s.quiz.tick();
    const reveal = s.adapter.reveals.at(-1)!.view;
    expect(reveal.answers.map((a) => [a.user.id, a.covered])).toEqual([['ann', ['Uses a lock']]]);
  });
});

describe('the order of answers', () => {
  it('names the right pickers by when they picked, even when a pick stamped earlier arrives later', async () => {
    const s = setup();
    await s.command('post-now choice');
    const start = s.clock.now();
    s.clock.advance(5 * MIN);
    await s.quiz.pick({ channel: CH, caller: person('amy'), roundId: s.roundId(), option: 1 });
    // zed clicked at 2 minutes; the platform delivered the click after amy's.
    await s.quiz.pick({
      channel: CH,
      caller: person('zed'),
      roundId: s.roundId(),
      option: 1,
      receivedAt: start + 2 * MIN,
    });
    await s.command('reveal-now');
    expect(s.adapter.reveals[0]?.view.choice?.right).toEqual([person('zed'), person('amy')]);
  });

  it('names pickers who picked in the same millisecond by user id', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.quiz.pick({ channel: CH, caller: person('zed'), roundId: s.roundId(), option: 1 });
    await s.quiz.pick({ channel: CH, caller: person('amy'), roundId: s.roundId(), option: 1 });
    await s.command('reveal-now');
    expect(s.adapter.reveals[0]?.view.choice?.right).toEqual([person('amy'), person('zed')]);
  });
});
