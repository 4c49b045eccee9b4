/**
 * Picks and points, the part of the store contract that button questions added: run on the memory
 * store and on Redis (see memory-store.test.ts and redis-store.test.ts), so both keep one rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import type { NewPick, OpenRoundInput, Store } from '../../src/ports/store.ts';

const A: ChannelId = 'slack:T1:C1';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

function roundInput(n: number): OpenRoundInput {
  const postedAt = T0 + n * 24 * HOUR;
  return {
    channel: A,
    roundId: `r${n}`,
    questionId: `q${n}`,
    postedAt,
    openedAt: postedAt,
    revealAt: postedAt + 4 * HOUR,
    timezone: 'UTC',
    startNewCycle: false,
  };
}

function pick(userId: string, option: number, at: number): NewPick {
  return { userId, userName: userId.toUpperCase(), option, at, monthKey: '2026-11' };
}

export function describeStorePicksContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store contract: picks and points`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    async function openPosted(n: number) {
      const input = roundInput(n);
      await store.openRound(input);
      await store.attachPost(A, input.roundId, { messageId: `msg-r${n}`, threadId: `th-r${n}` });
      return input;
    }

    describe('recording picks', () => {
      it('counts the first pick like a first answer, and a changed pick only changes the option', async () => {
        const { postedAt } = await openPosted(1);
        expect(await store.recordPick(A, 'r1', pick('ann', 1, postedAt + 10))).toBe('recorded');
        expect(await store.recordPick(A, 'r1', pick('ann', 2, postedAt + 20))).toBe('changed');
        expect(await store.recordPick(A, 'r1', pick('ann', 2, postedAt + 30))).toBe('unchanged');
        expect(await store.recordPick(A, 'r1', pick('ann', 0, postedAt + 40))).toBe('changed');
        expect(await store.countAnswers(A, 'r1')).toBe(1);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({
          currentStreak: 1,
          total: 1,
          month: 1,
          name: 'ANN',
        });
        const total = await store.getLeaderboard(A, 'total', '2026-11', 10, 'ann');
        expect(total.entries).toEqual([{ rank: 1, userId: 'ann', name: 'ANN', score: 1 }]);
        const revealed = await store.revealOrCancelRound(A, 'r1');
        expect(revealed?.answers).toEqual([
          { userId: 'ann', userName: 'ANN', text: '', messageId: '', at: postedAt + 10, pick: 0 },
        ]);
      });

      it('grows the streak over rounds answered by picks and by text alike', async () => {
        const one = await openPosted(1);
        await store.recordPick(A, 'r1', pick('ann', 0, one.postedAt + 1));
        await store.revealOrCancelRound(A, 'r1');
        const two = await openPosted(2);
        await store.recordAnswer(A, 'r2', {
          userId: 'ann',
          userName: 'ANN',
          text: 'a lock',
          messageId: 'm1',
          at: two.postedAt + 1,
          monthKey: '2026-11',
        });
        await store.revealOrCancelRound(A, 'r2');
        const three = await openPosted(3);
        await store.recordPick(A, 'r3', pick('ann', 2, three.postedAt + 1));
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({
          currentStreak: 3,
          bestStreak: 3,
          total: 3,
        });
      });

      it('refuses a pick at or after revealAt, on a revealed round and on an unknown one', async () => {
        const { postedAt, revealAt } = await openPosted(1);
        expect(await store.recordPick(A, 'r1', pick('ann', 0, revealAt))).toBe('closed');
        expect(await store.recordPick(A, 'r1', pick('bob', 0, postedAt + 1))).toBe('recorded');
        await store.revealOrCancelRound(A, 'r1');
        expect(await store.recordPick(A, 'r1', pick('bob', 1, postedAt + 2))).toBe('closed');
        expect(await store.recordPick(A, 'r9', pick('cat', 1, postedAt + 2))).toBe('closed');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
        expect(await store.getAnswers(A, 'r1')).toMatchObject([{ userId: 'bob', pick: 0 }]);
      });

      it('refuses a pick sent before its author asked to be forgotten, and takes one sent after', async () => {
        const { postedAt } = await openPosted(1);
        expect(await store.recordPick(A, 'r1', pick('ann', 0, postedAt + 1))).toBe('recorded');
        await store.forgetUser('slack', 'ann', postedAt + 10);
        expect(await store.recordPick(A, 'r1', pick('ann', 1, postedAt + 5))).toBe('forgotten');
        // Sent at the very moment of the forget-me counts as before it.
        expect(await store.recordPick(A, 'r1', pick('ann', 1, postedAt + 10))).toBe('forgotten');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toBeNull();
        expect(await store.countAnswers(A, 'r1')).toBe(0);
        expect(await store.recordPick(A, 'r1', pick('ann', 1, postedAt + 11))).toBe('recorded');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ total: 1 });
      });

      it('counts each user once under many concurrent picks', async () => {
        const { postedAt } = await openPosted(1);
        const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
        const outcomes = await Promise.all(
          users.flatMap((u, i) =>
            [0, 1, 2].map((k) => store.recordPick(A, 'r1', pick(u, (i + k) % 3, postedAt + k + 1))),
          ),
        );
        expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(30);
        expect(await store.countAnswers(A, 'r1')).toBe(30);
        const total = await store.getLeaderboard(A, 'total', '2026-11', 50, 'u0');
        expect(total.entries.map((e) => e.score)).toEqual(Array(30).fill(1));
      });
    });

    describe('scoring a round', () => {
      async function revealedWith(users: [string, number][]) {
        const { postedAt } = await openPosted(1);
        for (const [u, option] of users) await store.recordPick(A, 'r1', pick(u, option, postedAt + 1));
        await store.revealOrCancelRound(A, 'r1');
      }

      it('adds points, picks and right picks once, however often it is asked', async () => {
        await revealedWith([
          ['ann', 1],
          ['bob', 0],
        ]);
        const awards = [
          { userId: 'ann', points: 10, rightPick: true },
          { userId: 'bob', points: 0, rightPick: false },
        ];
        expect(await store.scoreRound(A, 'r1', awards, '2026-11')).toBe(true);
        expect(await store.scoreRound(A, 'r1', awards, '2026-11')).toBe(false);
        const both = await Promise.all([1, 2, 3].map(() => store.scoreRound(A, 'r1', awards, '2026-11')));
        expect(both).toEqual([false, false, false]);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({
          points: 10,
          monthPoints: 10,
          picks: 1,
          rightPicks: 1,
        });
        expect(await store.getUserStats(A, 'bob', '2026-11')).toMatchObject({
          points: 0,
          picks: 1,
          rightPicks: 0,
          currentStreak: 1,
        });
      });

      it('awards exactly once when replicas ask at the same time', async () => {
        await revealedWith([['ann', 1]]);
        const awards = [{ userId: 'ann', points: 10, rightPick: true }];
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.scoreRound(A, 'r1', awards, '2026-11')),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ points: 10, picks: 1 });
      });

      it('does not score a round that is still open', async () => {
        const { postedAt } = await openPosted(1);
        await store.recordPick(A, 'r1', pick('ann', 1, postedAt + 1));
        expect(await store.scoreRound(A, 'r1', [{ userId: 'ann', points: 10, rightPick: true }], '2026-11')).toBe(
          false,
        );
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ points: 0, picks: 0 });
      });

      it('counts free-text points without touching pick accuracy', async () => {
        await revealedWith([['ann', 1]]);
        await store.scoreRound(A, 'r1', [{ userId: 'ann', points: 7 }], '2026-11');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({ points: 7, picks: 0, rightPicks: 0 });
      });

      it('ranks the points boards, all time and by month, listing only users with points', async () => {
        const one = await openPosted(1);
        for (const u of ['ann', 'bob', 'cat']) await store.recordPick(A, 'r1', pick(u, 0, one.postedAt + 1));
        await store.revealOrCancelRound(A, 'r1');
        await store.scoreRound(
          A,
          'r1',
          [
            { userId: 'ann', points: 10, rightPick: true },
            { userId: 'bob', points: 0, rightPick: false },
            { userId: 'cat', points: 10, rightPick: true },
          ],
          '2026-11',
        );
        const two = await openPosted(2);
        for (const u of ['ann', 'bob']) await store.recordPick(A, 'r2', pick(u, 0, two.postedAt + 1));
        await store.revealOrCancelRound(A, 'r2');
        await store.scoreRound(
          A,
          'r2',
          [
            { userId: 'ann', points: 3 },
            { userId: 'bob', points: 6 },
          ],
          '2026-12',
        );
        const points = await store.getLeaderboard(A, 'points', '2026-12', 10, 'bob');
        expect(points.entries.map((e) => [e.userId, e.score, e.rank])).toEqual([
          ['ann', 13, 1],
          ['cat', 10, 2],
          ['bob', 6, 3],
        ]);
        const december = await store.getLeaderboard(A, 'points-month', '2026-12', 10, 'ann');
        expect(december.entries.map((e) => [e.userId, e.score])).toEqual([
          ['bob', 6],
          ['ann', 3],
        ]);
        const november = await store.getLeaderboard(A, 'points-month', '2026-11', 10, 'ann');
        expect(november.entries.map((e) => [e.userId, e.score])).toEqual([
          ['cat', 10],
          ['ann', 10],
        ]);
        expect(await store.getUserStats(A, 'ann', '2026-12')).toMatchObject({ points: 13, monthPoints: 3 });
        expect(await store.getUserStats(A, 'cat', '2026-12')).toMatchObject({ points: 10, monthPoints: 0 });
      });

      it('leaves users who were never awarded anything off the points boards', async () => {
        await revealedWith([
          ['ann', 1],
          ['bob', 0],
        ]);
        await store.scoreRound(A, 'r1', [{ userId: 'ann', points: 10, rightPick: true }], '2026-11');
        for (const board of ['points', 'points-month'] as const) {
          const lb = await store.getLeaderboard(A, board, '2026-11', 10, 'bob');
          expect(lb).toEqual({ entries: [{ rank: 1, userId: 'ann', name: 'ANN', score: 10 }] });
        }
        expect(await store.getUserStats(A, 'bob', '2026-11')).toMatchObject({ points: 0, monthPoints: 0, picks: 0 });
      });

      it('starts a user forgotten before their round was scored from zero points when they come back', async () => {
        await revealedWith([['ann', 1]]);
        await store.forgetUser('slack', 'ann', roundInput(1).revealAt + 1);
        expect(await store.scoreRound(A, 'r1', [{ userId: 'ann', points: 10, rightPick: true }], '2026-11')).toBe(true);
        const two = await openPosted(2);
        expect(await store.recordPick(A, 'r2', pick('ann', 0, two.postedAt + 1))).toBe('recorded');
        expect(await store.getUserStats(A, 'ann', '2026-11')).toMatchObject({
          total: 1,
          points: 0,
          monthPoints: 0,
          picks: 0,
          rightPicks: 0,
        });
      });

      it('forgets points with everything else, and gives a forgotten user nothing at a later scoring', async () => {
        await revealedWith([
          ['ann', 1],
          ['bob', 1],
        ]);
        await store.scoreRound(
          A,
          'r1',
          [
            { userId: 'ann', points: 10, rightPick: true },
            { userId: 'bob', points: 10, rightPick: true },
          ],
          '2026-11',
        );
        await store.forgetUser('slack', 'ann', roundInput(1).revealAt + 1);
        for (const board of ['points', 'points-month'] as const) {
          const lb = await store.getLeaderboard(A, board, '2026-11', 10, 'ann');
          expect(lb.entries.map((e) => e.userId)).toEqual(['bob']);
        }
        const two = await openPosted(2);
        await store.recordPick(A, 'r2', pick('bob', 1, two.postedAt + 1));
        await store.recordPick(A, 'r2', pick('cat', 1, two.postedAt + 1));
        await store.revealOrCancelRound(A, 'r2');
        await store.forgetUser('slack', 'cat', two.revealAt + 1);
        await store.scoreRound(
          A,
          'r2',
          [
            { userId: 'bob', points: 10, rightPick: true },
            { userId: 'cat', points: 10, rightPick: true },
          ],
          '2026-11',
        );
        expect(await store.getUserStats(A, 'cat', '2026-11')).toBeNull();
        const lb = await store.getLeaderboard(A, 'points', '2026-11', 10, 'cat');
        expect(lb.entries.map((e) => [e.userId, e.score])).toEqual([['bob', 20]]);
      });
    });
  });
}
