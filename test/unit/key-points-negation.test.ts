/**
 * Negation and key points: a claim the answer denies does not earn the point that claim makes, a
 * denied misconception is not held against its author, and a negation reaches only as far as its
 * clause, so what the answer says after it still counts. Small made-up questions, not the bank.
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';

// A made-up question about a worker pool and the caller's context.
const poolPoints = [
  {
    label: 'the pool shares the context',
    terms: ['shares the context'],
    wrong: [{ claim: 'the pool copies the context', terms: ['copies the context'], truth: 'it is shared, not copied' }],
  },
  { label: 'the parent waits', terms: ['parent waits'] },
];

describe('a denied claim', () => {
  it('does not earn the point it would make', () => {
    expect(assessAnswer("The pool doesn't share the context and the parent never waits.", poolPoints)).toEqual({
      covered: [],
      missed: ['the pool shares the context', 'the parent waits'],
    });
  });

  it('is not named as a misconception when the answer denies it', () => {
    expect(assessAnswer('The pool does not copy the context; it shares the context.', poolPoints)).toEqual({
      covered: ['the pool shares the context'],
      missed: ['the parent waits'],
    });
  });

  it('names a misconception the answer states, and withholds its point', () => {
    expect(assessAnswer('It copies the context, so the parent waits.', poolPoints)).toEqual({
      covered: ['the parent waits'],
      missed: ['the pool shares the context'],
      wrong: [{ claim: 'the pool copies the context', truth: 'it is shared, not copied' }],
    });
  });
});

describe('a negation ends with its clause', () => {
  it('ends at a colon, a semicolon, a bracket or a dash', () => {
    for (const gap of [': ', '; ', ' (', ' -- ', ' — ', ' – ']) {
      const answer = `It does not copy the context${gap}it shares the context`;
      expect(mentionsTerm(answer, 'shares the context'), answer).toBe(true);
      expect(mentionsTerm(answer, 'copy the context'), answer).toBe(false);
      expect(mentionsTerm(answer, 'not copy the context'), answer).toBe(true);
    }
  });

  it('ends where a new clause opens with and or or before a verb or pronoun', () => {
    expect(mentionsTerm("it doesn't spin or it burns the CPU", 'burns the CPU')).toBe(true);
    expect(mentionsTerm("it doesn't spin and releases the lock", 'releases the lock')).toBe(true);
    expect(mentionsTerm("it doesn't take the lock and releases the GIL", 'releases the GIL')).toBe(true);
    expect(mentionsTerm("it doesn't take the lock and the GIL", 'the GIL')).toBe(false);
  });

  it('ends at a word that opens a clause', () => {
    expect(mentionsTerm("it doesn't block while the parent waits", 'parent waits')).toBe(true);
    expect(mentionsTerm("it doesn't block, so the parent waits", 'parent waits')).toBe(true);
  });

  it('reads "without" as a condition, not a denial', () => {
    expect(mentionsTerm('it runs without a lock and races', 'lock')).toBe(true);
    expect(mentionsTerm('without the GIL threads run in parallel', 'threads run in parallel')).toBe(true);
    expect(mentionsTerm('without a thread-safe lock it races', 'it races')).toBe(true);
  });
});

describe('nothing, nobody, nowhere', () => {
  it('deny what follows them to the end of the clause', () => {
    expect(mentionsTerm('nothing flows back to the parent', 'flows back')).toBe(false);
    expect(mentionsTerm('nobody joins the worker', 'joins the worker')).toBe(false);
    expect(mentionsTerm('nowhere is the lock released', 'lock released')).toBe(false);
    expect(mentionsTerm('nobody joins the worker', 'not join the worker')).toBe(true);
  });

  it('deny a hyphenated word whole', () => {
    expect(mentionsTerm('nothing in it is thread-safe to share', 'safe to share')).toBe(false);
  });

  it('stop at a comma, a clause word, and or or', () => {
    expect(mentionsTerm('nothing flows back, the parent waits', 'parent waits')).toBe(true);
    expect(mentionsTerm('nothing flows back because the parent waits', 'parent waits')).toBe(true);
    expect(mentionsTerm('nothing flows back and the parent waits', 'parent waits')).toBe(true);
    expect(mentionsTerm('nobody calls join or the process hangs', 'process hangs')).toBe(true);
  });
});

describe('a negation inside a relative clause on the subject', () => {
  it('does not deny the main verb that follows the clause', () => {
    expect(mentionsTerm('A worker which never yields blocks the loop', 'blocks the loop')).toBe(true);
    expect(mentionsTerm('A worker which never yields blocks the loop', 'not yield')).toBe(true);
    expect(mentionsTerm('It waits; a task that never yields blocks the loop', 'blocks the loop')).toBe(true);
    expect(mentionsTerm('It waits, but a task that never yields blocks the loop', 'blocks the loop')).toBe(true);
  });

  it('finds the main verb whatever its tag, past a phrase the clause governs', () => {
    expect(mentionsTerm('a task that never yields starves the others', 'starves the others')).toBe(true);
    expect(mentionsTerm('a task that never yields is a bug', 'is a bug')).toBe(true);
    const phrase = 'a task that never yields to the loop starves the others';
    expect(mentionsTerm(phrase, 'starves the others')).toBe(true);
    expect(mentionsTerm(phrase, 'not yield to the loop')).toBe(true);
    expect(mentionsTerm("an extension that doesn't declare support makes the GIL thread-safe", 'thread-safe')).toBe(
      true,
    );
  });

  it('reads a negation typed without its apostrophe the same', () => {
    expect(mentionsTerm('an extension that doesnt declare support re-enables the GIL', 're-enables the GIL')).toBe(
      true,
    );
    expect(mentionsTerm('it doesnt release the lock', 'release the lock')).toBe(false);
  });

  it('keeps an infinitive inside the denied clause, not as its main verb', () => {
    const answer = 'a thread that never waits to join leaks';
    expect(mentionsTerm(answer, 'not wait to join')).toBe(true);
    expect(mentionsTerm(answer, 'waits to join')).toBe(false);
  });

  it('runs to the end of a relative clause on an object, or of a main clause after one', () => {
    expect(mentionsTerm('it starts a thread that never stops running', 'not stop running')).toBe(true);
    expect(mentionsTerm('there is a thread that never stops running', 'not stop running')).toBe(true);
    expect(mentionsTerm('A thread that the pool starts never stops running', 'not stop running')).toBe(true);
  });

  it('runs to the end of a clause set off by a comma', () => {
    expect(mentionsTerm('process_time(), which does not include time spent sleeping', 'spent sleeping')).toBe(false);
  });
});

describe('"no" after a preposition', () => {
  it('negates its noun phrase only', () => {
    const answer = 'a loop with no await call starves the others';
    expect(mentionsTerm(answer, 'starves the others')).toBe(true);
    expect(mentionsTerm(answer, 'await call')).toBe(false);
    expect(mentionsTerm(answer, 'with no await call')).toBe(true);
  });
});
