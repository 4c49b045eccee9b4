/**
 * The digest job of one channel, run the way the scheduler runs it: when it posts, when it waits
 * and retries, when it gives up and tells the channel, and where it places itself next.
 */
import { describe, expect, it } from 'vitest';
import { DIGEST_NOT_POSTED } from '../../src/core/digest-text.ts';
import { nextDigestAt } from '../../src/core/digest-time.ts';
import type { DigestImage, DigestView } from '../../src/core/digest-view.ts';
import { Digests } from '../../src/core/digest.ts';
import type { ChannelId, Round, Schedule } from '../../src/core/types.ts';
import type { RevealView } from '../../src/core/views.ts';
import { ChatFailure, type DigestPostOptions } from '../../src/ports/chat.ts';
import type { DigestChart } from '../../src/ports/digest-chart.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const CH: ChannelId = 'shell:team';
const JOB = { kind: 'digest', channel: CH } as const;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const LEASE = MIN;
/** Daily 09:00 UTC rounds of an hour: the digest goes out on Sundays at 10:15 UTC. */
const DAILY: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'UTC',
  days: [0, 1, 2, 3, 4, 5, 6],
  windowMinutes: 60,
  topics: [],
};
/** Sunday 29 November 2026, 10:15 UTC: the digest of ISO week 48. */
const DUE = Date.UTC(2026, 10, 29, 10, 15);

class DigestAdapter extends RecordingAdapter {
  readonly posted: { channel: string; view: DigestView; image?: DigestImage; options?: DigestPostOptions }[] = [];
  readonly failures: unknown[] = [];
  failWarnings = false;
  async postDigest(channel: string, view: DigestView, image?: DigestImage, options?: DigestPostOptions) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posted.push({ channel, view, ...(image ? { image } : {}), ...(options ? { options } : {}) });
  }
  override async warnChannel(channel: string, message: string) {
    if (this.failWarnings) throw new Error('Missing Access');
    await super.warnChannel(channel, message);
  }
}

const outage = () => new ChatFailure('unreachable', 'the platform is down', { permanent: false });
const refusal = () => new ChatFailure('missing-access', 'Missing Access', { permanent: true });
const PNG: DigestImage = { png: new Uint8Array([137, 80, 78, 71]), width: 1200, height: 600, alt: 'the chart' };

async function setup(
  options: { scheduled?: boolean; adapter?: RecordingAdapter; chart?: DigestChart; at?: number } = {},
) {
  const store = new MemoryStore();
  const clock = new FakeClock(options.at ?? DUE);
  const logger = new RecordingLogger();
  const adapter = options.adapter ?? new DigestAdapter('shell');
  if (options.scheduled !== false) await store.setSchedule(CH, DAILY, DUE + DAY);
  await store.recordRoundSummary(CH, {
    roundId: 'r1',
    seq: 1,
    questionId: 'q1',
    title: 'Locks and threads',
    revealedAt: DUE - DAY,
    answers: 2,
    missed: [{ label: 'Uses a lock', missedBy: 1 }],
    answerers: [{ id: 'ann', name: 'Ann' }],
  });
  await store.rescheduleJob(JOB, DUE);
  const digests = new Digests(store, () => ({ adapter, nativeId: 'team' }), clock, logger, options.chart);
  return { store, clock, logger, adapter, digests };
}

/** A round revealed after the digest's week closed, while its job ran. */
const laterRound = { roundId: 'r2', seq: 2, questionId: 'q2', title: 'Queues', answers: 1, missed: [], answerers: [] };

const logged = (logger: RecordingLogger, message: RegExp) => logger.entries.filter((e) => message.test(e.message));

describe('the digest job', () => {
  it('is due on Sundays at 10:15 for daily rounds at 09:00 with an hour to answer', () => {
    expect(nextDigestAt(DAILY, null, DUE - DAY)).toBe(DUE);
  });

  it('posts the week’s digest once, logs it, and then finds the week settled', async () => {
    const h = await setup();
    expect(await h.digests.runJob(CH, DUE + LEASE)).toBe('posted');
    const adapter = h.adapter as DigestAdapter;
    expect(adapter.posted).toHaveLength(1);
    expect(adapter.posted[0]).toMatchObject({ channel: 'team', view: { week: '2026-W48' } });
    // A first attempt has nothing earlier to look for.
    expect(adapter.posted[0]?.options).toBeUndefined();
    expect(logged(h.logger, /posted the weekly digest/)).toEqual([
      {
        level: 'info',
        message: 'posted the weekly digest',
        context: { channel: CH, week: '2026-W48', rounds: 1, attempt: 1 },
      },
    ]);
    // Without a chart there is nothing to draw, and nothing went wrong.
    expect(h.logger.entries.map((e) => e.level)).toEqual(['info']);
    // No round since: the job is done until a reveal places it again.
    expect(await h.store.jobDueAt(JOB)).toBeNull();
    expect(await h.digests.run(CH)).toBe('already-posted');
    expect(adapter.posted).toHaveLength(1);
  });

  it('waits for next week’s digest when a round was revealed while it ran', async () => {
    const h = await setup({ at: DUE + 2 * HOUR });
    await h.store.recordRoundSummary(CH, { ...laterRound, revealedAt: DUE + HOUR });
    expect(await h.digests.runJob(CH, DUE + 2 * HOUR + LEASE)).toBe('posted');
    expect(await h.store.jobDueAt(JOB)).toBe(DUE + 7 * DAY);
  });

  it('waits for the admin’s day and time next week when a round was revealed while it ran', async () => {
    const saturday = Date.UTC(2026, 10, 28, 12, 0);
    const h = await setup({ at: saturday + 2 * HOUR });
    await h.store.setDigestSettings(CH, { enabled: true, at: { day: 6, hour: 12, minute: 0 } });
    await h.store.recordRoundSummary(CH, { ...laterRound, revealedAt: saturday + HOUR });
    expect(await h.digests.runJob(CH, saturday + 2 * HOUR + LEASE)).toBe('posted');
    expect((h.adapter as DigestAdapter).posted[0]?.view.until).toBe(saturday);
    expect(await h.store.jobDueAt(JOB)).toBe(saturday + 7 * DAY);
  });

  it('drops its job when the digest is off, even with a round revealed since', async () => {
    const h = await setup({ at: DUE + 2 * HOUR });
    await h.store.setDigestSettings(CH, { enabled: false });
    await h.store.recordRoundSummary(CH, { ...laterRound, revealedAt: DUE + HOUR });
    expect(await h.digests.runJob(CH, DUE + 2 * HOUR + LEASE)).toBe('off');
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('posts nothing and drops its job in a channel that has no schedule', async () => {
    const h = await setup({ scheduled: false });
    expect(await h.digests.runJob(CH, DUE + LEASE)).toBe('no-schedule');
    expect((h.adapter as DigestAdapter).posted).toEqual([]);
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('posts nothing and drops its job when an admin turned the digest off', async () => {
    const h = await setup();
    await h.store.setDigestSettings(CH, { enabled: false });
    expect(await h.digests.runJob(CH, DUE + LEASE)).toBe('off');
    expect((h.adapter as DigestAdapter).posted).toEqual([]);
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('runs at the admin’s own time when it is on at a day and time', async () => {
    const h = await setup({ at: Date.UTC(2026, 10, 28, 12, 0) });
    await h.store.setDigestSettings(CH, { enabled: true, at: { day: 6, hour: 12, minute: 0 } });
    expect(await h.digests.run(CH)).toBe('posted');
    expect((h.adapter as DigestAdapter).posted[0]?.view.until).toBe(Date.UTC(2026, 10, 28, 12, 0));
  });

  it('is no digest on a platform that cannot post one, and warns nobody', async () => {
    const adapter = new RecordingAdapter('shell');
    const h = await setup({ adapter });
    expect(await h.digests.run(CH)).toBe('unsupported');
    expect(adapter.warnings).toEqual([]);
  });

  it('is no digest for a week without rounds, logged as such', async () => {
    const h = await setup({ at: DUE + 7 * DAY });
    expect(await h.digests.run(CH)).toBe('no-rounds');
    expect(logged(h.logger, /no rounds this week/)).toEqual([
      { level: 'info', message: 'no rounds this week: no digest', context: { channel: CH, week: '2026-W49' } },
    ]);
  });
});

describe('a digest post that fails', () => {
  it('is run again at the retry time when the failure may pass, saying so, and then posted as a retry', async () => {
    const h = await setup();
    const adapter = h.adapter as DigestAdapter;
    const failure = outage();
    adapter.failures.push(failure);
    expect(await h.digests.runJob(CH, DUE + LEASE)).toBe('retry');
    expect(await h.store.jobDueAt(JOB)).toBe(DUE + LEASE);
    expect(logged(h.logger, /weekly digest/)).toEqual([
      {
        level: 'warn',
        message: 'could not post the weekly digest; it will be retried',
        context: { err: failure, channel: CH, week: '2026-W48', attempt: 1 },
      },
    ]);
    expect(adapter.warnings).toEqual([]);
    h.clock.set(DUE + LEASE);
    expect(await h.digests.runJob(CH, DUE + 2 * LEASE)).toBe('posted');
    expect(adapter.posted.map((p) => p.options)).toEqual([{ retry: true }]);
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('is still retried until a day after it was due, and given up at that instant with the channel told', async () => {
    const retried = await setup();
    (retried.adapter as DigestAdapter).failures.push(outage());
    await retried.digests.runJob(CH, DUE + LEASE);
    retried.clock.set(DUE + DAY - 1);
    expect(await retried.digests.run(CH)).toBe('posted');

    const h = await setup();
    const adapter = h.adapter as DigestAdapter;
    adapter.failures.push(outage());
    await h.digests.runJob(CH, DUE + LEASE);
    h.clock.set(DUE + DAY);
    expect(await h.digests.run(CH)).toBe('given-up');
    expect(adapter.posted).toEqual([]);
    expect(adapter.warnings).toEqual([{ channel: 'team', message: DIGEST_NOT_POSTED }]);
    expect(logged(h.logger, /giving up/)).toEqual([
      {
        level: 'error',
        message: 'could not post the weekly digest; giving up',
        context: { err: undefined, channel: CH, week: '2026-W48', attempt: 2 },
      },
    ]);
    expect(await h.digests.run(CH)).toBe('already-posted');
  });

  it('goes out however late on its first attempt, after the bot was down, but is given up if that attempt fails', async () => {
    const late = await setup({ at: DUE + 3 * DAY });
    expect(await late.digests.run(CH)).toBe('posted');

    const h = await setup({ at: DUE + 3 * DAY });
    const adapter = h.adapter as DigestAdapter;
    adapter.failures.push(outage());
    expect(await h.digests.run(CH)).toBe('given-up');
    expect(adapter.warnings.map((w) => w.message)).toEqual([DIGEST_NOT_POSTED]);
  });

  it('is given up at once when the channel refuses it, and the week stays settled even if the warning fails too', async () => {
    const h = await setup();
    const adapter = h.adapter as DigestAdapter;
    adapter.failures.push(refusal());
    adapter.failWarnings = true;
    expect(await h.digests.runJob(CH, DUE + LEASE)).toBe('given-up');
    expect(logged(h.logger, /could not warn the channel either/)).toEqual([
      { level: 'warn', message: 'could not warn the channel either', context: { err: expect.any(Error), channel: CH } },
    ]);
    expect(await h.store.jobDueAt(JOB)).toBeNull();
    expect(await h.digests.run(CH)).toBe('already-posted');
  });
});

describe('the digest’s chart', () => {
  it('goes out with the digest, and when it cannot be drawn the text goes out alone, logged', async () => {
    const drawn = await setup({ chart: { render: async () => PNG } });
    await drawn.digests.run(CH);
    expect((drawn.adapter as DigestAdapter).posted[0]?.image).toEqual(PNG);

    const broken = new Error('no fonts');
    const h = await setup({
      chart: {
        render: async () => {
          throw broken;
        },
      },
    });
    expect(await h.digests.run(CH)).toBe('posted');
    expect((h.adapter as DigestAdapter).posted[0]).not.toHaveProperty('image');
    expect(logged(h.logger, /chart/)).toEqual([
      {
        level: 'error',
        message: 'could not draw the digest chart; posting the text alone',
        context: { err: broken, channel: CH, week: '2026-W48' },
      },
    ]);
  });

  it('comes with a preview of the seven days up to now, which is nothing when they had no round', async () => {
    const h = await setup({ at: DUE, chart: { render: async () => PNG } });
    const preview = await h.digests.preview(CH, 'UTC');
    expect(preview?.image).toEqual(PNG);
    expect(preview?.view).toMatchObject({ week: 'preview', from: DUE - 7 * DAY, until: DUE });
    const textOnly = await setup({ at: DUE });
    expect(await textOnly.digests.preview(CH, 'UTC')).not.toHaveProperty('image');
    h.clock.set(DUE + 7 * DAY);
    expect(await h.digests.preview(CH, 'UTC')).toBeNull();
  });
});

function revealed(revealedAt: number): { round: Round; view: RevealView } {
  return {
    round: {
      id: `r${revealedAt}`,
      channel: CH,
      seq: 9,
      questionId: 'q1',
      postedAt: revealedAt - HOUR,
      openedAt: revealedAt - HOUR,
      revealAt: revealedAt,
      timezone: 'UTC',
      state: 'revealed',
    },
    view: {
      roundId: `r${revealedAt}`,
      question: { id: 'q1', title: 'Locks', difficulty: 'easy', topics: [], prompt: '?', format: 'free' },
      modelAnswer: 'Take a lock.',
      keyPoints: [],
      answers: [],
      listed: [],
      mostMissed: [],
      feedbackAvailable: true,
      revealedAt,
    },
  };
}

describe('a reveal', () => {
  const MONDAY_REVEAL = DUE + DAY - 15 * MIN;

  it('places the week’s digest job after the week’s last round, and keeps the round for it', async () => {
    const h = await setup();
    await h.store.completeJob(JOB);
    const { round, view } = revealed(MONDAY_REVEAL);
    await h.digests.recordReveal(round, view);
    expect(await h.store.jobDueAt(JOB)).toBe(DUE + 7 * DAY);
    expect((await h.store.roundSummaries(CH, DUE, DUE + 7 * DAY)).map((s) => s.roundId)).toEqual([round.id]);
  });

  it('places it at the admin’s day and time when there is one', async () => {
    const h = await setup();
    await h.store.completeJob(JOB);
    await h.store.setDigestSettings(CH, { enabled: true, at: { day: 3, hour: 18, minute: 0 } });
    const { round, view } = revealed(MONDAY_REVEAL);
    await h.digests.recordReveal(round, view);
    expect(await h.store.jobDueAt(JOB)).toBe(Date.UTC(2026, 11, 2, 18, 0));
  });

  it('leaves alone a job due sooner, last week’s digest being retried, and brings a later one forward', async () => {
    const h = await setup();
    await h.store.rescheduleJob(JOB, MONDAY_REVEAL + LEASE);
    const { round, view } = revealed(MONDAY_REVEAL);
    await h.digests.recordReveal(round, view);
    expect(await h.store.jobDueAt(JOB)).toBe(MONDAY_REVEAL + LEASE);

    await h.store.rescheduleJob(JOB, DUE + 14 * DAY);
    await h.digests.recordReveal(round, view);
    expect(await h.store.jobDueAt(JOB)).toBe(DUE + 7 * DAY);
  });

  it('places no job in a channel without a schedule or with the digest off', async () => {
    const unscheduled = await setup({ scheduled: false });
    await unscheduled.store.completeJob(JOB);
    const { round, view } = revealed(MONDAY_REVEAL);
    await unscheduled.digests.recordReveal(round, view);
    expect(await unscheduled.store.jobDueAt(JOB)).toBeNull();

    const off = await setup();
    await off.store.completeJob(JOB);
    await off.store.setDigestSettings(CH, { enabled: false });
    await off.digests.recordReveal(round, view);
    expect(await off.store.jobDueAt(JOB)).toBeNull();
  });
});

describe('an admin’s digest settings', () => {
  it('move a queued digest job to the new time, counted from now', async () => {
    const h = await setup({ at: DUE - 2 * DAY });
    await h.digests.configure(CH, { enabled: true, at: { day: 6, hour: 8, minute: 30 } });
    expect(await h.store.jobDueAt(JOB)).toBe(Date.UTC(2026, 10, 28, 8, 30));
    expect(await h.store.getDigestSettings(CH)).toEqual({ enabled: true, at: { day: 6, hour: 8, minute: 30 } });
  });

  it('queue no job when none was waiting: the next reveal places it', async () => {
    const h = await setup({ at: DUE - 2 * DAY });
    await h.store.completeJob(JOB);
    await h.digests.configure(CH, { enabled: true, at: { day: 6, hour: 8, minute: 30 } });
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('drop the queued job when the digest is turned off', async () => {
    const h = await setup({ at: DUE - 2 * DAY });
    await h.digests.configure(CH, { enabled: false });
    expect(await h.store.jobDueAt(JOB)).toBeNull();
  });

  it('are kept for a channel without a schedule, which has no job to move', async () => {
    const h = await setup({ scheduled: false, at: DUE - 2 * DAY });
    await h.digests.configure(CH, { enabled: false });
    expect(await h.store.getDigestSettings(CH)).toEqual({ enabled: false });
    expect(await h.store.jobDueAt(JOB)).toBe(DUE);
  });
});
