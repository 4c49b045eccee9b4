/**
 * What a revealed round leaves for the weekly digest: a summary built from the reveal the core
 * shows, small enough to keep for weeks after the answers themselves are gone.
 */
import type { RoundSummary, RoundSummaryInput } from '../ports/digest-store.ts';
import type { Round } from './types.ts';
import type { RevealView } from './views.ts';

export function roundSummaryInput(round: Round, view: RevealView): RoundSummaryInput {
  const missed = view.feedbackAvailable
    ? view.keyPoints.map((label) => ({
        label,
        missedBy: view.answers.filter((a) => a.missed.includes(label)).length,
      }))
    : [];
  const answerers = new Map(view.answers.map((a) => [a.user.id, a.user]));
  for (const person of view.choice?.right ?? []) answerers.set(person.id, person);
  return {
    roundId: round.id,
    seq: round.seq,
    questionId: round.questionId,
    title: view.question.title,
    revealedAt: view.revealedAt,
    answers: Math.max(view.answers.length, view.choice?.total ?? 0),
    missed,
    ...(view.choice ? { choice: { right: view.choice.right.length, total: view.choice.total } } : {}),
    ...(round.post ? { post: round.post } : {}),
    answerers: [...answerers.values()].map(({ id, name }) => ({ id, name })),
  };
}

/**
 * How much of a round was right, 0 to 1: right picks over picks for a button round, else the share
 * of key points the answers covered. Null when nobody answered or coverage is unknown.
 */
export function roundScore(summary: RoundSummary): number | null {
  if (summary.choice) return summary.choice.total > 0 ? summary.choice.right / summary.choice.total : null;
  if (summary.answers === 0 || summary.missed.length === 0) return null;
  const missed = summary.missed.reduce((sum, point) => sum + point.missedBy, 0);
  return 1 - missed / (summary.answers * summary.missed.length);
}
