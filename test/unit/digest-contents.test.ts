/**
 * What a digest says about its week: the summary each reveal leaves, the most-missed key points,
 * the hardest question, the newcomers, and which rounds count as this week's.
 */
import { describe, expect, it } from 'vitest';
import { roundScore, roundSummaryInput } from '../../src/core/digest-data.ts';
import { Digests } from '../../src/core/digest.ts';
import type { ChannelId, Round } from '../../src/core/types.ts';
import type { RevealView } from '../../src/core/views.ts';
import type { RoundSummaryInput } from '../../src/ports/digest-store.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const UNTIL = Date.UTC(2026, 11, 4, 12, 15);
const FROM = UNTIL - WEEK;
const ann = { id: 'ann', name: 'Ann' };
const bo = { id: 'bo', name: 'Bo' };
const cy = { id: 'cy', name: 'Cy' };

const round: Round = {
  id: 'r7',
  channel: CH,
  seq: 7,
  questionId: 'q1',
  postedAt: UNTIL - DAY,
  openedAt: UNTIL - DAY,
  revealAt: UNTIL - DAY + 4 * HOUR,
  timezone: 'UTC',
  state: 'revealed',
  post: { messageId: 'm7', threadId: 't7' },
};

function reveal(overrides: Partial<RevealView> = {}): RevealView {
  return {
    roundId: 'r7',
    question: { id: 'q1', title: 'Locks and threads', difficulty: 'easy', topics: [], prompt: '?', format: 'free' },
    modelAnswer: 'Take a lock.',
    keyPoints: ['Uses a lock', 'Joins the threads'],
    answers: [
      { user: ann, covered: ['Uses a lock'], missed: ['Joins the threads'] },
      { user: bo, covered: [], missed: ['Uses a lock', 'Joins the threads'] },
    ],
    listed: [],
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: UNTIL - DAY + 4 * HOUR,
    ...overrides,
  };
}

describe('the summary a reveal leaves for the digest', () => {
  it('counts, per key point, the answers that missed it, and keeps the answerers and the link to the question', () => {
    expect(roundSummaryInput(round, reveal())).toEqual({
      roundId: 'r7',
      seq: 7,
      questionId: 'q1',
      title: 'Locks and threads',
      revealedAt: UNTIL - DAY + 4 * HOUR,
      answers: 2,
      missed: [
        { label: 'Uses a lock', missedBy: 1 },
        { label: 'Joins the threads', missedBy: 2 },
      ],
      post: { messageId: 'm7', threadId: 't7' },
      answerers: [ann, bo],
    });
  });

  it('keeps no missed key points when the platform could not read the answers', () => {
    expect(roundSummaryInput(round, reveal({ feedbackAvailable: false })).missed).toEqual([]);
  });

  it('counts everyone who picked in a button round, the right pickers among its answerers once each', () => {
    const { post: _post, ...unposted } = round;
    const summary = roundSummaryInput(
      unposted,
      reveal({
        keyPoints: [],
        answers: [{ user: ann, covered: [], missed: [] }],
        choice: { correct: 0, options: [], right: [ann, { ...cy, extra: 'dropped' } as typeof cy], total: 5 },
      }),
    );
    expect(summary).toMatchObject({ answers: 5, choice: { right: 2, total: 5 }, answerers: [ann, cy] });
    expect(summary.answerers[1]).toEqual(cy);
    expect(summary).not.toHaveProperty('post');
  });
});

describe('how hard a round was', () => {
  const base = { roundId: 'r', seq: 1, questionId: 'q', title: 't', revealedAt: 0, newcomers: [] };
  it('is the share of right picks for a button round, unknown when nobody picked', () => {
    expect(roundScore({ ...base, answers: 4, missed: [], choice: { right: 1, total: 4 } })).toBe(0.25);
    expect(roundScore({ ...base, answers: 0, missed: [], choice: { right: 0, total: 0 } })).toBeNull();
  });

  it('is the share of key points covered, unknown without answers or without feedback', () => {
    const missed = [
      { label: 'a', missedBy: 1 },
      { label: 'b', missedBy: 2 },
    ];
    expect(roundScore({ ...base, answers: 4, missed })).toBe(1 - 3 / 8);
    expect(roundScore({ ...base, answers: 0, missed })).toBeNull();
    expect(roundScore({ ...base, answers: 4, missed: [] })).toBeNull();
  });
});

function summary(roundId: string, revealedAt: number, overrides: Partial<RoundSummaryInput> = {}): RoundSummaryInput {
  return {
    roundId,
    seq: Number(roundId.slice(1)),
    questionId: `q-${roundId}`,
    title: `Title ${roundId}`,
    revealedAt,
    answers: 2,
    missed: [],
    answerers: [],
    ...overrides,
  };
}

async function digestOf(summaries: RoundSummaryInput[]) {
  const store = new MemoryStore();
  for (const s of summaries) await store.recordRoundSummary(CH, s);
  const adapter = new RecordingAdapter('shell');
  const digests = new Digests(store, () => ({ adapter, nativeId: 'team' }), new FakeClock(UNTIL), silentLogger);
  return digests.build(CH, 'UTC', '2026-W49', FROM, UNTIL);
}

describe('the week a digest covers', () => {
  it('charts the eight weeks before its end but counts only the rounds after its start as this week’s', async () => {
    const view = await digestOf([
      summary('r1', UNTIL - 8 * WEEK, { answerers: [ann] }),
      summary('r2', UNTIL - 8 * WEEK + 1, { answerers: [bo] }),
      summary('r3', FROM, { missed: [{ label: 'Uses a lock', missedBy: 2 }] }),
      summary('r4', FROM + 1, { answerers: [bo, cy] }),
      summary('r5', UNTIL),
      summary('r6', UNTIL + 1),
    ]);
    expect(view?.rounds.map((r) => [r.roundId, r.thisWeek])).toEqual([
      ['r2', false],
      ['r3', false],
      ['r4', true],
      ['r5', true],
    ]);
    expect(view).toMatchObject({ week: '2026-W49', from: FROM, until: UNTIL, timezone: 'UTC' });
    expect(view?.rounds[2]).toEqual({
      roundId: 'r4',
      seq: 4,
      title: 'Title r4',
      revealedAt: FROM + 1,
      answers: 2,
      thisWeek: true,
    });
    // Earlier weeks' misses and newcomers are not this week's news.
    expect(view?.missed).toEqual([]);
    expect(view?.newcomers).toEqual([cy]);
  });

  it('is no digest when no round was revealed after the week’s start', async () => {
    expect(await digestOf([summary('r1', FROM - DAY), summary('r2', FROM)])).toBeNull();
  });
});

describe('the most-missed key points', () => {
  it('sums a label over the rounds that share it, names the first round’s title, leaves out what nobody missed, and keeps the top five', async () => {
    const point = (label: string, missedBy: number) => ({ label, missedBy });
    const view = await digestOf([
      summary('r1', FROM + DAY, {
        missed: [point('Lock', 1), point('GIL', 4), point('Join', 0), point('Queue', 2)],
      }),
      summary('r2', FROM + 2 * DAY, {
        missed: [point('Lock', 5), point('Pool', 3), point('Event', 1), point('Barrier', 2), point('Join', 0)],
      }),
    ]);
    expect(view?.missed).toEqual([
      { label: 'Lock', missedBy: 6, title: 'Title r1' },
      { label: 'GIL', missedBy: 4, title: 'Title r1' },
      { label: 'Pool', missedBy: 3, title: 'Title r2' },
      { label: 'Queue', missedBy: 2, title: 'Title r1' },
      { label: 'Barrier', missedBy: 2, title: 'Title r2' },
    ]);
    const fewer = await digestOf([summary('r1', FROM + DAY, { missed: [point('Join', 0), point('Lock', 1)] })]);
    expect(fewer?.missed).toEqual([{ label: 'Lock', missedBy: 1, title: 'Title r1' }]);
  });
});

describe('the hardest question', () => {
  it('is the week’s round with the lowest coverage, with its link and answer count', async () => {
    const missed = (by: number) => [
      { label: 'a', missedBy: by },
      { label: 'b', missedBy: 0 },
    ];
    const view = await digestOf([
      summary('r1', FROM + DAY, { answers: 4, missed: missed(1) }),
      summary('r2', FROM + 2 * DAY, { answers: 4, missed: missed(3), post: { messageId: 'm2', threadId: 't2' } }),
      summary('r3', FROM + 3 * DAY, { answers: 4, missed: missed(3) }),
      summary('r4', FROM + 4 * DAY, { answers: 0, missed: missed(0) }),
    ]);
    expect(view?.hardest).toEqual({
      roundId: 'r2',
      title: 'Title r2',
      percent: 63,
      kind: 'coverage',
      answers: 4,
      post: { messageId: 'm2', threadId: 't2' },
    });
  });

  it('is a button round by its share of right picks, counting everyone who picked', async () => {
    const view = await digestOf([
      summary('r1', FROM + DAY, { answers: 3, missed: [{ label: 'a', missedBy: 1 }] }),
      summary('r2', FROM + 2 * DAY, { answers: 9, choice: { right: 1, total: 8 } }),
    ]);
    // Strict: a round posted nowhere has no link, not an empty one.
    expect(view?.hardest).toStrictEqual({ roundId: 'r2', title: 'Title r2', percent: 13, kind: 'picks', answers: 8 });
  });

  it('is left out when no round of the week has a known score', async () => {
    const view = await digestOf([summary('r1', FROM + DAY, { answers: 0 })]);
    expect(view).not.toHaveProperty('hardest');
  });
});
