import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessGuard, isStateCorrupt, StateCorruptError } from '../../src/app/process-guard.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

function guarded() {
  const source = new EventEmitter();
  const logger = new RecordingLogger();
  const corrupt: unknown[] = [];
  const guard = installProcessGuard(source, logger, (fault) => corrupt.push(fault));
  return { source, logger, corrupt, guard };
}

describe('process guard', () => {
  it('logs a stray rejection with its reason and keeps going', () => {
    const { source, logger, corrupt } = guarded();
    source.emit('unhandledRejection', 'not even an Error');
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'a promise rejected with no handler; the bot keeps serving',
        context: expect.objectContaining({ kind: 'unhandledRejection', reason: 'not even an Error' }),
      }),
    ]);
    expect(corrupt).toEqual([]);
  });

  it('logs an uncaught exception with where it came from', () => {
    const { source, logger } = guarded();
    source.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    expect(logger.entries[0]?.context).toMatchObject({ kind: 'uncaughtException', origin: 'uncaughtException' });
  });

  it('counts faults caught before the metrics existed, then each new one', () => {
    const { source, guard } = guarded();
    source.emit('unhandledRejection', new Error('early'));
    const counted: string[] = [];
    guard.countInto((kind) => counted.push(kind));
    source.emit('uncaughtException', new Error('later'), 'uncaughtException');
    expect(counted).toEqual(['unhandledRejection', 'uncaughtException']);
  });

  it('ends the process once for corrupt state, whichever way the fault arrived', () => {
    const { source, logger, corrupt } = guarded();
    const fault = new StateCorruptError('lease table out of step');
    source.emit('unhandledRejection', fault);
    source.emit('uncaughtException', new StateCorruptError('again'), 'uncaughtException');
    expect(corrupt).toEqual([fault]);
    expect(logger.entries[0]?.message).toBe('internal state is corrupt: exiting so a clean process can take over');
  });

  it('treats failed assertions as corrupt state, and platform errors as not', () => {
    expect(isStateCorrupt(Object.assign(new Error('x'), { code: 'ERR_ASSERTION' }))).toBe(true);
    expect(isStateCorrupt(Object.assign(new Error('fetch failed'), { code: 'slack_webapi_request_error' }))).toBe(
      false,
    );
    expect(isStateCorrupt(undefined)).toBe(false);
  });

  it('leaves the process alone once uninstalled', () => {
    const { source, guard } = guarded();
    guard.uninstall();
    expect(source.listenerCount('unhandledRejection')).toBe(0);
    expect(source.listenerCount('uncaughtException')).toBe(0);
  });
});
