import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;

function setup(pendingAnswers?: number) {
  const flaky = flakyStore(new MemoryStore());
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: flaky.store,
    settings: pendingAnswers === undefined ? {} : { pendingAnswers },
  });
  const message = (user: string, text: string) => ({
    channel: CH,
    threadId: adapter.posts[0]!.ref.threadId,
    messageId: `m-${user}`,
    author: { id: user, name: user, isBot: false },
    text,
  });
  const answer = (user: string, text = 'a lock') => h.quiz.threadMessage(message(user, text));
  const edit = (user: string, text: string) => h.quiz.threadMessageEdited(message(user, text));
  const remove = (user: string) => {
    const { channel, threadId, messageId } = message(user, '');
    return h.quiz.threadMessageDeleted({ channel, threadId, messageId });
  };
  return { ...h, ...flaky, adapter, answer, edit, remove };
}

describe('when the store goes away', () => {
  it('answers commands with "temporarily unavailable" instead of failing', async () => {
    const h = setup();
    h.setDown(true);
    expect(
      await h.quiz.command({ channel: CH, caller: { id: 'a', name: 'a' }, isAdmin: false, text: 'streak' }),
    ).toMatchObject({
      kind: 'refusal',
      code: 'unavailable',
      message: expect.stringContaining('temporarily unavailable'),
    });
  });

  it('queues answers and records them once when it is back, on time even if the window closed meanwhile', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    expect(await h.answer('ann')).toBe('recorded');
    h.setDown(true);
    expect(await h.answer('bob')).toBe('queued');
    expect(await h.answer('bob')).toBe('queued');
    await expect(h.quiz.tick()).rejects.toThrow(/Connection is closed/);
    expect(h.quiz.pendingAnswers).toBe(2);
    h.clock.advance(5 * HOUR); // the window closed during the outage
    h.setDown(false);
    await h.quiz.tick();
    expect(h.quiz.pendingAnswers).toBe(0);
    expect(h.adapter.reveals[0]?.view.answers.map((a) => a.user.id)).toEqual(['ann', 'bob']);
    expect(await h.store.getUserStats(CH, 'bob', '2026-11')).toMatchObject({ total: 1 });
  });

  it('queues edits too and replays them after the answers they edit', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    expect(await h.answer('ann', 'not sure')).toBe('recorded');
    h.setDown(true);
    await h.edit('ann', 'use the GIL and a lock');
    expect(await h.answer('bob', 'no idea')).toBe('queued');
    await h.edit('bob', 'a lock');
    expect(h.quiz.pendingAnswers).toBe(3);
    h.clock.advance(5 * HOUR);
    h.setDown(false);
    await h.quiz.tick();
    expect(h.quiz.pendingAnswers).toBe(0);
    const covered = Object.fromEntries(h.adapter.reveals[0]!.view.answers.map((a) => [a.user.id, a.covered]));
    expect(covered).toEqual({ ann: ['Uses a lock', 'Mentions the GIL'], bob: ['Uses a lock'] });
  });

  it('queues a deletion too, so the reply written after it still counts once Redis is back', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    expect(await h.answer('ann', 'wrong thread')).toBe('recorded');
    h.setDown(true);
    await h.remove('ann');
    const retry = {
      ...h,
      answer: (text: string) =>
        h.quiz.threadMessage({
          channel: CH,
          threadId: h.adapter.posts[0]!.ref.threadId,
          messageId: 'm-ann-2',
          author: { id: 'ann', name: 'ann', isBot: false },
          text,
        }),
    };
    expect(await retry.answer('use the GIL and a lock')).toBe('queued');
    h.setDown(false);
    await h.quiz.tick();
    h.clock.advance(5 * HOUR);
    await h.quiz.tick();
    const covered = Object.fromEntries(h.adapter.reveals[0]!.view.answers.map((a) => [a.user.id, a.covered]));
    expect(covered).toEqual({ ann: ['Uses a lock', 'Mentions the GIL'] });
  });

  it('queues an edit made after Redis is back while the answer it edits still waits for replay', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    h.setDown(true);
    expect(await h.answer('ann', 'not sure')).toBe('queued');
    h.setDown(false);
    await h.edit('ann', 'use the GIL and a lock');
    await h.quiz.tick();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'reveal-now' });
    expect(h.adapter.reveals[0]?.view.answers[0]?.covered).toEqual(['Uses a lock', 'Mentions the GIL']);
  });

  it('does not replay an answer whose author ran forget-me after Redis came back', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    h.setDown(true);
    expect(await h.answer('ann')).toBe('queued');
    expect(await h.answer('bob')).toBe('queued');
    h.setDown(false);
    h.clock.advance(60_000);
    await h.quiz.command({ channel: CH, caller: { id: 'ann', name: 'ann' }, isAdmin: false, text: 'forget-me' });
    await h.quiz.tick();
    expect(h.quiz.pendingAnswers).toBe(0);
    expect(await h.store.getUserStats(CH, 'ann', '2026-11')).toBeNull();
    expect(await h.store.getUserStats(CH, 'bob', '2026-11')).toMatchObject({ total: 1 });
  });

  it('drops a queued answer that fails for another reason, so it cannot block the queue', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    h.setDown(true);
    await h.answer('ann');
    await h.answer('bob');
    h.setDown(false);
    const record = h.store.recordAnswer.bind(h.store);
    h.store.recordAnswer = async (channel, roundId, answer) => {
      if (answer.userId === 'ann') throw new TypeError('a bug');
      return record(channel, roundId, answer);
    };
    await h.quiz.tick();
    expect(h.quiz.pendingAnswers).toBe(0);
    expect(await h.store.getUserStats(CH, 'bob', '2026-11')).toMatchObject({ total: 1 });
  });

  it('asks authors to post again once the retry queue is full', async () => {
    const h = setup(1);
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    h.setDown(true);
    expect(await h.answer('ann')).toBe('queued');
    expect(await h.answer('bob')).toBe('unavailable');
  });

  it('holds up to 1,000 answers by default while the store is away', async () => {
    const h = setup();
    await h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text: 'post-now' });
    h.setDown(true);
    const outcomes = new Set<string>();
    for (let i = 0; i < 1_000; i++) outcomes.add(await h.answer(`user-${i}`));
    expect([...outcomes]).toEqual(['queued']);
    expect(await h.answer('one-too-many')).toBe('unavailable');
  });
});
