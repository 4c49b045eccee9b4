/**
 * `npm start`'s entry point as a real OS process, for tests of what a user or an orchestrator sees:
 * exit codes, stdout, stderr and the log file. Platform, Redis and quiz settings of the test runner's
 * own environment are dropped, so only what the test passes applies.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  logFile: string;
  stdout(): string;
  stderr(): string;
  /** The log file's text so far ('' before the first line). */
  log(): string;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export function startBot(env: Record<string, string> = {}): BotProcess {
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'quizthread-')), 'bot.log');
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|REDIS_|QUIZ_|LOG_)/.test(k)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: { ...clean, LOG_FILE: logFile, SHELL_USER: 'ann', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    logFile,
    stdout: () => stdout,
    stderr: () => stderr,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    exited,
  };
}

/** Runs the bot with piped stdin (kept open when null); `onOutput` sees stdout as it grows. */
export async function runBot(
  stdin: string | null,
  env: Record<string, string> = {},
  onOutput?: (stdout: string, kill: () => void) => void,
) {
  const bot = startBot(env);
  if (onOutput) bot.child.stdout.on('data', () => onOutput(bot.stdout(), () => bot.child.kill('SIGTERM')));
  if (stdin !== null) bot.child.stdin.end(stdin);
  return bot.exited;
}
