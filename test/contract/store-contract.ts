/**
 * The behaviour every Store must have. Run against the memory store and against Redis, so the
 * demo and production agree on every rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId, Schedule } from '../../src/core/types.ts';
import type { NewAnswer, OpenRoundInput, Store } from '../../src/ports/store.ts';
import { loseRound } from '../support/lose-round.ts';
import { describeDigestStoreContract } from './digest-store-contract.ts';

const A: ChannelId = 'slack:T1:C1';
const B: ChannelId = 'discord:99';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

const schedule: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 240,
  topics: ['asyncio'],
};

function roundInput(n: number, overrides: Partial<OpenRoundInput> = {}): OpenRoundInput {
  return {
    channel: A,
    roundId: `r${n}`,
    questionId: `q${n}`,
    postedAt: T0 + n * 24 * HOUR,
    // Opened a little after its slot, as a late scheduled post is, so the two cannot be confused.
    openedAt: T0 + n * 24 * HOUR + 10 * MINUTE,
    revealAt: T0 + n * 24 * HOUR + 4 * HOUR,
    timezone: 'UTC',
    startNewCycle: false,
    ...overrides,
  };
}

function answer(userId: string, at: number, overrides: Partial<NewAnswer> = {}): NewAnswer {
  return {
    userId,
    userName: userId.toUpperCase(),
    text: `answer from ${userId}`,
    messageId: `m-${userId}-${at}`,
    at,
    monthKey: '2026-11',
    ...overrides,
  };
}

export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });
    describeDigestStoreContract(() => store);

    /** Opens a round and attaches its post, as a round that reached the channel. */
    async function openPosted(input: OpenRoundInput) {
      const opened = await store.openRound(input);
      if (opened.status === 'opened')
        await store.attachPost(input.channel, input.roundId, {
          messageId: `msg-${input.roundId}`,
          threadId: `th-${input.roundId}`,
        });
      return opened;
    }

    /** Opens round n, lets the given users answer, and reveals it. */
    async function playRound(n: number, users: string[], channel: ChannelId = A) {
      const input = roundInput(n, { channel });
      await openPosted(input);
      for (const u of users) await store.recordAnswer(channel, input.roundId, answer(u, input.postedAt + 60_000));
      return store.revealOrCancelRound(channel, input.roundId);
    }

    describe('schedules', () => {
      it('saves, reads back and removes a schedule with its post job', async () => {
        await store.setSchedule(A, schedule, T0);
        expect(await store.getSchedule(A)).toEqual(schedule);
        expect(await store.jobDueAt({ kind: 'post', channel: A })).toBe(T0);
        expect(await store.countSchedules()).toBe(1);
        await store.removeSchedule(A);
        expect(await store.getSchedule(A)).toBeNull();
        expect(await store.jobDueAt({ kind: 'post', channel: A })).toBeNull();
      });

      it('keeps channels apart', async () => {
        await store.setSchedule(A, schedule, T0);
        expect(await store.getSchedule(B)).toBeNull();
      });
    });

    describe('rounds', () => {
      it('numbers rounds per channel and queues the reveal', async () => {
        const first = await openPosted(roundInput(1));
        expect(first.status).toBe('opened');
        expect(first.round.seq).toBe(1);
        expect(await store.jobDueAt({ kind: 'reveal', channel: A, roundId: 'r1' })).toBe(roundInput(1).revealAt);
        await store.revealOrCancelRound(A, 'r1');
        const second = await openPosted(roundInput(2));
        expect(second.round.seq).toBe(2);
        const other = await openPosted(roundInput(1, { channel: B }));
        expect(other.round.seq).toBe(1);
      });

      it('opens one round per id however often it is asked', async () => {
        await openPosted(roundInput(1));
        const again = await openPosted(roundInput(1));
        expect(again.status).toBe('exists');
        expect(again.round.seq).toBe(1);
      });

      it('keeps when a round was opened apart from its slot', async () => {
        const input = roundInput(1);
        expect((await store.openRound(input)).round).toMatchObject({
          postedAt: input.postedAt,
          openedAt: input.openedAt,
        });
        expect(await store.getOpenRound(A)).toMatchObject({ postedAt: input.postedAt, openedAt: input.openedAt });
        expect((await store.openRound(input)).round).toMatchObject({ openedAt: input.openedAt });
      });

      it('hands back the opened round exactly as it reads it back later', async () => {
        const opened = await store.openRound(roundInput(1));
        expect(opened.status).toBe('opened');
        expect(opened.round).toStrictEqual(await store.getRound(A, 'r1'));
        expect(opened.round.state).toBe('open');
      });

      it('refuses a second round while one is open', async () => {
        await openPosted(roundInput(1));
        const busy = await openPosted(roundInput(2));
        expect(busy.status).toBe('busy');
        expect(busy.round.id).toBe('r1');
        expect(await store.getOpenRound(A)).toMatchObject({ id: 'r1', state: 'open' });
      });

      it('finds a round by its thread once the post is attached', async () => {
        await store.openRound(roundInput(1));
        expect(await store.findRoundByThread(A, 'th1')).toBeNull();
        await store.attachPost(A, 'r1', { messageId: 'msg1', threadId: 'th1' });
        expect(await store.findRoundByThread(A, 'th1')).toMatchObject({
          id: 'r1',
          post: { messageId: 'msg1', threadId: 'th1' },
        });
        expect(await store.getRound(A, 'r1')).toMatchObject({ questionId: 'q1', timezone: 'UTC' });
      });

      it('attaches no post to a round that does not exist, and indexes no thread for it', async () => {
        await store.attachPost(A, 'ghost', { messageId: 'msg-ghost', threadId: 'th-ghost' });
        expect(await store.getRound(A, 'ghost')).toBeNull();
        expect(await store.findRoundByThread(A, 'th-ghost')).toBeNull();
      });

      it('records asked questions in the rotation and starts a new cycle on request', async () => {
        await playRound(1, []);
        await playRound(2, []);
        expect((await store.getRotation(A)).asked.sort()).toEqual(['q1', 'q2']);
        expect((await store.getRotation(A)).last).toBe('q2');
        await openPosted(roundInput(3, { startNewCycle: true }));
        expect(await store.getRotation(A)).toEqual({ asked: ['q3'], cycle: 1, last: 'q3' });
      });
    });

    describe('answers', () => {
      it('counts a user once, keeps the first answer, and reports duplicates', async () => {
        await openPosted(roundInput(1));
        const at = roundInput(1).postedAt + 1000;
        expect(await store.recordAnswer(A, 'r1', answer('ann', at))).toBe('recorded');
        expect(await store.recordAnswer(A, 'r1', answer('ann', at + 1, { text: 'second', messageId: 'other' }))).toBe(
          'duplicate',
        );
        expect(await store.countAnswers(A, 'r1')).toBe(1);
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers).toEqual([
          { userId: 'ann', userName: 'ANN', text: 'answer from ann', messageId: `m-ann-${at}`, at },
        ]);
      });

      it('closes answers at the reveal time and after the reveal', async () => {
        const input = roundInput(1);
        await openPosted(input);
        expect(await store.recordAnswer(A, 'r1', answer('ann', input.revealAt))).toBe('closed');
        await store.revealOrCancelRound(A, 'r1');
        expect(await store.recordAnswer(A, 'r1', answer('bob', input.postedAt + 1))).toBe('closed');
        expect(await store.recordAnswer(A, 'nope', answer('bob', input.postedAt + 1))).toBe('closed');
      });

      it('replaces the text when the counted message is edited, and only then', async () => {
        const input = roundInput(1);
        await openPosted(input);
        const at = input.postedAt + 1000;
        await store.recordAnswer(A, 'r1', answer('ann', at));
        expect(await store.editAnswer(A, 'r1', { userId: 'ann', messageId: 'other', text: 'x', at: at + 1 })).toBe(
          'ignored',
        );
        expect(
          await store.editAnswer(A, 'r1', { userId: 'ann', messageId: `m-ann-${at}`, text: 'better', at: at + 2 }),
        ).toBe('updated');
        expect(await store.editAnswer(A, 'r1', { userId: 'bob', messageId: 'b', text: 'x', at: at + 3 })).toBe(
          'ignored',
        );
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers[0]?.text).toBe('better');
        expect(
          await store.editAnswer(A, 'r1', { userId: 'ann', messageId: `m-ann-${at}`, text: 'late', at: at + 4 }),
        ).toBe('closed');
      });

      it('drops the text of a deleted answer, keeps its count, and lets the next reply replace it once', async () => {
        const input = roundInput(1);
        await openPosted(input);
        const at = input.postedAt + 1000;
        await store.recordAnswer(A, 'r1', answer('ann', at, { text: 'oops, wrong thread' }));
        await store.recordAnswer(A, 'r1', answer('bob', at + 1));
        expect(await store.deleteAnswer(A, 'r1', { messageId: 'nope', at: at + 2 })).toBe('ignored');
        expect(await store.deleteAnswer(A, 'r1', { messageId: `m-ann-${at}`, at: at + 3 })).toBe('updated');
        expect((await store.getAnswers(A, 'r1')).find((a) => a.userId === 'ann')).toMatchObject({
          text: '',
          deleted: true,
        });
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ total: 1, currentStreak: 1 });
        // The next reply takes the deleted one's place without a second count; the one after is a duplicate.
        expect(await store.recordAnswer(A, 'r1', answer('ann', at + 4, { text: 'a lock', messageId: 'ann-2' }))).toBe(
          'recorded',
        );
        expect(await store.recordAnswer(A, 'r1', answer('ann', at + 5, { text: 'more', messageId: 'ann-3' }))).toBe(
          'duplicate',
        );
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ total: 1, currentStreak: 1 });
        expect(await store.countAnswers(A, 'r1')).toBe(2);
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers.find((a) => a.userId === 'ann')).toEqual({
          userId: 'ann',
          userName: 'ANN',
          text: 'a lock',
          messageId: 'ann-2',
          at: at + 4,
        });
        expect(await store.deleteAnswer(A, 'r1', { messageId: 'ann-2', at: at + 6 })).toBe('closed');
      });

      it('refuses edits and deletions made at or after the reveal time, even before the reveal ran', async () => {
        const input = roundInput(1);
        await openPosted(input);
        const at = input.postedAt + 1000;
        await store.recordAnswer(A, 'r1', answer('ann', at));
        const counted = `m-ann-${at}`;
        expect(
          await store.editAnswer(A, 'r1', { userId: 'ann', messageId: counted, text: 'x', at: input.revealAt }),
        ).toBe('closed');
        expect(await store.deleteAnswer(A, 'r1', { messageId: counted, at: input.revealAt })).toBe('closed');
        expect((await store.getAnswers(A, 'r1'))[0]).toMatchObject({ text: 'answer from ann' });
      });

      it('deletes an answer once: deleting it again changes nothing', async () => {
        const input = roundInput(1);
        await openPosted(input);
        const at = input.postedAt + 1000;
        await store.recordAnswer(A, 'r1', answer('ann', at));
        expect(await store.deleteAnswer(A, 'r1', { messageId: `m-ann-${at}`, at: at + 1 })).toBe('updated');
        expect(await store.deleteAnswer(A, 'r1', { messageId: `m-ann-${at}`, at: at + 2 })).toBe('ignored');
      });

      it('keeps answer text exactly, unicode and markup included', async () => {
        await openPosted(roundInput(1));
        const text = 'Use a <Lock> & "RLock" — 🔒 @everyone';
        await store.recordAnswer(A, 'r1', answer('ann', roundInput(1).postedAt + 1, { text }));
        expect((await store.revealOrCancelRound(A, 'r1'))?.answers[0]?.text).toBe(text);
      });
    });

    describe('reveals', () => {
      it('reveals a round exactly once', async () => {
        await openPosted(roundInput(1));
        const results = await Promise.all([
          store.revealOrCancelRound(A, 'r1'),
          store.revealOrCancelRound(A, 'r1'),
          store.revealOrCancelRound(A, 'r1'),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await store.getOpenRound(A)).toBeNull();
        expect((await store.getRound(A, 'r1'))?.state).toBe('revealed');
      });

      it('keeps a revealed round pending announcement, with its answers, until told the reveal is out', async () => {
        await openPosted(roundInput(1));
        await store.recordAnswer(A, 'r1', answer('bob', roundInput(1).postedAt + 2));
        await store.recordAnswer(A, 'r1', answer('ann', roundInput(1).postedAt + 1));
        await store.revealOrCancelRound(A, 'r1');
        expect(await store.getRound(A, 'r1')).toMatchObject({ state: 'revealed', announcePending: true });
        expect((await store.getAnswers(A, 'r1')).map((a) => a.userId)).toEqual(['ann', 'bob']);
        await store.finishAnnouncement(A, 'r1');
        expect((await store.getRound(A, 'r1'))?.announcePending).toBeUndefined();
        expect(await store.getAnswers(A, 'nope')).toEqual([]);
      });

      it('lists answers oldest first, also when they were recorded newest first (an outage replay)', async () => {
        const { postedAt } = roundInput(1);
        await openPosted(roundInput(1));
        // Enough answers that no storage order matches the sending order by chance.
        const users = Array.from({ length: 12 }, (_, i) => `user${String(i).padStart(2, '0')}`);
        for (const [i, u] of [...users.entries()].reverse())
          expect(await store.recordAnswer(A, 'r1', answer(u, postedAt + 1_000 * (i + 1)))).toBe('recorded');
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers.map((a) => a.userId)).toEqual(users);
        expect((await store.getAnswers(A, 'r1')).map((a) => a.userId)).toEqual(users);
      });

      it('names the latest revealed round of a channel, not a cancelled or an open one', async () => {
        expect(await store.getLastRevealedRound(A)).toBeNull();
        await playRound(1, ['ann']);
        await playRound(2, ['bob']);
        expect(await store.getLastRevealedRound(A)).toMatchObject({ id: 'r2', state: 'revealed' });
        await store.openRound(roundInput(3));
        await store.revealOrCancelRound(A, 'r3');
        await openPosted(roundInput(4));
        expect(await store.getLastRevealedRound(A)).toMatchObject({ id: 'r2' });
        expect(await store.getLastRevealedRound(B)).toBeNull();
      });

      it('cancels a round that never reached the channel, leaving streaks alone and its number to the next round', async () => {
        await playRound(1, ['ann']);
        await store.openRound(roundInput(2));
        const closed = await store.revealOrCancelRound(A, 'r2');
        expect(closed).toEqual({
          round: expect.objectContaining({ id: 'r2', seq: 2, state: 'cancelled' }),
          answers: [],
        });
        expect(await store.revealOrCancelRound(A, 'r2')).toBeNull();
        expect(await store.getOpenRound(A)).toBeNull();
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ currentStreak: 1 });
        expect((await store.getLeaderboard(A, 'streak', '2026-11', 10, 'ann')).entries).toEqual([
          { rank: 1, userId: 'ann', name: 'ANN', score: 1 },
        ]);
        // The next round that does reach the channel is round 2, so answering it continues the streak.
        const next = await openPosted(roundInput(3));
        expect(next).toMatchObject({ status: 'opened', round: { seq: 2 } });
        await store.recordAnswer(A, 'r3', answer('ann', roundInput(3).postedAt + 1));
        await store.revealOrCancelRound(A, 'r3');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ currentStreak: 2, bestStreak: 2 });
        // A cancelled round is never opened again under its id.
        expect(await store.openRound(roundInput(2))).toMatchObject({ status: 'exists', round: { state: 'cancelled' } });
      });
    });

    describe('streaks and stats', () => {
      it('grows a streak over consecutive rounds and resets it after a missed one', async () => {
        await playRound(1, ['ann', 'bob']);
        await playRound(2, ['ann', 'bob']);
        await playRound(3, ['ann']);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toEqual({
          userId: 'ann',
          name: 'ANN',
          currentStreak: 3,
          bestStreak: 3,
          total: 3,
          month: 3,
          points: 0,
          monthPoints: 0,
          picks: 0,
          rightPicks: 0,
        });
        expect(await store.getUserStats(A, 'bob', '2026-11')).toMatchObject({
          currentStreak: 0,
          bestStreak: 2,
          total: 2,
        });
        await playRound(4, ['bob']);
        expect(await store.getUserStats(A, 'bob', '2026-11')).toMatchObject({
          currentStreak: 1,
          bestStreak: 2,
          total: 3,
        });
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ currentStreak: 0, bestStreak: 3 });
      });

      it('keeps a streak while the next round is open and unanswered', async () => {
        await playRound(1, ['ann']);
        await openPosted(roundInput(2));
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ currentStreak: 1 });
      });

      it('counts answers per month and reports zero for another month', async () => {
        await openPosted(roundInput(1));
        await store.recordAnswer(A, 'r1', answer('ann', roundInput(1).postedAt + 1, { monthKey: '2026-10' }));
        await store.revealOrCancelRound(A, 'r1');
        await openPosted(roundInput(2));
        await store.recordAnswer(A, 'r2', answer('ann', roundInput(2).postedAt + 1, { monthKey: '2026-11' }));
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ month: 1, total: 2 });
        expect(await store.getUserStats(A, 'ann', '2026-12')).toMatchObject({ month: 0 });
      });

      it('returns null for a user it has never seen', async () => {
        expect(await store.getUserStats(A, 'ghost', '2026-11')).toBeNull();
      });
    });

    describe('leaderboards', () => {
      it('ranks by each board with ties sharing a rank', async () => {
        await playRound(1, ['ann', 'bob', 'cat']);
        await playRound(2, ['ann', 'bob']);
        await playRound(3, ['ann', 'dan']);
        const streak = await store.getLeaderboard(A, 'streak', '2026-11', 10, 'ann');
        expect(streak.entries.map((e) => [e.userId, e.score, e.rank])).toEqual([
          ['ann', 3, 1],
          ['dan', 1, 2],
        ]);
        const best = await store.getLeaderboard(A, 'best', '2026-11', 10, 'ann');
        expect(best.entries.map((e) => [e.userId, e.score, e.rank])).toEqual([
          ['ann', 3, 1],
          ['bob', 2, 2],
          ['dan', 1, 3],
          ['cat', 1, 3],
        ]);
        const total = await store.getLeaderboard(A, 'total', '2026-11', 10, 'ann');
        expect(total.entries.map((e) => e.score)).toEqual([3, 2, 1, 1]);
        expect(total.entries[0]?.name).toBe('ANN');
        const month = await store.getLeaderboard(A, 'month', '2026-11', 10, 'ann');
        expect(month.entries.map((e) => e.userId)).toEqual(['ann', 'bob', 'dan', 'cat']);
        expect((await store.getLeaderboard(A, 'month', '2026-12', 10, 'ann')).entries).toEqual([]);
      });

      it('adds the caller when outside the top, with the rank they share', async () => {
        const users = Array.from({ length: 12 }, (_, i) => `u${String(i).padStart(2, '0')}`);
        await playRound(1, users);
        await playRound(2, users.slice(0, 10));
        const board = await store.getLeaderboard(A, 'total', '2026-11', 10, 'u11');
        expect(board.entries).toHaveLength(10);
        expect(board.caller).toEqual({ userId: 'u11', name: 'U11', score: 1, rank: 11 });
        const inside = await store.getLeaderboard(A, 'total', '2026-11', 10, 'u03');
        expect(inside.caller).toBeUndefined();
        const stranger = await store.getLeaderboard(A, 'total', '2026-11', 10, 'nobody');
        expect(stranger.caller).toBeUndefined();
      });

      it('scores the best and total boards by their own counts, whatever month is asked', async () => {
        await playRound(1, ['ann']);
        await playRound(2, ['bob']);
        await playRound(3, ['ann']);
        const best = await store.getLeaderboard(A, 'best', '2026-12', 10, 'ann');
        expect(best.entries.map((e) => [e.userId, e.score, e.rank])).toEqual([
          ['bob', 1, 1],
          ['ann', 1, 1],
        ]);
        const total = await store.getLeaderboard(A, 'total', '2026-12', 10, 'ann');
        expect(total.entries.map((e) => [e.userId, e.score, e.rank])).toEqual([
          ['ann', 2, 1],
          ['bob', 1, 2],
        ]);
      });
    });

    describe('forgetting a user', () => {
      it('removes stats, board entries, answers and practice of that user only', async () => {
        await openPosted(roundInput(1));
        await store.recordAnswer(A, 'r1', answer('ann', roundInput(1).postedAt + 1));
        await store.recordAnswer(A, 'r1', answer('bob', roundInput(1).postedAt + 2));
        await store.startPractice('slack:ann', { questionId: 'q9', askedAt: T0 }, 5);
        await store.forgetUser('slack', 'ann', roundInput(1).postedAt + 10);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
        expect(await store.getPractice('slack:ann')).toBeNull();
        expect(await store.recentPractice('slack:ann')).toEqual([]);
        expect(await store.countAnswers(A, 'r1')).toBe(1);
        for (const board of ['streak', 'best', 'total', 'month'] as const) {
          const lb = await store.getLeaderboard(A, board, '2026-11', 10, 'ann');
          expect(lb.entries.map((e) => e.userId)).toEqual(['bob']);
        }
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers.map((a) => a.userId)).toEqual(['bob']);
      });

      it('goes by the latest forget-me when asked twice', async () => {
        const { postedAt } = roundInput(1);
        await openPosted(roundInput(1));
        await store.forgetUser('slack', 'ann', postedAt + 10);
        await store.forgetUser('slack', 'ann', postedAt + 20);
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 15))).toBe('forgotten');
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 21))).toBe('recorded');
      });

      it('lets a forgotten user start again from zero', async () => {
        await playRound(1, ['ann']);
        await store.forgetUser('slack', 'ann', roundInput(1).revealAt);
        await playRound(2, ['ann']);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({
          currentStreak: 1,
          bestStreak: 1,
          total: 1,
        });
      });
    });

    describe('a lost open round', () => {
      it('is cleared from its channel, so the next round opens', async () => {
        await openPosted(roundInput(1));
        await loseRound(store, A, 'r1');
        expect(await store.openRound(roundInput(2))).toMatchObject({ status: 'opened', round: { id: 'r2' } });
        expect(await store.getOpenRound(A)).toMatchObject({ id: 'r2' });
      });

      it('takes no reply, edit or deletion in its thread', async () => {
        await openPosted(roundInput(1));
        const annsReply = answer('ann', roundInput(1).postedAt + 1);
        await store.recordAnswer(A, 'r1', annsReply);
        await loseRound(store, A, 'r1');
        expect(await store.findRoundByThread(A, 'th-r1')).toBeNull();
        const at = annsReply.at + 1;
        expect(
          await store.editAnswer(A, 'r1', { userId: 'ann', messageId: annsReply.messageId, text: 'changed', at }),
        ).toBe('closed');
        expect(await store.deleteAnswer(A, 'r1', { messageId: annsReply.messageId, at })).toBe('closed');
      });

      it('leaves no last revealed round and nothing to score once a revealed round is lost', async () => {
        await playRound(1, ['ann']);
        await loseRound(store, A, 'r1');
        expect(await store.getLastRevealedRound(A)).toBeNull();
        expect(await store.scoreRound(A, 'r1', [{ userId: 'ann', points: 5 }], '2026-11')).toBe(false);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ points: 0 });
      });

      it('reads as no open round, and stays cleared', async () => {
        await openPosted(roundInput(1));
        await loseRound(store, A, 'r1');
        expect(await store.getOpenRound(A)).toBeNull();
        expect(await store.openRound(roundInput(2))).toMatchObject({ status: 'opened' });
        expect(await store.revealOrCancelRound(A, 'r1')).toBeNull();
      });
    });

    describe('forgetting is not undone by a reply sent before it', () => {
      const { postedAt } = roundInput(1);

      it('refuses the reply again when it is recorded after the forget-me (history catch-up, outage replay)', async () => {
        await openPosted(roundInput(1));
        const annsReply = answer('ann', postedAt + 1);
        expect(await store.recordAnswer(A, 'r1', annsReply)).toBe('recorded');
        expect(await store.recordAnswer(A, 'r1', answer('bob', postedAt + 2))).toBe('recorded');
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordAnswer(A, 'r1', annsReply)).toBe('forgotten');
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 10))).toBe('forgotten');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
        expect(await store.countAnswers(A, 'r1')).toBe(1);
        const board = await store.getLeaderboard(A, 'total', '2026-11', 10, 'ann');
        expect(board.entries.map((e) => e.userId)).toEqual(['bob']);
        expect((await store.revealOrCancelRound(A, 'r1'))?.answers.map((a) => a.userId)).toEqual(['bob']);
      });

      it('refuses it in a channel where nothing was recorded before the forget-me', async () => {
        await openPosted(roundInput(1));
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 5))).toBe('forgotten');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
      });

      it('counts a reply written after the forget-me as a fresh start', async () => {
        await openPosted(roundInput(1));
        await store.recordAnswer(A, 'r1', answer('ann', postedAt + 1));
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 11))).toBe('recorded');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ total: 1, name: 'ANN' });
      });

      it('forgets again a user whose old reply was refused after their fresh start', async () => {
        await openPosted(roundInput(1));
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 11))).toBe('recorded');
        // The replayed reply from before the first forget-me is refused; the fresh start stays forgettable.
        expect(await store.recordAnswer(A, 'r1', answer('ann', postedAt + 5))).toBe('forgotten');
        await store.forgetUser('slack', 'ann', postedAt + 20);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
        expect(await store.countAnswers(A, 'r1')).toBe(0);
      });

      it('keeps to the platform the forget-me came from', async () => {
        await openPosted(roundInput(1, { channel: B }));
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordAnswer(B, 'r1', answer('ann', postedAt + 5))).toBe('recorded');
      });
    });

    describe('scheduled channels of a server or workspace', () => {
      it('lists the channels whose schedule names the space, until unscheduled', async () => {
        await store.setSchedule(A, { ...schedule, space: 'slack:T1' }, T0);
        await store.setSchedule('slack:C2', { ...schedule, space: 'slack:T1' }, T0);
        await store.setSchedule('slack:C3', { ...schedule, space: 'slack:T2' }, T0);
        await store.setSchedule(B, schedule, T0);
        expect((await store.scheduledChannelsIn('slack:T1')).sort()).toEqual(['slack:C2', A].sort());
        await store.removeSchedule(A);
        expect(await store.scheduledChannelsIn('slack:T1')).toEqual(['slack:C2']);
        expect(await store.getSchedule('slack:C2')).toMatchObject({ space: 'slack:T1' });
      });
    });

    describe('jobs', () => {
      it('moves a post job after its post only while the schedule it was computed from stands', async () => {
        const post = { kind: 'post', channel: A } as const;
        await store.setSchedule(A, schedule, T0);
        await store.claimDueJobs(T0, 60_000, 10);
        // A new schedule arrives while the post is in flight: it placed the job itself.
        const changed = { ...schedule, hour: 14 };
        await store.setSchedule(A, changed, T0 + 5 * HOUR);
        expect(await store.reschedulePost(A, schedule, T0 + 24 * HOUR)).toBe(false);
        expect(await store.jobDueAt(post)).toBe(T0 + 5 * HOUR);
        expect(await store.reschedulePost(A, changed, T0 + 29 * HOUR)).toBe(true);
        expect(await store.jobDueAt(post)).toBe(T0 + 29 * HOUR);
        await store.removeSchedule(A);
        expect(await store.reschedulePost(A, changed, T0 + 53 * HOUR)).toBe(false);
        expect(await store.jobDueAt(post)).toBeNull();
      });

      it('hands a due job to one claimer and hides it for the lease', async () => {
        await store.setSchedule(A, schedule, T0);
        const [first, second] = await Promise.all([
          store.claimDueJobs(T0, 60_000, 10),
          store.claimDueJobs(T0, 60_000, 10),
        ]);
        expect([...(first ?? []), ...(second ?? [])]).toEqual([{ kind: 'post', channel: A }]);
        expect(await store.claimDueJobs(T0 + 59_999, 60_000, 10)).toEqual([]);
        // The claimer died: the job comes back after the lease.
        expect(await store.claimDueJobs(T0 + 60_000, 60_000, 10)).toEqual([{ kind: 'post', channel: A }]);
      });

      it('extends a claimed job lease, but never brings back a completed job or pulls a later one forward', async () => {
        await store.setSchedule(A, schedule, T0);
        await store.setSchedule(B, schedule, T0);
        expect(await store.claimDueJobs(T0, 60_000, 10)).toHaveLength(2);
        await store.extendJobLease({ kind: 'post', channel: A }, T0 + 90_000);
        expect(await store.claimDueJobs(T0 + 60_000, 60_000, 10)).toEqual([{ kind: 'post', channel: B }]);
        expect(await store.jobDueAt({ kind: 'post', channel: A })).toBe(T0 + 90_000);
        await store.rescheduleJob({ kind: 'post', channel: A }, T0 + 86_400_000);
        await store.extendJobLease({ kind: 'post', channel: A }, T0 + 150_000);
        expect(await store.jobDueAt({ kind: 'post', channel: A })).toBe(T0 + 86_400_000);
        await store.completeJob({ kind: 'post', channel: B });
        await store.extendJobLease({ kind: 'post', channel: B }, T0 + 150_000);
        expect(await store.jobDueAt({ kind: 'post', channel: B })).toBeNull();
      });

      it('claims only due jobs, oldest first, up to the limit', async () => {
        await store.setSchedule(A, schedule, T0 + 2);
        await store.setSchedule(B, schedule, T0 + 1);
        await openPosted(roundInput(0, { revealAt: T0 + 3 }));
        expect(await store.claimDueJobs(T0, 1000, 10)).toEqual([]);
        expect(await store.claimDueJobs(T0 + 5, 1000, 2)).toEqual([
          { kind: 'post', channel: B },
          { kind: 'post', channel: A },
        ]);
        expect(await store.claimDueJobs(T0 + 5, 1000, 2)).toEqual([{ kind: 'reveal', channel: A, roundId: 'r0' }]);
      });

      it('reschedules and completes jobs', async () => {
        await store.setSchedule(A, schedule, T0);
        await store.claimDueJobs(T0, 1000, 10);
        await store.rescheduleJob({ kind: 'post', channel: A }, T0 + 24 * HOUR);
        expect(await store.jobDueAt({ kind: 'post', channel: A })).toBe(T0 + 24 * HOUR);
        await store.completeJob({ kind: 'post', channel: A });
        expect(await store.claimDueJobs(T0 + 48 * HOUR, 1000, 10)).toEqual([]);
      });
    });

    describe('edges both stores keep alike', () => {
      it('starts a channel never asked from at cycle 0, with nothing asked and no last question', async () => {
        expect(await store.getRotation(A)).toStrictEqual({ asked: [], cycle: 0 });
      });

      it('finishes the announcement of an unknown round without complaint, creating nothing', async () => {
        await store.finishAnnouncement(A, 'ghost');
        expect(await store.getRound(A, 'ghost')).toBeNull();
      });

      it('counts no answers on a round it does not know', async () => {
        expect(await store.countAnswers(A, 'ghost')).toBe(0);
      });

      it('says no absence was running when someone never away comes back', async () => {
        expect(await store.endAbsence(A, 'ann', T0)).toBe(false);
        expect(await store.getStreakProtection(A, 'ann', T0)).toStrictEqual({ freezes: 0, freezeUsedLast: false });
      });

      it('forgets a user on their own platform only, where the same id is someone else', async () => {
        await playRound(1, ['ann'], A);
        await playRound(1, ['ann'], B);
        await store.forgetUser('discord', 'ann', roundInput(1).revealAt + 1);
        expect(await store.getUserStats(B, 'ann', '2026-11')).toBeNull();
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ total: 1, currentStreak: 1 });
      });

      it('queues no second reveal when a revealed round is opened again under its id', async () => {
        await playRound(1, ['ann']);
        await store.completeJob({ kind: 'reveal', channel: A, roundId: 'r1' });
        expect(await store.openRound(roundInput(1))).toMatchObject({ status: 'exists', round: { state: 'revealed' } });
        expect(await store.jobDueAt({ kind: 'reveal', channel: A, roundId: 'r1' })).toBeNull();
      });

      it('leaves the reveal job of a revealed round alone when its opening is retried', async () => {
        const input = roundInput(1);
        await openPosted(input);
        // Claimed and revealed, its announcement not yet out: the job's lease is what retries it.
        expect(await store.claimDueJobs(input.revealAt, 5 * MINUTE, 10)).toEqual([
          { kind: 'reveal', channel: A, roundId: 'r1' },
        ]);
        await store.revealOrCancelRound(A, 'r1');
        expect(await store.openRound(input)).toMatchObject({ status: 'exists', round: { state: 'revealed' } });
        expect(await store.jobDueAt({ kind: 'reveal', channel: A, roundId: 'r1' })).toBe(input.revealAt + 5 * MINUTE);
      });

      it('removes the schedule of a channel that has none without complaint', async () => {
        await store.removeSchedule(B);
        expect(await store.getSchedule(B)).toBeNull();
        expect(await store.countSchedules()).toBe(0);
      });

      it('forgets a user who never answered anywhere, their practice included', async () => {
        await store.startPractice('slack:zed', { questionId: 'q1', askedAt: T0 }, 5);
        await store.forgetUser('slack', 'zed', T0);
        expect(await store.getPractice('slack:zed')).toBeNull();
        expect(await store.recentPractice('slack:zed')).toEqual([]);
      });

      it('claims jobs due at the same moment in the order of their keys', async () => {
        await store.setSchedule(A, schedule, T0);
        await store.setSchedule(B, schedule, T0);
        expect(await store.claimDueJobs(T0, 1000, 1)).toEqual([{ kind: 'post', channel: B }]);
        expect(await store.claimDueJobs(T0, 1000, 1)).toEqual([{ kind: 'post', channel: A }]);
      });
    });

    describe('practice', () => {
      it('remembers the open practice question and the recent ones, newest first, capped', async () => {
        await store.startPractice('shell:me', { questionId: 'a', askedAt: T0 }, 3);
        expect(await store.recentPractice('shell:me')).toEqual(['a']);
        for (const id of ['b', 'c', 'b']) await store.startPractice('shell:me', { questionId: id, askedAt: T0 }, 3);
        expect(await store.getPractice('shell:me')).toEqual({ questionId: 'b', askedAt: T0 });
        expect(await store.recentPractice('shell:me')).toEqual(['b', 'c', 'a']);
        await store.startPractice('shell:me', { questionId: 'd', askedAt: T0 }, 3);
        expect(await store.recentPractice('shell:me')).toEqual(['d', 'b', 'c']);
        await store.endPractice('shell:me');
        expect(await store.getPractice('shell:me')).toBeNull();
        expect(await store.recentPractice('shell:me')).toEqual(['d', 'b', 'c']);
      });

      it('keeps no recent questions when told to keep none', async () => {
        await store.startPractice('shell:me', { questionId: 'a', askedAt: T0 }, 3);
        await store.startPractice('shell:me', { questionId: 'b', askedAt: T0 }, 0);
        expect(await store.getPractice('shell:me')).toEqual({ questionId: 'b', askedAt: T0 });
        expect(await store.recentPractice('shell:me')).toEqual([]);
      });
    });
  });
}
