/**
 * What an operator sees of the Redis connection: an outage logged once (password hidden) and its
 * end logged, commands that give up quickly while Redis is down and reach the core as an outage,
 * commands issued while the first connection is still being made that wait for it, and settings
 * that cannot work refused at start. Each case that stops Redis runs its own throwaway server.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../src/core/errors.ts';
import type { ChannelId, Schedule } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisClient, type RedisClient } from '../../src/store/redis/client.ts';
import { createRedisStore, RedisStore } from '../../src/store/redis/redis-store.ts';
import { freePort, freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { waitFor } from '../support/wait-for.ts';

const CH: ChannelId = 'slack:T1:C1';
const T0 = Date.UTC(2026, 10, 23, 9, 0);

const schedule: Schedule = {
  hour: 9,
  minute: 0,
  timezone: 'UTC',
  days: [1, 2, 3, 4, 5],
  windowMinutes: 60,
  topics: [],
};

const servers: RedisServer[] = [];
const clients: RedisClient[] = [];
const stores: RedisStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function ownServer() {
  const server = await startRedisServer();
  servers.push(server);
  return server;
}

/** A client of the bot's making, and a count of the connection errors it met. */
function watchedClient(url: string, logger: RecordingLogger) {
  const client = createRedisClient(url, logger);
  clients.push(client);
  let errors = 0;
  client.on('error', () => errors++);
  return { client, errors: () => errors };
}

describe('the Redis connection, as an operator sees it', () => {
  it('logs an outage once however often reconnecting fails, with the password hidden', async () => {
    const logger = new RecordingLogger();
    const port = await freePort();
    const { errors } = watchedClient(`redis://quiz:s3cret@127.0.0.1:${port}`, logger);
    await waitFor(() => errors() >= 3, 'three failed connection attempts');
    const logged = logger.entries.filter((e) => e.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toMatch(/Redis connection failed/);
    expect(logged[0]?.context).toMatchObject({ url: `redis://quiz:***@127.0.0.1:${port}` });
    expect(logger.text()).not.toContain('s3cret');
  });

  it('logs a REDIS_URL it cannot parse as such, without echoing it', async () => {
    const logger = new RecordingLogger();
    const port = await freePort();
    const { errors } = watchedClient(`127.0.0.1:${port}`, logger);
    await waitFor(() => errors() >= 1, 'a failed connection attempt');
    expect(logger.entries[0]?.context).toMatchObject({ url: '(unparsable Redis URL)' });
  });

  it('logs a URL without a password as it is', async () => {
    const logger = new RecordingLogger();
    const port = await freePort();
    const { errors } = watchedClient(`redis://127.0.0.1:${port}/2`, logger);
    await waitFor(() => errors() >= 1, 'a failed connection attempt');
    expect(logger.entries[0]?.context).toMatchObject({ url: `redis://127.0.0.1:${port}/2` });
  });

  it('logs the end of an outage with the failed attempts, then logs the next outage again', async () => {
    const server = await ownServer();
    const logger = new RecordingLogger();
    const { client, errors } = watchedClient(server.url, logger);
    await client.ping();
    expect(logger.entries).toEqual([]);
    await server.pause();
    await waitFor(() => errors() >= 2, 'two failed reconnection attempts');
    await server.restart();
    await waitFor(() => logger.entries.some((e) => e.level === 'info'), 'the restored connection to be logged');
    const restored = logger.entries.find((e) => e.level === 'info');
    expect(restored?.message).toBe('Redis connection restored');
    expect((restored?.context as { failedAttempts?: number } | undefined)?.failedAttempts).toBeGreaterThanOrEqual(2);
    // Counting starts over: the next outage is reported as a new one.
    await server.pause();
    await waitFor(() => logger.entries.filter((e) => e.level === 'error').length === 2, 'the second outage logged');
  });

  it('logs nothing when the first connection simply succeeds', async () => {
    const server = await ownServer();
    const logger = new RecordingLogger();
    const { client } = watchedClient(server.url, logger);
    await client.ping();
    expect(logger.entries).toEqual([]);
  });

  it('lets a command issued while the first connection is being made wait for it', async () => {
    const server = await ownServer();
    const store = createRedisStore(server.url, freshPrefix(), silentLogger);
    stores.push(store);
    // No ping first: the client is still connecting when these go out.
    await store.setSchedule(CH, schedule, T0);
    expect(await store.getSchedule(CH)).toEqual(schedule);
  });

  it('gives up on a command soon while Redis is down and reports it to the core as an outage', async () => {
    const server = await ownServer();
    const store = createRedisStore(server.url, freshPrefix(), silentLogger);
    stores.push(store);
    await store.setSchedule(CH, schedule, T0);
    await server.pause();
    const error = await store.getSchedule(CH).catch((e: unknown) => e);
    expect(isStoreUnavailable(error)).toBe(true);
    // The log line an operator reads: what failed, where, the client's state and the underlying error.
    expect(error).toMatchObject({
      message: 'Redis cannot be reached (getSchedule)',
      context: { store: 'redis', status: expect.stringMatching(/^(connecting|reconnecting|connect)$/) },
      cause: expect.any(Error),
    });
    const health = await store.ping().catch((e: unknown) => e);
    expect(health).toMatchObject({ code: 'store-unavailable', message: 'Redis cannot be reached' });
    // Back again: the same store serves without a restart of the bot.
    await server.restart();
    await waitFor(
      () =>
        store.getSchedule(CH).then(
          () => true,
          () => false,
        ),
      'the store to serve again',
    );
  });

  it('sends the user and password of REDIS_URL, decoded, to the nodes of a Redis Cluster', async () => {
    const server = await ownServer();
    const admin = new Redis(server.url);
    await admin.acl('SETUSER', 'quiz', 'on', '>p@ss', '~*', '&*', '+@all');
    await admin.config('SET', 'requirepass', 'not-the-quiz-password');
    admin.disconnect();
    /** What the seed node answered first: a plain server is no cluster, but it only says so once logged in. */
    const firstReply = async (url: string) => {
      const logger = new RecordingLogger();
      const client = createRedisClient(url, logger, { cluster: true });
      clients.push(client);
      const logged = await waitFor(() => logger.entries.find((e) => e.level === 'error'), 'the cluster error');
      return (logged.context as { err?: { lastNodeError?: Error } }).err?.lastNodeError?.message;
    };
    expect(await firstReply(`redis://quiz:p%40ss@127.0.0.1:${server.port}`)).toMatch(/cluster support disabled/);
    expect(await firstReply(`redis://quiz:p%40ss@127.0.0.1:${server.port}/0`)).toMatch(/cluster support disabled/);
    expect(await firstReply(`redis://quiz:wrong@127.0.0.1:${server.port}`)).toMatch(/WRONGPASS/);
    // rediss: the nodes are spoken to over TLS, so this plain server never gets to answer in plain text.
    expect(await firstReply(`rediss://quiz:p%40ss@127.0.0.1:${server.port}`)).not.toMatch(
      /cluster support disabled|WRONGPASS/,
    );
  });

  it('ends its connection when the store is closed', async () => {
    const server = await ownServer();
    const client = createRedisClient(server.url, silentLogger);
    clients.push(client);
    const store = new RedisStore(client, freshPrefix());
    await store.ping();
    await store.close();
    await waitFor(() => client.status === 'end', 'the connection to end');
  });

  it('refuses a cluster URL that selects a database other than 0', () => {
    expect(() => createRedisStore('redis://127.0.0.1:7000/3', freshPrefix(), silentLogger, { cluster: true })).toThrow(
      'REDIS_URL selects database 3, but a Redis Cluster has only database 0',
    );
  });
});
