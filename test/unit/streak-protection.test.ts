/**
 * Streak protection through the whole quiz on a fake clock: daily rounds over several weeks, with
 * people going away, missing rounds and spending freezes, read back through `/quiz streak`.
 */
import { describe, expect, it } from 'vitest';
import { renderReveal } from '../../src/adapters/shell/render.ts';
import { planAbsence } from '../../src/core/absence.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply, RevealView } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 November 2026, midnight UTC. */
const START = Date.UTC(2026, 10, 2);

async function setup() {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    settings: { userCommandsPerMinute: 0 },
  });
  h.clock.set(START);
  const command = (user: string, text: string, isAdmin = false): Promise<Reply> =>
    h.quiz.command({ channel: CH, caller: { id: user, name: user }, isAdmin, text }) as Promise<Reply>;
  await command('lead', 'schedule 09:00 UTC daily 4h', true);

  /** Day n (0 = START): the 09:00 round is posted, `answerers` reply, and it is revealed at 13:00. */
  async function day(n: number, answerers: string[]) {
    h.clock.set(START + n * DAY + 9 * HOUR);
    await h.quiz.tick();
    const post = adapter.posts.at(-1);
    if (!post) throw new Error(`no round was posted on day ${n}`);
    h.clock.advance(60_000);
    for (const user of answerers) {
      await h.quiz.threadMessage({
        channel: CH,
        threadId: post.ref.threadId,
        messageId: `${user}-${n}`,
        author: { id: user, name: user, isBot: false },
        text: 'a lock',
      });
    }
    h.clock.set(START + n * DAY + 13 * HOUR + 60_000);
    await h.quiz.tick();
    return adapter.reveals.at(-1)?.view;
  }

  async function days(from: number, to: number, answerers: string[]) {
    for (let n = from; n <= to; n++) await day(n, answerers);
  }

  const streak = async (user: string) => {
    const reply = await command(user, 'streak');
    if (reply.kind !== 'streak') throw new Error(`streak answered ${reply.kind}`);
    return reply;
  };

  /** Sets the clock to the early morning of day n, before its round, as someone typing a command then. */
  const morningOf = (n: number) => h.clock.set(START + n * DAY + 7 * HOUR);

  return { ...h, adapter, command, day, days, streak, morningOf };
}

describe('streak protection', () => {
  it('keeps a streak through a two-week holiday, and the next answer continues it', async () => {
    const h = await setup();
    await h.days(0, 4, ['ann', 'bob']);
    h.morningOf(5);
    expect(await h.command('ann', 'away 14')).toMatchObject({
      kind: 'away',
      visibility: 'private',
      lastDay: 'Fri 20 Nov',
      timezone: 'UTC',
    });
    await h.days(5, 18, []);
    expect((await h.streak('ann')).protection).toMatchObject({ awayUntil: 'Fri 20 Nov' });
    expect((await h.streak('ann')).stats.currentStreak).toBe(5);
    // Bob went too, without saying so: his streak ended with the first round he missed.
    expect((await h.streak('bob')).stats.currentStreak).toBe(0);
    await h.day(19, ['ann', 'bob']);
    expect((await h.streak('ann')).stats).toMatchObject({ currentStreak: 6, bestStreak: 6, total: 6 });
    expect((await h.streak('ann')).protection).toBeUndefined();
    expect((await h.streak('bob')).stats).toMatchObject({ currentStreak: 1, bestStreak: 5 });
  });

  it('counts answers sent while away, and back ends the absence early', async () => {
    const h = await setup();
    h.morningOf(0);
    await h.command('ann', 'away until 2026-11-10');
    await h.days(0, 1, ['ann']);
    expect((await h.streak('ann')).stats.currentStreak).toBe(2);
    h.morningOf(2);
    expect(await h.command('ann', 'back')).toMatchObject({ kind: 'back', wasAway: true });
    expect(await h.command('ann', 'back')).toMatchObject({ kind: 'back', wasAway: false });
    await h.day(2, []);
    expect((await h.streak('ann')).stats.currentStreak).toBe(0);
  });

  it('earns a freeze for 10 answered rounds, spends it on a miss, and resets on the next miss with none left', async () => {
    const h = await setup();
    await h.days(0, 8, ['ann']);
    expect((await h.streak('ann')).protection).toBeUndefined();
    await h.day(9, ['ann']);
    expect((await h.streak('ann')).protection).toEqual({ freezes: 1, freezeUsedLast: false });
    const missed = await h.day(10, []);
    expect(missed?.freezesUsed).toEqual([{ user: { id: 'ann', name: 'ann' }, freezesLeft: 0 }]);
    const after = await h.streak('ann');
    expect(after.stats.currentStreak).toBe(10);
    expect(after.protection).toEqual({ freezes: 0, freezeUsedLast: true });
    const second = await h.day(11, []);
    expect(second?.freezesUsed).toBeUndefined();
    expect((await h.streak('ann')).stats).toMatchObject({ currentStreak: 0, bestStreak: 10 });
  });

  it('keeps at most 2 freezes over several weeks', async () => {
    const h = await setup();
    await h.days(0, 29, ['ann']);
    expect((await h.streak('ann')).protection).toEqual({ freezes: 2, freezeUsedLast: false });
    await h.days(30, 31, []);
    expect((await h.streak('ann')).stats.currentStreak).toBe(30);
    await h.day(32, []);
    expect((await h.streak('ann')).stats.currentStreak).toBe(0);
  });

  it('refuses an absence of 0 or 31 days, a past date and a date it cannot read', async () => {
    const h = await setup();
    h.morningOf(0);
    for (const words of [
      'away 0',
      'away 31',
      'away until 2026-11-01',
      'away until 2026-02-30',
      'away until 12/24',
      'away',
    ]) {
      expect(await h.command('ann', words)).toMatchObject({ kind: 'refusal', code: 'invalid-absence' });
    }
    expect(await h.command('ann', 'away 30')).toMatchObject({ kind: 'away', lastDay: 'Tue 1 Dec' });
    expect(await h.command('ann', 'away until 2026-12-01')).toMatchObject({ kind: 'away' });
    expect(await h.command('ann', 'away until 2026-12-02')).toMatchObject({ kind: 'refusal' });
    expect(await h.command('ann', 'away until 2026-11-02')).toMatchObject({ kind: 'away', lastDay: 'Mon 2 Nov' });
  });

  it('forgets an absence and freezes with forget-me', async () => {
    const h = await setup();
    await h.days(0, 9, ['ann']);
    await h.command('ann', 'away 5');
    await h.command('ann', 'forget-me');
    expect((await h.streak('ann')).protection).toBeUndefined();
  });
});

describe('planning an absence', () => {
  it('counts days in the channel timezone, the last one in full', () => {
    // 23:30 on Monday 2 November in UTC is already Tuesday in Tokyo.
    const now = Date.UTC(2026, 10, 2, 23, 30);
    expect(planAbsence('1', now, 'UTC')).toMatchObject({ ok: true, until: Date.UTC(2026, 10, 3) });
    expect(planAbsence('1', now, 'Asia/Tokyo')).toMatchObject({
      ok: true,
      lastDay: { year: 2026, month: 11, day: 3 },
      until: Date.UTC(2026, 10, 3, 15),
    });
    expect(planAbsence('until 2026-11-02', now, 'Asia/Tokyo')).toMatchObject({ ok: false });
  });

  it('ends at local midnight across a daylight-saving change', () => {
    // Berlin leaves summer time on 25 October 2026: the absence ends at 00:00 CET, 23:00 UTC.
    const plan = planAbsence('until 2026-10-26', Date.UTC(2026, 9, 20, 8), 'Europe/Berlin');
    expect(plan).toMatchObject({ ok: true, days: 7, until: Date.UTC(2026, 9, 26, 23) });
  });
});

describe('the shell reveal', () => {
  const base: RevealView = {
    roundId: 'r1',
    question: { id: 'c', title: 'T', difficulty: 'easy', topics: [], prompt: '', format: 'free' },
    modelAnswer: 'Because.',
    keyPoints: [],
    answers: [],
    listed: [],
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: 0,
    freezesUsed: [{ user: { id: 'U1', name: 'Ana' }, freezesLeft: 1 }],
  };

  it('names who kept a streak with a freeze, under a free-text round and under a button round', () => {
    expect(renderReveal(base).split('\n').at(-1)).toBe('Streaks kept with a freeze: Ana (1 left).');
    const button: RevealView = {
      ...base,
      question: { ...base.question, format: 'choice', options: ['x', 'y'] },
      choice: {
        correct: 0,
        options: [
          { text: 'x', picks: 0 },
          { text: 'y', picks: 0 },
        ],
        right: [],
        total: 0,
      },
    };
    expect(renderReveal(button).split('\n').at(-1)).toBe('Streaks kept with a freeze: Ana (1 left).');
  });
});
