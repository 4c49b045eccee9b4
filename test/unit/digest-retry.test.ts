import { describe, expect, it } from 'vitest';
import { DIGEST_NOT_POSTED } from '../../src/core/digest-text.ts';
import { nextDigestAt } from '../../src/core/digest-time.ts';
import type { DigestView } from '../../src/core/digest-view.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import { type ChatAdapter, ChatFailure, type DigestPostOptions } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { queueDigest } from '../support/digest-job.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const LEASE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fails each digest post with the next queued failure, then records it. */
class FailingAdapter extends RecordingAdapter {
  readonly failures: ChatFailure[] = [];
  readonly attempts: { week: string; retry: boolean; at: number }[] = [];
  constructor(private readonly clock: FakeClock) {
    super('shell');
  }
  readonly digests: DigestView[] = [];
  async postDigest(_channel: string, view: DigestView, _image?: unknown, options?: DigestPostOptions) {
    this.attempts.push({ week: view.week, retry: options?.retry === true, at: this.clock.now() });
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.digests.push(view);
  }
}

const outage = () => new ChatFailure('unreachable', 'the platform is down', { permanent: false });
const refusal = () => new ChatFailure('missing-access', 'Missing Access', { permanent: true });

async function setup() {
  const clock = new FakeClock(MONDAY_0800_UTC);
  const store = new MemoryStore();
  const logger = new RecordingLogger();
  const adapter = new FailingAdapter(clock);
  const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), store, clock, logger });
  const due = await queueDigest(h.quiz, store, clock, CH);
  clock.set(due);
  return { ...h, adapter, logger, due };
}

describe('a weekly digest that cannot be posted', () => {
  it('is retried every lease, saying so, and given up a day after it was due with the channel told once', async () => {
    const h = await setup();
    for (let i = 0; i < 2000; i++) h.adapter.failures.push(outage());
    while (h.clock.now() < h.due + DAY + 2 * HOUR) {
      await h.quiz.tick();
      h.clock.advance(LEASE);
    }
    expect(h.adapter.digests).toHaveLength(0);
    // Once a lease until a day after it was due, the first alone without `retry`.
    expect(h.adapter.attempts.length).toBeGreaterThanOrEqual(DAY / LEASE - 1);
    expect(h.adapter.attempts.at(-1)?.at).toBeLessThan(h.due + DAY + LEASE);
    expect(h.adapter.attempts.filter((a) => !a.retry)).toHaveLength(1);
    expect(h.adapter.warnings).toEqual([{ channel: 'team', message: DIGEST_NOT_POSTED }]);
    expect(h.logger.entries.filter((e) => /weekly digest; giving up/.test(e.message))).toHaveLength(1);
    // Monday's round was revealed meanwhile: the job waits for next week's digest.
    expect(await h.store.jobDueAt({ kind: 'digest', channel: CH })).toBe(h.due + 7 * DAY);
  });

  it('is given up at once when the channel refuses it, with the channel told', async () => {
    const h = await setup();
    h.adapter.failures.push(refusal());
    await h.quiz.tick();
    h.clock.advance(LEASE);
    await h.quiz.tick();
    expect(h.adapter.attempts).toHaveLength(1);
    expect(h.adapter.warnings.map((w) => w.message)).toEqual([DIGEST_NOT_POSTED]);
  });

  it("is still retried after the next round's reveal, which leaves next week's digest to it", async () => {
    const h = await setup();
    // Down from Sunday's digest until just after Monday's round is revealed (10:00), within the day.
    const back = h.due + DAY - 10 * 60_000;
    for (let i = 0; i < 2000; i++) h.adapter.failures.push(outage());
    while (h.clock.now() < back) {
      await h.quiz.tick();
      h.clock.advance(LEASE);
    }
    h.adapter.failures.length = 0;
    expect(h.adapter.reveals).toHaveLength(1);
    while (h.clock.now() < back + HOUR) {
      await h.quiz.tick();
      h.clock.advance(LEASE);
    }
    expect(h.adapter.digests.map((d) => d.week)).toEqual(['2026-W48']);
    const schedule = await h.store.getSchedule(CH);
    expect(await h.store.jobDueAt({ kind: 'digest', channel: CH })).toBe(nextDigestAt(schedule!, null, back));
  });
});
