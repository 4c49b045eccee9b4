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

describe('a relative clause on the subject', () => {
  it('ends before the main verb whichever relative pronoun opens it', () => {
    expect(mentionsTerm('Anyone who never awaits the coroutine gets a RuntimeWarning.', 'gets a RuntimeWarning')).toBe(
      true,
    );
    expect(mentionsTerm('A worker whom the pool never joins keeps the process alive.', 'keeps the process alive')).toBe(
      true,
    );
  });

  it('ends before the main verb of a clause opened by "that"', () => {
    const answer = 'Remember that a task that never yields blocks the loop.';
    expect(mentionsTerm(answer, 'blocks the loop')).toBe(true);
    expect(mentionsTerm(answer, 'never yields')).toBe(true);
  });

  it('keeps a passive verb inside the clause and credits the main verb', () => {
    const answer = "An object that can't be sent raises NotShareableError.";
    expect(mentionsTerm(answer, 'not be sent')).toBe(true);
    expect(mentionsTerm(answer, 'raises NotShareableError')).toBe(true);
  });

  it('keeps "no" and its noun inside the clause', () => {
    const answer = 'A coroutine that has no await blocks the loop.';
    expect(mentionsTerm(answer, 'no await')).toBe(true);
    expect(mentionsTerm(answer, 'blocks the loop')).toBe(true);
  });

  it('keeps a hyphenated word inside the clause', () => {
    expect(mentionsTerm('Code that is not thread-safe corrupts the counter.', 'not thread-safe')).toBe(true);
  });

  it('is not one when a verb stands between the pronoun and the negation', () => {
    const answer = 'A thread that crashed before arriving cannot leave the others hanging forever.';
    expect(mentionsTerm(answer, 'others hanging forever')).toBe(false);
    expect(mentionsTerm(answer, 'not leave the others hanging')).toBe(true);
  });

  it('is not one when it hangs off the object of a command', () => {
    const answer = 'Start a worker that never stops running.';
    expect(mentionsTerm(answer, 'never stops running')).toBe(true);
    expect(mentionsTerm(answer, 'stops running')).toBe(false);
  });

  it('may end the answer with the negation, as a short reply does', () => {
    const points = [{ label: 'awaiting yields the loop', terms: ['await + let others run'] }];
    expect(assessAnswer('Tasks that await let others run; the ones that never do', points)).toEqual({
      covered: ['awaiting yields the loop'],
      missed: [],
    });
    expect(assessAnswer('only the ones that never do', points)).toEqual({
      covered: [],
      missed: ['awaiting yields the loop'],
    });
  });
});

describe('"no" after a preposition', () => {
  it('keeps the whole noun phrase it negates', () => {
    expect(mentionsTerm('a loop with no await call starves the others', 'no await call')).toBe(true);
  });
});

describe('"not" after a preposition', () => {
  it('denies the whole phrase it opens, not only its first word', () => {
    expect(mentionsTerm("It's all about not blocking the event loop.", 'not blocking the event loop')).toBe(true);
  });
});
