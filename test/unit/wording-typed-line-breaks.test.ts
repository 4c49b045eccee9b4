/**
 * Line breaks typed in a suggestion, whichever convention the client sends: a lone carriage return
 * (classic Mac) or CR LF (Windows) separates key points just as a line feed does.
 */
import { describe, expect, it } from 'vitest';
import { checkSuggestion } from '../../src/questions/check-suggestion.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

describe('line breaks in a suggestion', () => {
  it('read the same as line feeds, whether CR or CR LF', () => {
    const expected = checkSuggestion(GOOD_DRAFT);
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    expect(expected.question.keyPoints).toHaveLength(3);
    for (const breakAs of ['\r', '\r\n']) {
      expect(checkSuggestion({ ...GOOD_DRAFT, keyPoints: GOOD_DRAFT.keyPoints.replaceAll('\n', breakAs) })).toEqual(
        expected,
      );
    }
  });
});
