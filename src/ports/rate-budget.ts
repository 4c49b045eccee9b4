/**
 * A request rate shared by every process of the bot. Discord's global REST limit (50 requests a
 * second) and Slack's method tiers (about 50 calls a minute per workspace) count the bot's calls,
 * not one process's: replicas that each pace themselves alone either bounce off the limit together
 * or must each settle for a fraction of it. A shared budget hands out send slots from one stream,
 * 1/perSecond apart, so N replicas together send at the rate one would.
 */
export interface SharedRateBudget {
  /**
   * Takes the next free slot of the budget `name` at `perSecond` and resolves with how many
   * milliseconds from now it starts (0 when the budget has room). The caller sends at that moment.
   * `burst` (default 1) is how many calls an idle budget lets go at once before the spacing applies.
   */
  reserve(name: string, perSecond: number, burst?: number): Promise<number>;
}

/** The spacing of a rate's slots and how far an idle budget may run ahead of it, in microseconds. */
export function slotSpacing(perSecond: number, burst = 1): { spacing: number; tolerance: number } {
  if (!(perSecond > 0)) throw new RangeError(`a shared rate must be above 0 a second, not ${perSecond}`);
  if (!Number.isInteger(burst) || burst < 1)
    throw new RangeError(`a burst must be a whole number from 1, not ${burst}`);
  // Rounded up, so the stream never runs faster than the rate.
  const spacing = Math.ceil(1_000_000 / perSecond);
  return { spacing, tolerance: (burst - 1) * spacing };
}
