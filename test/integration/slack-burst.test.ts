/**
 * The 09:00 burst on Slack at small scale, for correctness (the bench measures its speed): 120
 * channels of one workspace due at once, two replica processes with the real Slack adapter, and a
 * fake Slack whose Tier 3 methods take 50 calls a minute (30 times faster than Slack). Every question
 * and every reveal lands exactly once, none is lost, and the replicas pace their Tier 3 calls by the
 * rate they share in Redis instead of bouncing off the limit.
 */
import { describe, expect, it } from 'vitest';
import { runSlackBurst } from '../../scripts/bench/slack-burst.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

describe('the morning burst on a rate-limited Slack', () => {
  it('posts and reveals every channel exactly once with two replicas, under 1% of calls refused', async () => {
    const result = await runSlackBurst({
      redisUrl: redisUrlForTests(),
      prefix: freshPrefix(),
      channels: 120,
      replicas: 2,
      timeFactor: 30,
    });
    expect(result.posts).toMatchObject({ done: 120, duplicates: 0, lost: 0 });
    expect(result.reveals).toMatchObject({ done: 120, duplicates: 0, lost: 0 });
    expect(result.failedJobs).toBe(0);
    // Unpaced, the 120 reveals' history reads and post edits met 57 429s (of about 420 calls).
    expect(result.limited).toBeLessThan(result.requests / 100);
  }, 300_000);
});
