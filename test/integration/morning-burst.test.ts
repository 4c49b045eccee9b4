/**
 * The 09:00 burst at small scale, for correctness (the bench measures its speed): 30 Discord channels
 * due at once, two replica processes with the real Discord adapter, and a fake Discord whose global
 * rate limit is set low enough that both replicas run into it. Every question and every reveal
 * lands exactly once, none is lost, and the 429s are waited out instead of failing a job; with the
 * rate shared through Redis the two replicas together stay under the limit instead.
 */
import { describe, expect, it } from 'vitest';
import { runBurst } from '../../scripts/bench/burst.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

describe('the morning burst on a rate-limited Discord', () => {
  it('posts and reveals every channel exactly once with two replicas, waiting out the 429s', async () => {
    const result = await runBurst({
      redisUrl: redisUrlForTests(),
      prefix: freshPrefix(),
      channels: 30,
      replicas: 2,
      timeFactor: 1,
      // Each replica paces itself at Discord's 50 a second; the fake takes 20 a second from both.
      perReplicaGlobal: 50,
      // Three jobs at a time each, so both replicas post (with production's 100 one would take all 30).
      batchSize: 3,
      fakeLimits: { globalPerSecond: 20 },
    });
    expect(result.globalLimited).toBeGreaterThan(0);
    expect(result.posts).toMatchObject({ done: 30, duplicates: 0, lost: 0 });
    expect(result.reveals).toMatchObject({ done: 30, duplicates: 0, lost: 0 });
    expect(result.failedJobs).toBe(0);
  }, 300_000);

  it('stays under the global limit when both replicas draw from one budget shared through Redis', async () => {
    const result = await runBurst({
      redisUrl: redisUrlForTests(),
      prefix: freshPrefix(),
      channels: 30,
      replicas: 2,
      timeFactor: 1,
      // The same replicas and the same fake limit as above, but 12 a second for both together.
      perReplicaGlobal: 12,
      batchSize: 3,
      sharedBudget: true,
      fakeLimits: { globalPerSecond: 20 },
    });
    expect(result.globalLimited).toBe(0);
    expect(result.posts).toMatchObject({ done: 30, duplicates: 0, lost: 0 });
    expect(result.reveals).toMatchObject({ done: 30, duplicates: 0, lost: 0 });
    expect(result.failedJobs).toBe(0);
  }, 300_000);
});
