/**
 * An absence protects the rounds posted before it ends, and no round after: the one posted at the
 * very midnight it ends, and any round once it is over, count as misses. Also the verdict itself,
 * for a user the store holds no guard for.
 */
import { describe, expect, it } from 'vitest';
import { judgeMiss } from '../../src/core/streaks.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 November 2026, midnight UTC. */
const START = Date.UTC(2026, 10, 2);

/** A channel whose daily round is posted at midnight UTC, the moment an absence ends. */
async function midnightRounds() {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    settings: { userCommandsPerMinute: 0 },
  });
  h.clock.set(START - HOUR);
  const command = (user: string, text: string, isAdmin = false): Promise<Reply> =>
    h.quiz.command({ channel: CH, caller: { id: user, name: user }, isAdmin, text }) as Promise<Reply>;
  await command('lead', 'schedule 00:00 UTC daily 4h', true);

  /** Day n's round is posted at its midnight, `answerers` reply, and it is revealed at 04:00. */
  async function day(n: number, answerers: string[]) {
    h.clock.set(START + n * DAY);
    await h.quiz.tick();
    const post = adapter.posts.at(-1);
    if (post?.view.revealAt !== START + n * DAY + 4 * HOUR) throw new Error(`no round was posted on day ${n}`);
    h.clock.advance(60_000);
    for (const user of answerers) {
      await h.quiz.threadMessage({
        channel: CH,
        threadId: post.ref.threadId,
        messageId: `${user}-${n}`,
        author: { id: user, name: user, isBot: false },
        text: 'a lock',
      });
    }
    h.clock.set(START + n * DAY + 4 * HOUR + 60_000);
    await h.quiz.tick();
  }

  const currentStreak = async (user: string) => {
    const reply = await command(user, 'streak');
    if (reply.kind !== 'streak') throw new Error(`streak answered ${reply.kind}`);
    return reply.stats.currentStreak;
  };
  return { ...h, command, day, currentStreak };
}

describe('an absence that has ended', () => {
  it('does not cover the round posted at the midnight it ends, nor a later one', async () => {
    const h = await midnightRounds();
    await h.day(0, ['ann', 'bob']);
    await h.day(1, ['ann', 'bob']);
    // Day 1, 06:00: both are away for today only, so their absence ends at midnight starting day 2.
    h.clock.set(START + DAY + 6 * HOUR);
    expect(await h.command('ann', 'away 1')).toMatchObject({ kind: 'away', lastDay: 'Tue 3 Nov' });
    expect(await h.command('bob', 'away 1')).toMatchObject({ kind: 'away', lastDay: 'Tue 3 Nov' });
    // Day 2's round is posted at that very midnight; ann misses it, bob answers it.
    await h.day(2, ['bob']);
    expect(await h.currentStreak('ann')).toBe(0);
    expect(await h.currentStreak('bob')).toBe(3);
    // Day 3: bob misses a round a whole day after his absence was over.
    await h.day(3, ['ann']);
    expect(await h.currentStreak('bob')).toBe(0);
    expect(await h.currentStreak('ann')).toBe(1);
  });
});

describe('the verdict on a missed round', () => {
  const postedAt = START + DAY;

  it('is away only for a round posted before the absence ends', () => {
    expect(judgeMiss({ freezes: 0, awayUntil: postedAt + 1 }, postedAt)).toBe('away');
    expect(judgeMiss({ freezes: 1, awayUntil: postedAt + 1 }, postedAt)).toBe('away');
    expect(judgeMiss({ freezes: 0, awayUntil: postedAt }, postedAt)).toBe('reset');
    expect(judgeMiss({ freezes: 2, awayUntil: postedAt - DAY }, postedAt)).toBe('freeze');
  });

  it('spends a freeze when there is one, and resets otherwise, also for a user without a guard', () => {
    expect(judgeMiss({ freezes: 1 }, postedAt)).toBe('freeze');
    expect(judgeMiss({ freezes: 0 }, postedAt)).toBe('reset');
    expect(judgeMiss(undefined, postedAt)).toBe('reset');
  });
});
