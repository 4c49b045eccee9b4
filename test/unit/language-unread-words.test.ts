/**
 * Answers are what people type: an answer wink cannot fully read must still be judged, never make
 * the reveal fail. wink gives no lemma to a shouted contraction without its apostrophe before a
 * full stop ("It DOESNT."); the word then stands for itself.
 */
import { describe, expect, it } from 'vitest';
import { assessAnswer, mentionsTerm } from '../../src/core/keypoints.ts';
import type { KeyPoint } from '../../src/core/types.ts';

const points: KeyPoint[] = [
  { label: 'A lock guards the counter', terms: ['lock'] },
  { label: 'Threads are joined', terms: ['join'] },
];

describe('an answer with words wink has no lemma for', () => {
  it.each(['It DOESNT.', 'WONT.', "Isn't it? ISNT."])('is judged, not thrown on: %s', (text) => {
    expect(assessAnswer(`${text} Take a lock.`, points)).toEqual({
      covered: ['A lock guards the counter'],
      missed: ['Threads are joined'],
    });
  });

  it('still finds a term next to such a word', () => {
    expect(mentionsTerm('JOIN WONT. join them', 'join')).toBe(true);
  });
});
