import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeQuiz, MONDAY_0800_UTC, type QuizHarness } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const admin = { id: 'lead', name: 'Lead' };

function harness(store = new MemoryStore(), clock = new FakeClock(MONDAY_0800_UTC)) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), store, clock });
  return { ...h, adapter };
}

async function command(h: QuizHarness, text: string, caller = admin, isAdmin = true) {
  return h.quiz.command({ channel: CH, caller, isAdmin, text });
}

async function reply(
  h: QuizHarness & { adapter: RecordingAdapter },
  user: string,
  text: string | null,
  messageId = `${user}-${h.clock.now()}`,
) {
  const post = h.adapter.posts.at(-1)!;
  return h.quiz.threadMessage({
    channel: CH,
    threadId: post.ref.threadId,
    messageId,
    author: { id: user, name: user, isBot: false },
    text,
  });
}

describe('rounds', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('posts on schedule, collects replies, and reveals with key-point feedback when the window closes', async () => {
    expect(await command(h, 'schedule 09:00 Europe/Berlin weekdays 4h')).toMatchObject({
      kind: 'scheduled',
      nextPostAt: MONDAY_0800_UTC + 24 * HOUR,
    });
    h.clock.advance(24 * HOUR); // Tuesday 09:00 Berlin
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
    expect(h.adapter.posts[0]?.view.revealAt).toBe(h.clock.now() + 4 * HOUR);
    h.clock.advance(MIN);
    expect(await reply(h, 'ann', 'Take a lock and join the threads.')).toBe('recorded');
    expect(await reply(h, 'bob', 'No idea')).toBe('recorded');
    h.clock.advance(4 * HOUR);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
    const view = h.adapter.reveals[0]!.view;
    expect(view.answers).toEqual([
      { user: { id: 'ann', name: 'ann' }, covered: ['Uses a lock', 'Joins the threads'], missed: ['Mentions the GIL'] },
      {
        user: { id: 'bob', name: 'bob' },
        covered: [],
        missed: ['Uses a lock', 'Mentions the GIL', 'Joins the threads'],
      },
    ]);
    expect(view.feedbackAvailable).toBe(true);
  });

  it('counts a first reply only, ignores bots and empty replies, and marks late replies', async () => {
    await command(h, 'post-now');
    expect(await reply(h, 'ann', 'a lock')).toBe('recorded');
    expect(await reply(h, 'ann', 'second thoughts')).toBe('duplicate');
    expect(await reply(h, 'cat', '   ')).toBe('ignored');
    const post = h.adapter.posts[0]!;
    const fromBot = await h.quiz.threadMessage({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: 'b1',
      author: { id: 'bot', name: 'bot', isBot: true },
      text: 'lock',
    });
    expect(fromBot).toBe('ignored');
    await command(h, 'reveal-now');
    expect(await reply(h, 'dan', 'a lock, finally')).toBe('late');
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
  });

  it('treats a reply after the window but before the reveal job ran as late', async () => {
    await command(h, 'post-now');
    h.clock.advance(4 * HOUR);
    expect(await reply(h, 'ann', 'a lock')).toBe('late');
  });

  it('uses the edited text of the counted reply at the reveal', async () => {
    await command(h, 'post-now');
    await reply(h, 'ann', 'not sure', 'm1');
    const post = h.adapter.posts[0]!;
    await h.quiz.threadMessageEdited({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: 'm1',
      author: { id: 'ann', name: 'ann', isBot: false },
      text: 'use the GIL and a lock',
    });
    await command(h, 'reveal-now');
    expect(h.adapter.reveals[0]?.view.answers[0]?.covered).toEqual(['Uses a lock', 'Mentions the GIL']);
  });

  it('ignores an edit made after the window closed, even before the reveal job ran', async () => {
    await command(h, 'post-now');
    await reply(h, 'ann', 'not sure', 'm1');
    const post = h.adapter.posts[0]!;
    h.clock.advance(4 * HOUR);
    await h.quiz.threadMessageEdited({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: 'm1',
      author: { id: 'ann', name: 'ann', isBot: false },
      text: 'use the GIL and a lock',
    });
    await h.quiz.tick();
    expect(h.adapter.reveals[0]?.view.answers[0]?.covered).toEqual([]);
  });

  it('counts answers whose text the platform withheld and turns feedback off', async () => {
    await command(h, 'post-now');
    expect(await reply(h, 'ann', null)).toBe('recorded');
    await command(h, 'reveal-now');
    expect(h.adapter.reveals[0]?.view.feedbackAvailable).toBe(false);
  });

  it('refuses a schedule whose topic and difficulty match no question, and counts the matches otherwise', async () => {
    const refused = await command(h, 'schedule 09:00 UTC daily asyncio hard');
    expect(refused).toMatchObject({
      kind: 'refusal',
      code: 'invalid-schedule',
      message: expect.stringContaining('No question matches asyncio, hard'),
    });
    expect(await h.store.getSchedule(CH)).toBeNull();
    expect(await command(h, 'schedule 09:00 UTC daily threading easy')).toMatchObject({
      kind: 'scheduled',
      matchingQuestions: 5,
    });
    expect(await command(h, 'schedule 09:00 UTC daily')).not.toHaveProperty('matchingQuestions');
  });

  it('refuses a second manual post while a round is open', async () => {
    await command(h, 'post-now');
    expect(await command(h, 'post-now')).toMatchObject({ kind: 'refusal', code: 'round-already-open' });
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('explains a post the platform refused, and posts the same round on the next post-now', async () => {
    h.adapter.failNextPost = true;
    expect(await command(h, 'post-now')).toMatchObject({
      kind: 'refusal',
      code: 'post-failed',
      message: expect.stringContaining('could not post'),
    });
    const orphan = await h.store.getOpenRound(CH);
    expect(await command(h, 'post-now')).toMatchObject({ kind: 'posted', roundId: orphan?.id });
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('settles the round when the reveal cannot be posted, and posts the reveal once the platform is back', async () => {
    await command(h, 'post-now');
    await reply(h, 'ann', 'lock');
    h.adapter.failNextReveal = true;
    expect(await command(h, 'reveal-now')).toMatchObject({ kind: 'revealed', answers: 1 });
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(h.adapter.reveals).toHaveLength(0);
    // The reveal job comes due again after a lease and posts the same reveal, once.
    h.clock.advance(MIN);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
    h.clock.advance(10 * MIN);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
    expect(h.adapter.reveals[0]?.view.answers).toEqual([expect.objectContaining({ user: { id: 'ann', name: 'ann' } })]);
    expect(h.adapter.warnings).toEqual([]);
    // Its original reveal time passes later without a second reveal.
    h.clock.advance(5 * HOUR);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
  });

  it('gives up on a reveal the channel refuses for good, and warns the channel once', async () => {
    await command(h, 'post-now');
    h.adapter.refuseNextReveal = true;
    await command(h, 'reveal-now');
    for (let i = 0; i < 10; i++) {
      h.clock.advance(HOUR);
      await h.quiz.tick();
    }
    expect(h.adapter.reveals).toHaveLength(0);
    expect(h.adapter.warnings).toEqual([
      { channel: 'team', message: expect.stringContaining('could not post the answer') },
    ]);
  });

  it('retries a reveal through an outage for a day, then gives up and says so', async () => {
    await command(h, 'post-now');
    h.adapter.failAllReveals = true;
    h.clock.advance(4 * HOUR);
    const revealAt = h.clock.now();
    const attemptTimes: number[] = [];
    for (let i = 0; i < 26 * 60; i++) {
      const before = h.adapter.revealAttempts;
      await h.quiz.tick();
      if (h.adapter.revealAttempts > before) attemptTimes.push(h.clock.now() - revealAt);
      h.clock.advance(MIN);
    }
    // Once a lease (60 s) from the reveal time, for a day, and never after.
    expect(attemptTimes).toEqual(Array.from({ length: 24 * 60 + 1 }, (_, i) => i * MIN));
    expect(h.adapter.warnings).toHaveLength(1);
    const attempts = h.adapter.revealAttempts;
    h.clock.advance(HOUR);
    await h.quiz.tick();
    expect(h.adapter.revealAttempts).toBe(attempts);
  });

  it('keeps admin commands for admins', async () => {
    for (const text of ['schedule 09:00 UTC', 'unschedule', 'post-now', 'reveal-now']) {
      expect(await command(h, text, { id: 'eve', name: 'eve' }, false)).toMatchObject({
        kind: 'refusal',
        code: 'not-admin',
      });
    }
    expect(h.adapter.posts).toHaveLength(0);
  });
});

describe('durable timers', () => {
  it('reveals an overdue round at once after a restart', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const before = harness(store, clock);
    await command(before, 'post-now');
    await reply(before, 'ann', 'lock');
    // The process dies; it comes back six hours later with the same store.
    clock.advance(6 * HOUR);
    const after = harness(store, clock);
    await after.quiz.tick();
    expect(after.adapter.reveals).toHaveLength(1);
    expect(after.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
  });

  it('makes a post missed while down if its window is still open, and skips it otherwise', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC - HOUR);
    const h = harness(store, clock);
    await command(h, 'schedule 09:00 Europe/Berlin weekdays 2h');
    clock.advance(2 * HOUR); // came back one hour into Monday's window
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
    expect(h.adapter.posts[0]?.view.revealAt).toBe(MONDAY_0800_UTC + 2 * HOUR);
    clock.advance(HOUR);
    await h.quiz.tick(); // reveal
    clock.set(MONDAY_0800_UTC + 24 * HOUR + 3 * HOUR); // down through Tuesday's whole window
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
    expect(await store.jobDueAt({ kind: 'post', channel: CH })).toBe(MONDAY_0800_UTC + 48 * HOUR);
  });

  it('posts the round a dead process opened but never posted, instead of revealing it', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC - HOUR);
    const dead = harness(store, clock);
    await command(dead, 'schedule 09:00 UTC weekdays 2h');
    clock.set(Date.UTC(2026, 10, 23, 9, 0));
    dead.adapter.failNextPost = true; // it opened the round, then died before the post landed
    await dead.quiz.tick();
    const alive = harness(store, clock);
    clock.advance(2 * MIN);
    await alive.quiz.tick();
    expect(alive.adapter.posts).toHaveLength(1);
    expect(await reply(alive, 'ann', 'lock')).toBe('recorded');
    expect(await store.getOpenRound(CH)).toMatchObject({ id: `r${Date.UTC(2026, 10, 23, 9, 0)}`, seq: 1 });
  });

  it('lets only one of two processes reveal a round', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const one = harness(store, clock);
    const two = harness(store, clock);
    await command(one, 'post-now');
    clock.advance(5 * HOUR);
    await Promise.all([one.quiz.tick(), two.quiz.tick(), command(two, 'reveal-now')]);
    expect(one.adapter.reveals.length + two.adapter.reveals.length).toBe(1);
  });

  it('tries a channel that refuses the bot once per scheduled day, and leaves streaks alone', async () => {
    const h = harness();
    await command(h, 'schedule 09:00 UTC weekdays 4h');
    const day = (d: number) => Date.UTC(2026, 10, d, 9, 0);
    h.clock.set(day(24));
    await h.quiz.tick();
    h.clock.advance(MIN);
    await reply(h, 'ann', 'lock');
    h.adapter.refuseAllPosts = true;
    // Tuesday's window ticks by the minute, then Wednesday's morning comes.
    for (let t = day(24) + 4 * HOUR; t <= day(25) + 5 * HOUR; t += MIN) {
      h.clock.set(t);
      await h.quiz.tick();
    }
    expect(h.adapter.postAttempts).toBe(2);
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(await command(h, 'streak', { id: 'ann', name: 'ann' }, false)).toMatchObject({
      stats: { currentStreak: 1 },
    });
    h.adapter.refuseAllPosts = false;
    h.clock.set(day(26));
    await h.quiz.tick();
    h.clock.advance(MIN);
    await reply(h, 'ann', 'lock');
    expect(await command(h, 'streak', { id: 'ann', name: 'ann' }, false)).toMatchObject({
      stats: { currentStreak: 2, bestStreak: 2 },
    });
  });

  it('retries a post through an outage, and cancels the round unseen if the window closes first', async () => {
    const h = harness();
    await command(h, 'schedule 09:00 UTC weekdays 4h');
    h.clock.set(Date.UTC(2026, 10, 24, 9, 0));
    await h.quiz.tick();
    h.clock.advance(MIN);
    await reply(h, 'ann', 'lock');
    h.adapter.failAllPosts = true;
    const wednesday = Date.UTC(2026, 10, 25, 9, 0);
    const attemptTimes: number[] = [];
    for (let t = wednesday; t <= wednesday + 5 * HOUR; t += MIN) {
      h.clock.set(t);
      const before = h.adapter.postAttempts;
      await h.quiz.tick();
      if (h.adapter.postAttempts > before) attemptTimes.push(t - wednesday);
    }
    // Once per lease (60 s) through the four-hour window, and never after it.
    expect(attemptTimes).toEqual(Array.from({ length: 4 * 60 }, (_, i) => i * MIN));
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(h.adapter.reveals).toHaveLength(1);
    expect(await command(h, 'streak', { id: 'ann', name: 'ann' }, false)).toMatchObject({
      stats: { currentStreak: 1 },
    });
  });

  it('says so when post-now is refused for good, and leaves no round open behind', async () => {
    const h = harness();
    h.adapter.refuseAllPosts = true;
    expect(await command(h, 'post-now')).toMatchObject({
      kind: 'refusal',
      code: 'post-failed',
      message: expect.stringContaining('I cannot post in this channel'),
    });
    expect(await h.store.getOpenRound(CH)).toBeNull();
    h.adapter.refuseAllPosts = false;
    expect(await command(h, 'post-now')).toMatchObject({ kind: 'posted' });
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('retries a post that failed, after the lease', async () => {
    const h = harness();
    await command(h, 'schedule 09:00 UTC weekdays 4h');
    h.clock.set(Date.UTC(2026, 10, 24, 9, 0));
    h.adapter.failNextPost = true;
    const first = await h.quiz.tick();
    expect(first.failed).toBe(1);
    expect(h.adapter.posts).toHaveLength(0);
    h.clock.advance(MIN - 1);
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(0);
    h.clock.advance(1);
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
  });
});

describe('question rotation through the quiz', () => {
  it('asks every question once per cycle, and never repeats the last question across cycles', async () => {
    // One admin runs 900 commands here: the per-user command limit is not what this test is about.
    const adapter = new RecordingAdapter('shell');
    const h = {
      ...makeQuiz({
        adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
        clock: new FakeClock(MONDAY_0800_UTC),
        settings: { userCommandsPerMinute: 0 },
      }),
      adapter,
    };
    const channels = Array.from({ length: 30 }, (_, i) => `shell:team-${i}` as ChannelId);
    for (const channel of channels) {
      for (let round = 0; round < 15; round++) {
        await h.quiz.command({ channel, caller: admin, isAdmin: true, text: 'post-now' });
        await h.quiz.command({ channel, caller: admin, isAdmin: true, text: 'reveal-now' });
      }
    }
    const bankSize = h.bank.questions.length;
    for (const channel of channels) {
      const asked = h.adapter.posts.filter((p) => p.channel === channel.slice('shell:'.length));
      const ids = asked.map((p) => p.view.question.id);
      expect(ids).toHaveLength(15);
      for (let start = 0; start < ids.length; start += bankSize) {
        expect(new Set(ids.slice(start, start + bankSize)).size).toBe(bankSize);
        if (start > 0) expect(ids[start], `${channel} at round ${start}`).not.toBe(ids[start - 1]);
      }
    }
  });
});

describe('streaks through the quiz', () => {
  it('keeps a streak over a weekend without a round and resets it after a missed round', async () => {
    const h = harness(new MemoryStore(), new FakeClock(Date.UTC(2026, 10, 26, 7, 0))); // Thursday
    await command(h, 'schedule 09:00 UTC weekdays 4h');
    const day = (d: number) => Date.UTC(2026, 10, d, 9, 0);
    for (const d of [26, 27, 30]) {
      // Thu, Fri, then Mon after the weekend
      h.clock.set(day(d));
      await h.quiz.tick();
      h.clock.advance(MIN);
      await reply(h, 'ann', 'lock');
      if (d !== 30) await reply(h, 'bob', 'lock');
      h.clock.set(day(d) + 5 * HOUR);
      await h.quiz.tick();
    }
    const ann = await command(h, 'streak', { id: 'ann', name: 'ann' });
    expect(ann).toMatchObject({ kind: 'streak', stats: { currentStreak: 3, bestStreak: 3, total: 3, month: 3 } });
    const bob = await command(h, 'streak bob', { id: 'ann', name: 'ann' });
    expect(bob).toMatchObject({ kind: 'streak', self: false, stats: { currentStreak: 0, bestStreak: 2, total: 2 } });
    const board = await command(h, 'leaderboard best', { id: 'ann', name: 'ann' });
    expect(board).toMatchObject({
      kind: 'leaderboard',
      entries: [
        { userId: 'ann', rank: 1, score: 3 },
        { userId: 'bob', rank: 2, score: 2 },
      ],
    });
  });
});

describe('feedback on a revealed round', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('gives each answerer their own coverage, privately, by command or by the reveal’s button', async () => {
    expect(await command(h, 'feedback')).toMatchObject({ kind: 'refusal', code: 'no-feedback', visibility: 'private' });
    await command(h, 'post-now');
    await reply(h, 'ann', 'Take a lock and join the threads.');
    await command(h, 'reveal-now');
    const roundId = h.adapter.reveals[0]!.view.roundId;
    const byCommand = await command(h, 'feedback', { id: 'ann', name: 'ann' }, false);
    expect(byCommand).toMatchObject({
      kind: 'round-feedback',
      visibility: 'private',
      roundId,
      feedback: { covered: ['Uses a lock', 'Joins the threads'], missed: ['Mentions the GIL'] },
    });
    expect(await h.quiz.roundFeedback(CH, { id: 'ann', name: 'ann' }, roundId)).toEqual(byCommand);
    // Someone who did not answer hears so, rather than someone else's feedback.
    const bystander = await h.quiz.roundFeedback(CH, { id: 'bob', name: 'bob' }, roundId);
    expect(bystander).toMatchObject({ kind: 'round-feedback', roundId });
    expect(bystander).not.toHaveProperty('feedback');
  });

  it('names at most ten answers in the reveal, the best covered first, and the key points most missed', async () => {
    await command(h, 'post-now');
    for (let i = 0; i < 30; i++) await reply(h, `u${i}`, i % 10 === 9 ? 'Take a lock, mind the GIL, join.' : 'A lock.');
    await command(h, 'reveal-now');
    const view = h.adapter.reveals[0]!.view;
    expect(view.answers).toHaveLength(30);
    expect(
      view.listed
        .map((a) => a.user.id)
        .slice(0, 3)
        .sort(),
    ).toEqual(['u19', 'u29', 'u9']);
    expect(view.listed).toHaveLength(10);
    expect(view.mostMissed).toEqual([
      { label: 'Mentions the GIL', missedBy: 27 },
      { label: 'Joins the threads', missedBy: 27 },
    ]);
  });
});
