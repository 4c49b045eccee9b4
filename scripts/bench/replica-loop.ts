/**
 * The part every burst replica (burst-replica.ts, slack-burst-replica.ts) shares: a clock that runs at
 * real speed from an offset the bench moves, a tick every second like the production cron, and the
 * stdin protocol (`jump <ms>`, `stats`, `stop`) with JSON-line reports on stdout.
 */
import { createInterface } from 'node:readline';
import type { Clock } from '../../src/ports/clock.ts';

const emit = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** A clock `offsetMs` ahead of the wall clock; `jump` on stdin moves it further. */
export function replicaClock(offsetMs: number): Clock & { jump(ms: number): void } {
  let offset = offsetMs;
  return {
    now: () => Date.now() + offset,
    jump: (ms) => {
      offset += ms;
    },
  };
}

/** Ticks `quiz` every second and answers the bench on stdin until `stop`, which runs `close` and exits. */
export function runReplica(options: {
  quiz: { tick(): Promise<{ failed: number }> };
  clock: ReturnType<typeof replicaClock>;
  errors: string[];
  close: () => Promise<unknown>[];
}): void {
  let failedJobs = 0;
  const ticker = setInterval(() => {
    options.quiz.tick().then(
      (report) => {
        failedJobs += report.failed;
      },
      () => {},
    );
  }, 1000);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, argument] = line.split(' ');
    if (command === 'jump') options.clock.jump(Number(argument));
    if (command === 'stats')
      emit({ stats: { maxRssBytes: process.resourceUsage().maxRSS * 1024, failedJobs, errors: options.errors } });
    if (command === 'stop') {
      clearInterval(ticker);
      void Promise.allSettled(options.close()).then(() => process.exit(0));
    }
  });
  emit({ ready: true });
}
