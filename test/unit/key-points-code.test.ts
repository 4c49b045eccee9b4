/**
 * Code in answers: people paste identifiers, calls and version numbers into chat answers, and a
 * key point that names one is earned by the same identifier, compared whole, never by a word it
 * happens to look like.
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';

describe('code identifiers in an answer', () => {
  it('counts every identifier of a code-heavy answer, however many it names', () => {
    const names = Array.from({ length: 30 }, (_, i) => `step_${i + 1}`);
    const answer = `The pipeline calls ${names.join(', ')} in turn.`;
    for (const name of names) expect(mentionsTerm(answer, name), name).toBe(true);
    expect(mentionsTerm(answer, 'step_31')).toBe(false);
  });

  it('reads a call as the name it calls, not as a verb', () => {
    const points = [
      { label: 'check it', terms: ['cancelled()'] },
      { label: 'cancel it', terms: ['cancel'] },
    ];
    expect(assessAnswer('check cancelled() before you wait', points)).toEqual({
      covered: ['check it'],
      missed: ['cancel it'],
    });
  });

  it('compares a version whole, never as its numbers', () => {
    expect(mentionsTerm('forkserver is the default since 3.14', '3.14')).toBe(true);
    expect(mentionsTerm('forkserver is the default since 3.14', 'since 3')).toBe(false);
    expect(mentionsTerm('the free-threaded build is 3.13t', '3.13t')).toBe(true);
  });

  it('reads e.g. as an abbreviation inside the sentence, not as its end', () => {
    expect(mentionsTerm('use a pool, e.g. ThreadPoolExecutor, and join it', 'pool + join it')).toBe(true);
  });
});
