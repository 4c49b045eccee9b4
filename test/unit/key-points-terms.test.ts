/**
 * How question authors' terms are read, and the one-line summary an answerer sees: a term that says
 * nothing never matches, any one of a misconception's terms names it, and the summary lists every
 * misconception stated.
 */
import { describe, expect, it } from 'vitest';
import {
  assessAnswer,
  coverageSummary,
  mentionsTerm,
  pointNumbers,
  splitsCode,
  termParts,
} from '../../src/core/keypoints.ts';

describe('terms that say nothing', () => {
  it('never match, so they credit no answer', () => {
    expect(mentionsTerm('Take the lock, then join.', '')).toBe(false);
    expect(mentionsTerm('Take the lock, then join.', '``')).toBe(false);
    expect(mentionsTerm('Take the lock, then join.', 'lock + ?')).toBe(false);
  });

  it('read a doubled + as one separator', () => {
    expect(termParts('lock +  + join')).toEqual(['lock', 'join']);
    expect(mentionsTerm('Take the lock, then join.', 'lock +  + join')).toBe(true);
  });

  it('never match a term longer than the sentence', () => {
    expect(mentionsTerm('Lock it.', 'lock it before the join')).toBe(false);
  });
});

describe('a + that cuts code apart', () => {
  it('is spotted whichever side of it the operator is on', () => {
    expect(splitsCode('2 + 2 = 4')).toBe(true);
    expect(splitsCode('x = 2 + 2')).toBe(true);
  });
});

describe('misconceptions with several terms', () => {
  const points = [
    {
      label: 'fork is no longer the default',
      terms: ['forkserver'],
      wrong: [
        {
          claim: 'fork is still the default',
          terms: ['fork is the default', 'default is fork'],
          truth: '3.14 switched to forkserver',
        },
      ],
    },
  ];

  it('names the misconception when the answer says any one of its terms', () => {
    expect(assessAnswer('On Linux the default is fork, not forkserver.', points)).toEqual({
      covered: [],
      missed: ['fork is no longer the default'],
      wrong: [{ claim: 'fork is still the default', truth: '3.14 switched to forkserver' }],
    });
  });
});

describe('the coverage summary', () => {
  it('lists every misconception stated, each after its own separator', () => {
    const answer = {
      covered: ['A'],
      missed: ['B'],
      wrong: [
        { claim: 'fork is the default', truth: 'forkserver is' },
        { claim: 'the GIL is gone', truth: 'only in the free-threaded build' },
      ],
    };
    expect(coverageSummary(answer, ['A', 'B'])).toBe(
      "1/2 key points (missed 2) · ⚠ 'fork is the default' — forkserver is · ⚠ 'the GIL is gone' — only in the free-threaded build",
    );
  });

  it('numbers only the missed points the question still has', () => {
    expect(pointNumbers(['B', 'gone', 'A'], ['A', 'B', 'C'])).toEqual([2, 1]);
  });
});
