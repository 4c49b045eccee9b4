/**
 * The WebClient `fetch` hook that paces Slack's Tier 3 methods by the rate shared with the other
 * replicas: which calls take a slot of which budget, that each waits for its slot, and that a budget
 * that cannot be reached never holds a call back.
 */
import { describe, expect, it } from 'vitest';
import { pacedFetch, TIER3_BURST } from '../../../src/adapters/slack/paced-fetch.ts';
import type { SharedRateBudget } from '../../../src/ports/rate-budget.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';

const API = 'https://slack.test/api';

function harness(reserve: SharedRateBudget['reserve'], tier3PerMinute?: number) {
  const steps: string[] = [];
  const signals: (AbortSignal | null | undefined)[] = [];
  const logger = new RecordingLogger();
  const fetch = pacedFetch({
    budget: {
      reserve: async (name, perSecond, burst) => {
        steps.push(`reserve ${name} ${(perSecond * 60).toFixed(0)}/min burst ${burst}`);
        return reserve(name, perSecond, burst);
      },
    },
    ...(tier3PerMinute ? { tier3PerMinute } : {}),
    timeoutMs: 15_000,
    logger,
    fetch: async (url, init) => {
      steps.push(`send ${new URL(url).pathname.replace('/api/', '')}`);
      signals.push(init?.signal as AbortSignal | undefined);
      return new Response('{"ok":true}');
    },
    sleep: async (ms) => {
      steps.push(`wait ${ms} ms`);
    },
  });
  return { fetch, steps, signals, logger };
}

describe("pacing Slack's Tier 3 calls by the rate shared with the other replicas", () => {
  it('takes a slot of the method’s own budget for each history read and post edit, and waits for it', async () => {
    const { fetch, steps } = harness(async () => 1_300);
    await fetch(`${API}/conversations.replies`, { method: 'POST' });
    await fetch(`${API}/chat.update`, { method: 'POST' });
    await fetch(`${API}/conversations.history`, { method: 'POST' });
    expect(steps).toEqual([
      `reserve slack:conversations.replies 45/min burst ${TIER3_BURST}`,
      'wait 1300 ms',
      'send conversations.replies',
      `reserve slack:chat.update 45/min burst ${TIER3_BURST}`,
      'wait 1300 ms',
      'send chat.update',
      `reserve slack:conversations.history 45/min burst ${TIER3_BURST}`,
      'wait 1300 ms',
      'send conversations.history',
    ]);
  });

  it('sends other methods at once (chat.postMessage is limited per channel, not per workspace)', async () => {
    const { fetch, steps } = harness(async () => 1_300);
    await fetch(`${API}/chat.postMessage`, { method: 'POST' });
    await fetch(`${API}/users.info`, { method: 'POST' });
    expect(steps).toEqual(['send chat.postMessage', 'send users.info']);
  });

  it('takes the configured rate, for installs with other limits and for the bench', async () => {
    const { fetch, steps } = harness(async () => 0, 600);
    await fetch(`${API}/chat.update`, { method: 'POST' });
    expect(steps).toEqual([`reserve slack:chat.update 600/min burst ${TIER3_BURST}`, 'send chat.update']);
  });

  it('gives the call its whole timeout from the send: the wait does not use it up', async () => {
    const { fetch, signals } = harness(async () => 20_000);
    const started = new AbortController();
    started.abort();
    await fetch(`${API}/conversations.replies`, { method: 'POST', signal: started.signal });
    expect(signals[0]?.aborted).toBe(false);
  });

  it('calls unpaced while the budget cannot be reached, says so once, and again when it is back', async () => {
    let down = true;
    const { fetch, steps, logger } = harness(async () => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      return 0;
    });
    await fetch(`${API}/conversations.replies`, { method: 'POST' });
    await fetch(`${API}/chat.update`, { method: 'POST' });
    expect(steps.filter((s) => s.startsWith('send'))).toEqual(['send conversations.replies', 'send chat.update']);
    down = false;
    await fetch(`${API}/chat.update`, { method: 'POST' });
    expect(logger.entries.map((e) => `${e.level} ${e.message}`)).toEqual([
      'warn shared Slack rate budget unavailable: calling without pacing',
      'info shared Slack rate budget is back: pacing with the other replicas again',
    ]);
  });
});
