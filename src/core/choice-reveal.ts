/**
 * How a button round ended, for its reveal: the tally per option, who picked the right one (in the
 * order they first picked) and the why of each wrong option.
 */
import { correctOption } from './points.ts';
import type { Answer, Question } from './types.ts';
import type { AnswerFeedback, ChoiceReveal } from './views.ts';

/** `answers` oldest first (Store order); answers without a pick (none should exist) are left out. */
export function choiceReveal(question: Question, answers: readonly Answer[]): ChoiceReveal {
  const options = question.options ?? [];
  const correct = correctOption(question);
  const picks = answers.filter((a) => a.pick !== undefined && a.pick >= 0 && a.pick < options.length);
  return {
    correct,
    options: options.map((o, i) => ({
      text: o.text,
      picks: picks.filter((a) => a.pick === i).length,
      ...(o.why ? { why: o.why } : {}),
    })),
    right: picks.filter((a) => a.pick === correct).map((a) => ({ id: a.userId, name: a.userName })),
    total: picks.length,
  };
}

/** A pick as a reveal's answer entry: nobody, no text, so no key points either way. */
export function pickFeedback(answer: Answer): AnswerFeedback {
  return { user: { id: answer.userId, name: answer.userName }, covered: [], missed: [] };
}
