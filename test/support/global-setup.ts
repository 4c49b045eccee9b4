/**
 * Starts the throwaway Redis the Redis-backed tests share (see redis-server.ts) and hands its URL to
 * the tests through vitest's provide/inject. When no Redis can be had, the reason is provided
 * instead, so the tests that need Redis fail with it while every other test still runs.
 */
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { startSharedRedis } from './redis-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the Redis tests may use, or null when none could be had. */
    redisUrl: string | null;
    /** Why there is no Redis, as the failing tests should report it; null when there is one. */
    redisUnavailable: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const redis = await startSharedRedis();
    project.provide('redisUrl', redis.url);
    project.provide('redisUnavailable', null);
    return () => redis.stop();
  } catch (error) {
    project.provide('redisUrl', null);
    project.provide('redisUnavailable', error instanceof Error ? error.message : String(error));
    return async () => {};
  }
}

/**
 * The shared Redis's URL, inside a test. Throws, so the test fails rather than skips, when global
 * setup could not get a Redis.
 */
export function redisUrlForTests(): string {
  const url = inject('redisUrl');
  if (url) return url;
  throw new Error(
    inject('redisUnavailable') ??
      'no Redis was provided to the tests: is test/support/global-setup.ts in vitest.config.ts?',
  );
}
