/**
 * discord.js's `makeRequest` hook that paces this process by the rate shared with the other replicas:
 * which requests take a slot, that each waits for its slot before it is sent, and that a budget that
 * cannot be reached never holds a request back.
 */
import type { ResponseLike } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { SharedRateBudget } from '../../../src/ports/rate-budget.ts';
import { DISCORD_REST_BUDGET, sharedPacing } from '../../../src/adapters/discord/shared-pacing.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';

const API = 'https://discord.test/api/v10';

function harness(budget: SharedRateBudget) {
  const steps: string[] = [];
  const signals: AbortSignal[] = [];
  const logger = new RecordingLogger();
  const makeRequest = sharedPacing({
    budget: {
      reserve: async (name, perSecond) => {
        steps.push(`reserve ${name} ${perSecond}/s`);
        return budget.reserve(name, perSecond);
      },
    },
    perSecond: 40,
    timeoutMs: 15_000,
    logger,
    send: async (url, init) => {
      steps.push(`send ${new URL(url).pathname.replace('/api/v10', '')}`);
      if (init.signal) signals.push(init.signal as AbortSignal);
      return { status: 200 } as ResponseLike;
    },
    sleep: async (ms) => {
      steps.push(`wait ${ms} ms`);
    },
  });
  return { makeRequest, steps, signals, logger };
}

describe('pacing Discord REST by the rate shared with the other replicas', () => {
  it('takes a slot of the bot-wide budget and waits for it before sending', async () => {
    const { makeRequest, steps } = harness({ reserve: async () => 75 });
    await makeRequest(`${API}/channels/1/messages`, { method: 'POST' });
    expect(steps).toEqual([`reserve ${DISCORD_REST_BUDGET} 40/s`, 'wait 75 ms', 'send /channels/1/messages']);
  });

  it('sends at once when its slot is now', async () => {
    const { makeRequest, steps } = harness({ reserve: async () => 0 });
    await makeRequest(`${API}/channels/1/messages/2`, { method: 'PATCH' });
    expect(steps).toEqual([`reserve ${DISCORD_REST_BUDGET} 40/s`, 'send /channels/1/messages/2']);
  });

  it('lets interaction callbacks and webhook follow-ups skip the budget, as Discord does not count them', async () => {
    const { makeRequest, steps } = harness({ reserve: async () => 500 });
    await makeRequest(`${API}/interactions/9/token/callback`, { method: 'POST' });
    await makeRequest(`${API}/webhooks/8/token/messages/@original`, { method: 'PATCH' });
    expect(steps).toEqual(['send /interactions/9/token/callback', 'send /webhooks/8/token/messages/@original']);
  });

  it('gives the request its whole timeout from the send: the wait does not use it up', async () => {
    const { makeRequest, signals } = harness({ reserve: async () => 20_000 });
    const started = new AbortController();
    // discord.js's timer, started before the wait, ran out during it.
    started.abort();
    await makeRequest(`${API}/channels/1/messages`, { method: 'POST', signal: started.signal });
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
  });

  it('sends on its own pacing while the budget cannot be reached, says so once, and again when it is back', async () => {
    let down = true;
    const { makeRequest, steps, logger } = harness({
      reserve: async () => {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        return 0;
      },
    });
    await makeRequest(`${API}/channels/1/messages`, { method: 'POST' });
    await makeRequest(`${API}/channels/2/messages`, { method: 'POST' });
    expect(steps.filter((s) => s.startsWith('send'))).toEqual([
      'send /channels/1/messages',
      'send /channels/2/messages',
    ]);
    expect(logger.entries.map((e) => `${e.level} ${e.message}`)).toEqual([
      'warn shared Discord REST budget unavailable: pacing this process alone until it is back',
    ]);
    down = false;
    await makeRequest(`${API}/channels/3/messages`, { method: 'POST' });
    await makeRequest(`${API}/channels/4/messages`, { method: 'POST' });
    expect(logger.entries.map((e) => e.level)).toEqual(['warn', 'info']);
    expect(logger.entries[1]!.message).toMatch(/back: pacing with the other replicas again/);
  });
});
