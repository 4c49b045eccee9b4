/**
 * Streak protection every Store must have (absences, freezes), run against the memory store and
 * against Redis like the main contract (store-contract.ts), so both apply streaks.ts's rules alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import type { Store } from '../../src/ports/store.ts';

const A: ChannelId = 'slack:T1:C1';
const B: ChannelId = 'slack:T1:C2';
const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const M = '2026-11';

export function describeStreakProtectionContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store contract: streak protection`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const postedAt = (n: number) => T0 + n * DAY;

    /** Posts round n in a channel, lets `users` answer it (or pick, with `picks`), and reveals it. */
    async function playRound(n: number, users: string[], channel: ChannelId = A, picks = false) {
      const roundId = `r${n}`;
      await store.openRound({
        channel,
        roundId,
        questionId: `q${n}`,
        postedAt: postedAt(n),
        openedAt: postedAt(n),
        revealAt: postedAt(n) + 4 * 3_600_000,
        timezone: 'UTC',
        startNewCycle: false,
      });
      await store.attachPost(channel, roundId, { messageId: `m${n}`, threadId: `t${n}` });
      for (const userId of picks ? users : []) {
        const at = postedAt(n) + 60_000;
        await store.recordPick(channel, roundId, {
          userId,
          userName: userId.toUpperCase(),
          option: 1,
          at,
          monthKey: M,
        });
        // A changed pick counts once: it must not earn anything twice.
        await store.recordPick(channel, roundId, {
          userId,
          userName: userId.toUpperCase(),
          option: 0,
          at,
          monthKey: M,
        });
      }
      for (const userId of picks ? [] : users) {
        await store.recordAnswer(channel, roundId, {
          userId,
          userName: userId.toUpperCase(),
          text: 'an answer',
          messageId: `m-${userId}-${n}`,
          at: postedAt(n) + 60_000,
          monthKey: M,
        });
      }
      return store.revealOrCancelRound(channel, roundId);
    }

    async function playRounds(from: number, to: number, users: string[]) {
      for (let n = from; n <= to; n++) await playRound(n, users);
    }

    const streakOf = async (userId: string) => (await store.getUserStats(A, userId, M))?.currentStreak;

    describe('absences', () => {
      it('keeps a streak through rounds posted while away, without adding to it', async () => {
        await playRounds(1, 3, ['ann', 'bob']);
        await store.setAbsence(A, 'ann', postedAt(6) + 1);
        await playRounds(4, 6, ['bob']);
        expect(await streakOf('ann')).toBe(3);
        expect(await streakOf('bob')).toBe(6);
        expect((await store.getLeaderboard(A, 'streak', M, 10, 'ann')).entries).toEqual([
          { rank: 1, userId: 'bob', name: 'BOB', score: 6 },
          { rank: 2, userId: 'ann', name: 'ANN', score: 3 },
        ]);
        // Back: the next answer continues the streak.
        await playRound(7, ['ann']);
        expect(await store.getUserStats(A, 'ann', M)).toMatchObject({ currentStreak: 4, bestStreak: 4, total: 4 });
      });

      it('ends protection with the absence: a round posted after it resets the streak', async () => {
        await playRounds(1, 2, ['ann']);
        await store.setAbsence(A, 'ann', postedAt(3) + 1);
        await playRound(3, []);
        expect(await streakOf('ann')).toBe(2);
        await playRound(4, []);
        expect(await streakOf('ann')).toBe(0);
        expect((await store.getLeaderboard(A, 'streak', M, 10, 'ann')).entries).toEqual([]);
      });

      it('counts an answer sent while away as usual', async () => {
        await playRound(1, ['ann']);
        await store.setAbsence(A, 'ann', postedAt(5));
        await playRounds(2, 3, ['ann']);
        expect(await store.getUserStats(A, 'ann', M)).toMatchObject({ currentStreak: 3, total: 3 });
      });

      it('reports a running absence, and back ends it', async () => {
        const until = postedAt(9);
        expect(await store.getStreakProtection(A, 'ann', T0)).toEqual({ freezes: 0, freezeUsedLast: false });
        await store.setAbsence(A, 'ann', until);
        expect(await store.getStreakProtection(A, 'ann', T0)).toEqual({
          awayUntil: until,
          freezes: 0,
          freezeUsedLast: false,
        });
        // Another channel, and after the absence ends, show none.
        expect((await store.getStreakProtection(B, 'ann', T0)).awayUntil).toBeUndefined();
        expect((await store.getStreakProtection(A, 'ann', until)).awayUntil).toBeUndefined();
        expect(await store.endAbsence(A, 'ann', T0)).toBe(true);
        expect(await store.endAbsence(A, 'ann', T0)).toBe(false);
        expect((await store.getStreakProtection(A, 'ann', T0)).awayUntil).toBeUndefined();
      });

      it('says an absence that had already run out was not running when back ends it', async () => {
        await store.setAbsence(A, 'ann', postedAt(1));
        expect(await store.endAbsence(A, 'ann', postedAt(2))).toBe(false);
      });

      it('counts an absence as over at the very moment it ends', async () => {
        await store.setAbsence(A, 'ann', postedAt(1));
        expect(await store.endAbsence(A, 'ann', postedAt(1))).toBe(false);
      });

      it('does not bring back a streak that a miss had already ended', async () => {
        await playRounds(1, 2, ['ann']);
        await playRound(3, []);
        expect(await streakOf('ann')).toBe(0);
        // Going away after the streak ended protects nothing: there is no streak left to keep.
        await store.setAbsence(A, 'ann', postedAt(5));
        await playRound(4, []);
        expect(await streakOf('ann')).toBe(0);
        await playRound(5, ['ann']);
        expect(await store.getUserStats(A, 'ann', M)).toMatchObject({ currentStreak: 1, bestStreak: 2, total: 3 });
      });

      it('no longer protects rounds after back', async () => {
        await playRound(1, ['ann']);
        await store.setAbsence(A, 'ann', postedAt(9));
        await store.endAbsence(A, 'ann', postedAt(1));
        await playRound(2, []);
        expect(await streakOf('ann')).toBe(0);
      });

      it('replaces an earlier absence', async () => {
        await store.setAbsence(A, 'ann', postedAt(9));
        await store.setAbsence(A, 'ann', postedAt(2));
        expect((await store.getStreakProtection(A, 'ann', T0)).awayUntil).toBe(postedAt(2));
      });
    });

    describe('freezes', () => {
      it('earns one for every 10 answered rounds in a row', async () => {
        await playRounds(1, 9, ['ann']);
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(0);
        await playRound(10, ['ann']);
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(1);
      });

      it('uses one on a missed round instead of resetting, and reports it in the reveal', async () => {
        await playRounds(1, 10, ['ann', 'bob']);
        const missed = await playRound(11, ['bob']);
        expect(missed?.freezesUsed).toEqual([{ userId: 'ann', name: 'ANN', freezesLeft: 0 }]);
        expect(await streakOf('ann')).toBe(10);
        expect(await store.getStreakProtection(A, 'ann', T0)).toEqual({ freezes: 0, freezeUsedLast: true });
        // The next answer continues the streak; the freeze note is about the latest reveal only.
        const answered = await playRound(12, ['ann', 'bob']);
        expect(answered?.freezesUsed).toBeUndefined();
        expect(await streakOf('ann')).toBe(11);
        expect(await store.getStreakProtection(A, 'ann', T0)).toEqual({ freezes: 0, freezeUsedLast: false });
      });

      it('resets the streak on a second miss with no freeze left', async () => {
        await playRounds(1, 10, ['ann']);
        await playRound(11, []);
        const second = await playRound(12, []);
        expect(second?.freezesUsed).toBeUndefined();
        expect(await store.getUserStats(A, 'ann', M)).toMatchObject({ currentStreak: 0, bestStreak: 10 });
      });

      it('keeps at most 2', async () => {
        await playRounds(1, 30, ['ann']);
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(2);
        await playRounds(31, 32, []);
        expect(await streakOf('ann')).toBe(30);
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(0);
        await playRound(33, []);
        expect(await streakOf('ann')).toBe(0);
      });

      it('keeps a freeze while away: the absence protects first', async () => {
        await playRounds(1, 10, ['ann']);
        await store.setAbsence(A, 'ann', postedAt(12) + 1);
        const away = await playRound(11, []);
        expect(away?.freezesUsed).toBeUndefined();
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(1);
        expect(await streakOf('ann')).toBe(10);
      });

      it('come from picks on button rounds like from answers, and a pick continues a kept streak', async () => {
        await playRounds(1, 5, ['ann']);
        for (let n = 6; n <= 10; n++) await playRound(n, ['ann'], A, true);
        expect((await store.getStreakProtection(A, 'ann', T0)).freezes).toBe(1);
        expect((await playRound(11, []))?.freezesUsed).toEqual([{ userId: 'ann', name: 'ANN', freezesLeft: 0 }]);
        await playRound(12, ['ann'], A, true);
        expect(await store.getUserStats(A, 'ann', M)).toMatchObject({ currentStreak: 11, total: 11 });
      });

      it('are kept per channel', async () => {
        await playRounds(1, 10, ['ann']);
        expect((await store.getStreakProtection(B, 'ann', T0)).freezes).toBe(0);
      });
    });

    it('forgets absences and freezes with the user', async () => {
      await playRounds(1, 10, ['ann']);
      await store.setAbsence(A, 'ann', postedAt(20));
      await store.setAbsence(B, 'ann', postedAt(20));
      await store.forgetUser('slack', 'ann', postedAt(11));
      expect(await store.getStreakProtection(A, 'ann', T0)).toEqual({ freezes: 0, freezeUsedLast: false });
      expect(await store.getStreakProtection(B, 'ann', T0)).toEqual({ freezes: 0, freezeUsedLast: false });
    });
  });
}
