/**
 * The only place that builds the production ioredis client, a single Redis or a Redis Cluster, from
 * the REDIS_URL setting. Commands fail within a couple of seconds while Redis is down (so the bot can
 * say "temporarily unavailable" instead of hanging) and the client keeps reconnecting in the
 * background; an outage is logged once, not once per retry.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../ports/logger.ts';

/** A single Redis, or a Redis Cluster whose nodes ioredis finds from one seed. */
export type RedisClient = Redis | Cluster;

/** With `cluster`, the URL names one node of a Redis Cluster and the client finds the rest. */
export function createRedisClient(url: string, logger: Logger, options: { cluster?: boolean } = {}): RedisClient {
  const perConnection: RedisOptions = {
    // A command caught by a dropped connection fails after one reconnect attempt instead of twenty.
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 5_000,
  };
  // Capped exponential backoff, never giving up: 100 ms, 200 ms, ... then every 2 s.
  const backoff = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000);
  const client = options.cluster
    ? new Cluster([clusterSeed(url)], {
        clusterRetryStrategy: backoff,
        enableOfflineQueue: true,
        redisOptions: { ...perConnection, ...clusterCredentials(url) },
      })
    : new Redis(url, {
        ...perConnection,
        retryStrategy: backoff,
        // The offline queue stays on so commands issued while connecting wait for the connection,
        // but every command, queued or sent, gives up after commandTimeout.
        enableOfflineQueue: true,
        // No enableAutoPipelining: on a quiet machine the bench's reply path ran at 16,000 replies a
        // second with it and 27,000 without (its batching waits a tick per command).
      });
  watchConnection(client, redactUrl(url), logger);
  return client;
}

/** The seed node of a cluster URL. A cluster has only database 0, so any other is a mistake. */
function clusterSeed(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && db !== '0')
    throw new Error(`REDIS_URL selects database ${db}, but a Redis Cluster has only database 0`);
  return { host: parsed.hostname, port: Number(parsed.port || 6379) };
}

/** Credentials and TLS from the URL, for every node of the cluster, not just the seed. */
function clusterCredentials(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function watchConnection(client: RedisClient, url: string, logger: Logger): void {
  let failures = 0;
  client.on('error', (error: Error) => {
    failures++;
    if (failures === 1)
      logger.error(
        { err: error, url },
        'Redis connection failed; commands fail until it is back, reconnecting in the background',
      );
  });
  client.on('ready', () => {
    if (failures > 0) logger.info({ url, failedAttempts: failures }, 'Redis connection restored');
    failures = 0;
  });
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}
