import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { QuizError } from '../../src/core/errors.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'slack:C1';
const me = { id: 'U1', name: 'me' };

describe('command parsing', () => {
  it('reads every command word', () => {
    expect(parseCommand('')).toEqual({ name: 'practice' });
    expect(parseCommand('asyncio hard')).toEqual({ name: 'practice', topic: 'asyncio', difficulty: 'hard' });
    expect(parseCommand('practice easy')).toEqual({ name: 'practice', difficulty: 'easy' });
    expect(parseCommand('answer  use a  Lock ')).toEqual({ name: 'answer', text: 'use a  Lock' });
    expect(parseCommand('leaderboard month')).toEqual({ name: 'leaderboard', board: 'month' });
    expect(parseCommand('leaderboard')).toEqual({ name: 'leaderboard', board: 'streak' });
    expect(parseCommand('streak ann')).toEqual({ name: 'streak', user: 'ann' });
    expect(parseCommand('FORGET-ME')).toEqual({ name: 'forget-me' });
    expect(parseCommand('schedule 09:30 America/New_York mon,wed 90m asyncio hard')).toEqual({
      name: 'schedule',
      time: '09:30',
      timezone: 'America/New_York',
      days: 'mon,wed',
      window: '90m',
      topics: ['asyncio'],
      difficulty: 'hard',
    });
  });

  it('answers unknown words with help instead of failing', () => {
    expect(parseCommand('dance')).toEqual({ name: 'help', unknown: 'dance' });
    expect(parseCommand('leaderboard fastest')).toEqual({ name: 'help', unknown: 'leaderboard fastest' });
  });
});

describe('commands', () => {
  function setup(
    bank = new QuestionBank([
      makeQuestion('a'),
      makeQuestion('b', { topics: ['asyncio'], difficulty: 'hard' }),
      makeQuestion('c'),
    ]),
  ) {
    const adapter = new RecordingAdapter('slack');
    const store = new MemoryStore();
    return { ...makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]), store, bank }), adapter };
  }
  const run = (h: ReturnType<typeof setup>, text: string, isAdmin = false) =>
    h.quiz.command({ channel: CH, caller: me, isAdmin, text });

  it('gives a private practice question, scores the answer, and never touches streaks', async () => {
    const h = setup();
    const asked = await run(h, 'asyncio');
    expect(asked).toMatchObject({ kind: 'practice', visibility: 'private', question: { id: 'b' } });
    const result = await run(h, 'answer I would use a lock and join');
    expect(result).toMatchObject({
      kind: 'practice-result',
      covered: ['Uses a lock', 'Joins the threads'],
      missed: ['Mentions the GIL'],
      answered: true,
    });
    expect(await run(h, 'answer again')).toMatchObject({ kind: 'refusal', code: 'no-practice' });
    expect(await run(h, 'streak')).toMatchObject({ stats: { total: 0, currentStreak: 0 } });
  });

  it('practises only the kind of question asked for: free, choice or output', async () => {
    const options = [
      { text: 'one', correct: true },
      { text: 'two', correct: false, why: 'not two' },
      { text: 'three', correct: false, why: 'not three' },
    ];
    const bank = new QuestionBank([
      makeQuestion('words'),
      makeQuestion('ch-pick', { format: 'choice', options, keyPoints: [] }),
      makeQuestion('out-print', { format: 'output', options, keyPoints: [], program: 'print(1)' }),
    ]);
    const h = setup(bank);
    const ask = async (text: string) => {
      const reply = await h.quiz.command({ channel: CH, caller: me, isAdmin: false, text });
      await h.quiz.practiceReveal(CH, me);
      return reply?.kind === 'practice' ? reply.question.id : reply?.kind;
    };
    for (let i = 0; i < 3; i++) {
      expect(await ask('free')).toBe('words');
      expect(await ask('choice')).toBe('ch-pick');
      expect(await ask('threading output')).toBe('out-print');
    }
    expect(await ask('asyncio choice')).toBe('refusal');
  });

  it('avoids recently practised questions until none are left', async () => {
    const h = setup();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await run(h, 'threading');
      if (reply?.kind === 'practice') seen.push(reply.question.id);
    }
    // Two threading questions: both are asked before either comes back.
    expect(seen).toEqual(['a', 'c', 'a']);
  });

  it('reveals a practice answer on the button, without scoring', async () => {
    const h = setup();
    await run(h, '');
    const reply = await h.quiz.practiceReveal(CH, me);
    expect(reply).toMatchObject({ kind: 'practice-result', answered: false, covered: [] });
  });

  it('refuses an empty practice answer and a filter nothing matches', async () => {
    const h = setup();
    await run(h, '');
    expect(await run(h, 'answer')).toMatchObject({ kind: 'refusal', code: 'empty-answer' });
    expect(await run(h, 'gil')).toMatchObject({ kind: 'refusal', code: 'no-questions' });
  });

  it('shows the open question and answer count in today, and the next post when none is open', async () => {
    const h = setup();
    const empty = await run(h, 'today');
    expect(empty).toMatchObject({ kind: 'today', timezone: 'UTC' });
    expect(empty).not.toHaveProperty('open');
    await run(h, 'post-now', true);
    const post = h.adapter.posts[0]!;
    await h.quiz.threadMessage({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: 'm',
      author: { id: 'U2', name: 'two', isBot: false },
      text: 'x',
    });
    expect(await run(h, 'today')).toMatchObject({
      kind: 'today',
      open: { answers: 1, question: { id: post.view.question.id } },
    });
  });

  it('lists topics with counts and explains a bad schedule', async () => {
    const h = setup();
    expect(await run(h, 'topics')).toMatchObject({
      kind: 'topics',
      topics: [
        { topic: 'threading', count: 2 },
        { topic: 'asyncio', count: 1 },
      ],
      difficulties: { easy: 2, hard: 1 },
    });
    expect(await run(h, 'schedule', true)).toMatchObject({
      kind: 'refusal',
      code: 'invalid-schedule',
      message: expect.stringContaining('Usage'),
    });
    expect(await run(h, 'schedule 9am UTC', true)).toMatchObject({
      kind: 'refusal',
      code: 'invalid-schedule',
      message: expect.stringContaining('HH:MM'),
    });
  });

  it('forgets the caller', async () => {
    const h = setup();
    await run(h, 'post-now', true);
    const post = h.adapter.posts[0]!;
    await h.quiz.threadMessage({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: 'm',
      author: { ...me, isBot: false },
      text: 'lock',
    });
    expect(await run(h, 'forget-me')).toMatchObject({ kind: 'forgotten' });
    expect(await run(h, 'streak')).toMatchObject({ stats: { total: 0 } });
  });

  it('answers "temporarily unavailable" when the store fails', async () => {
    const h = setup();
    h.store.getLeaderboard = async () => {
      throw new QuizError('store-unavailable', 'connection refused');
    };
    expect(await run(h, 'leaderboard')).toMatchObject({ kind: 'refusal', code: 'unavailable' });
  });

  it('does not blame the database for a bug: it says something went wrong on its side', async () => {
    const h = setup();
    h.store.getLeaderboard = async () => {
      throw new TypeError('cannot read properties of undefined');
    };
    expect(await run(h, 'leaderboard')).toMatchObject({
      kind: 'refusal',
      code: 'internal',
      message: expect.stringContaining('went wrong on my side'),
    });
  });
});
