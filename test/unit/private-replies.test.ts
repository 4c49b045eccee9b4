/**
 * Replies that concern only the person who asked stay private (ephemeral on Discord and Slack),
 * word for word: the topics list, the end of an absence, forget-me, a practice request whose only
 * match is open in a channel, a pick the bot could not record or that came too late, and a
 * non-admin's decision on a suggestion.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'slack:C1';
const lead = { id: 'lead', name: 'Lead' };
const ann = { id: 'ann', name: 'Ann' };

function setup(options: { bank?: QuestionBank; store?: Store; pendingAnswers?: number } = {}) {
  const adapter = new RecordingAdapter('slack');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
    bank: options.bank ?? new QuestionBank([makeQuestion('a'), makeQuestion('b', { topics: ['asyncio'] })]),
    settings: {
      userCommandsPerMinute: 0,
      ...(options.pendingAnswers ? { pendingAnswers: options.pendingAnswers } : {}),
    },
    ...(options.store ? { store: options.store } : {}),
  });
  const command = (text: string, caller = ann, isAdmin = false) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  const pick = (caller: typeof ann, option: number) =>
    h.quiz.pick({ channel: CH, caller, roundId: adapter.posts.at(-1)!.view.roundId, option });
  return { ...h, adapter, command, pick };
}

describe('member commands answered privately', () => {
  it('lists the topics and difficulties', async () => {
    const s = setup();
    expect(await s.command('topics')).toEqual({
      visibility: 'private',
      kind: 'topics',
      topics: [
        { topic: 'threading', count: 1 },
        { topic: 'asyncio', count: 1 },
      ],
      difficulties: { easy: 2, medium: 0, hard: 0 },
    });
  });

  it('says whether an absence was ended, and confirms forget-me', async () => {
    const s = setup();
    await s.command('away 3');
    expect(await s.command('back')).toEqual({ visibility: 'private', kind: 'back', wasAway: true });
    expect(await s.command('back')).toEqual({ visibility: 'private', kind: 'back', wasAway: false });
    expect(await s.command('forget-me')).toEqual({ visibility: 'private', kind: 'forgotten' });
  });

  it('turns down practice whose only matching question is open in the channel', async () => {
    const s = setup({ bank: new QuestionBank([makeQuestion('a')]) });
    await s.command('post-now', lead, true);
    expect(await s.command('')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-questions',
      message:
        'The only question that matches is open in a quiz channel here right now. Answer it there, or try another topic or difficulty.',
    });
  });
});

describe('picks answered privately', () => {
  it('asks to click again when the store is down and the outage queue is full', async () => {
    const flaky = flakyStore(new MemoryStore());
    const s = setup({ bank: new QuestionBank([buttonQuestion('c1')]), store: flaky.store, pendingAnswers: 1 });
    await s.command('post-now choice', lead, true);
    flaky.setDown(true);
    expect(await s.pick(ann, 1)).toMatchObject({ kind: 'picked', queued: true });
    expect(await s.pick({ id: 'bob', name: 'Bob' }, 1)).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'unavailable',
      message:
        'I could not record your pick just now (my database is unavailable). Please click it again in a few minutes.',
    });
  });

  it('is too late when the round closes between the check and the write', async () => {
    // The store closes the round as the pick is written: another replica revealed it meanwhile.
    const memory = new MemoryStore();
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        if (property === 'recordPick') return async () => 'closed';
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const s = setup({ bank: new QuestionBank([buttonQuestion('c1')]), store });
    await s.command('post-now choice', lead, true);
    expect(await s.pick(ann, 1)).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'too-late',
      message: 'Too late: this question has been revealed, and its answer is in its thread.',
    });
  });
});

describe('a suggestion decision by someone who is not an admin', () => {
  it('is refused privately, naming the command', async () => {
    const s = setup();
    expect(
      await s.quiz.decideSuggestion({
        channel: CH,
        space: 'T1',
        caller: ann,
        isAdmin: false,
        suggestionId: 'team-1',
        decision: 'approve',
      }),
    ).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'not-admin',
      message: 'Only admins can use `/quiz suggestions`. Ask an admin of this channel to run it.',
    });
  });
});
