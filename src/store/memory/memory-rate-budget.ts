/**
 * The shared request rate (ports/rate-budget.ts) for a bot on the memory store, which is one
 * process: the same slots as reserve-slot.lua hands out, kept in this process.
 */
import { type SharedRateBudget, slotSpacing } from '../../ports/rate-budget.ts';

export class MemoryRateBudget implements SharedRateBudget {
  /** Each budget's next free slot, microseconds on `nowMicros`'s clock. */
  private readonly next = new Map<string, number>();

  constructor(
    private readonly nowMicros: () => number = () => Math.round((performance.timeOrigin + performance.now()) * 1000),
  ) {}

  async reserve(name: string, perSecond: number, burst = 1): Promise<number> {
    const { spacing, tolerance } = slotSpacing(perSecond, burst);
    const now = this.nowMicros();
    const position = Math.max(this.next.get(name) ?? 0, now - tolerance);
    this.next.set(name, position + spacing);
    return Math.max(0, position - now) / 1000;
  }
}
