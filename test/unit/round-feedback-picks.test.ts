/**
 * An answerer's own feedback on a revealed button round: their pick, the right option, the why of a
 * wrong pick only, and the points; and the edges where the caller did not pick, the question has
 * left the bank, or it has fewer options than the pick's letter.
 */
import { describe, expect, it } from 'vitest';
import { roundFeedback } from '../../src/core/round-feedback.ts';
import type { Answer, ChannelId, Question, Round } from '../../src/core/types.ts';
import type { Store } from '../../src/ports/store.ts';
import { buttonQuestion } from '../support/button-bank.ts';

const CH: ChannelId = 'slack:C1';
const ann = { id: 'ann', name: 'Ann' };
/** b right, its why kept; a and c wrong with theirs. */
const question = buttonQuestion('c1', {
  options: [
    { text: 'Always 0', correct: false, why: 'the threads race on the counter' },
    { text: 'Anything', correct: true, why: 'the += is not atomic' },
    { text: 'Always 200000', correct: false, why: 'the GIL does not make += atomic' },
  ],
});
const VIEW = {
  id: 'c1',
  title: 'Question c1',
  difficulty: 'easy',
  topics: ['threading'],
  prompt: 'What about c1?',
  format: 'choice',
  options: ['Always 0', 'Anything', 'Always 200000'],
};
const round: Round = {
  id: 'r1',
  channel: CH,
  seq: 1,
  questionId: 'c1',
  postedAt: 0,
  openedAt: 0,
  revealAt: 1,
  timezone: 'UTC',
  state: 'revealed',
};

function pickOf(userId: string, pick: number): Answer {
  return { userId, userName: userId.toUpperCase(), text: '', messageId: `pick-${userId}`, at: 0, pick };
}

function feedbackOf(answers: Answer[], questions: Question[] = [question]) {
  const store = {
    getRound: async () => round,
    getLastRevealedRound: async () => round,
    getAnswers: async () => answers,
  } as unknown as Store;
  return roundFeedback({ store, questions: { find: async (id) => questions.find((q) => q.id === id) } }, CH, ann);
}

describe('feedback on a button round', () => {
  it('gives a wrong pick the why of that option, and a right pick none even when its option has one', async () => {
    const base = { visibility: 'private', kind: 'round-feedback', roundId: 'r1', question: VIEW, keyPoints: [] };
    const feedback = { user: { id: 'ann', name: 'ANN' }, covered: [], missed: [] };
    expect(await feedbackOf([pickOf('ann', 2)])).toEqual({
      ...base,
      points: 0,
      feedback,
      feedbackAvailable: true,
      pick: { option: 2, correct: 1, why: 'the GIL does not make += atomic' },
    });
    expect(await feedbackOf([pickOf('ann', 1)])).toEqual({
      ...base,
      points: 10,
      feedback,
      feedbackAvailable: true,
      pick: { option: 1, correct: 1 },
    });
  });

  it('has no feedback part for someone who did not pick', async () => {
    expect(await feedbackOf([pickOf('bo', 1)])).toEqual({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question: VIEW,
      keyPoints: [],
      feedbackAvailable: true,
    });
  });

  it('names a pick of a letter the question no longer has, without a why', async () => {
    expect(await feedbackOf([pickOf('ann', 4)])).toMatchObject({ pick: { option: 4, correct: 1 } });
    expect(await feedbackOf([pickOf('ann', 4)])).not.toHaveProperty('pick.why');
  });

  it('falls back to a stand-in, with nothing to judge, once the question has left the bank', async () => {
    // feedbackAvailable is left out: a pick stored without text reads as withheld text here.
    expect(await feedbackOf([pickOf('ann', 1)], [])).toMatchObject({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question: { id: 'c1', title: 'c1', difficulty: 'medium', topics: [], prompt: '', format: 'free' },
      keyPoints: [],
      points: 0,
      feedback: { user: { id: 'ann', name: 'ANN' }, covered: [], missed: [] },
    });
  });
});
