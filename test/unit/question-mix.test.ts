import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { buttonQuestion, mixedBank } from '../support/button-bank.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const lead = { id: 'lead', name: 'Lead' };

function setup(bank: QuestionBank) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    bank,
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string) => h.quiz.command({ channel: CH, caller: lead, isAdmin: true, text });
  /** Runs `count` scheduled days and returns the question ids posted, in order. */
  const days = async (count: number) => {
    for (let i = 0; i < count; i++) {
      h.clock.advance(24 * HOUR);
      await h.quiz.tick();
    }
    return adapter.posts.map((p) => p.view.question.id);
  };
  return { ...h, adapter, command, days };
}

const kinds = (ids: string[]) => ids.map((id) => id[0]).join('');

describe('the format mix of a channel', () => {
  it('alternates free-text and button questions by default, and repeats none until the bank is used up', async () => {
    const s = setup(mixedBank(3, 3));
    await s.command('schedule 08:00 UTC daily');
    const ids = await s.days(6);
    expect(kinds(ids)).toMatch(/^(cf){3}$|^(fc){3}$/);
    expect(new Set(ids).size).toBe(6);
    const next = await s.days(6);
    expect(new Set(next.slice(6)).size).toBe(6);
  });

  it('falls back to the other kind when one is used up, then starts over', async () => {
    const s = setup(mixedBank(1, 3));
    await s.command('schedule 08:00 UTC daily');
    const ids = await s.days(4);
    expect(ids.slice().sort()).toEqual(['c1', 'c2', 'c3', 'f1']);
    expect(kinds(ids.slice(0, 2))).toMatch(/cf|fc/);
  });

  it('asks only the kind a strict schedule names, and the other only when that kind matches nothing', async () => {
    const s = setup(mixedBank(2, 2));
    expect(await s.command('schedule 08:00 UTC daily format choice')).toMatchObject({
      kind: 'scheduled',
      schedule: { format: 'choice' },
    });
    expect(kinds(await s.days(4))).toBe('cccc');
    const free = setup(mixedBank(2, 2));
    await free.command('schedule 08:00 UTC daily free');
    expect(kinds(await free.days(3))).toBe('fff');
    const onlyButtons = setup(new QuestionBank([buttonQuestion('c1'), buttonQuestion('c2')]));
    await onlyButtons.command('schedule 08:00 UTC daily format free');
    expect(kinds(await onlyButtons.days(2))).toBe('cc');
  });

  it('counts output questions as button questions, and honours topic filters first', async () => {
    const bank = new QuestionBank([
      makeQuestion('f1', { topics: ['asyncio'] }),
      makeQuestion('f2', { topics: ['gil'] }),
      buttonQuestion('o1', { format: 'output', topics: ['asyncio'] }),
      buttonQuestion('c1', { topics: ['gil'] }),
    ]);
    const s = setup(bank);
    await s.command('schedule 08:00 UTC daily asyncio format choice');
    expect(await s.days(2)).toEqual(['o1', 'o1']);
  });

  it('posts the kind post-now asks for, and refuses clearly when none fits', async () => {
    const s = setup(new QuestionBank([makeQuestion('f1'), buttonQuestion('c1')]));
    expect(await s.command('post-now output')).toMatchObject({
      kind: 'refusal',
      code: 'no-questions',
      message: expect.stringContaining('predict-the-output'),
    });
    expect(await s.command('post-now choice')).toMatchObject({ kind: 'posted' });
    expect(s.adapter.posts.at(-1)?.view.question.id).toBe('c1');
    await s.command('reveal-now');
    // c1 was asked in this cycle and f1 was not: asking for a choice question again is refused.
    expect(await s.command('post-now choice')).toMatchObject({ kind: 'refusal', code: 'no-questions' });
    expect(await s.command('post-now free')).toMatchObject({ kind: 'posted' });
    expect(s.adapter.posts.at(-1)?.view.question.id).toBe('f1');
  });
});

describe('the filters of a channel', () => {
  it('ask only questions of the scheduled difficulty', async () => {
    const s = setup(
      new QuestionBank([
        makeQuestion('e1'),
        makeQuestion('h1', { difficulty: 'hard' }),
        makeQuestion('e2'),
        makeQuestion('h2', { difficulty: 'hard' }),
      ]),
    );
    await s.command('schedule 08:00 UTC daily threading hard');
    expect((await s.days(4)).sort()).toEqual(['h1', 'h1', 'h2', 'h2']);
  });

  it('give way to the whole bank, with a warning, once no question of the bank matches them any more', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const adapters = new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]);
    const before = makeQuiz({
      adapters,
      store,
      clock,
      bank: new QuestionBank([makeQuestion('a1', { topics: ['asyncio'] })]),
    });
    await before.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: 'schedule 09:00 UTC daily asyncio' });
    // A new version of the bank drops the channel's only asyncio question.
    const logger = new RecordingLogger();
    const adapter = new RecordingAdapter('shell');
    const after = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
      store,
      clock,
      logger,
      bank: new QuestionBank([makeQuestion('t1')]),
    });
    clock.advance(HOUR);
    await after.quiz.tick();
    expect(adapter.posts.map((p) => p.view.question.id)).toEqual(['t1']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'no question matches the channel filters; using the whole bank',
        context: expect.objectContaining({ channel: CH, topics: ['asyncio'] }),
      }),
    );
  });
});

describe('a post-now of one kind once the whole bank was asked', () => {
  it('starts the new cycle with a question of that kind', async () => {
    const s = setup(new QuestionBank([makeQuestion('f1'), buttonQuestion('c1')]));
    await s.command('post-now choice');
    await s.command('reveal-now');
    await s.command('post-now free');
    await s.command('reveal-now');
    expect(await s.command('post-now choice')).toMatchObject({ kind: 'posted' });
    expect(s.adapter.posts.map((p) => p.view.question.id)).toEqual(['c1', 'f1', 'c1']);
  });
});

describe('a channel without filters', () => {
  it('is asked from the whole bank without a warning about its filters', async () => {
    const logger = new RecordingLogger();
    const adapter = new RecordingAdapter('shell');
    const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), logger });
    await h.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: 'post-now' });
    expect(adapter.posts).toHaveLength(1);
    expect(logger.text()).not.toContain('no question matches the channel filters');
  });
});

describe('a channel whose last question has left the bank', () => {
  it('still gets its next question', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const first = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
      store,
      clock,
      bank: new QuestionBank([buttonQuestion('gone')]),
    });
    await first.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: 'post-now' });
    await first.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: 'reveal-now' });
    const adapter = new RecordingAdapter('shell');
    const next = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
      store,
      clock,
      bank: mixedBank(1, 1),
    });
    expect(await next.quiz.command({ channel: CH, caller: lead, isAdmin: true, text: 'post-now' })).toMatchObject({
      kind: 'posted',
    });
    expect(adapter.posts).toHaveLength(1);
  });
});
