/**
 * How far a negation reaches in a chat answer, word list by word list: every word that opens a new
 * clause ends a denial, "nothing"/"nobody" deny only their own clause, and a negation typed with a
 * phone's curly apostrophe or without one still meets a term that says "not". Each case is a
 * sentence someone could type, and a key point that hangs on the difference.
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';

// A made-up question: the pool shares the caller's context instead of copying it.
const sharePoints = [
  {
    label: 'the pool shares the context',
    terms: ['pool shares the context'],
    wrong: [{ claim: 'the pool copies the context', terms: ['copies the context'], truth: 'it is shared' }],
  },
];

describe('a word that opens a clause', () => {
  // wink stops its own negation at some of these words, but never after "nothing", which this
  // module scopes itself: so each word is tried after "nothing".
  const openers = [
    'because',
    'since',
    'while',
    'whereas',
    'although',
    'though',
    'so',
    'which means',
    'when',
    'whenever',
    'if',
    'unless',
    'until',
    'then',
    'instead',
    'rather',
    'but',
    'however',
  ];

  it('ends the reach of "nothing", so the clause after it still earns its point', () => {
    for (const opener of openers) {
      const answer = `Nothing is copied ${opener} the pool shares the context`;
      expect(assessAnswer(answer, sharePoints), answer).toEqual({
        covered: ['the pool shares the context'],
        missed: [],
      });
    }
  });
});

// A made-up question on the GIL, with the misconception an answer must not be blamed for denying.
const gilPoints = [
  {
    label: 'one thread runs bytecode at a time',
    terms: ['one thread at a time', 'not let two threads run'],
    wrong: [{ claim: 'threads run in parallel', terms: ['run in parallel'], truth: 'the GIL lets one run at a time' }],
  },
];

describe('a denial that spans a second verb', () => {
  it('denies the verb after its object too, when no relative clause opened it', () => {
    expect(assessAnswer('The GIL does not let two threads run in parallel.', gilPoints)).toEqual({
      covered: ['one thread runs bytecode at a time'],
      missed: [],
    });
  });
});

describe('a negation typed on a phone', () => {
  it('meets a term that says "not" whatever apostrophe it was typed with', () => {
    for (const answer of ['it doesn’t release the lock', "it doesn't release the lock", 'it doesnt release the lock']) {
      expect(mentionsTerm(answer, 'not release the lock'), answer).toBe(true);
      expect(mentionsTerm(answer, 'release the lock'), answer).toBe(false);
    }
  });
});
