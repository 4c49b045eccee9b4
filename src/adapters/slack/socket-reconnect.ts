/**
 * Owns the Slack Socket Mode connection. The SocketModeClient is built with its own reconnect
 * turned off, and this loop is the only caller of its `start()`: it reconnects after every drop,
 * retries failed attempts (apps.connections.open errors, refused or timed-out calls, sockets that
 * never say hello) with a capped, growing delay for as long as it takes, and gives up only when
 * Slack rejects the app token at startup.
 *
 * Why not the library's own reconnect (@slack/socket-mode 3.1.0): in
 * https://github.com/slackapi/node-slack-sdk/blob/main/packages/socket-mode/src/SocketModeClient.ts
 * `delayReconnectAttempt` runs the retry as `cb.apply(this).then(res)` with no rejection handler,
 * and the `close` listener drops the promise it returns. `retrieveWSSURL` retries a "recoverable"
 * apps.connections.open error (e.g. `internal_error`) through that chain, but treats a request
 * error (`fetch failed`: refused, reset, timed out) as final: the nested retry then rejects outside
 * `start()`, the promise `start()` awaits never settles, and Node ends the process on the
 * unhandled rejection (issue 19). Reported upstream as
 * https://github.com/slackapi/node-slack-sdk/issues/2656 (fix proposed in pull request #2657).
 */
import type { Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../ports/logger.ts';
import { classifySlackError } from './errors.ts';

/** The parts of @slack/socket-mode's SocketModeClient (built with `autoReconnectEnabled: false`) driven here. */
export interface SocketModeDriver {
  start(): Promise<unknown>;
  disconnect(): Promise<void>;
  on(event: 'authenticated' | 'connected' | 'disconnected', listener: () => void): unknown;
  off(event: 'authenticated' | 'connected' | 'disconnected', listener: () => void): unknown;
}

export interface ReconnectTiming {
  /** The pause after the first failed attempt; it doubles with each failure up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long an attempt may wait for Slack's `hello` once it has a socket URL (a half-open socket never sends one). */
  helloTimeoutMs: number;
}

export const DEFAULT_RECONNECT_TIMING: ReconnectTiming = {
  firstDelayMs: 2_000,
  maxDelayMs: 60_000,
  helloTimeoutMs: 15_000,
};

class HelloTimeoutError extends Error {
  constructor(ms: number) {
    super(`Slack did not say hello within ${ms} ms of opening the socket`);
    this.name = 'HelloTimeoutError';
  }
}

export class SocketModeConnection {
  private stopping = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly timing: ReconnectTiming;

  constructor(
    private readonly client: SocketModeDriver,
    private readonly logger: Logger,
    timing: Partial<ReconnectTiming> = {},
  ) {
    this.timing = { ...DEFAULT_RECONNECT_TIMING, ...timing };
  }

  /**
   * The first connection. Rejects when Slack refuses the app token (the operator must fix a
   * setting); any other failure is logged and retried in the background while /healthz says down.
   */
  async start(): Promise<void> {
    this.stopping = false;
    const error = await this.attempt();
    if (error === undefined) return;
    if (classifySlackError(error).code === 'invalid-auth') throw error;
    this.retryAfterFailure(error);
  }

  stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    // Not awaited: on a socket that stopped answering, the close handshake waits 30 s; the
    // adapter waits for `disconnected` only when the socket was up.
    void this.client.disconnect();
    return Promise.resolve();
  }

  /** One attempt: resolves undefined once Slack said hello, or the reason it did not. */
  private async attempt(): Promise<unknown> {
    let helloTimer: NodeJS.Timeout | undefined;
    let armHello = (): void => {};
    const helloLate = new Promise<never>((_, reject) => {
      armHello = () => {
        helloTimer = setTimeout(
          () => reject(new HelloTimeoutError(this.timing.helloTimeoutMs)),
          this.timing.helloTimeoutMs,
        );
      };
    });
    // apps.connections.open has its own request timeout; the deadline covers the socket after it.
    this.client.on('authenticated', armHello);
    const started = this.client.start();
    // A start abandoned at the deadline may still reject later; that is expected, not unhandled.
    started.catch(() => {});
    helloLate.catch(() => {});
    try {
      await Promise.race([started, helloLate]);
    } catch (error) {
      if (error instanceof HelloTimeoutError) void this.client.disconnect();
      return error ?? new Error('the Socket Mode connection closed before hello');
    } finally {
      clearTimeout(helloTimer);
      this.client.off('authenticated', armHello);
    }
    if (this.stopping) {
      void this.client.disconnect();
      return undefined;
    }
    if (this.failures > 0) this.logger.info({ failedAttempts: this.failures }, 'Slack Socket Mode connection restored');
    this.failures = 0;
    this.watchForDrop();
    return undefined;
  }

  private watchForDrop(): void {
    const dropped = (): void => {
      this.client.off('disconnected', dropped);
      if (this.stopping) return;
      // Slack recycles connections routinely (`disconnect` / refresh_requested): reconnect at once.
      this.logger.info({}, 'Slack Socket Mode connection closed; reconnecting');
      void this.reconnect();
    };
    this.client.on('disconnected', dropped);
  }

  private async reconnect(): Promise<void> {
    if (this.stopping) return;
    const error = await this.attempt();
    if (error !== undefined && !this.stopping) this.retryAfterFailure(error);
  }

  private retryAfterFailure(error: unknown): void {
    this.failures += 1;
    const delay = Math.min(this.timing.firstDelayMs * 2 ** (this.failures - 1), this.timing.maxDelayMs);
    const { code, slackError } = classifySlackError(error);
    this.logger.warn(
      {
        err: error,
        code,
        slackError,
        failedAttempts: this.failures,
        retryInMs: delay,
        ...(code === 'invalid-auth' ? { fix: 'check SLACK_APP_TOKEN (an xapp-... token with connections:write)' } : {}),
      },
      'Slack Socket Mode could not reconnect; trying again',
    );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
    // The operator HTTP server keeps a real process alive; a test's process may end meanwhile.
    this.retryTimer.unref();
  }
}

/** Bolt's Socket Mode receiver with its client's start and stop handed to a SocketModeConnection. */
export function reconnectingReceiver(inner: SocketModeReceiver, connection: SocketModeConnection): Receiver {
  return {
    init: (app) => inner.init(app),
    start: () => connection.start(),
    stop: () => connection.stop(),
  };
}
