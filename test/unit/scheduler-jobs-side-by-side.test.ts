/**
 * Jobs a process runs side by side: one held up on a slow platform call holds up no other job,
 * be it another channel's post, the same channel's weekly digest, or the reveal of the channel's
 * next round. And a digest whose post may succeed later is placed again one lease on.
 */
import { describe, expect, it } from 'vitest';
import { Rounds } from '../../src/core/rounds.ts';
import { Scheduler } from '../../src/core/scheduler.ts';
import { TeamBank } from '../../src/core/team-bank.ts';
import type { ChannelId, Platform, PostRef } from '../../src/core/types.ts';
import type { RevealView, RoundPostView } from '../../src/core/views.ts';
import type { ChatAdapter, DeliveryAttempt } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const A: ChannelId = 'shell:a';
const B: ChannelId = 'shell:b';
const MIN = 60_000;
const HOUR = 60 * MIN;
const NINE = MONDAY_0800_UTC + HOUR;
const lead = { id: 'lead', name: 'Lead' };

/** A gate the test opens by hand: `reached` resolves once a call waits at it. */
function gate() {
  let open = () => {};
  let arrive = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { opened, reached, open, arrive };
}

/** Holds the question posts of channel `a`, and the reveal of one round, until the gate opens. */
class SlowChannelAdapter extends RecordingAdapter {
  readonly hold = gate();
  holdPostsIn: string | undefined;
  holdRevealOf: string | undefined;

  override async postQuestion(channel: string, view: RoundPostView, attempt?: DeliveryAttempt): Promise<PostRef> {
    if (channel === this.holdPostsIn) {
      this.hold.arrive();
      await this.hold.opened;
    }
    return super.postQuestion(channel, view, attempt);
  }

  override async postReveal(channel: string, post: PostRef, view: RevealView, attempt?: DeliveryAttempt) {
    if (view.roundId === this.holdRevealOf) {
      this.hold.arrive();
      await this.hold.opened;
    }
    await super.postReveal(channel, post, view, attempt);
  }
}

/** One process's scheduler, with a digest runner that records each run, and a quiz to give commands. */
function replica() {
  const store = new MemoryStore();
  const clock = new FakeClock(MONDAY_0800_UTC);
  const adapter = new SlowChannelAdapter('shell');
  const logger = new RecordingLogger();
  const bank = makeBank();
  const rounds = new Rounds(store, new TeamBank(bank, store), new Map([['shell', adapter]]), clock, logger, {
    defaultWindowMinutes: 60,
    leaseMs: MIN,
  });
  const digestRuns: { channel: ChannelId; retryAt: number }[] = [];
  const digests = {
    async runJob(channel: ChannelId, retryAt: number) {
      digestRuns.push({ channel, retryAt });
    },
  };
  const scheduler = new Scheduler(store, rounds, clock, logger, { leaseMs: MIN, batchSize: 10 }, digests);
  const { quiz } = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store,
    clock,
    bank,
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (channel: ChannelId, text: string) => quiz.command({ channel, caller: lead, isAdmin: true, text });
  return { store, clock, adapter, rounds, scheduler, digestRuns, command };
}

describe('a question post held up by the platform', () => {
  it('does not hold up the post of another channel due later', async () => {
    const p = replica();
    await p.command(A, 'schedule 09:00 UTC daily 1h');
    await p.command(B, 'schedule 09:05 UTC daily 1h');
    p.adapter.holdPostsIn = 'a';
    p.clock.set(NINE);
    const slow = p.scheduler.tick();
    await p.adapter.hold.reached;
    p.clock.set(NINE + 5 * MIN);
    expect(await p.scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(p.adapter.posts.map((post) => post.channel)).toEqual(['b']);
    p.adapter.hold.open();
    await slow;
    expect(p.adapter.posts.map((post) => post.channel)).toEqual(['b', 'a']);
  });

  it('does not hold up the weekly digest of its own channel', async () => {
    const p = replica();
    await p.command(A, 'schedule 09:00 UTC daily 1h');
    await p.store.rescheduleJob({ kind: 'digest', channel: A }, NINE + 5 * MIN);
    p.adapter.holdPostsIn = 'a';
    p.clock.set(NINE);
    const slow = p.scheduler.tick();
    await p.adapter.hold.reached;
    p.clock.set(NINE + 5 * MIN);
    expect(await p.scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(p.digestRuns).toEqual([{ channel: A, retryAt: NINE + 5 * MIN + MIN }]);
    p.adapter.hold.open();
    await slow;
    expect(p.adapter.posts.map((post) => post.channel)).toEqual(['a']);
  });
});

describe('a reveal message held up by the platform', () => {
  it('does not hold up the reveal of the channel’s next round', async () => {
    const p = replica();
    const first = await p.rounds.post(A, { kind: 'manual' });
    if (first.status !== 'posted') throw new Error(`post answered ${first.status}`);
    p.adapter.holdRevealOf = first.round.id;
    p.clock.set(first.round.revealAt);
    const slow = p.scheduler.tick();
    await p.adapter.hold.reached;
    // The first round is revealed in the store, its message still on its way: an admin posts again.
    const second = await p.rounds.post(A, { kind: 'manual' });
    if (second.status !== 'posted') throw new Error(`post answered ${second.status}`);
    p.clock.set(second.round.revealAt);
    expect(await p.scheduler.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(await p.store.getRound(A, second.round.id)).toMatchObject({ state: 'revealed' });
    expect(p.adapter.reveals.map((r) => r.view.roundId)).toEqual([second.round.id]);
    p.adapter.hold.open();
    await slow;
    expect(p.adapter.reveals.map((r) => r.view.roundId)).toEqual([second.round.id, first.round.id]);
  });
});
