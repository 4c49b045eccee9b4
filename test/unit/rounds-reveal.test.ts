/**
 * What a reveal contains and how it survives trouble: replies found in the thread's history,
 * answerers named late, a question gone from the bank, a button round's picks, a store or platform
 * failing half-way through, and a reveal job that runs again after its message went out.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { Rounds } from '../../src/core/rounds.ts';
import { TeamBank } from '../../src/core/team-bank.ts';
import type { ChannelId, Platform, PostRef } from '../../src/core/types.ts';
import { type ChatAdapter, ChatFailure, type SentThreadMessage } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, makeQuestion, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const lead = { id: 'lead', name: 'Lead' };

/** A platform that can read a thread's history and name users, as Slack and Discord can. */
class HistoryAdapter extends RecordingAdapter {
  history: SentThreadMessage[] = [];
  historyReads = 0;
  historyFails = false;
  names = new Map<string, string>();
  nameRequests: string[][] = [];
  namesFail = false;
  warnFails = false;

  async threadReplies(_channel: string, _post: PostRef): Promise<SentThreadMessage[]> {
    this.historyReads++;
    if (this.historyFails) throw new Error('ratelimited');
    return this.history;
  }

  async displayNames(userIds: string[]): Promise<ReadonlyMap<string, string>> {
    this.nameRequests.push(userIds);
    if (this.namesFail) throw new Error('users.info timed out');
    return this.names;
  }

  override async warnChannel(channel: string, message: string) {
    if (this.warnFails) throw new Error('channel_not_found');
    await super.warnChannel(channel, message);
  }
}

function harness(options: { store?: Store; clock?: FakeClock; bank?: QuestionBank } = {}) {
  const adapter = new HistoryAdapter('shell');
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: options.store ?? new MemoryStore(),
    clock: options.clock ?? new FakeClock(MONDAY_0800_UTC),
    logger,
    ...(options.bank ? { bank: options.bank } : {}),
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string, caller = lead) => h.quiz.command({ channel: CH, caller, isAdmin: true, text });
  const thread = () => adapter.posts.at(-1)!.ref.threadId;
  const message = (user: string, text: string, name = user) => ({
    channel: CH,
    threadId: thread(),
    messageId: `${user}-${h.clock.now()}`,
    author: { id: user, name, isBot: false },
    text,
  });
  const reply = (user: string, text: string, name = user) => h.quiz.threadMessage(message(user, text, name));
  return { ...h, adapter, logger, command, message, reply };
}

describe('replies the bot never heard of', () => {
  it('are read from the thread before the reveal and count with the time they were sent', async () => {
    const h = harness();
    await h.command('post-now');
    const postedAt = h.clock.now();
    h.clock.advance(30 * MIN);
    await h.reply('ann', 'a lock');
    // Sent while the bot was reconnecting: ten minutes before ann's, and after the window by a skewed clock.
    h.adapter.history = [
      { ...h.message('cat', 'join the threads'), sentAt: postedAt + 20 * MIN },
      { ...h.message('dan', 'the GIL'), sentAt: postedAt + 5 * HOUR },
    ];
    h.clock.advance(30 * MIN);
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed', answers: 3 });
    const view = h.adapter.reveals[0]!.view;
    expect(view.answers.map((a) => a.user.id)).toEqual(['cat', 'ann', 'dan']);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'recorded answers found in the thread that had not arrived as events',
        context: expect.objectContaining({ recovered: 2 }),
      }),
    );
  });

  it('reports nothing recovered when the thread holds only answers already counted', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('ann', 'a lock');
    h.adapter.history = [{ ...h.message('ann', 'a lock'), sentAt: h.clock.now() }];
    await h.command('reveal-now');
    expect(h.adapter.historyReads).toBe(1);
    expect(h.adapter.reveals[0]?.view.answers).toHaveLength(1);
    expect(h.logger.text()).not.toContain('found in the thread');
  });

  it('do not hold the reveal back when the thread cannot be read', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('ann', 'a lock');
    h.adapter.historyFails = true;
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed', answers: 1 });
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('could not read the thread') }),
    );
  });

  it('are not looked for under a button question, whose answers are button clicks', async () => {
    const h = harness({ bank: new QuestionBank([buttonQuestion('c1')]) });
    await h.command('post-now');
    await h.quiz.pick({
      channel: CH,
      caller: { id: 'ann', name: 'Ann' },
      roundId: h.adapter.posts[0]!.view.roundId,
      option: 1,
    });
    await h.command('reveal-now');
    expect(h.adapter.historyReads).toBe(0);
    expect(h.adapter.reveals[0]?.view.answers).toHaveLength(1);
  });
});

describe('answerers the platform could not name in time', () => {
  it('are named in the reveal when the platform can name them by then, and only they are asked about', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('U1', 'a lock');
    await h.reply('U2', 'a lock', 'Bea');
    h.adapter.names = new Map([['U1', 'Ann']]);
    await h.command('reveal-now');
    expect(h.adapter.nameRequests).toEqual([['U1']]);
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user)).toEqual([
      { id: 'U1', name: 'Ann' },
      { id: 'U2', name: 'Bea' },
    ]);
  });

  it('keep their id in the reveal when the platform still cannot name them', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('U1', 'a lock');
    h.adapter.namesFail = true;
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed', answers: 1 });
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user)).toEqual([{ id: 'U1', name: 'U1' }]);
    expect(h.logger.text()).toContain('could not name the answers recorded without a name');
  });

  it('are not asked about when every answerer has a name', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('U2', 'a lock', 'Bea');
    await h.command('reveal-now');
    expect(h.adapter.nameRequests).toEqual([]);
  });
});

describe('a round whose question has left the bank since it was posted', () => {
  it('is revealed with its id for a title and a note in place of the model answer', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const before = harness({ store, clock, bank: new QuestionBank([makeQuestion('gone')]) });
    await before.command('post-now');
    await before.reply('ann', 'a lock');
    // A deploy removes the question's file; the round is revealed by the new version.
    const after = harness({ store, clock, bank: makeBank() });
    clock.advance(4 * HOUR);
    await after.quiz.tick();
    const view = after.adapter.reveals[0]?.view;
    expect(view?.question).toMatchObject({ id: 'gone', title: 'gone' });
    expect(view?.modelAnswer).toBe('This question has since been removed from the bank.');
    expect(view?.answers.map((a) => a.user.id)).toEqual(['ann']);
  });
});

describe('the reveal of a button round', () => {
  it('lists those who picked, ten at most, with the tally and no key points', async () => {
    const h = harness({ bank: new QuestionBank([buttonQuestion('c1')]) });
    await h.command('post-now');
    const roundId = h.adapter.posts[0]!.view.roundId;
    for (let i = 0; i < 12; i++)
      await h.quiz.pick({ channel: CH, caller: { id: `u${i}`, name: `u${i}` }, roundId, option: i % 3 });
    await h.command('reveal-now');
    const view = h.adapter.reveals[0]!.view;
    expect(view.answers).toHaveLength(12);
    expect(view.listed).toEqual(view.answers.slice(0, 10));
    expect(view).toMatchObject({ keyPoints: [], mostMissed: [], feedbackAvailable: true });
    expect(view.choice).toBeDefined();
    expect(view.modelAnswer).toBe(makeQuestion('c1').modelAnswer);
  });
});

describe('a reveal interrupted half-way', () => {
  it('is scored and posted after a lease when the store failed right after revealing the round', async () => {
    const memory = new MemoryStore();
    let failScoring = true;
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'scoreRound' && failScoring)
          return async () => {
            failScoring = false;
            throw new Error('connection reset');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const h = harness({ store });
    await h.command('post-now');
    await h.reply('ann', 'take a lock and join the threads');
    h.clock.advance(4 * HOUR);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    expect(h.adapter.reveals).toHaveLength(0);
    h.clock.advance(MIN);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann']);
    expect(await h.command('leaderboard points', { id: 'ann', name: 'ann' })).toMatchObject({
      entries: [{ userId: 'ann', score: 7 }],
    });
    h.clock.advance(HOUR);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
  });

  it('is not posted again when its job runs again after the reveal went out', async () => {
    const memory = new MemoryStore();
    let failCompletion = true;
    const store = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'completeJob' && failCompletion)
          return async () => {
            failCompletion = false;
            throw new Error('connection reset');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const h = harness({ store });
    await h.command('post-now');
    await h.reply('ann', 'a lock');
    h.clock.advance(4 * HOUR);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 1 });
    expect(h.adapter.reveals).toHaveLength(1);
    h.clock.advance(MIN);
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(h.adapter.reveals).toHaveLength(1);
    expect(h.adapter.revealAttempts).toBe(1);
  });
});

describe('a reveal the channel refuses for good', () => {
  it('is given up even when the channel cannot be warned either, and says so in the log', async () => {
    const h = harness();
    await h.command('post-now');
    h.adapter.refuseNextReveal = true;
    h.adapter.warnFails = true;
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed' });
    for (let i = 0; i < 5; i++) {
      h.clock.advance(HOUR);
      await h.quiz.tick();
    }
    expect(h.adapter.revealAttempts).toBe(1);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'could not post the reveal; giving up' }),
    );
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not warn the channel either' }),
    );
  });

  it('is reported to the channel with the question’s title', async () => {
    const h = harness({ bank: new QuestionBank([makeQuestion('q1', { title: 'Why the GIL does not save you' })]) });
    await h.command('post-now');
    h.adapter.postReveal = async () => {
      throw new ChatFailure('not-in-channel', 'not_in_channel', { permanent: true });
    };
    await h.command('reveal-now');
    expect(h.adapter.warnings).toEqual([
      {
        channel: 'team',
        message:
          'I could not post the answer to "Why the GIL does not save you" in its thread. Check that I can still post there.',
      },
    ]);
  });
});

describe('feedback in a reveal', () => {
  it('is turned off when the platform withheld the text of any answer, naming no key point as most missed', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('ann', 'a lock');
    await h.quiz.threadMessage({ ...h.message('bob', ''), text: null });
    await h.command('reveal-now');
    expect(h.adapter.reveals[0]?.view).toMatchObject({ feedbackAvailable: false, mostMissed: [] });
  });

  it('stays on when an answer was deleted by its author', async () => {
    const h = harness();
    await h.command('post-now');
    await h.reply('ann', 'a lock');
    const bob = h.message('bob', 'the GIL');
    await h.quiz.threadMessage(bob);
    await h.quiz.threadMessageDeleted({ channel: CH, threadId: bob.threadId, messageId: bob.messageId });
    await h.command('reveal-now');
    const view = h.adapter.reveals[0]!.view;
    expect(view.feedbackAvailable).toBe(true);
    expect(view.mostMissed.length).toBeGreaterThan(0);
  });
});

describe('a reveal the platform could not take', () => {
  it('is logged as one to retry', async () => {
    const h = harness();
    await h.command('post-now');
    h.adapter.failNextReveal = true;
    await h.command('reveal-now');
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not post the reveal; it will be retried' }),
    );
  });
});

describe('rounds run without a reveal listener', () => {
  it('still post their reveal', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const adapter = new RecordingAdapter('shell');
    const rounds = new Rounds(
      store,
      new TeamBank(makeBank(), store),
      new Map([['shell', adapter]]),
      clock,
      new RecordingLogger(),
      { defaultWindowMinutes: 60, leaseMs: MIN },
    );
    expect(await rounds.post(CH, { kind: 'manual' })).toMatchObject({ status: 'posted' });
    expect(await rounds.reveal(CH, adapter.posts[0]!.view.roundId)).toMatchObject({ answers: [] });
    expect(adapter.reveals).toHaveLength(1);
  });
});
