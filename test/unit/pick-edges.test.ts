/**
 * Picks on a round's button question at their edges: after the window, on a round long gone, made
 * before a forget-me, of an option no question has, and held through a store outage; and what a
 * reveal does with a pick of an option the question no longer has.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { choiceReveal } from '../../src/core/choice-reveal.ts';
import { awardFor } from '../../src/core/points.ts';
import type { Answer, ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter, PickRequest } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion, OPTIONS } from '../support/button-bank.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;
const lead = { id: 'lead', name: 'lead' };
const ann = { id: 'ann', name: 'Ann' };

const TOO_LATE = {
  visibility: 'private',
  kind: 'refusal',
  code: 'too-late',
  message: 'Too late: this question has been revealed, and its answer is in its thread.',
};

function setup() {
  const flaky = flakyStore(new MemoryStore());
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: flaky.store,
    bank: new QuestionBank([buttonQuestion('c1'), makeQuestion('f1')]),
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  const pick = (option: number, extra: Partial<PickRequest> = {}) =>
    h.quiz.pick({ channel: CH, caller: ann, roundId: adapter.posts.at(-1)!.view.roundId, option, ...extra });
  return { ...h, ...flaky, adapter, command, pick };
}

describe('picks the window no longer takes', () => {
  it('tells a pick after the window closed it is too late, even one of a letter the question lacks', async () => {
    const s = setup();
    await s.command('post-now choice');
    s.clock.advance(4 * HOUR); // the window closed; the reveal job has not run yet
    expect(await s.pick(1)).toEqual(TOO_LATE);
    expect(await s.pick(4)).toEqual(TOO_LATE);
  });

  it('tells a pick stamped exactly at the reveal time it is too late', async () => {
    const s = setup();
    await s.command('post-now choice');
    const revealAt = s.adapter.posts[0]!.view.revealAt;
    s.clock.set(revealAt + MIN);
    expect(await s.pick(4, { receivedAt: revealAt })).toEqual(TOO_LATE);
    expect(await s.pick(1, { receivedAt: revealAt - 1 })).toMatchObject({ kind: 'picked', option: 1 });
  });

  it('tells a pick after an early reveal it is too late, even one of a letter the question lacks', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.command('reveal-now');
    expect(await s.pick(4)).toEqual(TOO_LATE);
  });

  it('tells a click on a round the store no longer knows it is too late', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.pick(1, { roundId: 'a-round-expired-long-ago' })).toEqual(TOO_LATE);
  });

  it('does not keep a pick made before its author’s forget-me that arrives after it, and says why', async () => {
    const s = setup();
    await s.command('post-now choice');
    const clickedAt = s.clock.now();
    s.clock.advance(MIN);
    await s.command('forget-me', ann, false);
    expect(await s.pick(1, { receivedAt: clickedAt })).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'too-late',
      message: 'That pick was made before you asked to be forgotten, so it was not kept.',
    });
    expect(await s.store.getUserStats(CH, 'ann', '2026-11')).toBeNull();
  });

  it('refuses a letter the question lacks, naming the letters it has', async () => {
    const s = setup();
    await s.command('post-now choice');
    expect(await s.pick(3)).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-option',
      message: 'That question has no such option. Pick one of A to C.',
    });
  });
});

describe('picks on a round whose question changed', () => {
  it('refuses a click on a round whose question has left the bank since it was posted', async () => {
    const s = setup();
    await s.command('post-now choice');
    const restarted = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
      store: s.store,
      clock: s.clock,
      bank: new QuestionBank([makeQuestion('another')]),
    });
    const roundId = s.adapter.posts[0]!.view.roundId;
    expect(await restarted.quiz.pick({ channel: CH, caller: ann, roundId, option: 1 })).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-option',
      message: 'This question has no options to pick: it is answered in words (in its thread, or with `/quiz answer`).',
    });
  });

  it('names each picker in the reveal, with no key points covered or missed either way', async () => {
    const s = setup();
    await s.command('post-now choice');
    await s.pick(1);
    await s.quiz.pick({
      channel: CH,
      caller: { id: 'bob', name: 'Bob' },
      roundId: s.adapter.posts[0]!.view.roundId,
      option: 0,
    });
    await s.command('reveal-now');
    expect(s.adapter.reveals[0]?.view.answers).toEqual([
      { user: ann, covered: [], missed: [] },
      { user: { id: 'bob', name: 'Bob' }, covered: [], missed: [] },
    ]);
  });
});

describe('picks during a store outage', () => {
  it('refuses at once, and holds nothing, a pick of an option no question can have', async () => {
    const s = setup();
    await s.command('post-now choice');
    s.setDown(true);
    for (const option of [5, -1, 1.5])
      expect(await s.pick(option)).toEqual({
        visibility: 'private',
        kind: 'refusal',
        code: 'no-such-option',
        message: 'That question has no such option. Pick one of A to E.',
      });
    expect(s.quiz.pendingAnswers).toBe(0);
    expect(await s.pick(0)).toMatchObject({ kind: 'picked', option: 0, queued: true });
    expect(await s.pick(4)).toMatchObject({ kind: 'picked', option: 4, queued: true });
  });

  it('says when the answer comes for a pick held behind others once the store can say, and 0 while it cannot', async () => {
    const s = setup();
    await s.command('post-now choice');
    const revealAt = s.adapter.posts[0]!.view.revealAt;
    s.setDown(true);
    expect(await s.pick(1)).toEqual({
      visibility: 'private',
      kind: 'picked',
      roundId: s.adapter.posts[0]!.view.roundId,
      option: 1,
      changed: false,
      revealAt: 0,
      queued: true,
    });
    s.setDown(false);
    expect(await s.pick(2)).toMatchObject({ kind: 'picked', option: 2, revealAt, queued: true });
  });
});

describe('a pick the question no longer offers', () => {
  const answer = (userId: string, pick: number | undefined): Answer => ({
    userId,
    userName: userId.toUpperCase(),
    text: '',
    messageId: `m-${userId}`,
    at: 0,
    ...(pick === undefined ? {} : { pick }),
  });
  const twoOptions = buttonQuestion('c1', { options: OPTIONS.slice(0, 2) });

  it('is left out of the tally and the total when the question lost that option since', () => {
    const reveal = choiceReveal(twoOptions, [
      answer('ann', 1),
      answer('bob', 2),
      answer('cat', 0),
      answer('dan', undefined),
    ]);
    expect(reveal.options.map((o) => o.picks)).toEqual([1, 1]);
    expect(reveal.total).toBe(2);
    expect(reveal.right).toEqual([{ id: 'ann', name: 'ANN' }]);
  });

  it('earns nothing, nor does an answer without a pick', () => {
    expect(awardFor(answer('bob', 2), twoOptions)).toEqual({ userId: 'bob', points: 0, rightPick: false });
    expect(awardFor(answer('dan', undefined), twoOptions)).toEqual({ userId: 'dan', points: 0, rightPick: false });
    expect(awardFor(answer('ann', 1), twoOptions)).toEqual({ userId: 'ann', points: 10, rightPick: true });
  });

  it('earns no points for an answer to a question that has left the bank since', () => {
    expect(awardFor({ ...answer('ann', undefined), text: 'a lock and the GIL' }, undefined)).toEqual({
      userId: 'ann',
      points: 0,
    });
  });
});
