/**
 * Key-point coverage: which of a question's key points an answer makes. Deliberately simple and
 * predictable, so question authors can reason about it: case-insensitive, whole words, a term's
 * words consecutive, simple plurals on either side, punctuation ignored.
 */
import type { KeyPoint } from './types.ts';

/** Reduces simple English plurals so `locks`/`lock` and `processes`/`process` compare equal. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).map(singular);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

export function mentionsTerm(text: string, term: string): boolean {
  return containsRun(words(text), words(term));
}

export interface Coverage {
  covered: string[];
  missed: string[];
}

export function assessAnswer(text: string, keyPoints: readonly KeyPoint[]): Coverage {
  const answerWords = words(text);
  const covered: string[] = [];
  const missed: string[] = [];
  for (const point of keyPoints) {
    const hit = point.terms.some((term) => containsRun(answerWords, words(term)));
    (hit ? covered : missed).push(point.label);
  }
  return { covered, missed };
}

/** 1-based positions of `labels` among a question's key points, for compact "missed 2, 5" feedback. */
export function pointNumbers(labels: readonly string[], keyPoints: readonly string[]): number[] {
  return labels.map((label) => keyPoints.indexOf(label) + 1).filter((n) => n > 0);
}

/** "3/5 key points (missed 2, 5)" or "5/5 key points ✓": one line per answer, however busy the thread. */
export function coverageSummary(answer: Coverage, keyPoints: readonly string[]): string {
  const total = answer.covered.length + answer.missed.length;
  const missed = pointNumbers(answer.missed, keyPoints);
  const mark = missed.length > 0 ? ` (missed ${missed.join(', ')})` : total > 0 ? ' ✓' : '';
  return `${answer.covered.length}/${total} key points${mark}`;
}
