/**
 * Answers, edits and deletions of answers, and picks on button questions, that arrived while the store was unreachable. They wait here
 * (bounded, in arrival order, so an edit is replayed after the answer it edits) and are recorded on
 * the next tick that finds the store back, with the time they arrived, so an outage neither loses
 * an answer nor makes it late. Recording is idempotent per user and round, so a retry can never
 * count an answer twice.
 */
import type { DeletedThreadMessage, PickRequest, ThreadMessage } from '../ports/chat.ts';

/** A pick waits in the same queue, so a changed pick is never overtaken by the one it replaced. */
export type PendingAnswer =
  | { kind: 'answer'; message: ThreadMessage; receivedAt: number }
  | PendingChange
  | { kind: 'pick'; request: PickRequest; receivedAt: number };

/** An edit or deletion of an answer. */
export type PendingChange =
  | { kind: 'edit'; message: ThreadMessage; receivedAt: number }
  | { kind: 'delete'; message: DeletedThreadMessage; receivedAt: number };

export class PendingAnswers {
  private readonly items: PendingAnswer[] = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Queues an answer; false when the queue is full and the author must post again. */
  add(item: PendingAnswer): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /**
   * Retries queued answers in arrival order and stops at the first failure (the store is still
   * down), keeping that answer and the rest for the next attempt.
   */
  async drain(record: (item: PendingAnswer) => Promise<unknown>): Promise<number> {
    let done = 0;
    while (this.items.length > 0) {
      const item = this.items[0] as PendingAnswer;
      await record(item);
      this.items.shift();
      done++;
    }
    return done;
  }
}
