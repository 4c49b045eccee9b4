/**
 * A Redis that accepts connections but never answers (a hung server, a black-holed network): the
 * health check and the stop must still end, because every command gives up after its 2 s bound.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { freshPrefix, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/wait-for.ts';

describe('a Redis that stops answering', () => {
  let redis: RedisServer;
  let proxy: TcpProxy;
  let store: RedisStore;

  beforeEach(async () => {
    redis = await startRedisServer();
    proxy = await startTcpProxy(redis.port);
    store = createRedisStore(`redis://127.0.0.1:${proxy.port}`, freshPrefix(), silentLogger);
    await store.ping();
    proxy.freeze();
  });

  afterEach(async () => {
    await proxy.close();
    await redis.stop();
  });

  it('fails the health check PING with a command timeout instead of waiting for an answer', async () => {
    const error = await store.ping().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'store-unavailable',
      cause: expect.objectContaining({ message: 'Command timed out' }),
    });
    await store.close();
  });

  it('closes anyway: QUIT gives up after the same bound and the connection is dropped', async () => {
    await expect(store.close()).resolves.toBeUndefined();
    const client = (store as unknown as { redis: { status: string } }).redis;
    await waitFor(() => client.status === 'end', 'the connection to be dropped');
  });
});
