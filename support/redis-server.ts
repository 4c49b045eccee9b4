/**
 * Throwaway Redis servers for tests: each `redis-server` runs on a free port of 127.0.0.1 with
 * persistence off and its own temp dir, so no test ever touches the Redis a developer keeps on 6379.
 * The shared server (started once by global-setup.ts) honours REDIS_URL; tests that need to stop and
 * restart Redis start their own with `startRedisServer()`. Free of vitest, so scripts/bench.ts uses it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (if running) and removes its temp dir. */
  stop(): Promise<void>;
  /** Starts the server again on the same port, empty; stops it first if it is running. Absent for REDIS_URL. */
  restart?(): Promise<void>;
}

const NOT_FOUND_HINT =
  'install Redis (e.g. `apt-get install redis-server` or `brew install redis`), or set REDIS_URL to a Redis the tests may write to (they use a unique key prefix per test and never FLUSHALL)';
const READY_TIMEOUT_MS = 10_000;

/** Children still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class RedisNotFoundError extends Error {
  readonly code = 'redis-not-found';
}

/**
 * Starts a redis-server of the test's own, which it may stop and restart at will. With
 * `persistent`, it keeps an append-only file (fsync on every write) in one temp dir across
 * restarts, as a production Redis would, so a restart loses nothing.
 */
export async function startRedisServer(
  options: { persistent?: boolean } = {},
): Promise<RedisServer & { restart(): Promise<void>; pause(): Promise<void> }> {
  const port = await freePort();
  const persistentDir = options.persistent ? await mkdtemp(join(tmpdir(), 'quizthread-redis-aof-')) : undefined;
  let instance: Instance | undefined = await startInstance(port, persistentDir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const current = instance;
      instance = undefined;
      await current?.stop();
      if (persistentDir) await rm(persistentDir, { recursive: true, force: true });
    },
    /** Stops the server process only; with `persistent` its data waits for `restart()`. */
    async pause() {
      await instance?.stop();
      instance = undefined;
    },
    async restart() {
      await instance?.stop();
      instance = undefined;
      instance = await startInstance(port, persistentDir);
    },
  };
}

/** The server the whole run shares: REDIS_URL when set, else a throwaway redis-server. */
export async function startSharedRedis(): Promise<RedisServer> {
  const url = process.env.REDIS_URL;
  if (url) return { url, port: Number(new URL(url).port || 6379), stop: async () => {} };
  try {
    return await startRedisServer();
  } catch (error) {
    if (error instanceof RedisNotFoundError) {
      throw new RedisNotFoundError(`redis-server not found on PATH and REDIS_URL not set: ${NOT_FOUND_HINT}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** A key prefix no other test uses, so tests share one Redis without FLUSHALL. */
export function freshPrefix(): string {
  return `qt-test:${randomUUID().slice(0, 13)}:`;
}

export interface Instance {
  stop(): Promise<void>;
}

export async function startInstance(
  port: number,
  persistentDir?: string,
  extraArgs: readonly string[] = [],
): Promise<Instance> {
  const dir = persistentDir ?? (await mkdtemp(join(tmpdir(), 'quizthread-redis-')));
  const persistence = persistentDir ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      ...persistence,
      '--dir',
      dir,
      '--daemonize',
      'no',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const keepOutput = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keepOutput);
  child.stderr?.on('data', keepOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      running.delete(child);
      reject(
        error.code === 'ENOENT'
          ? new RedisNotFoundError(`redis-server not found on PATH: ${NOT_FOUND_HINT}`, { cause: error })
          : new Error(`could not start redis-server on port ${port}: ${error.message}`, { cause: error }),
      );
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      reject(
        new Error(
          `redis-server on port ${port} exited before answering PING (code ${code}, signal ${signal}):\n${output}`,
        ),
      );
    });
  });
  failed.catch(() => {});

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    running.delete(child);
    if (!persistentDir) await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([waitForPong(port), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** A port of 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls with a raw PING every 10 ms: no client library, so the harness cannot mask a client bug. */
async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
