/**
 * Keeps a Socket Mode connection coming back. Slack drops these connections routinely and the
 * client reconnects by itself, but when `apps.connections.open` cannot be reached at that moment
 * (a network blip, a Slack incident) the client gives up, and its reconnect promise rejects with
 * nobody to catch it: Node then ends the whole process. Wrapping the client's own `start` keeps
 * the first connection's failure visible (the bot must not start half-configured) and turns every
 * later failure into a logged retry with a growing delay.
 */
import type { Logger } from '../../ports/logger.ts';

/** The parts of @slack/socket-mode's SocketModeClient used here. */
export interface RestartableSocket {
  start(): Promise<unknown>;
  on(event: 'connected', listener: () => void): unknown;
  /** Set by the client once `disconnect()` was called (the app is stopping). */
  shuttingDown?: boolean;
}

export interface ReconnectTiming {
  firstDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_TIMING: ReconnectTiming = { firstDelayMs: 5_000, maxDelayMs: 60_000 };

export function keepReconnecting(
  client: RestartableSocket,
  logger: Logger,
  timing: ReconnectTiming = DEFAULT_TIMING,
): void {
  const start = client.start.bind(client);
  let connectedOnce = false;
  let failures = 0;
  client.on('connected', () => {
    connectedOnce = true;
    if (failures > 0) logger.info({ failedAttempts: failures }, 'Slack Socket Mode connection restored');
    failures = 0;
  });
  const guarded = async (): Promise<unknown> => {
    try {
      return await start();
    } catch (error) {
      if (!connectedOnce || client.shuttingDown) throw error;
      failures += 1;
      const delay = Math.min(timing.firstDelayMs * 2 ** (failures - 1), timing.maxDelayMs);
      logger.warn(
        { err: error, failedAttempts: failures, retryInMs: delay },
        'Slack Socket Mode could not reconnect; trying again',
      );
      setTimeout(() => {
        if (!client.shuttingDown) void guarded();
      }, delay).unref();
      return undefined;
    }
  };
  client.start = guarded;
}
