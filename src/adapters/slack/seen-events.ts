/**
 * Event ids seen recently. Slack redelivers an event when it thinks the first delivery failed
 * (`X-Slack-Retry-Num` over HTTP, `retry_attempt` in Socket Mode) and may deliver one event twice;
 * remembering the last few thousand ids lets the adapter skip the copies. The store refusing a
 * second answer per user and round stays the real guarantee; this saves the work and the noise.
 */
import { LRUCache } from 'lru-cache';

export class SeenEvents {
  private readonly ids: LRUCache<string, true>;

  constructor(capacity = 2_000) {
    this.ids = new LRUCache({ max: capacity });
  }

  /** Records the id; true the first time it is seen, false for a repeat. */
  firstSight(id: string): boolean {
    // `has` leaves the entry's place alone, so the oldest id seen goes first when the cache is full.
    if (this.ids.has(id)) return false;
    this.ids.set(id, true);
    return true;
  }
}
