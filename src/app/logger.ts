/**
 * Builds the process logger: JSON lines via pino, to stdout, or to a file in shell mode. File writes
 * are synchronous so the last lines before an exit are never lost; the volume is small.
 */
import { pino } from 'pino';
import type { Logger } from '../ports/logger.ts';

export function createLogger(level: string, destination?: string): Logger & { flush?: () => void } {
  const options = {
    level,
    base: { app: 'quizthread' },
    // Secrets never reach the log, even when a library error echoes its request options.
    redact: {
      paths: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.authorization', 'headers.authorization'],
      censor: '[secret]',
    },
  };
  if (destination) return pino(options, pino.destination({ dest: destination, sync: true, mkdir: true }));
  return pino(options);
}
