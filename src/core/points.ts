/**
 * Points: what each answer of a revealed round earns. A right pick earns as much as a free-text answer
 * that covers every key point; a free-text answer earns in proportion to the key points it covers,
 * and a misconception stated about a point forfeits that point (keypoints.ts). A wrong pick earns
 * nothing but still counts for the streak: streaks reward showing up, points reward knowing.
 */
import type { RoundAward } from '../ports/store.ts';
import { assessAnswer } from './keypoints.ts';
import { type Answer, isButtonFormat, type Question } from './types.ts';

/** A right pick, or a free-text answer covering every key point. */
export const FULL_POINTS = 10;

/** The index (0 = a) of a button question's right option, or -1 for a free-text question. */
export function correctOption(question: Question): number {
  return question.options?.findIndex((o) => o.correct) ?? -1;
}

/** What one answer earns; `question` undefined when it has left the bank since (nothing to judge by). */
export function awardFor(answer: Answer, question: Question | undefined): RoundAward {
  if (question && isButtonFormat(question.format)) {
    // No pick (none should exist) matches no index: correctOption is an index or -1.
    const rightPick = answer.pick === correctOption(question);
    return { userId: answer.userId, points: rightPick ? FULL_POINTS : 0, rightPick };
  }
  const keyPoints = question?.keyPoints ?? [];
  if (keyPoints.length === 0) return { userId: answer.userId, points: 0 };
  const { covered } = assessAnswer(answer.text, keyPoints);
  return { userId: answer.userId, points: Math.round((FULL_POINTS * covered.length) / keyPoints.length) };
}

export function roundAwards(answers: readonly Answer[], question: Question | undefined): RoundAward[] {
  return answers.map((a) => awardFor(a, question));
}
