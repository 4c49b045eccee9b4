/**
 * Version numbers and other dotted numbers in chat answers are compared whole, so a term that names
 * a major version or a round number is not met by a longer number that merely contains it.
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';

// A made-up question: only the free-threaded build drops the GIL, not Python 3 as such.
const gilPoints = [
  {
    label: 'only the free-threaded build has no GIL',
    terms: ['free-threaded'],
    wrong: [{ claim: 'Python 3 removed the GIL', terms: ['python 3 + no GIL'], truth: 'only the free-threaded build' }],
  },
];

describe('a version in an answer', () => {
  it('is not read as its major number, with or without a letter or a patch number', () => {
    for (const answer of [
      'The free-threaded Python 3.13t has no GIL.',
      'The free-threaded Python 3.14.0 has no GIL.',
    ]) {
      expect(assessAnswer(answer, gilPoints), answer).toEqual({
        covered: ['only the free-threaded build has no GIL'],
        missed: [],
      });
    }
  });

  it('is whole even when its first number has two digits', () => {
    expect(mentionsTerm('the worker sleeps for 10.5 seconds', '5 seconds')).toBe(false);
    expect(mentionsTerm('the worker sleeps for 10.5 seconds', '10.5 seconds')).toBe(true);
  });
});

describe('a dotted name in an answer', () => {
  it('keeps a one-letter object and its method as two words', () => {
    const answer = 'await q.put(item) blocks while the queue is full';
    expect(mentionsTerm(answer, 'q.put')).toBe(true);
    expect(mentionsTerm(answer, 'put')).toBe(true);
  });

  it('compares its pieces literally, never by their dictionary form', () => {
    expect(mentionsTerm('submit the work through concurrent.futures', 'concurrent.futures')).toBe(true);
    expect(mentionsTerm('submit the work through concurrent.futures', 'future')).toBe(false);
  });
});
