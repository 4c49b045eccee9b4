/**
 * A year of a team's channel, compressed: a weekday schedule in Europe/Berlin through both
 * daylight-saving changes, on the memory store and on Redis. Every working day gets exactly one
 * question at 09:00 local time, no question repeats before the bank is used up, and streaks follow
 * the rounds a person answered, in words or with a click, or were away for.
 */
import { describe, expect, it } from 'vitest';
import { loadQuestions } from '../../src/questions/load-questions.ts';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import { localTime } from '../../src/core/zoned-time.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { createRedisStore } from '../../src/store/redis/redis-store.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { freshPrefix } from '../support/redis-server.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const start = Date.UTC(2026, 0, 1, 0, 0); // Thursday 1 January 2026
/** Cy is away for two working weeks over the spring daylight-saving change (29 March). */
const CY_AWAY_FROM = Date.UTC(2026, 2, 23, 6, 0);
const CY_BACK_AT = Date.UTC(2026, 3, 5, 22, 0);

async function runYear(store: Store) {
  const bank = new QuestionBank(await loadQuestions('questions'));
  const adapter = new RecordingAdapter('shell');
  const clock = new FakeClock(start);
  const { quiz } = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), store, bank, clock });
  await quiz.command({
    channel: CH,
    caller: { id: 'lead', name: 'lead' },
    isAdmin: true,
    text: 'schedule 09:00 Europe/Berlin weekdays 4h',
  });
  // Hourly ticks: 09:00 Berlin is a whole UTC hour in winter and summer alike, and a quarter of
  // the ticks keeps this year affordable on a busy CI machine. Ann answers every round; Bob skips
  // every fifth round he sees.
  let cyBack: unknown;
  for (let minute = 0; minute < 365 * 24 * 60; minute += 60) {
    clock.set(start + minute * MIN);
    if (clock.now() === CY_BACK_AT) {
      cyBack = await quiz.command({ channel: CH, caller: { id: 'cy', name: 'cy' }, isAdmin: false, text: 'streak' });
    }
    if (clock.now() === CY_AWAY_FROM) {
      await quiz.command({
        channel: CH,
        caller: { id: 'cy', name: 'cy' },
        isAdmin: false,
        text: 'away until 2026-04-03',
      });
    }
    const posted = adapter.posts.length;
    await quiz.tick();
    if (adapter.posts.length === posted) continue;
    const post = adapter.posts.at(-1)!;
    clock.advance(MIN);
    for (const user of ['ann', 'bob', 'cy']) {
      if (user === 'bob' && adapter.posts.length % 5 === 0) continue;
      if (user === 'cy' && clock.now() > CY_AWAY_FROM && clock.now() < CY_BACK_AT) continue;
      // A button question is answered with a click, not in the thread.
      if (post.view.question.options) {
        const caller = { id: user, name: user };
        await quiz.pick({ channel: CH, caller, roundId: post.view.roundId, option: 0 });
        continue;
      }
      await quiz.threadMessage({
        channel: CH,
        threadId: post.ref.threadId,
        messageId: `${user}-${post.view.roundId}`,
        author: { id: user, name: user, isBot: false },
        text: 'a lock',
      });
    }
  }
  clock.advance(24 * 60 * MIN);
  await quiz.tick();
  return { adapter, quiz, bank, cyBack };
}

describe.each([
  ['memory', async () => new MemoryStore()],
  ['redis', async () => createRedisStore(redisUrlForTests(), freshPrefix(), silentLogger)],
])('a year of weekday rounds on the %s store', (_name, makeStore) => {
  it('posts every working day at 09:00 Berlin time, repeats nothing early, and keeps streaks', async () => {
    const store = await makeStore();
    const { adapter, quiz, bank, cyBack } = await runYear(store);
    // 2026 has 261 weekdays.
    expect(adapter.posts).toHaveLength(261);
    expect(adapter.reveals).toHaveLength(261);
    for (const post of adapter.posts) {
      const postedAt = post.view.revealAt - 4 * 60 * MIN;
      expect(localTime(postedAt, 'Europe/Berlin')).toMatchObject({ hour: 9, minute: 0 });
      expect([1, 2, 3, 4, 5]).toContain(localTime(postedAt, 'Europe/Berlin').weekday);
    }
    const ids = adapter.posts.map((p) => p.view.question.id);
    const cycle = bank.questions.length;
    expect(new Set(ids.slice(0, cycle)).size).toBe(cycle);
    expect(new Set(ids.slice(cycle, 2 * cycle)).size).toBe(cycle);
    const ann = await quiz.command({ channel: CH, caller: { id: 'ann', name: 'ann' }, isAdmin: false, text: 'streak' });
    expect(ann).toMatchObject({ stats: { currentStreak: 261, bestStreak: 261, total: 261 } });
    const bob = await quiz.command({ channel: CH, caller: { id: 'bob', name: 'bob' }, isAdmin: false, text: 'streak' });
    // Bob misses rounds 5, 10, ..., 260: his best run is four, and round 261 restarted it at one.
    expect(bob).toMatchObject({ stats: { currentStreak: 1, bestStreak: 4, total: 261 - 52 } });
    // Cy missed the ten working days of his absence, which ended at midnight Berlin summer time,
    // and kept the streak through them; the freezes he earned stay unused, two at most.
    // Back on Monday 6 April, the round of Friday 3 April (09:00 CEST) was covered by the absence,
    // not by a freeze.
    expect(cyBack).toMatchObject({ protection: { freezes: 2, freezeUsedLast: false } });
    expect(cyBack).not.toHaveProperty('protection.awayUntil');
    const cy = await quiz.command({ channel: CH, caller: { id: 'cy', name: 'cy' }, isAdmin: false, text: 'streak' });
    expect(cy).toMatchObject({
      stats: { currentStreak: 251, bestStreak: 251, total: 251 },
      protection: { freezes: 2, freezeUsedLast: false },
    });
    await store.close();
  }, 120_000);
});
