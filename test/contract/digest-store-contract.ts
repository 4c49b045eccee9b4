/**
 * The digest's share of the store contract: summaries once per round, newcomers decided once,
 * settings, and one claim per channel and week. Run by `store-contract.ts` on every store.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import {
  DIGEST_WEEK_MEMORY_MS,
  ROUND_SUMMARY_RETENTION_MS,
  type RoundSummaryInput,
} from '../../src/ports/digest-store.ts';
import type { Store } from '../../src/ports/store.ts';

const A: ChannelId = 'slack:T1:C1';
const B: ChannelId = 'discord:99';
const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 13, 0);

function summary(n: number, answerers: string[], overrides: Partial<RoundSummaryInput> = {}): RoundSummaryInput {
  return {
    roundId: `r${n}`,
    seq: n,
    questionId: `q${n}`,
    title: `Question ${n}`,
    revealedAt: T0 + n * DAY,
    answers: answerers.length,
    missed: [
      { label: 'first point', missedBy: 1 },
      { label: 'second point', missedBy: 0 },
    ],
    post: { messageId: `m${n}`, threadId: `t${n}` },
    answerers: answerers.map((id) => ({ id, name: id.toUpperCase() })),
    ...overrides,
  };
}

export function describeDigestStoreContract(getStore: () => Store): void {
  describe('digest summaries', () => {
    it('keeps a round summary with the answerers new to the channel', async () => {
      const store = getStore();
      const first = await store.recordRoundSummary(A, summary(1, ['u1', 'u2']));
      expect(first.newcomers).toEqual([
        { id: 'u1', name: 'U1' },
        { id: 'u2', name: 'U2' },
      ]);
      const second = await store.recordRoundSummary(A, summary(2, ['u2', 'u3'], { choice: { right: 1, total: 2 } }));
      expect(second.newcomers).toEqual([{ id: 'u3', name: 'U3' }]);
      expect(second.choice).toEqual({ right: 1, total: 2 });
      // Another channel has its own newcomers.
      expect((await store.recordRoundSummary(B, summary(1, ['u1']))).newcomers).toEqual([{ id: 'u1', name: 'U1' }]);
      const read = await store.roundSummaries(A, T0, T0 + 10 * DAY);
      expect(read.map((s) => [s.roundId, s.newcomers.length, s.answers])).toEqual([
        ['r1', 2, 2],
        ['r2', 1, 2],
      ]);
      expect(read[0]).toMatchObject({ title: 'Question 1', seq: 1, post: { messageId: 'm1', threadId: 't1' } });
      expect(read[0]?.missed).toEqual(summary(1, []).missed);
    });

    it('records a round once, whoever records it again and with whatever answerers', async () => {
      const store = getStore();
      const once = await store.recordRoundSummary(A, summary(1, ['u1']));
      const again = await store.recordRoundSummary(A, summary(1, ['u1', 'u9'], { answers: 7 }));
      expect(again).toEqual(once);
      // u9 was not taken as seen by the ignored second call.
      expect((await store.recordRoundSummary(A, summary(2, ['u9']))).newcomers).toEqual([{ id: 'u9', name: 'U9' }]);
      expect(await store.roundSummaries(A, 0, T0 + 10 * DAY)).toHaveLength(2);
    });

    it('reads the summaries revealed in a range, the start excluded and the end included', async () => {
      const store = getStore();
      for (const n of [1, 2, 3, 4]) await store.recordRoundSummary(A, summary(n, []));
      const read = await store.roundSummaries(A, T0 + 1 * DAY, T0 + 3 * DAY);
      expect(read.map((s) => s.roundId)).toEqual(['r2', 'r3']);
    });

    it('drops summaries older than the retention', async () => {
      const store = getStore();
      await store.recordRoundSummary(A, summary(1, []));
      await store.recordRoundSummary(A, summary(2, [], { revealedAt: T0 + DAY + ROUND_SUMMARY_RETENTION_MS + 1 }));
      expect((await store.roundSummaries(A, 0, Number.MAX_SAFE_INTEGER)).map((s) => s.roundId)).toEqual(['r2']);
    });

    it('reads no summaries from a channel without any', async () => {
      expect(await getStore().roundSummaries(A, 0, T0 + 10 * DAY)).toEqual([]);
    });

    it('keeps a summary revealed exactly the retention before the latest one', async () => {
      const store = getStore();
      await store.recordRoundSummary(A, summary(1, []));
      await store.recordRoundSummary(A, summary(2, [], { revealedAt: T0 + DAY + ROUND_SUMMARY_RETENTION_MS }));
      expect((await store.roundSummaries(A, 0, Number.MAX_SAFE_INTEGER)).map((s) => s.roundId)).toEqual(['r1', 'r2']);
    });

    it('lists summaries revealed at the same moment in the order of their round ids', async () => {
      const store = getStore();
      for (const n of [3, 1, 2]) await store.recordRoundSummary(A, summary(n, [], { revealedAt: T0 }));
      expect((await store.roundSummaries(A, 0, T0)).map((s) => s.roundId)).toEqual(['r1', 'r2', 'r3']);
    });

    it('forgets a user in every newcomers list and lets them be new again', async () => {
      const store = getStore();
      // A newcomer has answered in the channel, which is how forget-me finds the channel.
      await store.openRound({
        channel: A,
        roundId: 'r1',
        questionId: 'q1',
        postedAt: T0,
        openedAt: T0,
        revealAt: T0 + DAY,
        timezone: 'UTC',
        startNewCycle: false,
      });
      await store.attachPost(A, 'r1', { messageId: 'm1', threadId: 't1' });
      for (const userId of ['u1', 'u2'])
        await store.recordAnswer(A, 'r1', {
          userId,
          userName: userId.toUpperCase(),
          text: 'an answer',
          messageId: `m-${userId}`,
          at: T0 + 1000,
          monthKey: '2026-11',
        });
      await store.revealOrCancelRound(A, 'r1');
      await store.recordRoundSummary(A, summary(1, ['u1', 'u2']));
      await store.forgetUser('slack', 'u1', T0 + 2 * DAY);
      const [first] = await store.roundSummaries(A, 0, T0 + 10 * DAY);
      expect(first?.newcomers).toEqual([{ id: 'u2', name: 'U2' }]);
      expect((await store.recordRoundSummary(A, summary(2, ['u1']))).newcomers).toEqual([{ id: 'u1', name: 'U1' }]);
    });

    it('forgets a user on their own platform only, where the same id is someone else', async () => {
      const store = getStore();
      // The same id answers in a Slack and in a Discord channel: two different people.
      for (const channel of [A, B]) {
        await store.openRound({
          channel,
          roundId: 'r1',
          questionId: 'q1',
          postedAt: T0,
          openedAt: T0,
          revealAt: T0 + DAY,
          timezone: 'UTC',
          startNewCycle: false,
        });
        await store.attachPost(channel, 'r1', { messageId: 'm1', threadId: 't1' });
        await store.recordAnswer(channel, 'r1', {
          userId: 'u1',
          userName: 'U1',
          text: 'an answer',
          messageId: 'm-u1',
          at: T0 + 1000,
          monthKey: '2026-11',
        });
        await store.revealOrCancelRound(channel, 'r1');
        await store.recordRoundSummary(channel, summary(1, ['u1']));
      }
      await store.forgetUser('slack', 'u1', T0 + 2 * DAY);
      expect((await store.roundSummaries(A, 0, T0 + 10 * DAY))[0]?.newcomers).toEqual([]);
      expect((await store.roundSummaries(B, 0, T0 + 10 * DAY))[0]?.newcomers).toEqual([{ id: 'u1', name: 'U1' }]);
      // The Discord u1 is still known there, so a later round does not count them as new.
      expect((await store.recordRoundSummary(B, summary(2, ['u1']))).newcomers).toEqual([]);
    });

    it('keeps each channel its digest settings', async () => {
      const store = getStore();
      expect(await store.getDigestSettings(A)).toBeNull();
      await store.setDigestSettings(A, { enabled: true, at: { day: 5, hour: 16, minute: 30 } });
      await store.setDigestSettings(B, { enabled: false });
      expect(await store.getDigestSettings(A)).toEqual({ enabled: true, at: { day: 5, hour: 16, minute: 30 } });
      expect(await store.getDigestSettings(B)).toEqual({ enabled: false });
    });

    it('numbers the attempts at a channel week until one settles it, the first for exactly one caller', async () => {
      const store = getStore();
      const attempts = await Promise.all([
        store.startDigestAttempt(A, '2026-W49', T0),
        store.startDigestAttempt(A, '2026-W49', T0),
        store.startDigestAttempt(A, '2026-W49', T0 + DAY),
      ]);
      expect(attempts.map((a) => (a.settled ? 0 : a.attempt)).sort()).toEqual([1, 2, 3]);
      expect(await store.startDigestAttempt(A, '2026-W50', T0)).toEqual({ settled: false, attempt: 1 });
      expect(await store.startDigestAttempt(B, '2026-W49', T0)).toEqual({ settled: false, attempt: 1 });
      await store.settleDigestWeek(A, '2026-W49', T0 + DAY);
      expect(await store.startDigestAttempt(A, '2026-W49', T0 + 2 * DAY)).toEqual({ settled: true });
      expect(await store.startDigestAttempt(A, '2026-W50', T0)).toEqual({ settled: false, attempt: 2 });
      expect(DIGEST_WEEK_MEMORY_MS).toBeGreaterThan(7 * DAY);
    });

    it('settles a week no attempt was started for', async () => {
      const store = getStore();
      await store.settleDigestWeek(A, '2026-W49', T0);
      expect(await store.startDigestAttempt(A, '2026-W49', T0)).toEqual({ settled: true });
    });
  });
}
