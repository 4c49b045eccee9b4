/**
 * `npm start`: reads settings, starts the bot, and stops it cleanly on SIGINT/SIGTERM (a second
 * signal exits at once). In shell mode it also exits when the terminal input ends.
 */
import 'dotenv/config';
import os from 'node:os';
import path from 'node:path';
import { QuestionBankError } from '../questions/load-questions.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { CORRUPT_STATE_EXIT_CODE, installProcessGuard } from './process-guard.ts';
import { listenForStopSignals, stopApp } from './shutdown.ts';
import { createApp } from './wiring.ts';

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const shellMode = !config.discord && !config.slack;
  // In the terminal demo, logs go to a file so they never interleave with the conversation.
  const logFile = config.logFile ?? (shellMode ? path.join(os.tmpdir(), 'quizthread-shell.log') : undefined);
  const logger = createLogger(config.logLevel, logFile);
  // From here on a stray rejection or exception is logged and counted instead of ending the process.
  const guard = installProcessGuard(process, logger, (fault) => {
    logger.flush?.();
    process.stderr.write(
      `quizthread stopped: its internal state is corrupt (${(fault as Error).message}); see the log\n`,
    );
    process.exit(CORRUPT_STATE_EXIT_CODE);
  });
  if (shellMode && !config.redis) {
    process.stdout.write(`(demo mode: no REDIS_URL, so nothing is kept after you quit; logs in ${logFile})\n`);
  }

  // Signals are handled from the start, so one that arrives while the bot is starting still
  // stops it cleanly once it is up.
  const stopSignals = listenForStopSignals(process, logger, (code) => process.exit(code));

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, logger, { input: process.stdin, output: process.stdout });
  } catch (error) {
    if (error instanceof QuestionBankError) {
      process.stderr.write(`${error.message}\n`);
      logger.error({ problems: error.problems }, 'refusing to start: the question bank is invalid');
      return 1;
    }
    // A platform refusing the credentials, a port in use...: say what failed, keep the stack in the log.
    logger.error({ err: error }, 'could not start');
    process.stderr.write(`quizthread could not start: ${(error as Error).message}\n`);
    return 1;
  }
  guard.countInto((kind) => app.metrics.processFaults.inc({ kind }));
  app.shell?.ended.then(() => stopSignals.request('end of input'));
  return stopApp(app, logger, await stopSignals.requested);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`quizthread crashed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
