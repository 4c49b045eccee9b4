/**
 * Feedback on a revealed round: which answers the public reveal names, which key points it calls
 * most missed, and what each answerer sees privately (`/quiz feedback`, the My feedback button).
 * A small made-up question and a store that holds one channel's rounds.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/ports/store.ts';
import {
  LISTED_ANSWERS,
  listedAnswers,
  MOST_MISSED,
  mostMissed,
  roundFeedback,
} from '../../src/core/round-feedback.ts';
import type { Answer, ChannelId, Question, Round } from '../../src/core/types.ts';
import type { AnswerFeedback } from '../../src/core/views.ts';
import { NO_ROUND_REVEALED } from '../../src/core/wording.ts';

function feedback(name: string, covered: number, wrong = 0): AnswerFeedback {
  return {
    user: { id: name, name },
    covered: Array.from({ length: covered }, (_, i) => `p${i}`),
    missed: [],
    ...(wrong > 0 ? { wrong: Array.from({ length: wrong }, () => ({ claim: 'c', truth: 't' })) } : {}),
  };
}

const names = (answers: AnswerFeedback[]) => answers.map((a) => a.user.name);

describe('the answers a reveal names', () => {
  it('are all of them, oldest first, while they fit', () => {
    const answers = Array.from({ length: LISTED_ANSWERS }, (_, i) => feedback(`u${i}`, i % 3));
    expect(names(listedAnswers(answers, true))).toEqual(names(answers));
  });

  it('are the best by key points past that, fewest misconceptions next, then the earliest', () => {
    const answers = [
      feedback('late-weak', 0),
      feedback('two-wrong', 3, 2),
      feedback('one-wrong', 3, 1),
      feedback('best', 4),
      feedback('first-3', 3),
      feedback('second-3', 3),
      ...Array.from({ length: 8 }, (_, i) => feedback(`one-${i}`, 1)),
    ];
    expect(names(listedAnswers(answers, true))).toEqual([
      'best',
      'first-3',
      'second-3',
      'one-wrong',
      'two-wrong',
      'one-0',
      'one-1',
      'one-2',
      'one-3',
      'one-4',
    ]);
  });

  it('are the first to answer when the answers could not be read', () => {
    const answers = Array.from({ length: LISTED_ANSWERS + 2 }, (_, i) => feedback(`u${i}`, i));
    expect(names(listedAnswers(answers, false))).toEqual(names(answers.slice(0, LISTED_ANSWERS)));
  });
});

describe('the most missed key points', () => {
  const points = ['lock', 'join', 'queue', 'event', 'pool'];
  const missing = (...missed: string[]): AnswerFeedback => ({ user: { id: 'x', name: 'x' }, covered: [], missed });

  it('are ranked by how many missed them, ties in the question order, and leave out those nobody missed', () => {
    const answers = [missing('queue', 'join'), missing('queue', 'event'), missing('join', 'pool', 'queue')];
    expect(mostMissed(answers, points)).toEqual([
      { label: 'queue', missedBy: 3 },
      { label: 'join', missedBy: 2 },
      { label: 'event', missedBy: 1 },
    ]);
    expect(mostMissed([missing('pool')], points)).toEqual([{ label: 'pool', missedBy: 1 }]);
  });

  it(`name at most ${MOST_MISSED}`, () => {
    expect(mostMissed([missing(...points)], points)).toHaveLength(MOST_MISSED);
  });
});

const CH: ChannelId = 'shell:general';

const question: Question = {
  id: 'pool-context',
  title: 'The pool and the context',
  format: 'free',
  topics: ['threading'],
  difficulty: 'easy',
  keyPoints: [
    { label: 'shares the context', terms: ['shares the context'] },
    { label: 'the parent waits', terms: ['parent waits'] },
  ],
  references: [],
  prompt: 'What does the pool do with the context?',
  modelAnswer: 'It shares the context and the parent waits.',
  file: 'pool-context.md',
};

function round(id: string, state: Round['state'], questionId = question.id): Round {
  return { id, channel: CH, seq: 1, questionId, postedAt: 0, openedAt: 0, revealAt: 1, timezone: 'UTC', state };
}

function answer(userId: string, text: string, extra: Partial<Answer> = {}): Answer {
  return { userId, userName: userId.toUpperCase(), text, messageId: `m-${userId}`, at: 0, ...extra };
}

function deps(rounds: Round[], answers: Answer[], questions: Question[] = [question]) {
  const store = {
    getRound: async (_: ChannelId, id: string) => rounds.find((r) => r.id === id),
    getLastRevealedRound: async () => rounds.filter((r) => r.state === 'revealed').at(-1),
    getAnswers: async () => answers,
  } as unknown as Store;
  return { store, questions: { find: async (id: string) => questions.find((q) => q.id === id) } };
}

describe("an answerer's own feedback", () => {
  it('names their key points covered and missed, and the question', async () => {
    const reply = await roundFeedback(
      deps([round('r1', 'revealed')], [answer('ann', 'The pool shares the context.'), answer('bob', 'No idea.')]),
      CH,
      { id: 'ann', name: 'Ann' },
    );
    expect(reply).toEqual({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question: {
        id: question.id,
        title: question.title,
        difficulty: 'easy',
        topics: ['threading'],
        prompt: question.prompt,
        format: 'free',
      },
      keyPoints: ['shares the context', 'the parent waits'],
      points: 5,
      feedback: { user: { id: 'ann', name: 'ANN' }, covered: ['shares the context'], missed: ['the parent waits'] },
      feedbackAvailable: true,
    });
  });

  it('is refused while the round asked about is still open', async () => {
    const reply = await roundFeedback(deps([round('r1', 'open')], []), CH, { id: 'ann', name: 'Ann' }, 'r1');
    expect(reply).toEqual({ visibility: 'private', kind: 'refusal', code: 'no-feedback', message: NO_ROUND_REVEALED });
  });

  it('has no feedback part for someone who did not answer, and says feedback could be given', async () => {
    const reply = await roundFeedback(deps([round('r1', 'revealed')], [answer('ann', 'It shares the context.')]), CH, {
      id: 'bob',
      name: 'Bob',
    });
    expect(reply).not.toHaveProperty('feedback');
    expect(reply).not.toHaveProperty('points');
    expect(reply).toMatchObject({ kind: 'round-feedback', feedbackAvailable: true });
  });

  it('says feedback is unavailable when the platform withheld the answer text', async () => {
    const withheld = await roundFeedback(deps([round('r1', 'revealed')], [answer('ann', '')]), CH, {
      id: 'ann',
      name: 'Ann',
    });
    expect(withheld).toMatchObject({ feedbackAvailable: false });
    const deleted = await roundFeedback(deps([round('r1', 'revealed')], [answer('ann', '', { deleted: true })]), CH, {
      id: 'ann',
      name: 'Ann',
    });
    expect(deleted).toMatchObject({ feedbackAvailable: true });
  });

  it('stands in for a question that has left the bank since', async () => {
    const reply = await roundFeedback(
      deps([round('r1', 'revealed', 'gone-question')], [answer('ann', 'It waits.')], []),
      CH,
      {
        id: 'ann',
        name: 'Ann',
      },
    );
    expect(reply).toMatchObject({
      question: {
        id: 'gone-question',
        title: 'gone-question',
        difficulty: 'medium',
        topics: [],
        prompt: '',
        format: 'free',
      },
      keyPoints: [],
      feedback: { covered: [], missed: [] },
    });
  });
});
