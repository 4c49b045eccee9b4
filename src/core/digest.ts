/**
 * The weekly digest: records each revealed round's summary, keeps one digest job per channel due
 * after its week's last round, and when it runs builds the digest and has the channel's adapter
 * post it. At most once per channel and week, whichever replica runs the job; retried like a
 * reveal when the platform or the process fails; not at all for a week without rounds.
 */
import { type ChatAdapter, isPermanentChatFailure } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestChart } from '../ports/digest-chart.ts';
import type { DigestSettings, RoundSummary } from '../ports/digest-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { roundScore, roundSummaryInput } from './digest-data.ts';
import { DIGEST_NOT_POSTED, DIGEST_WEEKS } from './digest-text.ts';
import { latestDigestWeek, nextDigestAt } from './digest-time.ts';
import type { DigestImage, DigestView } from './digest-view.ts';
import type { ChannelId, Round } from './types.ts';
import type { RevealView } from './views.ts';
import { monthKey } from './zoned-time.ts';

const WEEK_MS = 7 * 24 * 3_600_000;
/** Key points and streaks a digest names at most. */
const TOP_MISSED = 5;
const TOP_STREAKS = 3;

export type DigestOutcome =
  | 'posted'
  | 'no-rounds'
  | 'off'
  | 'already-posted'
  | 'no-schedule'
  | 'unsupported'
  /** The post failed in a way that may pass (an outage, a rate limit): run the job again later. */
  | 'retry'
  /** The channel refused it, or it failed for a day: the admins were told, and the week is settled. */
  | 'given-up';

/** How long after its due time a digest that failed to post is still retried, as for reveals. */
export const DIGEST_RETRY_MS = 24 * 3_600_000;

export class Digests {
  constructor(
    private readonly store: Store,
    private readonly adapterFor: (channel: ChannelId) => { adapter: ChatAdapter; nativeId: string },
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly chart?: DigestChart,
  ) {}

  /** Called at every reveal (maybe twice for one round): keeps its summary and queues the week's digest. */
  async recordReveal(round: Round, view: RevealView): Promise<void> {
    await this.store.recordRoundSummary(round.channel, roundSummaryInput(round, view));
    const schedule = await this.store.getSchedule(round.channel);
    if (!schedule) return;
    const settings = await this.store.getDigestSettings(round.channel);
    if (settings && !settings.enabled) return;
    const job = { kind: 'digest', channel: round.channel } as const;
    const next = nextDigestAt(schedule, settings, view.revealedAt);
    // A job due sooner is last week's digest being retried: it places this one when it is done.
    const queued = await this.store.jobDueAt(job);
    if (queued === null || queued > next) await this.store.rescheduleJob(job, next);
  }

  /** Saves an admin's choice and moves a queued digest job to the new time. */
  async configure(channel: ChannelId, settings: DigestSettings): Promise<void> {
    await this.store.setDigestSettings(channel, settings);
    const schedule = await this.store.getSchedule(channel);
    if (!schedule) return;
    const job = { kind: 'digest', channel } as const;
    if (!settings.enabled) await this.store.completeJob(job);
    else if ((await this.store.jobDueAt(job)) !== null)
      await this.store.rescheduleJob(job, nextDigestAt(schedule, settings, this.clock.now()));
  }

  /**
   * Runs a channel's digest job and places it again: at `retryAt` when the post failed in a way that
   * may pass, else after the next week's last round if one was revealed meanwhile (its reveal placed
   * the job while this one ran), else nowhere. A failure of the store leaves the job leased, so it
   * runs again when the lease ends.
   */
  async runJob(channel: ChannelId, retryAt: number): Promise<DigestOutcome> {
    const outcome = await this.run(channel);
    const job = { kind: 'digest', channel } as const;
    if (outcome === 'retry') {
      await this.store.rescheduleJob(job, retryAt);
      return outcome;
    }
    const schedule = await this.store.getSchedule(channel);
    const settings = schedule ? await this.store.getDigestSettings(channel) : null;
    if (!schedule || (settings && !settings.enabled)) {
      await this.store.completeJob(job);
      return outcome;
    }
    const now = this.clock.now();
    const { until } = latestDigestWeek(schedule, settings, now);
    const later = (await this.store.roundSummaries(channel, until, now)).at(-1);
    if (later) await this.store.rescheduleJob(job, nextDigestAt(schedule, settings, later.revealedAt));
    else await this.store.completeJob(job);
    return outcome;
  }

  /**
   * Posts the digest of the channel's latest week unless it is settled: at most once per channel
   * and week (the store numbers the attempts, and a retry has the adapter look for an earlier
   * post first), and again after a crash or a failure that may pass, until a day after it was due.
   */
  async run(channel: ChannelId): Promise<DigestOutcome> {
    const now = this.clock.now();
    const schedule = await this.store.getSchedule(channel);
    if (!schedule) return 'no-schedule';
    const settings = await this.store.getDigestSettings(channel);
    if (settings && !settings.enabled) return 'off';
    const { week, from, until } = latestDigestWeek(schedule, settings, now);
    const view = await this.build(channel, schedule.timezone, week, from, until);
    if (!view) {
      this.logger.info({ channel, week }, 'no rounds this week: no digest');
      return 'no-rounds';
    }
    const { adapter, nativeId } = this.adapterFor(channel);
    if (!adapter.postDigest) return 'unsupported';
    const started = await this.store.startDigestAttempt(channel, week, now);
    if (started.settled) return 'already-posted';
    const { attempt } = started;
    const late = now - until >= DIGEST_RETRY_MS;
    // A first attempt runs however late (the bot was down); retries stop a day after the digest was due.
    const giveUp = async (error?: unknown): Promise<'given-up'> => {
      this.logger.error({ err: error, channel, week, attempt }, 'could not post the weekly digest; giving up');
      await adapter
        .warnChannel(nativeId, DIGEST_NOT_POSTED)
        .catch((warnError: unknown) =>
          this.logger.warn({ err: warnError, channel }, 'could not warn the channel either'),
        );
      await this.store.settleDigestWeek(channel, week, now);
      return 'given-up';
    };
    if (attempt > 1 && late) return giveUp();
    const image = await this.image(channel, view);
    try {
      await adapter.postDigest(nativeId, view, image, attempt > 1 ? { retry: true } : undefined);
    } catch (error) {
      if (isPermanentChatFailure(error) || late) return giveUp(error);
      this.logger.warn({ err: error, channel, week, attempt }, 'could not post the weekly digest; it will be retried');
      return 'retry';
    }
    // A store failure here leaves the week unsettled: the job's next run finds the post and settles it.
    await this.store.settleDigestWeek(channel, week, now);
    this.logger.info({ channel, week, rounds: view.rounds.length, attempt }, 'posted the weekly digest');
    return 'posted';
  }

  /** The digest of the week that ends now, for a preview; null when the week had no rounds. */
  async preview(channel: ChannelId, timezone: string): Promise<{ view: DigestView; image?: DigestImage } | null> {
    const until = this.clock.now();
    const view = await this.build(channel, timezone, 'preview', until - WEEK_MS, until);
    if (!view) return null;
    const image = await this.image(channel, view);
    return image ? { view, image } : { view };
  }

  private async image(channel: ChannelId, view: DigestView): Promise<DigestImage | undefined> {
    if (!this.chart) return undefined;
    try {
      return await this.chart.render(view);
    } catch (error) {
      this.logger.error(
        { err: error, channel, week: view.week },
        'could not draw the digest chart; posting the text alone',
      );
      return undefined;
    }
  }

  /** The digest of the week (`from`, `until`]; null when no round was revealed in it. */
  async build(
    channel: ChannelId,
    timezone: string,
    week: string,
    from: number,
    until: number,
  ): Promise<DigestView | null> {
    const summaries = await this.store.roundSummaries(channel, until - DIGEST_WEEKS * WEEK_MS, until);
    const thisWeek = summaries.filter((s) => s.revealedAt > from);
    if (thisWeek.length === 0) return null;
    const board = await this.store.getLeaderboard(channel, 'streak', monthKey(until, timezone), TOP_STREAKS, '');
    const hardest = hardestOf(thisWeek);
    return {
      week,
      from,
      until,
      timezone,
      rounds: summaries.map((s) => ({
        roundId: s.roundId,
        seq: s.seq,
        title: s.title,
        revealedAt: s.revealedAt,
        answers: s.answers,
        thisWeek: s.revealedAt > from,
      })),
      missed: mostMissedOf(thisWeek),
      streaks: board.entries,
      ...(hardest ? { hardest } : {}),
      newcomers: thisWeek.flatMap((s) => s.newcomers),
    };
  }
}

/** Key points missed this week, summed over the rounds that share a label, most missed first. */
function mostMissedOf(week: RoundSummary[]): DigestView['missed'] {
  const byLabel = new Map<string, DigestView['missed'][number]>();
  for (const summary of week) {
    for (const point of summary.missed) {
      const entry = byLabel.get(point.label);
      if (entry) entry.missedBy += point.missedBy;
      else byLabel.set(point.label, { label: point.label, missedBy: point.missedBy, title: summary.title });
    }
  }
  return [...byLabel.values()]
    .filter((m) => m.missedBy > 0)
    .sort((a, b) => b.missedBy - a.missedBy)
    .slice(0, TOP_MISSED);
}

function hardestOf(week: RoundSummary[]): DigestView['hardest'] {
  let worst: { summary: RoundSummary; score: number } | undefined;
  for (const summary of week) {
    const score = roundScore(summary);
    if (score !== null && (!worst || score < worst.score)) worst = { summary, score };
  }
  if (!worst) return undefined;
  const { summary, score } = worst;
  return {
    roundId: summary.roundId,
    title: summary.title,
    percent: Math.round(score * 100),
    kind: summary.choice ? 'picks' : 'coverage',
    answers: summary.choice?.total ?? summary.answers,
    ...(summary.post ? { post: summary.post } : {}),
  };
}
