/**
 * Feedback on a revealed round, for busy rounds as for small ones: what the public reveal names (a
 * short list that fits any platform, and the key points most missed), and each answerer's own
 * coverage and misconceptions, given privately through the reveal's button or `/quiz feedback`.
 */
import type { Store } from '../ports/store.ts';
import { questionView } from './bank.ts';
import type { QuestionLookup } from './team-bank.ts';
import { assessAnswer } from './keypoints.ts';
import { awardFor, correctOption } from './points.ts';
import type { ChannelId, Person, Question } from './types.ts';
import type { AnswerFeedback, MissedPoint, QuestionView, Reply } from './views.ts';
import { NO_ROUND_REVEALED } from './wording.ts';

/** How many answers a reveal names: enough to celebrate, few enough for one message anywhere. */
export const LISTED_ANSWERS = 10;
/** How many of the most missed key points a reveal names. */
export const MOST_MISSED = 3;

/**
 * The answers a reveal names: all of them, oldest first, while they are few; past that, the top
 * ones by key points covered (fewest misconceptions next, then the earliest).
 */
export function listedAnswers(answers: readonly AnswerFeedback[], feedbackAvailable: boolean): AnswerFeedback[] {
  if (answers.length <= LISTED_ANSWERS || !feedbackAvailable) return answers.slice(0, LISTED_ANSWERS);
  // Array sort is stable: answers that tie keep their order of arrival.
  return [...answers]
    .sort((a, b) => b.covered.length - a.covered.length || (a.wrong?.length ?? 0) - (b.wrong?.length ?? 0))
    .slice(0, LISTED_ANSWERS);
}

/** The key points most answers missed, most missed first (ties in the question's order); none missed by nobody. */
export function mostMissed(answers: readonly AnswerFeedback[], keyPoints: readonly string[]): MissedPoint[] {
  return keyPoints
    .map((label) => ({ label, missedBy: answers.filter((a) => a.missed.includes(label)).length }))
    .filter((p) => p.missedBy > 0)
    .sort((a, b) => b.missedBy - a.missedBy)
    .slice(0, MOST_MISSED);
}

/** The question a round asked, or a stand-in when it has since left the bank. */
export function roundQuestion(question: Question | undefined, questionId: string): QuestionView {
  return question
    ? questionView(question)
    : { id: questionId, title: questionId, difficulty: 'medium', topics: [], prompt: '', format: 'free' };
}

/**
 * The caller's own feedback on a revealed round: `roundId` names the round a button was under,
 * otherwise it is the channel's latest revealed round.
 */
export async function roundFeedback(
  deps: { store: Store; questions: QuestionLookup },
  channel: ChannelId,
  caller: Person,
  roundId?: string,
): Promise<Reply> {
  const round = roundId ? await deps.store.getRound(channel, roundId) : await deps.store.getLastRevealedRound(channel);
  if (round?.state !== 'revealed')
    return { visibility: 'private', kind: 'refusal', code: 'no-feedback', message: NO_ROUND_REVEALED };
  const question = await deps.questions.find(round.questionId);
  const keyPoints = question?.keyPoints ?? [];
  const answer = (await deps.store.getAnswers(channel, round.id)).find((a) => a.userId === caller.id);
  const base = {
    visibility: 'private',
    kind: 'round-feedback',
    roundId: round.id,
    question: roundQuestion(question, round.questionId),
    keyPoints: keyPoints.map((k) => k.label),
    ...(answer ? { points: awardFor(answer, question).points } : {}),
  } as const;
  if (answer?.pick !== undefined && question?.options) {
    const why = question.options[answer.pick]?.why;
    const correct = correctOption(question);
    return {
      ...base,
      feedback: { user: { id: answer.userId, name: answer.userName }, covered: [], missed: [] },
      feedbackAvailable: true,
      pick: { option: answer.pick, correct, ...(answer.pick !== correct && why ? { why } : {}) },
    };
  }
  return {
    ...base,
    ...(answer
      ? { feedback: { user: { id: answer.userId, name: answer.userName }, ...assessAnswer(answer.text, keyPoints) } }
      : {}),
    // Stored without text: the platform withheld it (Discord's Message Content intent).
    feedbackAvailable: answer === undefined || answer.text !== '' || answer.deleted === true,
  };
}
