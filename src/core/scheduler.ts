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

export interface SchedulerSettings {
  leaseMs: number;
  /** Jobs claimed per store round trip. */
  batchSize: number;
}

export interface TickReport {
  claimed: number;
  failed: number;
}

export class Scheduler {
  constructor(
    private readonly store: Store,
    private readonly rounds: Rounds,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: SchedulerSettings,
  ) {}

  /** Runs every due job; work grows with the number of due jobs, not of channels. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, failed: 0 };
    for (;;) {
      const jobs = await this.store.claimDueJobs(this.clock.now(), this.settings.leaseMs, this.settings.batchSize);
      report.claimed += jobs.length;
      const results = await Promise.allSettled(jobs.map((job) => this.run(job)));
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') {
          report.failed++;
          // Not completing the job leaves it leased: it runs again when the lease ends.
          this.logger.error({ job: jobs[i], err: result.reason }, 'scheduled job failed; it will be retried');
        }
      }
      if (jobs.length < this.settings.batchSize) return report;
    }
  }

  private async run(job: Job): Promise<void> {
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
