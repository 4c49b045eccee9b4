/**
 * Paces the Web API methods a 09:00 burst makes one call of per channel, by a rate shared with the
 * other replicas (ports/rate-budget.ts), through the WebClient's `fetch` option. Slack's tiers count
 * a method's calls per workspace and send no "remaining" header, and a 429 pauses the whole client
 * for Retry-After: so each call of a paced method first takes a slot of that method's budget and
 * waits for it, instead of bouncing off the limit. Other methods go straight through.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../ports/logger.ts';
import type { SharedRateBudget } from '../../ports/rate-budget.ts';
import { slotWaiter } from '../slot-waiter.ts';

/** The WebClient's `fetch` option. */
export type FetchFunction = webApi.FetchFunction;

/**
 * Tier 3 (documented as "50+ per minute" per workspace): the history reads and the edit of a
 * round's post. 45 a minute with a burst of 3 puts at most 48 into any minute, leaving room for
 * calls that leave a little late.
 */
export const TIER3_METHODS = ['conversations.history', 'conversations.replies', 'chat.update'] as const;
export const TIER3_PER_MINUTE = 45;
export const TIER3_BURST = 3;

export interface PacedFetchOptions {
  budget: SharedRateBudget;
  /** Calls a minute of each Tier 3 method, all replicas together. */
  tier3PerMinute?: number;
  /** The WebClient's timeout, counted from the send rather than from the start of the wait. */
  timeoutMs: number;
  logger: Logger;
  fetch?: FetchFunction;
  sleep?: (ms: number) => Promise<void>;
}

export function pacedFetch(options: PacedFetchOptions): FetchFunction {
  const send: FetchFunction = options.fetch ?? ((url, init) => globalThis.fetch(url, init as RequestInit));
  const perSecond = (options.tier3PerMinute ?? TIER3_PER_MINUTE) / 60;
  const paced = new Set<string>(TIER3_METHODS);
  const waitForSlot = slotWaiter({
    budget: options.budget,
    logger: options.logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    // The store away: the call goes out unpaced; a 429 is then waited out by the client.
    unavailable: 'shared Slack rate budget unavailable: calling without pacing',
    back: 'shared Slack rate budget is back: pacing with the other replicas again',
  });
  return async (url, init) => {
    const method = new URL(url).pathname.split('/').pop() ?? '';
    if (!paced.has(method)) return send(url, init);
    if (!(await waitForSlot(`slack:${method}`, perSecond, TIER3_BURST, { method }))) return send(url, init);
    return send(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  };
}
