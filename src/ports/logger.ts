/**
 * The logging the core needs: structured context first, then a sentence. pino's loggers satisfy
 * it, and tests pass a silent or recording one.
 */
export interface Logger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
