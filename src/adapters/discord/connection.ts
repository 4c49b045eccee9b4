/**
 * Brings the Discord gateway up without letting Discord's bad moments end the process. discord.js
 * resumes and re-identifies by itself once connected (session invalidation, op 9, included), but a
 * `login()` that fails (GET /gateway/bot refused, timed out or answering 5xx) is final for it: this
 * retries such a login with a capped, growing delay for as long as it takes, while /healthz says
 * Discord is down. Settings Discord will never accept (a bad token, intents not enabled) are not
 * retried: they reach the caller as discord.js reports them.
 */
import { once } from 'node:events';
import { type Client, Events, Routes } from 'discord.js';
import type { Logger } from '../../ports/logger.ts';

export interface GatewayTiming {
  /** The pause after the first failed login; it doubles with each failure up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long `start()` waits for READY on every shard before going on with Discord reported down. */
  readyTimeoutMs: number;
}

export const DEFAULT_GATEWAY_TIMING: GatewayTiming = {
  firstDelayMs: 2_000,
  maxDelayMs: 60_000,
  readyTimeoutMs: 60_000,
};

/** discord.js error codes for settings Discord refuses every time (close codes 4004, 4010-4014). */
const SETTINGS_ERRORS = new Set([
  'TokenInvalid',
  'DisallowedIntents',
  'InvalidIntents',
  'ShardingInvalid',
  'ShardingRequired',
]);

/** Whether retrying cannot help: the operator has to change a setting first. */
export function isSettingsError(error: unknown): boolean {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  return (typeof code === 'string' && SETTINGS_ERRORS.has(code)) || status === 401;
}

export class GatewayConnection {
  private failures = 0;
  private stopped = false;
  /** The close code of a shard closed for good (4004, 4010-4014): discord.js never reconnects after it. */
  closeCode?: number;
  private get closedForGood(): boolean {
    return this.closeCode !== undefined;
  }
  private retryTimer?: NodeJS.Timeout;
  private readonly timing: GatewayTiming;

  constructor(
    private readonly client: Client,
    private readonly token: string,
    private readonly logger: Logger,
    timing: Partial<GatewayTiming> = {},
  ) {
    this.timing = { ...DEFAULT_GATEWAY_TIMING, ...timing };
  }

  /**
   * Resolves once every shard is ready, or once the first login failed for a reason worth retrying
   * (the retries go on in the background): true when connected. Rejects when Discord refuses the settings.
   */
  async start(): Promise<boolean> {
    this.stopped = false;
    const error = await this.login();
    if (error === undefined) return true;
    if (isSettingsError(error) || this.closedForGood) throw error;
    this.retryAfterFailure(error);
    return false;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** One login: undefined once ready (or still identifying at the deadline), else why it failed. */
  private async login(): Promise<unknown> {
    // Asked first because discord.js's login destroys the client when this call fails, and a
    // destroyed client's shards never reconnect (its WebSocketManager keeps `destroyed` set).
    try {
      await this.client.rest.get(Routes.gatewayBot());
    } catch (error) {
      return error;
    }
    const abort = new AbortController();
    const closed = (event: { code: number }): void => {
      this.closeCode = event.code;
    };
    this.client.once(Events.ShardDisconnect, closed);
    const ready = once(this.client, Events.ClientReady, { signal: abort.signal });
    const loggedIn = this.client.login(this.token);
    ready.catch(() => {});
    loggedIn.catch(() => {});
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      deadline = setTimeout(() => resolve('late'), this.timing.readyTimeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.all([ready, loggedIn]), late]);
      if (outcome === 'late') {
        this.logger.warn(
          { waitedMs: this.timing.readyTimeoutMs },
          'Discord gateway is not ready yet (a shard cannot identify); serving meanwhile, /healthz reports discord down',
        );
      } else if (this.failures > 0) {
        this.logger.info({ failedAttempts: this.failures }, 'Discord gateway connected after failed attempts');
      }
      this.failures = 0;
      return undefined;
    } catch (error) {
      // The rare login that fails after /gateway/bot answered: undo the `destroyed` mark so the
      // next login's shards may reconnect (private to discord.js 14; see the comment above).
      (this.client.ws as unknown as { destroyed: boolean }).destroyed = false;
      return error;
    } finally {
      clearTimeout(deadline);
      abort.abort();
      this.client.off(Events.ShardDisconnect, closed);
    }
  }

  private retryAfterFailure(error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = Math.min(this.timing.firstDelayMs * 2 ** (this.failures - 1), this.timing.maxDelayMs);
    this.logger.warn(
      { err: error, failedAttempts: this.failures, retryInMs: delay },
      'could not connect to the Discord gateway (GET /gateway/bot or login failed); trying again',
    );
    this.retryTimer = setTimeout(() => void this.retry(), delay);
    this.retryTimer.unref();
  }

  private async retry(): Promise<void> {
    if (this.stopped) return;
    const error = await this.login();
    if (error === undefined || this.stopped) return;
    if (isSettingsError(error) || this.closedForGood) {
      this.logger.error({ err: error }, 'Discord refused the bot settings; not retrying until the process restarts');
      return;
    }
    this.retryAfterFailure(error);
  }
}
