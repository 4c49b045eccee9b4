import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion, mixedBank } from '../support/button-bank.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const lead = { id: 'lead', name: 'Lead' };
const person = (id: string) => ({ id, name: id.toUpperCase() });

function setup(options: { bank?: QuestionBank; store?: Store; settings?: Record<string, number> } = {}) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    bank: options.bank ?? new QuestionBank([buttonQuestion('c1'), makeQuestion('f1')]),
    settings: { userCommandsPerMinute: 0, ...options.settings },
    ...(options.store ? { store: options.store } : {}),
  });
  const command = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  const roundId = () => adapter.posts.at(-1)!.view.roundId;
  const pick = (user: string, option: number) =>
    h.quiz.pick({ channel: CH, caller: person(user), roundId: roundId(), option });
  const reply = (user: string, text: string) =>
    h.quiz.threadMessage({
      channel: CH,
      threadId: adapter.posts.at(-1)!.ref.threadId,
      messageId: `${user}-${h.clock.now()}`,
      author: { ...person(user), isBot: false },
      text,
    });
  return { ...h, adapter, command, roundId, pick, reply };
}

type Setup = ReturnType<typeof setup>;

async function revealNow(s: Setup) {
  s.clock.advance(5 * HOUR);
  await s.quiz.tick();
  return s.adapter.reveals.at(-1)!.view;
}

describe('picks on a round', () => {
  it('confirms a pick privately, lets it change until the reveal, and counts it once', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(s.adapter.posts[0]?.view.question).toMatchObject({ format: 'choice', options: expect.any(Array) });
    expect(await s.pick('ann', 0)).toMatchObject({ kind: 'picked', option: 0, changed: false, visibility: 'private' });
    expect(await s.pick('ann', 1)).toMatchObject({ kind: 'picked', option: 1, changed: true });
    expect(await s.pick('ann', 1)).toMatchObject({ kind: 'picked', option: 1, changed: false });
    expect(await s.store.countAnswers(CH, s.roundId())).toBe(1);
    expect(await s.command('streak', person('ann'), false)).toMatchObject({ stats: { total: 1, currentStreak: 1 } });
  });

  it('refuses an option the question does not have, and a pick after the reveal', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.pick('ann', 3)).toMatchObject({ kind: 'refusal', code: 'no-such-option' });
    expect(await s.pick('ann', -1)).toMatchObject({ kind: 'refusal', code: 'no-such-option' });
    const id = s.roundId();
    await revealNow(s);
    expect(await s.quiz.pick({ channel: CH, caller: person('ann'), roundId: id, option: 1 })).toMatchObject({
      kind: 'refusal',
      code: 'too-late',
    });
  });

  it('refuses a pick on a free-text round', async () => {
    const s = setup();
    await s.command('post-now free');
    expect(await s.pick('ann', 0)).toMatchObject({ kind: 'refusal', code: 'no-such-option' });
  });

  it('takes thread replies in a button round as talk, not answers', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.reply('bob', 'I think it is b')).toBe('ignored');
    expect(await s.store.countAnswers(CH, s.roundId())).toBe(0);
  });

  it('limits a spammed button like commands', async () => {
    const s = setup({ settings: { userCommandsPerMinute: 3 } });
    await s.command('post-now choice');
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await s.pick('ann', i % 3));
    expect(replies.slice(0, 3).map((r) => r.kind)).toEqual(['picked', 'picked', 'picked']);
    expect(replies.slice(3).every((r) => r.kind === 'refusal' && r.code === 'too-many-commands')).toBe(true);
    expect((await s.store.getAnswers(CH, s.roundId()))[0]?.pick).toBe(2);
  });

  it('takes `/quiz pick b` as a pick on the open button round', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.command('pick B', person('ann'), false)).toMatchObject({ kind: 'picked', option: 1 });
    expect(await s.command('pick c', person('ann'), false)).toMatchObject({ kind: 'picked', option: 2, changed: true });
  });
});

describe('the reveal of a button round', () => {
  it('tallies each option, names who was right in pick order, and gives the why of the wrong ones', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.pick('ann', 1);
    s.clock.advance(MIN);
    await s.pick('bob', 2);
    s.clock.advance(MIN);
    await s.pick('cat', 1);
    await s.pick('bob', 1); // bob changes to the right one: still after ann by his first pick
    await s.pick('dan', 0);
    const view = await revealNow(s);
    expect(view.choice).toEqual({
      correct: 1,
      options: [
        { text: 'Always 0', picks: 1, why: 'the threads race on the counter' },
        { text: 'Anything from 1 to 200000', picks: 3 },
        { text: 'Always 200000', picks: 0, why: 'the GIL does not make += atomic' },
      ],
      right: [person('ann'), person('bob'), person('cat')],
      total: 4,
    });
    expect(view.answers).toHaveLength(4);
  });

  it('awards 10 points for a right pick and none for a wrong one, and keeps the streak of both', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.pick('ann', 1);
    await s.pick('bob', 0);
    await revealNow(s);
    expect(await s.command('streak', person('ann'), false)).toMatchObject({
      stats: { points: 10, monthPoints: 10, picks: 1, rightPicks: 1, currentStreak: 1 },
    });
    expect(await s.command('streak', person('bob'), false)).toMatchObject({
      stats: { points: 0, picks: 1, rightPicks: 0, currentStreak: 1 },
    });
  });

  it('tells each picker privately what they picked and whether it was right', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.pick('ann', 1);
    await s.pick('bob', 2);
    const id = s.roundId();
    await revealNow(s);
    expect(await s.quiz.roundFeedback(CH, person('bob'), id)).toMatchObject({
      kind: 'round-feedback',
      pick: { option: 2, correct: 1, why: 'the GIL does not make += atomic' },
      points: 0,
    });
    const ann = await s.command('feedback', person('ann'), false);
    expect(ann).toMatchObject({ kind: 'round-feedback', pick: { option: 1, correct: 1 }, points: 10 });
    expect(ann).not.toHaveProperty('pick.why');
    expect(await s.command('feedback', person('eve'), false)).not.toHaveProperty('pick');
  });
});

describe('points for free-text rounds', () => {
  it('scores round(10 × covered / key points), and a stated misconception forfeits its point', async () => {
    const bank = new QuestionBank([
      makeQuestion('f1', {
        keyPoints: [
          { label: 'Uses a lock', terms: ['lock'] },
          {
            label: 'Mentions the GIL',
            terms: ['gil'],
            wrong: [{ claim: 'the GIL makes it safe', terms: ['gil makes it safe'], truth: 'it does not' }],
          },
          { label: 'Joins the threads', terms: ['join'] },
        ],
      }),
    ]);
    const s = setup({ bank });
    await s.command('post-now');
    await s.reply('ann', 'Take a lock and join them; the GIL matters.');
    await s.reply('bob', 'Take a lock.');
    await s.reply('cat', 'Take a lock; the GIL makes it safe.');
    await revealNow(s);
    const points = async (u: string) =>
      ((await s.command('streak', person(u), false)) as { stats: { points: number } }).stats.points;
    expect(await points('ann')).toBe(10);
    expect(await points('bob')).toBe(3);
    expect(await points('cat')).toBe(3);
    expect(await s.command('streak', person('ann'), false)).toMatchObject({ stats: { picks: 0 } });
  });
});

describe('scoring exactly once', () => {
  it('awards a round once when the process dies between the reveal and the scoring, and the job runs again', async () => {
    const inner = new MemoryStore();
    let crash = true;
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'scoreRound')
          return async (...args: Parameters<MemoryStore['scoreRound']>) => {
            if (crash) {
              crash = false;
              throw new Error('process killed');
            }
            return target.scoreRound(...args);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const s = setup({ store });
    await s.command('post-now choice');
    await s.pick('ann', 1);
    s.clock.advance(5 * HOUR);
    await s.quiz.tick(); // revealed, then "killed" before the points went in
    expect(await inner.getRound(CH, s.roundId())).toMatchObject({ state: 'revealed', announcePending: true });
    expect(await inner.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ points: 0 });
    s.clock.advance(2 * MIN); // the reveal job's lease runs out
    await s.quiz.tick();
    await s.quiz.tick();
    s.clock.advance(2 * MIN);
    await s.quiz.tick();
    expect(await inner.getUserStats(CH, 'ann', '2026-11')).toMatchObject({ points: 10, picks: 1, rightPicks: 1 });
    expect(s.adapter.reveals).toHaveLength(1);
  });
});

describe('picks during a store outage', () => {
  it('queues picks in order with answers, says so, and replays them once the store is back', async () => {
    const flaky = flakyStore(new MemoryStore());
    const s = setup({ store: flaky.store });
    await s.command('post-now choice');
    const first = await s.pick('ann', 0);
    expect(first).toMatchObject({ kind: 'picked' });
    expect(first).not.toHaveProperty('queued');
    flaky.setDown(true);
    expect(await s.pick('ann', 2)).toMatchObject({ kind: 'picked', option: 2, queued: true });
    expect(await s.pick('bob', 1)).toMatchObject({ kind: 'picked', queued: true });
    flaky.setDown(false);
    // Queued behind the others, so ann's last click is not overtaken by her queued one.
    expect(await s.pick('ann', 1)).toMatchObject({ kind: 'picked', queued: true });
    expect(s.quiz.pendingAnswers).toBe(3);
    await s.quiz.tick();
    expect(s.quiz.pendingAnswers).toBe(0);
    const answers = await flaky.store.getAnswers(CH, s.roundId());
    expect(answers.map((a) => [a.userId, a.pick])).toEqual([
      ['ann', 1],
      ['bob', 1],
    ]);
    await revealNow(s);
    expect(await s.command('leaderboard points', person('ann'), false)).toMatchObject({
      board: 'points',
      entries: [
        { userId: 'bob', score: 10 },
        { userId: 'ann', score: 10 },
      ],
    });
  });

  it('counts a pick made during the outage on time, even when the window closed before the replay', async () => {
    const flaky = flakyStore(new MemoryStore());
    const s = setup({ store: flaky.store });
    await s.command('post-now choice');
    flaky.setDown(true);
    expect(await s.pick('ann', 1)).toMatchObject({ queued: true });
    s.clock.advance(5 * HOUR);
    flaky.setDown(false);
    await s.quiz.tick(); // replays first, then reveals
    expect(s.adapter.reveals[0]?.view.choice?.right).toEqual([person('ann')]);
  });

  it('asks to click again when the outage queue is full', async () => {
    const flaky = flakyStore(new MemoryStore());
    const s = setup({ store: flaky.store, settings: { pendingAnswers: 1 } });
    await s.command('post-now choice');
    flaky.setDown(true);
    expect(await s.pick('ann', 1)).toMatchObject({ queued: true });
    expect(await s.pick('bob', 1)).toMatchObject({
      kind: 'refusal',
      code: 'unavailable',
      message: expect.stringContaining('click it again'),
    });
  });
});

describe('practice with button questions', () => {
  const bank = () => new QuestionBank([buttonQuestion('c1')]);

  it('serves the options and judges a pick at once, with the why of a wrong one and the model answer', async () => {
    const s = setup({ bank: bank() });
    const practice = await s.command('', person('ann'), false);
    expect(practice).toMatchObject({ kind: 'practice', question: { id: 'c1', format: 'choice' } });
    expect(practice).toHaveProperty('question.options', ['Always 0', 'Anything from 1 to 200000', 'Always 200000']);
    expect(await s.quiz.practicePick({ channel: CH, caller: person('ann'), questionId: 'c1', option: 2 })).toEqual({
      visibility: 'private',
      kind: 'practice-pick-result',
      question: expect.objectContaining({ id: 'c1' }),
      option: 2,
      correct: 1,
      why: 'the GIL does not make += atomic',
      modelAnswer: expect.stringContaining('Model answer for c1'),
    });
    // The question is over: a second click finds none open.
    expect(
      await s.quiz.practicePick({ channel: CH, caller: person('ann'), questionId: 'c1', option: 1 }),
    ).toMatchObject({ kind: 'refusal', code: 'no-practice' });
  });

  it('takes `/quiz answer b` and `/quiz pick b` as picks, and refuses words or an old button', async () => {
    const s = setup({ bank: bank() });
    await s.command('', person('ann'), false);
    expect(await s.command('answer I think a lock', person('ann'), false)).toMatchObject({
      kind: 'refusal',
      code: 'no-such-option',
    });
    expect(
      await s.quiz.practicePick({ channel: CH, caller: person('ann'), questionId: 'old', option: 1 }),
    ).toMatchObject({ kind: 'refusal', code: 'no-practice' });
    const right = await s.command('answer B', person('ann'), false);
    expect(right).toMatchObject({ kind: 'practice-pick-result', option: 1, correct: 1 });
    expect(right).not.toHaveProperty('why');
    await s.command('', person('ann'), false);
    expect(await s.command('pick a', person('ann'), false)).toMatchObject({ kind: 'practice-pick-result', option: 0 });
    expect(await s.command('pick a', person('ann'), false)).toMatchObject({ kind: 'refusal', code: 'no-round-open' });
  });

  it('names the right option when a button practice question is revealed without a pick', async () => {
    const s = setup({ bank: bank() });
    await s.command('', person('ann'), false);
    expect(await s.quiz.practiceReveal(CH, person('ann'), 'c1')).toMatchObject({
      kind: 'practice-result',
      answered: false,
      correct: 1,
    });
  });

  it('does not touch channel stats', async () => {
    const s = setup({ bank: bank() });
    await s.command('', person('ann'), false);
    await s.quiz.practicePick({ channel: CH, caller: person('ann'), questionId: 'c1', option: 1 });
    expect(await s.store.getUserStats(CH, 'ann', '2026-11')).toBeNull();
  });
});

describe('the points boards', () => {
  it('ranks points all time and this month, and the streak reply carries them', async () => {
    const s = setup({ bank: mixedBank(1, 2) });
    await s.command('post-now choice');
    await s.pick('ann', 1);
    await s.pick('bob', 1);
    await revealNow(s);
    await s.command('post-now choice');
    await s.pick('ann', 1);
    await s.pick('bob', 0);
    await revealNow(s);
    const all = await s.command('leaderboard points', person('bob'), false);
    expect(all).toMatchObject({
      kind: 'leaderboard',
      board: 'points',
      entries: [
        { userId: 'ann', score: 20, rank: 1 },
        { userId: 'bob', score: 10, rank: 2 },
      ],
    });
    expect(await s.command('top points month', person('bob'), false)).toMatchObject({
      board: 'points-month',
      month: '2026-11',
      entries: [{ userId: 'ann' }, { userId: 'bob' }],
    });
    expect(await s.command('streak', person('bob'), false)).toMatchObject({
      stats: { points: 10, picks: 2, rightPicks: 1, currentStreak: 2 },
    });
  });
});
