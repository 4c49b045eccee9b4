/**
 * The process-wide policy for faults nobody caught: an unhandled promise rejection or an uncaught
 * exception is logged with its context, counted, and the process keeps serving, because a library's
 * stray rejection (issue 19: @slack/socket-mode's reconnect) must not end a bot whose state lives in
 * the store. Only a fault known to leave the process's own state corrupt (a failed invariant) ends
 * it, on purpose: one clear log line and a distinct exit code, so the orchestrator restarts it.
 */
import type { Logger } from '../ports/logger.ts';

export type FaultKind = 'unhandledRejection' | 'uncaughtException';

/**
 * Thrown where code finds its own in-memory state broken beyond repair (a failed invariant), so
 * the guard ends the process instead of serving from that state.
 */
export class StateCorruptError extends Error {
  readonly code = 'STATE_CORRUPT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateCorruptError';
  }
}

/** Exit code of a stop forced by corrupt state (EX_SOFTWARE): not a signal, not a crash. */
export const CORRUPT_STATE_EXIT_CODE = 70;

/** Our own invariant failures, and Node's assertion errors (node:assert, internal assertions). */
export function isStateCorrupt(fault: unknown): boolean {
  if (fault instanceof StateCorruptError) return true;
  const code = (fault as { code?: unknown } | null)?.code;
  return code === 'STATE_CORRUPT' || code === 'ERR_ASSERTION' || code === 'ERR_INTERNAL_ASSERTION';
}

export interface FaultSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
}

export interface ProcessGuard {
  /** Sends each fault to `count`, the ones caught before this call included (the metrics come later). */
  countInto(count: (kind: FaultKind) => void): void;
  uninstall(): void;
}

export function installProcessGuard(
  source: FaultSource,
  logger: Logger,
  /** Called once, with the fault, when the state is known to be corrupt; ends the process. */
  onCorrupt: (fault: unknown) => void,
): ProcessGuard {
  const caught: FaultKind[] = [];
  let count: ((kind: FaultKind) => void) | undefined;
  let ending = false;

  const handle = (kind: FaultKind, fault: unknown, context: object): void => {
    try {
      count ? count(kind) : caught.push(kind);
      if (isStateCorrupt(fault)) {
        if (ending) return;
        ending = true;
        logger.error(
          { kind, err: fault, ...context },
          'internal state is corrupt: exiting so a clean process can take over',
        );
        onCorrupt(fault);
        return;
      }
      logger.error(
        { kind, err: fault, ...context, ...(fault instanceof Error ? {} : { reason: String(fault) }) },
        kind === 'unhandledRejection'
          ? 'a promise rejected with no handler; the bot keeps serving'
          : 'an exception reached the top of the event loop; the bot keeps serving',
      );
    } catch {
      // A guard that throws would end the process it is there to keep alive.
    }
  };
  const onRejection = (reason: unknown): void => handle('unhandledRejection', reason, {});
  const onException = (error: Error, origin: string): void => handle('uncaughtException', error, { origin });
  source.on('unhandledRejection', onRejection);
  source.on('uncaughtException', onException);

  return {
    countInto(next) {
      count = next;
      for (const kind of caught.splice(0)) next(kind);
    },
    uninstall() {
      source.off('unhandledRejection', onRejection);
      source.off('uncaughtException', onException);
    },
  };
}
