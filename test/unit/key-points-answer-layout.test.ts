/**
 * How the layout of a chat answer reaches key-point matching: a term `a + b` needs its parts in one
 * sentence, so where a sentence ends decides whether a point is earned. People answer in
 * paragraphs, lists and soft-wrapped lines, typed on any platform (Windows line ends included).
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';

// A made-up question: the point needs waiting and releasing said together, in one sentence.
const points = [{ label: 'waits, then releases', terms: ['waits + releases the lock'] }];

function earns(answer: string): boolean {
  return assessAnswer(answer, points).covered.length === 1;
}

describe('sentences in a chat answer', () => {
  it('earns a point made in one soft-wrapped sentence', () => {
    expect(earns('it waits for the flag and\nthen releases the lock')).toBe(true);
    expect(earns('it waits for the flag and\r\nthen releases the lock')).toBe(true);
  });

  it('keeps the words on both sides of a line break apart', () => {
    expect(mentionsTerm('it waits on the\nlock', 'the lock')).toBe(true);
    expect(mentionsTerm('it waits on the  \n  lock', 'on the lock')).toBe(true);
  });

  it('reads a line break inside a sentence as a space, negation included', () => {
    const wrapped = 'a long computation with no\nawait blocks the event loop';
    expect(mentionsTerm(wrapped, 'with no await')).toBe(true);
    expect(mentionsTerm(wrapped, 'blocks the event loop')).toBe(true);
  });

  it('does not earn a point whose parts sit in two paragraphs without a full stop', () => {
    expect(earns('it waits for the flag\n\nthen releases the lock')).toBe(false);
    expect(earns('it waits for the flag\n   \nthen releases the lock')).toBe(false);
    expect(earns('it waits for the flag\r\n\r\nthen releases the lock')).toBe(false);
  });

  it('reads each list item as a sentence of its own, whatever its marker or indent', () => {
    for (const item of ['- ', '* ', '• ', '  - ', '1. ', '2) ', '12) ']) {
      expect(earns(`it waits for the flag\n${item}then releases the lock`), JSON.stringify(item)).toBe(false);
    }
  });

  it('reads a list item as one sentence even when it wraps', () => {
    expect(earns('Steps:\n- it waits for the flag and\n  then releases the lock\n- done')).toBe(true);
  });
});
