/**
 * The adversarial suite, bank-wide: wrong answers written from each question's pitfalls must not
 * earn the point they contradict, and correct paraphrases that avoid the model answer's wording
 * must still earn most points. The fixtures are one file per question in test/fixtures/adversarial;
 * `npm run questions:check` prints the same figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/types.ts';
import {
  type AdversarialFigures,
  loadAdversarial,
  measureAdversarial,
  PARAPHRASES_PASSING,
  paraphraseShare,
} from '../../src/questions/adversarial.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';

let figures: AdversarialFigures;
beforeAll(async () => {
  const questions: Question[] = await loadQuestions('questions');
  figures = measureAdversarial(loadAdversarial(), questions);
});

describe('adversarial answers, bank-wide', () => {
  it('has fixtures that name existing questions and points', () => {
    expect(figures.problems).toEqual([]);
  });

  it('credits no wrong answer with the point it contradicts', () => {
    expect(figures.wrongCredited).toEqual([]);
  });

  it(`credits at least ${PARAPHRASES_PASSING * 100}% of correct paraphrases with at least 60% of the points`, () => {
    expect(paraphraseShare(figures), figures.paraphrasesFailing.join('\n')).toBeGreaterThanOrEqual(PARAPHRASES_PASSING);
  });
});
