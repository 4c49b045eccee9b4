/**
 * What pacing by a shared rate (ports/rate-budget.ts) does on every platform (discord/shared-pacing.ts,
 * slack/paced-fetch.ts): take a slot of the budget and wait for it. While the budget cannot be
 * reached (the store is away) calls go out unpaced rather than wait on it; that is logged once, and
 * once more when the budget is back.
 */
import type { Logger } from '../ports/logger.ts';
import type { SharedRateBudget } from '../ports/rate-budget.ts';

export interface SlotWaiterOptions {
  budget: SharedRateBudget;
  logger: Logger;
  /** Logged (warn) when the budget first cannot be reached. */
  unavailable: string;
  /** Logged (info) when it can be again. */
  back: string;
  sleep?: (ms: number) => Promise<void>;
}

/** Resolves true once the call's slot has come, false when the budget could not be reached (send now). */
export type SlotWaiter = (name: string, perSecond: number, burst?: number, context?: object) => Promise<boolean>;

export function slotWaiter(options: SlotWaiterOptions): SlotWaiter {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let down = false;
  return async (name, perSecond, burst, context = {}) => {
    let wait: number;
    try {
      wait = await options.budget.reserve(name, perSecond, burst);
    } catch (error) {
      if (!down) options.logger.warn({ err: error, ...context }, options.unavailable);
      down = true;
      return false;
    }
    if (down) options.logger.info({}, options.back);
    down = false;
    if (wait > 0) await sleep(wait);
    return true;
  };
}
