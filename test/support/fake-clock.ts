/** A clock tests move by hand. */
import type { Clock } from '../../src/ports/clock.ts';

export class FakeClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  set(at: number): void {
    this.current = at;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
