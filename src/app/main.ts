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
  if (shellMode && !config.redis) {
    process.stdout.write(`(demo mode: no REDIS_URL, so nothing is kept after you quit; logs in ${logFile})\n`);
  }

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, logger, { input: process.stdin, output: process.stdout });
  } catch (error) {
    if (error instanceof QuestionBankError) {
      process.stderr.write(`${error.message}\n`);
      logger.error({ problems: error.problems }, 'refusing to start: the question bank is invalid');
      return 1;
    }
    throw error;
  }

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) {
      logger.warn({ reason }, 'second stop request: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ reason }, 'stopping');
    await app.stop();
  };
  const stopped = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal).then(resolve));
    app.shell?.ended.then(() => stop('end of input').then(resolve));
  });
  await stopped;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`quizthread crashed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
