import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORCED_EXIT_CODE, listenForStopSignals, stopApp, stopWithin } from '../../src/app/shutdown.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

describe('stop signals', () => {
  it('asks for a graceful stop on the first signal and exits at once on the second', async () => {
    const process = new EventEmitter();
    const exits: number[] = [];
    const logger = new RecordingLogger();
    const signals = listenForStopSignals(process, logger, (code) => exits.push(code));

    process.emit('SIGTERM');
    await expect(signals.requested).resolves.toBe('SIGTERM');
    expect(exits).toEqual([]);

    process.emit('SIGINT');
    expect(exits).toEqual([FORCED_EXIT_CODE]);
    expect(logger.text()).toContain('second signal: exiting at once');
  });

  it('counts a signal after a stop requested for another reason as the first', async () => {
    const process = new EventEmitter();
    const exits: number[] = [];
    const signals = listenForStopSignals(process, new RecordingLogger(), (code) => exits.push(code));

    signals.request('end of input');
    await expect(signals.requested).resolves.toBe('end of input');
    process.emit('SIGINT');
    expect(exits).toEqual([]);
    process.emit('SIGINT');
    expect(exits).toEqual([FORCED_EXIT_CODE]);
  });
});

describe('stopWithin', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a stop that finishes before the deadline', async () => {
    vi.useFakeTimers();
    const result = stopWithin(async () => {}, 1_000);
    await expect(result).resolves.toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up on a stop that never finishes once the deadline passes', async () => {
    vi.useFakeTimers();
    let settled = false;
    const result = stopWithin(() => new Promise<void>(() => {}), 15_000).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('deadline');
  });

  it('passes on a stop that fails, so the failure is reported rather than hidden', async () => {
    vi.useFakeTimers();
    await expect(stopWithin(() => Promise.reject(new Error('redis quit failed')), 1_000)).rejects.toThrow(
      'redis quit failed',
    );
  });
});

describe('stopping the app', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives a tick in flight 5 s and exits 0 when the stop finishes', async () => {
    const graces: number[] = [];
    const code = await stopApp({ stop: async (grace) => void graces.push(grace) }, new RecordingLogger(), 'SIGTERM');
    expect(graces).toEqual([5_000]);
    expect(code).toBe(0);
  });

  it('exits 1 when the whole stop has not finished after 15 s, and logs it', async () => {
    vi.useFakeTimers();
    const logger = new RecordingLogger();
    let code: number | undefined;
    void stopApp({ stop: () => new Promise<void>(() => {}) }, logger, 'SIGTERM').then((c) => {
      code = c;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(code).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(code).toBe(1);
    expect(logger.text()).toContain('graceful stop did not finish in time');
  });
});
