/**
 * The deliveries still being worked on after Slack was acknowledged. A clean stop waits for them,
 * and so do tests, instead of sleeping; a failure is logged here so it never reaches Bolt unseen.
 */
import type { Logger } from '../../ports/logger.ts';

export class InFlight {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  async run(what: string, work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => {
      this.logger.error({ err: error, what }, 'could not handle a slack delivery');
    });
    this.running.add(running);
    try {
      await running;
    } finally {
      this.running.delete(running);
    }
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
