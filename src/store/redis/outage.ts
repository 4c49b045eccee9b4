/**
 * How a lost Redis connection reaches the core: as `store-unavailable`, so the core tells users "try
 * again in a minute" and queues their answers, while a real bug (a script error) is reported as one.
 */
import { QuizError } from '../../core/errors.ts';
import type { Store } from '../../ports/store.ts';
import type { RedisClient } from './client.ts';

const CONNECTION_FAILURE =
  /Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Stream isn't writeable|Failed to refresh slots cache|None of startup nodes is available|Cluster isn't ready|Too many Cluster redirections/;
/**
 * Replies of a Redis that is up but cannot serve right now: full under `noeviction` (OOM), a replica
 * after a failover (READONLY), a replica cut off from its master (MASTERDOWN), still reading its
 * data (LOADING), or a cluster moving slots (TRYAGAIN, CLUSTERDOWN). Each passes, so each is an
 * outage, not a bug. Redis puts the code first, also when a script's call failed.
 */
const UNAVAILABLE_REPLY = /\b(OOM|READONLY|MASTERDOWN|LOADING|TRYAGAIN|CLUSTERDOWN) /;

/** The error the core knows as an outage, naming what was being done and the client's state. */
export function storeUnavailable(client: RedisClient, operation: string | null, cause: unknown): QuizError {
  const during = operation === null ? '' : ` (${operation})`;
  return new QuizError(
    'store-unavailable',
    `Redis cannot be reached${during}`,
    { store: 'redis', status: client.status },
    { cause },
  );
}

/** True when the error comes from the connection or a Redis that cannot serve now, not from the command itself. */
export function isConnectionLoss(client: RedisClient, error: unknown): boolean {
  const message = String((error as Error).message);
  return (
    client.status !== 'ready' ||
    (error as Error).name === 'MaxRetriesPerRequestError' ||
    CONNECTION_FAILURE.test(message) ||
    UNAVAILABLE_REPLY.test(message)
  );
}

/**
 * Wraps every method of the store but `close` so a lost connection surfaces as `store-unavailable`.
 * A Proxy rather than a try/catch in each method, so a method added to the store cannot forget it.
 */
export function reportingOutages<S extends Store>(store: S, client: RedisClient): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (error instanceof QuizError || !isConnectionLoss(client, error)) throw error;
          throw storeUnavailable(client, String(property), error);
        }
      };
    },
  });
}
