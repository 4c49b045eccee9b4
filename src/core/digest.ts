/**
 * The weekly digest: records each revealed round's summary, keeps one digest job per channel due
 * after its week's last round, and when it runs builds the digest and has the channel's adapter
 * post it. At most once per channel and week, whichever replica runs the job, and not at all for a
 * week without rounds.
 */
import type { ChatAdapter } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestChart } from '../ports/digest-chart.ts';
import type { DigestSettings, RoundSummary } from '../ports/digest-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { roundScore, roundSummaryInput } from './digest-data.ts';
import { DIGEST_WEEKS } from './digest-text.ts';
import { latestDigestWeek, nextDigestAt } from './digest-time.ts';
import type { DigestImage, DigestView } from './digest-view.ts';
import type { ChannelId, Round } from './types.ts';
import type { RevealView } from './views.ts';
import { monthKey } from './zoned-time.ts';

const WEEK_MS = 7 * 24 * 3_600_000;
/** Key points and streaks a digest names at most. */
const TOP_MISSED = 5;
const TOP_STREAKS = 3;

export type DigestOutcome = 'posted' | 'no-rounds' | 'off' | 'already-posted' | 'no-schedule' | 'unsupported';

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
    await this.store.rescheduleJob(
      { kind: 'digest', channel: round.channel },
      nextDigestAt(schedule, settings, view.revealedAt),
    );
  }

  /** Saves an admin's choice and moves a queued digest job to the new time. */
  async configure(channel: ChannelId, settings: DigestSettings): Promise<number | null> {
    await this.store.setDigestSettings(channel, settings);
    const schedule = await this.store.getSchedule(channel);
    if (!schedule) return null;
    const next = nextDigestAt(schedule, settings, this.clock.now());
    const job = { kind: 'digest', channel } as const;
    if (!settings.enabled) await this.store.completeJob(job);
    else if ((await this.store.jobDueAt(job)) !== null) await this.store.rescheduleJob(job, next);
    return settings.enabled ? next : null;
  }

  /** Runs a channel's digest job; the scheduler drops the job afterwards whatever the outcome. */
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
    // Claimed before posting: a crash between the two loses this week's digest rather than doubling it.
    if (!(await this.store.claimDigestWeek(channel, week, now))) return 'already-posted';
    const image = await this.image(channel, view);
    await adapter.postDigest(nativeId, view, image);
    this.logger.info({ channel, week, rounds: view.rounds.length }, 'posted the weekly digest');
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
