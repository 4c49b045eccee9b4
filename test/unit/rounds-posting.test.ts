/**
 * What a round is posted with and when a post is made, refused or made again: the answer window
 * and time zone it is announced with, a scheduled post that finds an older round still open, a
 * `post-now` that finds a scheduled round its process never posted, and a slot that never goes out twice.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { RevealView, RoundPostView } from '../../src/core/views.ts';
import { type ChatAdapter, ChatFailure } from '../../src/ports/chat.ts';
import type { PostRef } from '../../src/core/types.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, makeQuestion, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
/** Monday 23 November 2026, 09:00 UTC. */
const NINE = MONDAY_0800_UTC + HOUR;
const lead = { id: 'lead', name: 'Lead' };

function harness(options: { store?: Store; clock?: FakeClock; bank?: QuestionBank } = {}) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: options.store ?? new MemoryStore(),
    clock: options.clock ?? new FakeClock(MONDAY_0800_UTC),
    ...(options.bank ? { bank: options.bank } : {}),
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string) => h.quiz.command({ channel: CH, caller: lead, isAdmin: true, text });
  const reply = (user: string, text: string) =>
    h.quiz.threadMessage({
      channel: CH,
      threadId: adapter.posts.at(-1)!.ref.threadId,
      messageId: `${user}-${h.clock.now()}`,
      author: { id: user, name: user, isBot: false },
      text,
    });
  return { ...h, adapter, command, reply };
}

describe('the answer window and time zone of a post-now', () => {
  it('follows the channel schedule: its window, and its time zone in the posted question', async () => {
    const h = harness();
    await h.command('schedule 09:00 Europe/Berlin weekdays 2h');
    expect(await h.command('post-now')).toMatchObject({ kind: 'posted', revealAt: MONDAY_0800_UTC + 2 * HOUR });
    expect(h.adapter.posts[0]?.view).toMatchObject({
      revealAt: MONDAY_0800_UTC + 2 * HOUR,
      timezone: 'Europe/Berlin',
    });
  });

  it('is four hours in UTC in a channel without a schedule', async () => {
    const h = harness();
    expect(await h.command('post-now')).toMatchObject({ kind: 'posted', revealAt: MONDAY_0800_UTC + 4 * HOUR });
    expect(h.adapter.posts[0]?.view).toMatchObject({ revealAt: MONDAY_0800_UTC + 4 * HOUR, timezone: 'UTC' });
  });
});

describe('a scheduled post that finds an earlier round still open', () => {
  it('reveals the earlier round first, counting its answers, then posts the day’s question', async () => {
    const h = harness();
    await h.command('schedule 09:00 UTC weekdays 1h');
    // A post-now at 08:00 with a four-hour window is still open when 09:00 comes.
    await h.command('post-now');
    const earlier = h.adapter.posts[0]!;
    await h.reply('ann', 'a lock');
    const events: string[] = [];
    const { postQuestion, postReveal } = h.adapter;
    h.adapter.postQuestion = (channel: string, view: RoundPostView) => {
      events.push(`question ${view.roundId}`);
      return postQuestion.call(h.adapter, channel, view);
    };
    h.adapter.postReveal = (channel: string, post: PostRef, view: RevealView) => {
      events.push(`reveal ${view.roundId}`);
      return postReveal.call(h.adapter, channel, post, view);
    };
    h.clock.set(NINE);
    await h.quiz.tick();
    expect(events).toEqual([`reveal ${earlier.view.roundId}`, `question r${NINE}`]);
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
    expect(await h.store.getOpenRound(CH)).toMatchObject({ id: `r${NINE}` });
  });
});

describe('a post-now that finds a scheduled round opened but never posted', () => {
  it('is refused while the scheduled post may still land, and posts that very round once a lease has gone by', async () => {
    const h = harness();
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.clock.set(NINE);
    h.adapter.failNextPost = true;
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    expect(await h.store.getOpenRound(CH)).toMatchObject({ id: `r${NINE}` });
    h.clock.advance(MIN - 1);
    expect(await h.command('post-now')).toMatchObject({ kind: 'refusal', code: 'round-already-open' });
    expect(h.adapter.posts).toHaveLength(0);
    h.clock.advance(1);
    expect(await h.command('post-now')).toMatchObject({
      kind: 'posted',
      roundId: `r${NINE}`,
      revealAt: NINE + 4 * HOUR,
    });
    expect(h.adapter.posts.map((p) => p.view.roundId)).toEqual([`r${NINE}`]);
    // Only the attempt that opened the round is a first one: the later one may follow a post that landed.
    expect(h.adapter.deliveries).toEqual([
      { kind: 'post', roundId: `r${NINE}`, first: true },
      { kind: 'post', roundId: `r${NINE}`, first: false },
    ]);
  });

  it('tells the adapter a scheduled post retried after its lease is not a first attempt', async () => {
    const h = harness();
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.clock.set(NINE);
    h.adapter.failNextPost = true;
    await h.quiz.tick();
    h.clock.advance(MIN);
    await h.quiz.tick();
    expect(h.adapter.deliveries).toEqual([
      { kind: 'post', roundId: `r${NINE}`, first: true },
      { kind: 'post', roundId: `r${NINE}`, first: false },
    ]);
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('tells the adapter a reveal is a first attempt only when that call revealed the round', async () => {
    const h = harness();
    await h.command('post-now');
    const roundId = h.adapter.posts[0]!.view.roundId;
    h.adapter.failNextReveal = true;
    await h.command('reveal-now');
    h.clock.advance(5 * MIN);
    await h.quiz.tick();
    expect(h.adapter.deliveries).toEqual([
      { kind: 'post', roundId, first: true },
      { kind: 'reveal', roundId, first: true },
      { kind: 'reveal', roundId, first: false },
    ]);
    expect(h.adapter.reveals).toHaveLength(1);
  });

  it('is refused while a posted round is open, and leaves that round as it was', async () => {
    const h = harness();
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.clock.set(NINE);
    await h.quiz.tick();
    h.clock.advance(2 * HOUR);
    expect(await h.command('post-now')).toMatchObject({ kind: 'refusal', code: 'round-already-open' });
    expect(h.adapter.posts).toHaveLength(1);
    expect(await h.store.getOpenRound(CH)).toMatchObject({ id: `r${NINE}`, post: h.adapter.posts[0]?.ref });
  });
});

describe('a scheduled slot whose job runs again', () => {
  /** A store that fails to place the next post once, as a crash right after posting would leave it. */
  function crashAfterPosting(inner: MemoryStore) {
    let failed = false;
    return new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'reschedulePost' && !failed)
          return async () => {
            failed = true;
            throw new Error('connection reset');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  it('does not post the slot’s question a second time while its round is open', async () => {
    const h = harness({ store: crashAfterPosting(new MemoryStore()) });
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    h.clock.advance(MIN);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(h.adapter.postAttempts).toBe(1);
    expect(await h.store.jobDueAt({ kind: 'post', channel: CH })).toBe(NINE + 24 * HOUR);
  });

  it('does not post the slot again once an admin revealed its round, nor open another', async () => {
    const h = harness({ store: crashAfterPosting(new MemoryStore()) });
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.clock.set(NINE);
    await h.quiz.tick();
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed' });
    h.clock.advance(MIN);
    await h.quiz.tick();
    expect(h.adapter.postAttempts).toBe(1);
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(h.adapter.reveals).toHaveLength(1);
  });
});

describe('the question a round asks', () => {
  it('is the demo’s opener when one is named, and the rotation’s next question otherwise', async () => {
    const h = harness();
    expect(await h.quiz.rounds.post(CH, { kind: 'manual', questionId: 'q4' })).toMatchObject({ status: 'posted' });
    expect(h.adapter.posts[0]?.view.question.id).toBe('q4');
    const fresh = harness();
    const unnamed = await fresh.quiz.rounds.post(CH, { kind: 'manual' });
    const unknown = await harness().quiz.rounds.post(CH, { kind: 'manual', questionId: 'no-such-question' });
    expect(unnamed).toMatchObject({ status: 'posted' });
    expect(unknown).toMatchObject({ status: 'posted' });
    if (unnamed.status === 'posted' && unknown.status === 'posted')
      expect(unknown.round.questionId).toBe(unnamed.round.questionId);
  });

  it('says the bank has no question of the asked kind, naming the kind, and the bank is empty otherwise', async () => {
    const h = harness({ bank: new QuestionBank([makeQuestion('f1')]) });
    expect(await h.quiz.rounds.post(CH, { kind: 'manual', format: 'choice' })).toEqual({
      status: 'no-questions',
      format: 'choice',
    });
    const empty = harness({ bank: new QuestionBank([]) });
    expect(await empty.quiz.rounds.post(CH, { kind: 'manual' })).toEqual({ status: 'no-questions' });
  });
});

describe('two post-nows at the same moment', () => {
  it('post one question, and the other is told a round is open', async () => {
    const h = harness();
    const replies = await Promise.all([h.command('post-now'), h.command('post-now')]);
    expect(replies.map((r) => r?.kind).sort()).toEqual(['posted', 'refusal']);
    expect(replies).toContainEqual(expect.objectContaining({ code: 'round-already-open' }));
    expect(h.adapter.postAttempts).toBe(1);
  });
});

describe('a post-now the platform refuses', () => {
  it('passes on the platform’s own explanation to the admin', async () => {
    const h = harness();
    h.adapter.postQuestion = async () => {
      throw new ChatFailure('missing-permissions', 'Missing Permissions', {
        permanent: true,
        adminMessage: 'I need the Create Public Threads permission in #team.',
      });
    };
    expect(await h.command('post-now')).toMatchObject({
      kind: 'refusal',
      code: 'post-failed',
      message: 'I need the Create Public Threads permission in #team.',
    });
  });
});

describe('a never-posted round whose question has left the bank', () => {
  it('is not posted by the next post-now, which posts nothing', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const before = harness({ store, clock, bank: new QuestionBank([makeQuestion('gone')]) });
    before.adapter.failNextPost = true;
    expect(await before.command('post-now')).toMatchObject({ kind: 'refusal', code: 'post-failed' });
    const after = harness({ store, clock, bank: new QuestionBank([makeQuestion('kept')]) });
    expect(await after.command('post-now')).toMatchObject({ kind: 'refusal', code: 'no-questions' });
    expect(after.adapter.postAttempts).toBe(0);
  });
});

describe('the team questions a post-now may ask', () => {
  it('are those of the workspace the command came from, in a channel without a schedule', async () => {
    const adapter = new RecordingAdapter('slack');
    const h = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
      bank: makeBank(1),
      settings: { userCommandsPerMinute: 0 },
    });
    const where = { channel: 'slack:C1' as ChannelId, space: 'S1' };
    const run = (text: string) => h.quiz.command({ ...where, caller: lead, isAdmin: true, text });
    await h.quiz.submitSuggestion({ ...where, caller: { id: 'ann', name: 'Ann' }, draft: GOOD_DRAFT });
    await run('suggestions approve team-1');
    for (let i = 0; i < 2; i++) {
      expect(await run('post-now')).toMatchObject({ kind: 'posted' });
      await run('reveal-now');
    }
    expect(new Set(adapter.posts.map((p) => p.view.question.id))).toEqual(new Set(['q1', 'team-1']));
  });
});

describe('a channel of a platform the bot is not connected to', () => {
  it('fails its scheduled post with an error naming the platform and the channel', async () => {
    const logger = new RecordingLogger();
    const h = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
      logger,
    });
    await h.store.setSchedule(
      'discord:42',
      { hour: 9, minute: 0, timezone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], windowMinutes: 60, topics: [] },
      NINE,
    );
    h.clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    expect(logger.text()).toContain('no discord adapter is running for discord:42');
  });
});

describe('a scheduled post that finds a post-now round the platform refused', () => {
  it('closes that round and posts the day’s own question', async () => {
    const h = harness();
    await h.command('schedule 09:00 UTC weekdays 1h');
    h.adapter.failNextPost = true;
    expect(await h.command('post-now')).toMatchObject({ kind: 'refusal', code: 'post-failed' });
    h.clock.set(NINE);
    await h.quiz.tick();
    expect(h.adapter.posts.map((p) => p.view.roundId)).toEqual([`r${NINE}`]);
    expect(await h.store.getOpenRound(CH)).toMatchObject({ id: `r${NINE}` });
  });
});

describe('a slot whose round was cancelled because the channel refused it', () => {
  it('is not tried again when its job runs again', async () => {
    let failed = false;
    const memory = new MemoryStore();
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'reschedulePost' && !failed)
          return async () => {
            failed = true;
            throw new Error('connection reset');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const h = harness({ store });
    await h.command('schedule 09:00 UTC weekdays 4h');
    h.adapter.refuseAllPosts = true;
    h.clock.set(NINE);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    h.clock.advance(MIN);
    await h.quiz.tick();
    expect(h.adapter.postAttempts).toBe(1);
  });
});
