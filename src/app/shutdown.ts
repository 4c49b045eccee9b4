/**
 * How the process stops: the first SIGINT/SIGTERM asks for a graceful stop, a second one exits at
 * once (an operator pressing Ctrl-C again, or an orchestrator that has run out of patience), and a
 * graceful stop that hangs anyway is cut off after a deadline instead of hanging the process.
 */
import type { Logger } from '../ports/logger.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
}

export interface StopSignals {
  /** Resolves with the reason for the first stop request: a signal's name, or what `request` was given. */
  readonly requested: Promise<string>;
  /** Asks for a graceful stop for a reason other than a signal (the terminal input ended, say). */
  request(reason: string): void;
}

/** Exit code of a stop that did not finish gracefully: the second signal, or the deadline. */
export const FORCED_EXIT_CODE = 1;

export function listenForStopSignals(source: SignalSource, logger: Logger, exit: (code: number) => void): StopSignals {
  let resolve!: (reason: string) => void;
  const requested = new Promise<string>((r) => {
    resolve = r;
  });
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    source.on(signal, () => {
      signals++;
      if (signals > 1) {
        logger.warn({ signal }, 'second signal: exiting at once');
        exit(FORCED_EXIT_CODE);
        return;
      }
      resolve(signal);
    });
  }
  return { requested, request: resolve };
}

/**
 * Runs a graceful stop, but gives up after `deadlineMs`: the stop closes sockets whose peers may
 * never answer, and a process that cannot exit is worse than one that exits with work unflushed
 * (everything that matters is already in the store; leased jobs are picked up again by any replica).
 */
export async function stopWithin(stop: () => Promise<void>, deadlineMs: number): Promise<'stopped' | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  try {
    return await Promise.race([stop().then(() => 'stopped' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a stop waits for a scheduler tick in flight (it posts and reveals rounds). */
export const TICK_GRACE_MS = 5_000;
/**
 * The whole graceful stop, tick included. Orchestrators wait longer before they kill (compose's
 * stop_grace_period is set to 20 s; Kubernetes waits 30 s by default).
 */
export const STOP_DEADLINE_MS = 15_000;

/** Stops the app within the deadline; resolves with the process's exit code. */
export async function stopApp(
  app: { stop(tickGraceMs: number): Promise<void> },
  logger: Logger,
  reason: string,
): Promise<number> {
  logger.info({ reason }, 'stopping');
  if ((await stopWithin(() => app.stop(TICK_GRACE_MS), STOP_DEADLINE_MS)) === 'deadline') {
    logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'graceful stop did not finish in time: exiting anyway');
    return FORCED_EXIT_CODE;
  }
  return 0;
}
