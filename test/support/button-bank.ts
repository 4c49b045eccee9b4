/** A small bank of free-text and button questions, for tests of picks, points and the format mix. */
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChoiceOption, Question } from '../../src/core/types.ts';
import { makeQuestion } from './fixtures.ts';

/** Three options, b right; a and c wrong with their why. */
export const OPTIONS: ChoiceOption[] = [
  { text: 'Always 0', correct: false, why: 'the threads race on the counter' },
  { text: 'Anything from 1 to 200000', correct: true },
  { text: 'Always 200000', correct: false, why: 'the GIL does not make += atomic' },
];

export function buttonQuestion(id: string, overrides: Partial<Question> = {}): Question {
  return makeQuestion(id, { format: 'choice', options: OPTIONS, keyPoints: [], ...overrides });
}

/** f1..f<free> free-text and c1..c<button> choice questions. */
export function mixedBank(free = 3, button = 3): QuestionBank {
  return new QuestionBank([
    ...Array.from({ length: free }, (_, i) => makeQuestion(`f${i + 1}`)),
    ...Array.from({ length: button }, (_, i) => buttonQuestion(`c${i + 1}`)),
  ]);
}
