/**
 * Bolt, its WebClient and its Socket Mode client log through their own `Logger` interface; this
 * bridge sends those lines to ours, tagged `source: 'slack'`, so there is one log stream.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../ports/logger.ts';

function describe(parts: unknown[]): { message: string; err?: Error } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const message = parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return { message, ...(err ? { err } : {}) };
}

export function boltLogger(logger: Logger): BoltLogger {
  // Our logger filters by level itself; reporting INFO keeps Bolt from building debug-only strings.
  let level = LogLevel.INFO;
  let name = 'slack';
  const forward =
    (write: Logger['info']) =>
    (...parts: unknown[]) => {
      const { message, err } = describe(parts);
      write({ source: name, ...(err ? { err } : {}) }, message);
    };
  return {
    debug: forward((context, message) => logger.debug(context, message)),
    info: forward((context, message) => logger.info(context, message)),
    warn: forward((context, message) => logger.warn(context, message)),
    error: forward((context, message) => logger.error(context, message)),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName(next: string) {
      name = `slack:${next}`;
    },
  };
}
