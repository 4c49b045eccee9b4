/**
 * The queue that holds answers through a store outage: bounded, replayed in arrival order, and
 * keeping whatever the store could not take yet.
 */
import { describe, expect, it } from 'vitest';
import { type PendingAnswer, PendingAnswers } from '../../src/core/pending-answers.ts';

function answer(messageId: string): PendingAnswer {
  return {
    kind: 'answer',
    receivedAt: 0,
    message: {
      channel: 'shell:team',
      threadId: 't',
      messageId,
      author: { id: messageId, name: messageId, isBot: false },
      text: 'a lock',
    },
  };
}

const idOf = (item: PendingAnswer) => (item.kind === 'pick' ? item.request.caller.id : item.message.messageId);

describe('answers held through a store outage', () => {
  it('are refused once the queue is full, so the author is asked to post again', () => {
    const queue = new PendingAnswers(2);
    expect(queue.add(answer('a'))).toBe(true);
    expect(queue.add(answer('b'))).toBe(true);
    expect(queue.add(answer('c'))).toBe(false);
    expect(queue.size).toBe(2);
  });

  it('are replayed in arrival order, and counted', async () => {
    const queue = new PendingAnswers(10);
    for (const id of ['a', 'b', 'c']) queue.add(answer(id));
    const replayed: string[] = [];
    expect(await queue.drain(async (item) => replayed.push(idOf(item)))).toBe(3);
    expect(replayed).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('stop at the first that cannot be recorded, keeping it and those after it for the next try', async () => {
    const queue = new PendingAnswers(10);
    for (const id of ['a', 'b', 'c']) queue.add(answer(id));
    const replayed: string[] = [];
    await expect(
      queue.drain(async (item) => {
        if (idOf(item) === 'b') throw new Error('store down');
        replayed.push(idOf(item));
      }),
    ).rejects.toThrow('store down');
    expect(replayed).toEqual(['a']);
    expect(queue.size).toBe(2);
    expect(await queue.drain(async (item) => replayed.push(idOf(item)))).toBe(2);
    expect(replayed).toEqual(['a', 'b', 'c']);
  });
});
