import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SocketModeDriver, SocketModeConnection } from '../../../src/adapters/slack/socket-reconnect.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';

/** A SocketModeClient stand-in whose attempts fail until told otherwise, with no network. */
class ScriptedClient extends EventEmitter implements SocketModeDriver {
  attempts = 0;
  up = false;
  failWith: unknown = new Error('fetch failed');
  disconnects = 0;

  async start(): Promise<unknown> {
    this.attempts += 1;
    if (this.failWith !== undefined) throw this.failWith;
    this.emit('authenticated');
    this.up = true;
    this.emit('connected');
    return {};
  }

  async disconnect(): Promise<void> {
    this.disconnects += 1;
    if (this.up) this.drop();
  }

  drop(): void {
    this.up = false;
    this.emit('disconnected');
  }
}

const platformError = (error: string) =>
  Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { error } });

describe('SocketModeConnection', () => {
  let client: ScriptedClient;
  let logger: RecordingLogger;
  let connection: SocketModeConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    client = new ScriptedClient();
    logger = new RecordingLogger();
    connection = new SocketModeConnection(client, logger, { firstDelayMs: 1_000, maxDelayMs: 30_000 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const delays = () => logger.entries.flatMap((e) => ('retryInMs' in e.context ? [e.context.retryInMs] : []));

  it('keeps trying with a doubling delay capped at the maximum, for as long as it takes', async () => {
    await connection.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(delays().slice(0, 7)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(client.attempts).toBeGreaterThan(100);
    client.failWith = undefined;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(client.up).toBe(true);
    expect(logger.entries.at(-1)).toMatchObject({ message: 'Slack Socket Mode connection restored' });
  });

  it('waits 2 s after a first failure by default, doubling up to once a minute', async () => {
    const byDefault = new SocketModeConnection(client, logger);
    await byDefault.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(delays().slice(0, 8)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    await byDefault.stop();
  });

  it('reconnects at once after a drop and starts the backoff afresh after a recovery', async () => {
    client.failWith = undefined;
    await connection.start();
    client.failWith = platformError('internal_error');
    client.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(3_000);
    client.failWith = undefined;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(client.up).toBe(true);
    client.failWith = new Error('fetch failed');
    client.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(delays().at(-1)).toBe(1_000);
  });

  it('rejects the first start when Slack refuses the app token, and retries anything else', async () => {
    client.failWith = platformError('invalid_auth');
    await expect(connection.start()).rejects.toThrow('invalid_auth');
    client.failWith = platformError('internal_error');
    await expect(connection.start()).resolves.toBeUndefined();
  });

  it('tries no more once stopped', async () => {
    await connection.start();
    await connection.stop();
    const attempts = client.attempts;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(client.attempts).toBe(attempts);
  });
});
