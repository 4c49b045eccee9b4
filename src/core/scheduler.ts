/**
 * The durable timer: every tick claims the jobs that are due from the store and runs them. Jobs
 * live in the store, not in memory, so a restart picks up an overdue reveal at once and several
 * processes share the work without doing any job twice.
 */
import { isPermanentChatFailure } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Job, Store } from '../ports/store.ts';
import type { Rounds } from './rounds.ts';
import { latestPostAt, nextPostAt } from './schedule.ts';
import type { ChannelId } from './types.ts';

export interface SchedulerSettings {
  leaseMs: number;
  /** Jobs claimed per store round trip. */
  batchSize: number;
}

export interface TickReport {
  claimed: number;
  failed: number;
}

/** How a running job is known in this process: one entry per job, whichever tick claimed it. */
const keyOf = (job: Job) =>
  job.kind === 'reveal' ? `reveal|${job.channel}|${job.roundId}` : `${job.kind}|${job.channel}`;

export class Scheduler {
  /** Jobs this process is working on, with when their lease ends. */
  private readonly running = new Map<string, { job: Job; leaseEnd: number }>();
  private claiming = false;

  constructor(
    private readonly store: Store,
    private readonly rounds: Rounds,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: SchedulerSettings,
    /** Runs and places a channel's weekly digest job (`core/digest.ts`); without it digest jobs are dropped. */
    private readonly digests?: { runJob(channel: ChannelId, retryAt: number): Promise<unknown> },
  ) {}

  /**
   * Keeps the leases of the jobs still running here, then claims and runs due jobs. Ticks may
   * overlap: a job stuck on a slow platform call holds neither the jobs of other channels (a later
   * tick claims them) nor its own job's lease (every tick extends it, so no other replica takes
   * the job over and posts its message again). At most `batchSize` jobs run at once per process.
   */
  async tick(options: { claim: boolean } = { claim: true }): Promise<TickReport> {
    const report: TickReport = { claimed: 0, failed: 0 };
    await this.keepLeases();
    if (!options.claim) return report;
    if (this.claiming) {
      // A claim still on its way (a slow store) is not joined by another one.
      this.logger.debug({}, 'previous scheduler tick still running its claim; skipped this one');
      return report;
    }
    for (;;) {
      const room = this.settings.batchSize - this.running.size;
      if (room <= 0) return report;
      this.claiming = true;
      let jobs: Job[];
      try {
        jobs = await this.store.claimDueJobs(this.clock.now(), this.settings.leaseMs, room);
      } finally {
        this.claiming = false;
      }
      report.claimed += jobs.length;
      const leaseEnd = this.clock.now() + this.settings.leaseMs;
      // A job whose lease ran out while it still runs here (the store was unreachable to extend it) is not run twice.
      const fresh = jobs.filter((job) => !this.running.has(keyOf(job)));
      for (const job of fresh) this.running.set(keyOf(job), { job, leaseEnd });
      const results = await Promise.allSettled(
        fresh.map((job) => this.run(job).finally(() => this.running.delete(keyOf(job)))),
      );
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') {
          report.failed++;
          // Not completing the job leaves it leased: it runs again when the lease ends.
          this.logger.error({ job: fresh[i], err: result.reason }, 'scheduled job failed; it will be retried');
        }
      }
      if (jobs.length < room) return report;
    }
  }

  /** Extends the lease of each running job once half of it has gone by. */
  private async keepLeases(): Promise<void> {
    const now = this.clock.now();
    const { leaseMs } = this.settings;
    const due = [...this.running.values()].filter((entry) => entry.leaseEnd - now <= leaseMs / 2);
    await Promise.all(
      due.map(async (entry) => {
        try {
          await this.store.extendJobLease(entry.job, now + leaseMs);
          entry.leaseEnd = now + leaseMs;
        } catch (error) {
          this.logger.warn({ job: entry.job, err: error }, 'could not extend the lease of a running job');
        }
      }),
    );
  }

  private async run(job: Job): Promise<void> {
    if (job.kind === 'digest') {
      // The digest places its own job: again after a lease when the post failed in a way that may pass.
      if (this.digests) await this.digests.runJob(job.channel, this.clock.now() + this.settings.leaseMs);
      else await this.store.completeJob(job);
      return;
    }
    if (job.kind === 'reveal') {
      if ((await this.rounds.settleReveal(job.channel, job.roundId)) === 'retry') {
        await this.store.rescheduleJob(job, this.clock.now() + this.settings.leaseMs);
      } else {
        await this.store.completeJob(job);
      }
      return;
    }
    const schedule = await this.store.getSchedule(job.channel);
    if (!schedule) {
      await this.store.completeJob(job);
      return;
    }
    const now = this.clock.now();
    const slot = latestPostAt(schedule, now);
    // A post missed while the bot was down is still made if that day's window has not closed.
    if (slot !== null && now < slot + schedule.windowMinutes * 60_000) {
      try {
        await this.rounds.post(job.channel, { kind: 'schedule', slot, windowMinutes: schedule.windowMinutes });
      } catch (error) {
        // A transient failure leaves the job leased, so it runs again when the lease ends. A channel
        // that refuses the bot is tried once per scheduled day instead, until someone fixes it.
        if (!isPermanentChatFailure(error)) throw error;
        this.logger.warn(
          { channel: job.channel, slot, err: error },
          'the channel refused the scheduled question; trying again at the next scheduled time',
        );
      }
    } else {
      this.logger.warn({ channel: job.channel, slot }, 'skipped a post whose answer window had already closed');
    }
    // Conditional: a `/quiz schedule` made while this post ran has placed the job for the new schedule.
    await this.store.reschedulePost(job.channel, schedule, nextPostAt(schedule, now));
  }
}
