/** A logger that keeps every line, so tests can check what was (and was not) logged. */
import type { Logger } from '../../src/ports/logger.ts';

export interface LogEntry {
  level: keyof Logger;
  context: object;
  message: string;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  debug(context: object, message: string) {
    this.entries.push({ level: 'debug', context, message });
  }
  info(context: object, message: string) {
    this.entries.push({ level: 'info', context, message });
  }
  warn(context: object, message: string) {
    this.entries.push({ level: 'warn', context, message });
  }
  error(context: object, message: string) {
    this.entries.push({ level: 'error', context, message });
  }
  /** Every entry as one string, for "was X logged anywhere" checks. */
  text(): string {
    return this.entries
      .map(
        (e) => `${e.level} ${e.message} ${JSON.stringify(e.context, (_k, v) => (v instanceof Error ? v.message : v))}`,
      )
      .join('\n');
  }
}
