/**
 * Paces this process's Discord REST requests by a rate shared with the other replicas (see
 * ports/rate-budget.ts), through discord.js's `rest.makeRequest` hook: each request that counts
 * against Discord's global limit first takes a slot of the shared budget and waits for it. Interaction
 * callbacks and webhook follow-ups do not count on Discord (and must answer within 3 s), so they
 * skip the budget. discord.js's own per-process pacing and its per-route buckets stay in front.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import type { Logger } from '../../ports/logger.ts';
import type { SharedRateBudget } from '../../ports/rate-budget.ts';
import { slotWaiter } from '../slot-waiter.ts';

type MakeRequest = RESTOptions['makeRequest'];

/** The budget's name in the store: one per bot token would need the token; one bot per store is the setup. */
export const DISCORD_REST_BUDGET = 'discord-rest';

/** Routes Discord does not count against the global limit. */
const EXEMPT = /\/(interactions|webhooks)\//;

export interface SharedPacingOptions {
  budget: SharedRateBudget;
  /** The bot's requests a second, all replicas together. */
  perSecond: number;
  /** discord.js's request timeout: counted from the send, not from the start of the wait. */
  timeoutMs: number;
  logger: Logger;
  /** The request as discord.js would send it (tests pass a recorder). */
  send?: MakeRequest;
  sleep?: (ms: number) => Promise<void>;
}

export function sharedPacing(options: SharedPacingOptions): MakeRequest {
  const send = options.send ?? DefaultRestOptions.makeRequest;
  const waitForSlot = slotWaiter({
    budget: options.budget,
    logger: options.logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    // Redis away: the request goes out on this process's own pacing rather than waiting on it.
    unavailable: 'shared Discord REST budget unavailable: pacing this process alone until it is back',
    back: 'shared Discord REST budget is back: pacing with the other replicas again',
  });
  return async (url, init) => {
    if (EXEMPT.test(new URL(url).pathname)) return send(url, init);
    if (!(await waitForSlot(DISCORD_REST_BUDGET, options.perSecond))) return send(url, init);
    // discord.js started its timeout before the wait; the request gets the whole of it from now on.
    return send(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  };
}
