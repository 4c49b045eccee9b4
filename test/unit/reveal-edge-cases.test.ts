/**
 * Reveals off the common path: a round another process revealed first, a round the store does not
 * know, a round that never reached the channel, a round whose question left the bank before its
 * thread was read, and a reveal message the platform could not take just now.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { Rounds } from '../../src/core/rounds.ts';
import { Scheduler } from '../../src/core/scheduler.ts';
import { TeamBank } from '../../src/core/team-bank.ts';
import type { ChannelId, PostRef } from '../../src/core/types.ts';
import type { SentThreadMessage } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, makeQuestion, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A platform that can read a round's thread, as Slack and Discord can. */
class ThreadAdapter extends RecordingAdapter {
  history: SentThreadMessage[] = [];
  historyReads = 0;

  async threadReplies(_channel: string, _post: PostRef): Promise<SentThreadMessage[]> {
    this.historyReads++;
    return this.history;
  }
}

/** Rounds and a scheduler over `store` with a one-minute lease and one-hour windows. */
function parts(store: Store, clock: FakeClock, bank: QuestionBank = makeBank()) {
  const adapter = new ThreadAdapter('shell');
  const logger = new RecordingLogger();
  const rounds = new Rounds(store, new TeamBank(bank, store), new Map([['shell', adapter]]), clock, logger, {
    defaultWindowMinutes: 60,
    leaseMs: MIN,
  });
  const scheduler = new Scheduler(store, rounds, clock, logger, { leaseMs: MIN, batchSize: 10 });
  return { adapter, logger, rounds, scheduler };
}

async function postNow(rounds: Rounds): Promise<string> {
  const outcome = await rounds.post(CH, { kind: 'manual' });
  if (outcome.status !== 'posted') throw new Error(`post answered ${outcome.status}`);
  return outcome.round.id;
}

function threadReply(roundId: string, user: string, sentAt: number): SentThreadMessage {
  return {
    channel: CH,
    threadId: `thread-${roundId}`,
    messageId: `${user}-${sentAt}`,
    author: { id: user, name: user, isBot: false },
    text: 'a lock and join',
    sentAt,
  };
}

describe('a round another process revealed first', () => {
  it('is not revealed again, and its thread is not read again', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const { adapter, rounds } = parts(store, clock);
    const roundId = await postNow(rounds);
    clock.advance(HOUR);
    expect(await rounds.reveal(CH, roundId)).toMatchObject({ roundId, answers: [] });
    expect(adapter.historyReads).toBe(1);
    expect(await rounds.reveal(CH, roundId)).toBeNull();
    expect(adapter.historyReads).toBe(1);
    expect(adapter.reveals).toHaveLength(1);
  });
});

describe('a round the store does not know', () => {
  it('has nothing to reveal, and its reveal job is done', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const { adapter, rounds } = parts(store, clock);
    expect(await rounds.reveal(CH, 'r-unknown')).toBeNull();
    expect(await rounds.settleReveal(CH, 'r-unknown')).toBe('done');
    expect(adapter.historyReads).toBe(0);
    expect(adapter.reveals).toHaveLength(0);
  });
});

describe('a round that never reached the channel', () => {
  it('is cancelled by its reveal job, which completes without a failure', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const { adapter, logger, rounds, scheduler } = parts(store, clock);
    adapter.failAllPosts = true;
    await expect(rounds.post(CH, { kind: 'manual' })).rejects.toThrow('could not post round');
    const roundId = (await store.getOpenRound(CH))!.id;
    clock.advance(HOUR);
    expect(await scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await store.getRound(CH, roundId)).toMatchObject({ state: 'cancelled' });
    expect(await store.jobDueAt({ kind: 'reveal', channel: CH, roundId })).toBeNull();
    expect(logger.text()).toContain('closed a round that never reached the channel');
    expect(logger.text()).not.toContain('scheduled job failed');
  });
});

describe('a round whose question left the bank while it was open', () => {
  it('still counts the replies found in its thread', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const before = parts(store, clock, new QuestionBank([makeQuestion('gone')]));
    const roundId = await postNow(before.rounds);
    // A deploy removes the question's file; the new version reveals the round.
    const after = parts(store, clock);
    after.adapter.history = [threadReply(roundId, 'cat', clock.now() + 10 * MIN)];
    clock.advance(HOUR);
    const view = await after.rounds.reveal(CH, roundId);
    expect(after.adapter.historyReads).toBe(1);
    expect(view?.answers.map((a) => a.user.id)).toEqual(['cat']);
  });
});

describe('a reveal message the platform could not take', () => {
  it('is due again one lease later when an admin revealed the round', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const { adapter, rounds } = parts(store, clock);
    const roundId = await postNow(rounds);
    clock.advance(30 * MIN);
    adapter.failAllReveals = true;
    await rounds.reveal(CH, roundId);
    expect(await store.jobDueAt({ kind: 'reveal', channel: CH, roundId })).toBe(clock.now() + MIN);
  });

  it('is due again one lease later when its reveal job ran, and again after each later failure', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const { adapter, rounds, scheduler } = parts(store, clock);
    const roundId = await postNow(rounds);
    adapter.failAllReveals = true;
    clock.advance(HOUR);
    expect(await scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await store.jobDueAt({ kind: 'reveal', channel: CH, roundId })).toBe(clock.now() + MIN);
    clock.advance(MIN);
    expect(await scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await store.jobDueAt({ kind: 'reveal', channel: CH, roundId })).toBe(clock.now() + MIN);
    expect(adapter.revealAttempts).toBe(2);
  });
});
