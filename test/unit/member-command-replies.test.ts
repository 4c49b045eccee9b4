/**
 * What a member reads back from help, streak, leaderboard, pick, today and away, and the usage
 * refusals of the commands that need a word they left out.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Person, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'slack:C1';
const lead = { id: 'lead', name: 'Lead' };
const ann = { id: 'ann', name: 'Ann' };
const HOUR = 3_600_000;

const BANK = () => new QuestionBank([makeQuestion('free-1'), buttonQuestion('pick-1')]);

function setup(bank = BANK(), store = new MemoryStore()) {
  const adapter = new RecordingAdapter('slack');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
    bank,
    store,
    settings: { userCommandsPerMinute: 0 },
  });
  const run = (text: string, caller: Person = ann, extra: { isAdmin?: boolean; target?: Person } = {}) =>
    h.quiz.command({ channel: CH, caller, isAdmin: extra.isAdmin ?? false, text, ...extra }) as Promise<Reply>;
  const admin = (text: string) => run(text, lead, { isAdmin: true });
  /** `user` answers the open round in its thread. */
  const answer = (user: Person, text = 'a lock') => {
    const post = adapter.posts.at(-1)!;
    return h.quiz.threadMessage({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: `${user.id}-${h.clock.now()}`,
      author: { ...user, isBot: false },
      text,
    });
  };
  return { ...h, adapter, run, admin, answer };
}

describe('/quiz help', () => {
  it('answers privately, with the admin commands only for an admin', async () => {
    const h = setup();
    expect(await h.run('help')).toEqual({ visibility: 'private', kind: 'help', isAdmin: false });
    expect(await h.admin('help')).toEqual({ visibility: 'private', kind: 'help', isAdmin: true });
  });

  it('repeats a line it did not understand', async () => {
    expect(await setup().run('dance now')).toEqual({
      visibility: 'private',
      kind: 'help',
      isAdmin: false,
      unknown: 'dance now',
    });
  });
});

describe('/quiz streak', () => {
  it('shows a newcomer their own empty streak privately, under their own name', async () => {
    expect(await setup().run('streak')).toEqual({
      visibility: 'private',
      kind: 'streak',
      user: ann,
      self: true,
      stats: {
        userId: 'ann',
        name: 'Ann',
        currentStreak: 0,
        bestStreak: 0,
        total: 0,
        month: 0,
        points: 0,
        monthPoints: 0,
        picks: 0,
        rightPicks: 0,
      },
    });
  });

  it('shows someone else’s streak under the name they answered with', async () => {
    const h = setup();
    await h.admin('post-now free');
    await h.answer(ann);
    await h.admin('reveal-now');
    const reply = await h.run('streak ann', lead);
    expect(reply).toMatchObject({
      kind: 'streak',
      user: { id: 'ann', name: 'Ann' },
      self: false,
      stats: { total: 1, currentStreak: 1 },
    });
  });

  it('shows a mentioned member who never answered under the name the platform gave', async () => {
    const nine = { id: 'U9', name: 'Nine' };
    expect(await setup().run('streak', ann, { target: nine })).toMatchObject({
      kind: 'streak',
      user: nine,
      self: false,
      stats: { userId: 'U9', total: 0 },
    });
  });

  it('counts this month’s answers in the channel’s timezone', async () => {
    const h = setup();
    // Monday 30 November, 20:00 UTC: already 1 December in Auckland (UTC+13).
    h.clock.set(Date.UTC(2026, 10, 30, 20, 0));
    await h.admin('post-now free');
    await h.answer(ann);
    await h.admin('reveal-now');
    expect(await h.run('streak')).toMatchObject({ stats: { total: 1, month: 1 } });
    await h.admin('schedule 09:00 Pacific/Auckland');
    expect(await h.run('streak')).toMatchObject({ stats: { total: 1, month: 0 } });
  });
});

describe('/quiz leaderboard', () => {
  it('reads `points month` as this month’s points, `total month` as this month’s answers', async () => {
    const h = setup();
    expect(await h.run('leaderboard points month')).toMatchObject({ kind: 'leaderboard', board: 'points-month' });
    expect(await h.run('leaderboard total month')).toMatchObject({ board: 'month' });
    expect(await h.run('leaderboard streak month')).toMatchObject({ board: 'streak' });
    expect(await h.run('leaderboard points')).toMatchObject({ board: 'points' });
    expect(await h.run('leaderboard')).toMatchObject({ visibility: 'private', board: 'streak' });
  });

  it('names the month of the channel’s timezone', async () => {
    const h = setup();
    h.clock.set(Date.UTC(2026, 10, 30, 20, 0));
    expect(await h.run('leaderboard month')).toMatchObject({ month: '2026-11' });
    await h.admin('schedule 09:00 Pacific/Auckland');
    expect(await h.run('leaderboard month')).toMatchObject({ month: '2026-12' });
  });
});

describe('/quiz away', () => {
  it('counts the days in UTC when the channel has no schedule, and in its timezone when it has one', async () => {
    const h = setup();
    // Monday 23 November 08:00 UTC; in Auckland it is already 21:00 that evening.
    expect(await h.run('away 1')).toEqual({
      visibility: 'private',
      kind: 'away',
      lastDay: 'Mon 23 Nov',
      timezone: 'UTC',
    });
    await h.admin('schedule 09:00 Pacific/Auckland');
    expect(await h.run('away 1')).toMatchObject({ lastDay: 'Mon 23 Nov', timezone: 'Pacific/Auckland' });
    h.clock.set(MONDAY_0800_UTC + 4 * HOUR);
    expect(await h.run('away 1')).toMatchObject({ lastDay: 'Tue 24 Nov', timezone: 'Pacific/Auckland' });
  });
});

describe('/quiz pick', () => {
  it('shows its usage when no letter is given', async () => {
    expect(await setup().run('pick')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-option',
      message: 'Usage: `/quiz pick a|b|c|d|e`, for example `/quiz pick b`.',
    });
  });

  it('says there is nothing to pick on when only a free-text question is open and no practice one', async () => {
    const h = setup();
    await h.admin('post-now free');
    expect(await h.run('pick b')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-round-open',
      message:
        'There is no question with options to pick here right now: no button question is open in this channel, and you have no practice one. Type `/quiz` for a practice question.',
    });
  });

  it('picks on the caller’s practice question while the channel’s open question is a free-text one', async () => {
    const h = setup();
    await h.admin('post-now free');
    expect(await h.run('choice')).toMatchObject({ kind: 'practice', question: { id: 'pick-1' } });
    expect(await h.run('pick b')).toMatchObject({ kind: 'practice-pick-result', option: 1, correct: 1 });
  });

  it('picks on the open button round, not on the caller’s practice question', async () => {
    const h = setup(new QuestionBank([buttonQuestion('pick-1'), buttonQuestion('pick-2')]));
    expect(await h.run('')).toMatchObject({ kind: 'practice' });
    await h.admin('post-now');
    expect(await h.run('pick c')).toMatchObject({ kind: 'picked', option: 2, changed: false });
  });
});

describe('/quiz pick when the open question has left the bank', () => {
  it('says there is nothing to pick on instead of failing', async () => {
    const store = new MemoryStore();
    await setup(new QuestionBank([buttonQuestion('pick-1')]), store).admin('post-now');
    // A deploy removed the question's file while its round was open.
    const after = setup(new QuestionBank([makeQuestion('free-1')]), store);
    expect(await after.run('pick b')).toMatchObject({ kind: 'refusal', code: 'no-round-open' });
  });
});

describe('practice questions', () => {
  it('keeps each member’s practice question apart', async () => {
    const h = setup(new QuestionBank([makeQuestion('free-1'), makeQuestion('free-2')]));
    const bob = { id: 'bob', name: 'Bob' };
    expect(await h.run('free')).toMatchObject({ kind: 'practice' });
    expect(await h.run('free', bob)).toMatchObject({ kind: 'practice' });
    expect(await h.run('answer a lock')).toMatchObject({ kind: 'practice-result' });
    expect(await h.run('answer join them', bob)).toMatchObject({ kind: 'practice-result' });
  });
});

describe('/quiz today', () => {
  it('says only the timezone when nothing is scheduled or open', async () => {
    expect(await setup().run('today')).toEqual({ visibility: 'private', kind: 'today', timezone: 'UTC' });
  });

  it('gives the next post of the schedule, in its timezone', async () => {
    const h = setup();
    await h.admin('schedule 09:00 Europe/Berlin');
    expect(await h.run('today')).toEqual({
      visibility: 'private',
      kind: 'today',
      timezone: 'Europe/Berlin',
      // Monday 08:00 UTC is 09:00 in Berlin: the next post is Tuesday's.
      nextPostAt: Date.UTC(2026, 10, 24, 8, 0),
    });
  });

  it('shows the open question in the timezone it was posted for, even after the schedule moved', async () => {
    const h = setup();
    await h.admin('schedule 09:00 Asia/Tokyo');
    await h.admin('post-now free');
    await h.answer(ann);
    await h.admin('schedule 09:00 Europe/Berlin');
    expect(await h.run('today')).toEqual({
      visibility: 'private',
      kind: 'today',
      open: {
        question: expect.objectContaining({ id: 'free-1' }),
        revealAt: MONDAY_0800_UTC + 4 * HOUR,
        answers: 1,
      },
      timezone: 'Asia/Tokyo',
      nextPostAt: Date.UTC(2026, 10, 24, 8, 0),
    });
  });

  it('still answers when the open question has left the bank since it was posted', async () => {
    const store = new MemoryStore();
    const before = setup(BANK(), store);
    await before.admin('post-now free');
    // A deploy removed the question's file while its round was open.
    const after = setup(new QuestionBank([buttonQuestion('pick-1')]), store);
    expect(await after.run('today')).toEqual({ visibility: 'private', kind: 'today', timezone: 'UTC' });
  });
});

describe('commands that need an id', () => {
  it('show their usage when it is left out', async () => {
    const h = setup();
    expect(await h.admin('suggestions approve')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-suggestion',
      message:
        'Usage: `/quiz suggestions approve|reject <id> [reason]`, for example `/quiz suggestions reject team-3 already asked`.',
    });
    expect(await h.admin('retire')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-suggestion',
      message: 'Usage: `/quiz retire <id>`, for example `/quiz retire team-3`.',
    });
  });
});
