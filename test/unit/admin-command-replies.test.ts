/**
 * What an admin reads back from schedule, unschedule, post-now and reveal-now, and what each of
 * them leaves in the store, refusals included.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { QuizError } from '../../src/core/errors.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply, RoundPostView } from '../../src/core/views.ts';
import { type ChatAdapter, ChatFailure } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'slack:C1';
const lead = { id: 'lead', name: 'Lead' };
const HOUR = 3_600_000;

/** a and c on threading (easy, medium), b on asyncio (hard), one button question. */
const BANK = () =>
  new QuestionBank([
    makeQuestion('a'),
    makeQuestion('b', { topics: ['asyncio'], difficulty: 'hard' }),
    makeQuestion('c', { difficulty: 'medium' }),
    buttonQuestion('pick-1', { topics: ['gil'] }),
  ]);

function setup(bank = BANK(), store = new MemoryStore()) {
  const adapter = new RecordingAdapter('slack');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
    bank,
    store,
    settings: { userCommandsPerMinute: 0 },
  });
  const run = (text: string, space?: string) =>
    h.quiz.command({ channel: CH, caller: lead, isAdmin: true, text, ...(space ? { space } : {}) }) as Promise<Reply>;
  return { ...h, adapter, run };
}

describe('/quiz schedule', () => {
  it('shows the usage with an example when the timezone is missing', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'invalid-schedule',
      message: expect.stringMatching(
        /^Usage: `\/quiz schedule <HH:MM> <timezone> .*`, for example `\/quiz schedule 09:30 Europe\/Berlin weekdays 4h`\.$/,
      ),
    });
    expect(await h.store.getSchedule(CH)).toBeNull();
  });

  it('announces the schedule in the channel with its days, window and next post, and stores it', async () => {
    const h = setup();
    const reply = await h.run('schedule 09:00 UTC mon,wed,fri 90m');
    const schedule = { hour: 9, minute: 0, timezone: 'UTC', days: [1, 3, 5], windowMinutes: 90, topics: [] };
    // Monday 08:00: the first post is this morning's.
    const next = MONDAY_0800_UTC + HOUR;
    expect(reply).toEqual({ visibility: 'public', kind: 'scheduled', schedule, nextPostAt: next });
    expect(await h.store.getSchedule(CH)).toEqual(schedule);
    h.clock.set(next - 1);
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(0);
    h.clock.set(next);
    await h.quiz.tick();
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('explains an impossible schedule and stores none', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00 Mars/Olympus')).toMatchObject({
      visibility: 'private',
      kind: 'refusal',
      code: 'invalid-schedule',
      message: expect.stringContaining('"Mars/Olympus" is not a timezone I know'),
    });
    expect(await h.store.getSchedule(CH)).toBeNull();
  });

  it('counts the questions a difficulty alone leaves, and the questions a topic alone leaves', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00 UTC hard')).toMatchObject({
      kind: 'scheduled',
      schedule: { difficulty: 'hard', topics: [] },
      matchingQuestions: 1,
    });
    expect(await h.run('schedule 09:00 UTC threading')).toMatchObject({
      kind: 'scheduled',
      schedule: { topics: ['threading'] },
      matchingQuestions: 2,
    });
    expect(await h.run('schedule 09:00 UTC threading medium')).toMatchObject({ matchingQuestions: 1 });
  });

  it('names the difficulty, with the topics, that no question matches', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00 UTC asyncio futures easy')).toMatchObject({
      kind: 'refusal',
      code: 'invalid-schedule',
      message:
        'No question matches asyncio, futures, easy, so nothing was scheduled. `/quiz topics` lists the topics and how many questions each has.',
    });
    expect(await h.run('schedule 09:00 UTC futures')).toMatchObject({
      message: expect.stringMatching(/^No question matches futures, so/),
    });
    expect(await setup(new QuestionBank([makeQuestion('a')])).run('schedule 09:00 UTC hard')).toMatchObject({
      message: expect.stringMatching(/^No question matches hard, so/),
    });
    expect(await h.store.getSchedule(CH)).toBeNull();
  });

  it('keeps the kind of question asked for and the server the channel is in', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00 UTC format choice', 'T1')).toMatchObject({
      kind: 'scheduled',
      schedule: { format: 'choice' },
    });
    expect(await h.store.getSchedule(CH)).toMatchObject({ format: 'choice', space: 'slack:T1' });
    await h.run('schedule 10:00 UTC');
    const plain = await h.store.getSchedule(CH);
    expect(plain).not.toHaveProperty('format');
    expect(plain).not.toHaveProperty('space');
  });
});

describe('/quiz unschedule', () => {
  it('says in the channel whether there was a schedule, and removes it', async () => {
    const h = setup();
    await h.run('schedule 09:00 UTC');
    expect(await h.run('unschedule')).toEqual({ visibility: 'public', kind: 'unscheduled', hadSchedule: true });
    expect(await h.store.getSchedule(CH)).toBeNull();
    expect(await h.run('unschedule')).toEqual({ visibility: 'public', kind: 'unscheduled', hadSchedule: false });
  });
});

describe('/quiz post-now', () => {
  it('tells the admin privately which round it posted and when it is revealed', async () => {
    const h = setup();
    const reply = await h.run('post-now');
    const posted = h.adapter.posts[0]?.view as RoundPostView;
    expect(reply).toEqual({
      visibility: 'private',
      kind: 'posted',
      roundId: posted.roundId,
      revealAt: MONDAY_0800_UTC + 4 * HOUR,
    });
  });

  it('posts a question of the kind asked for', async () => {
    const h = setup();
    await h.run('post-now choice');
    expect(h.adapter.posts[0]?.view.question).toMatchObject({ id: 'pick-1', format: 'choice' });
  });

  it('says the bank is empty, or that no question of the kind asked for is left', async () => {
    expect(await setup(new QuestionBank([])).run('post-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-questions',
      message: 'The question bank is empty.',
    });
    expect(await setup(new QuestionBank([makeQuestion('a')])).run('post-now output')).toMatchObject({
      kind: 'refusal',
      code: 'no-questions',
      message: expect.stringMatching(/^No predict-the-output question is left to post here/),
    });
  });

  it('tells the admin to reveal the open question first', async () => {
    const h = setup();
    await h.run('post-now');
    expect(await h.run('post-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'round-already-open',
      message: 'A question is already open in this channel. Use `/quiz reveal-now` to close it first.',
    });
  });

  it('passes on what the platform says an admin should fix when it refuses the post', async () => {
    const h = setup();
    const fix = 'I need the “Create Public Threads” permission in #general.';
    h.adapter.postQuestion = async () => {
      throw new ChatFailure('missing-permissions', 'Missing Permissions', { permanent: true, adminMessage: fix });
    };
    expect(await h.run('post-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'post-failed',
      message: fix,
    });
  });

  it('blames the database, not the channel, when the store fails while posting', async () => {
    const h = setup();
    h.store.getSchedule = async () => {
      throw new QuizError('store-unavailable', 'connection refused');
    };
    expect(await h.run('post-now')).toMatchObject({ kind: 'refusal', code: 'unavailable' });
  });

  it('says something went wrong on its side for a bug while posting, not that the channel refused', async () => {
    const h = setup();
    h.store.getSchedule = async () => {
      throw new QuizError('no-adapter', 'no adapter for slack');
    };
    expect(await h.run('post-now')).toMatchObject({ kind: 'refusal', code: 'internal' });
  });
});

describe('/quiz reveal-now', () => {
  it('says no question is open when none is', async () => {
    expect(await setup().run('reveal-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-round-open',
      message: 'No question is open in this channel.',
    });
  });

  it('reveals the open question and tells the admin privately how many answered', async () => {
    const h = setup();
    await h.run('post-now free');
    const post = h.adapter.posts[0]!;
    for (const user of ['ann', 'bob']) {
      await h.quiz.threadMessage({
        channel: CH,
        threadId: post.ref.threadId,
        messageId: `${user}-1`,
        author: { id: user, name: user, isBot: false },
        text: 'a lock',
      });
    }
    expect(await h.run('reveal-now')).toEqual({
      visibility: 'private',
      kind: 'revealed',
      roundId: post.view.roundId,
      answers: 2,
    });
    expect(h.adapter.reveals).toHaveLength(1);
    expect(await h.store.getOpenRound(CH)).toBeNull();
  });

  it('cancels a question that never reached the channel, and says streaks are unchanged', async () => {
    const h = setup();
    h.adapter.failNextPost = true;
    await h.run('post-now');
    expect(await h.store.getOpenRound(CH)).not.toBeNull();
    expect(await h.run('reveal-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-round-open',
      message: 'The open question never reached this channel, so I cancelled it; streaks are unchanged.',
    });
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(h.adapter.reveals).toHaveLength(0);
  });

  it('says the question was revealed a moment ago when another process revealed it first', async () => {
    const store = new MemoryStore();
    const h = setup(BANK(), store);
    const other = setup(BANK(), store);
    await h.run('post-now');
    // The other process reveals the round between this one reading it and revealing it.
    const read = store.getOpenRound.bind(store);
    store.getOpenRound = async (channel) => {
      const open = await read(channel);
      if (open) await other.quiz.rounds.reveal(channel, open.id);
      return open;
    };
    expect(await h.run('reveal-now')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-round-open',
      message: 'That question was revealed a moment ago.',
    });
  });
});
