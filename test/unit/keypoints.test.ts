import { describe, expect, it } from 'vitest';
import { assessAnswer, coverageSummary, mentionsTerm } from '../../src/core/keypoints.ts';

describe('key-point matching', () => {
  it('ignores case and punctuation and needs whole words', () => {
    expect(mentionsTerm('Take the LOCK first.', 'lock')).toBe(true);
    expect(mentionsTerm('use asyncio.run()', 'asyncio run')).toBe(true);
    expect(mentionsTerm('a deadlock', 'lock')).toBe(false);
    expect(mentionsTerm('blocking', 'lock')).toBe(false);
  });

  it('accepts simple plurals on either side', () => {
    expect(mentionsTerm('two locks', 'lock')).toBe(true);
    expect(mentionsTerm('one process', 'processes')).toBe(true);
    expect(mentionsTerm('all the queues', 'queue')).toBe(true);
    expect(mentionsTerm('race conditions', 'race condition')).toBe(true);
    expect(mentionsTerm('many entries', 'entry')).toBe(true);
  });

  it('needs a phrase in order', () => {
    expect(mentionsTerm('the global interpreter lock', 'global interpreter lock')).toBe(true);
    expect(mentionsTerm('global lock of the interpreter', 'global interpreter lock')).toBe(false);
  });

  it('reports covered and missed key points in their order', () => {
    const points = [
      { label: 'A', terms: ['lock'] },
      { label: 'B', terms: ['gil', 'global interpreter lock'] },
      { label: 'C', terms: ['join'] },
    ];
    expect(assessAnswer('Grab a lock, then join.', points)).toEqual({ covered: ['A', 'C'], missed: ['B'] });
    expect(assessAnswer('', points)).toEqual({ covered: [], missed: ['A', 'B', 'C'] });
  });
});

describe('coverage summary', () => {
  const points = ['A', 'B', 'C', 'D'];

  it('numbers the missed points, or ticks a full answer', () => {
    expect(coverageSummary({ covered: ['A', 'C'], missed: ['B', 'D'] }, points)).toBe('2/4 key points (missed 2, 4)');
    expect(coverageSummary({ covered: points, missed: [] }, points)).toBe('4/4 key points ✓');
  });
});
