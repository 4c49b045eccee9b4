/**
 * A request rate shared by every process of the bot. Discord's global REST limit (50 requests a
 * second) is per bot, not per process: replicas that each pace themselves alone either bounce off
 * it together or must each settle for a fraction of it. A shared budget hands out send slots from
 * one stream, 1/perSecond apart, so N replicas together send at the rate one would.
 */
export interface SharedRateBudget {
  /**
   * Takes the next free slot of the budget `name` at `perSecond` and resolves with how many
   * milliseconds from now it starts (0 when the budget is idle). The caller sends at that moment.
   */
  reserve(name: string, perSecond: number): Promise<number>;
}
