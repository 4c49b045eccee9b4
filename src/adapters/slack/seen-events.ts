/**
 * Event ids seen recently. Slack redelivers an event when it thinks the first delivery failed
 * (`X-Slack-Retry-Num` over HTTP, `retry_attempt` in Socket Mode) and may deliver one event twice;
 * remembering the last few thousand ids lets the adapter skip the copies. The store refusing a
 * second answer per user and round stays the real guarantee; this saves the work and the noise.
 */
export class SeenEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 2_000) {}

  /** Records the id; true the first time it is seen, false for a repeat. */
  firstSight(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // A Set iterates in insertion order, so the first entry is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}
