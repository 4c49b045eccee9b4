/**
 * `questions:check` warns about a term whose ` + ` seems to cut code apart rather than join two
 * claims. The guess looks for a lone operand beside a part with a spaced operator: a number of any
 * length, or a single letter such as a variable name.
 */
import { describe, expect, it } from 'vitest';
import { splitsCode } from '../../src/core/keypoints.ts';

describe('an operand cut off by a spaced +', () => {
  it('is spotted when it is a number of several digits', () => {
    expect(splitsCode('balance = balance + 100')).toBe(true);
    expect(splitsCode('timeout = 30 + retries')).toBe(false);
  });

  it('is spotted when it is a single-letter variable', () => {
    expect(splitsCode('x = x + y')).toBe(true);
    expect(splitsCode('x = x + lost update')).toBe(false);
  });
});
