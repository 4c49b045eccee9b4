import { describe, expect, it } from 'vitest';
import {
  choiceRevealBlocks,
  PRACTICE_PICK_ACTION,
  pickOfValue,
  ROUND_PICK_ACTION,
} from '../../../src/adapters/slack/render-choice.ts';
import {
  ROUND_FEEDBACK_ACTION,
  renderPost,
  renderReveal,
  renderRevealedPost,
} from '../../../src/adapters/slack/render-rounds.ts';
import { listedAnswers, mostMissed } from '../../../src/core/round-feedback.ts';
import type { AnswerFeedback, QuestionView, RevealView } from '../../../src/core/views.ts';
import { messageViolation } from '../../../support/fakes/slack/limits.ts';
import { buttonReveal, choiceQuestion, outputQuestion } from '../../support/button-rounds.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { blockTexts } from './block-text.ts';

const NOW = MONDAY_0800_UTC;
const DATE = `<!date^${NOW / 1000}^{date_short_pretty} at {time}|Mon 23 Nov, 08:00 UTC>`;
const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'easy',
  topics: ['threading', 'gil'],
  prompt: 'Why?',
};
const KEY_POINTS = ['A', 'B'];

function answersOf(count: number): AnswerFeedback[] {
  return Array.from({ length: count }, (_, i) => ({
    user: { id: String(i), name: `P${i}` },
    covered: i % 2 ? ['A'] : [],
    missed: i % 2 ? ['B'] : KEY_POINTS,
  }));
}

function reveal(answers: AnswerFeedback[], overrides: Partial<RevealView> = {}): RevealView {
  const feedbackAvailable = overrides.feedbackAvailable ?? true;
  return {
    roundId: 'r1',
    question,
    modelAnswer: 'M',
    keyPoints: KEY_POINTS,
    answers,
    listed: listedAnswers(answers, feedbackAvailable),
    mostMissed: feedbackAvailable ? mostMissed(answers, KEY_POINTS) : [],
    feedbackAvailable,
    revealedAt: NOW,
    ...overrides,
  };
}

describe('slack: the reveal of a free-text round', () => {
  it('names the top ten, says they are the top of how many, the most missed points and how to get feedback', () => {
    const message = renderReveal(
      reveal(answersOf(12), { freezesUsed: [{ user: { id: '9', name: 'Zed' }, freezesLeft: 0 }] }),
    );
    expect(message.text).toBe('Answer: Locks (12 answered)');
    const texts = blockTexts(message);
    expect(texts.slice(0, 3)).toEqual(['Answer: Locks', 'M', '*Key points*\n1. A\n2. B']);
    expect(texts[3]?.split('\n')).toHaveLength(11);
    expect(texts[3]?.split('\n').slice(0, 2)).toEqual(['*12 answered*', '• P1: 1/2 key points (missed 2)']);
    expect(texts.slice(4)).toEqual([
      'Top 10 of 12 by key points covered.\n*Most missed:* 2. B (12 missed it) · 1. A (6 missed it)',
      'Everyone who answered: press My feedback (or type `/quiz feedback`) to see your own key points and misconceptions, privately.',
      '[My feedback]',
      'Streaks kept with a freeze: Zed (0 left).',
    ]);
    expect(message.blocks[6]).toMatchObject({
      type: 'actions',
      elements: [{ action_id: ROUND_FEEDBACK_ACTION, value: 'r1' }],
    });
  });

  it('lists only names and says feedback is off, with no button, when the text could not be read', () => {
    const message = renderReveal(reveal(answersOf(2), { feedbackAvailable: false }));
    expect(blockTexts(message)).toEqual([
      'Answer: Locks',
      'M',
      '*Key points*\n1. A\n2. B',
      '*2 answered*\n• P0\n• P1',
      'Key-point feedback is off: the bot could not read the answers.',
    ]);
  });

  it('has no notes line when everyone is named and nothing was missed', () => {
    const all = [{ user: { id: '1', name: 'Ann' }, covered: KEY_POINTS, missed: [] }];
    expect(blockTexts(renderReveal(reveal(all)))).toEqual([
      'Answer: Locks',
      'M',
      '*Key points*\n1. A\n2. B',
      '*1 answered*\n• Ann: 2/2 key points ✓',
      'Everyone who answered: press My feedback (or type `/quiz feedback`) to see your own key points and misconceptions, privately.',
      '[My feedback]',
    ]);
  });

  it('leaves out the key points of a question that has none, and escapes them otherwise', () => {
    expect(blockTexts(renderReveal(reveal([], { keyPoints: [] })))).toEqual([
      'Answer: Locks',
      'M',
      'Nobody answered this one.',
    ]);
    expect(blockTexts(renderReveal(reveal([], { keyPoints: ['a < b'] })))[2]).toBe('*Key points*\n1. a &lt; b');
  });
});

describe('slack: a button round', () => {
  it('posts the options lettered, a button each naming the round, and how to answer', () => {
    const message = renderPost({ roundId: 'r2', question: choiceQuestion(), revealAt: NOW, timezone: 'UTC' });
    expect(message.text).toBe('Question of the day: What the GIL does during blocking I/O');
    expect(blockTexts(message)).toEqual([
      'Question of the day: What the GIL does during blocking I/O',
      '*medium* · threading',
      'A thread calls `socket.recv()` and blocks. What happens to the GIL?',
      '*A*  It is released while the call blocks',
      '*B*  It stays held until the call returns',
      '*C*  It is handed to the main thread',
      '[A|B|C]',
      `Tap a letter to answer. You can change your answer until the reveal; nobody sees the count before it. The answer is revealed ${DATE}.`,
    ]);
    expect(message.blocks[6]).toEqual({
      type: 'actions',
      block_id: 'quiz_pick:r2',
      elements: [0, 1, 2].map((i) => ({
        type: 'button',
        action_id: `quiz_pick_${i}`,
        text: { type: 'plain_text', text: 'ABC'[i] },
        value: `r2:${i}`,
      })),
    });
  });

  it('posts the largest output question within Slack’s limits', () => {
    const message = renderPost({ roundId: 'r3', question: outputQuestion(), revealAt: NOW, timezone: 'UTC' });
    expect(messageViolation(message as never)).toBeUndefined();
    expect(blockTexts(message)[3]?.startsWith('*A*\n```\nA0:')).toBe(true);
  });

  it('reveals the right option, the tally, who got it right and why not the others, then the model answer', () => {
    const view = buttonReveal(
      'r2',
      choiceQuestion(),
      {
        correct: 1,
        picks: [1, 2, 0],
        right: [
          { id: 'U1', name: 'a' },
          { id: 'U2', name: 'b' },
        ],
      },
      NOW,
    );
    const message = renderReveal({ ...view, freezesUsed: [{ user: { id: 'U9', name: 'Zed' }, freezesLeft: 2 }] });
    expect(message.text).toBe('Answer: What the GIL does during blocking I/O (3 answered)');
    expect(blockTexts(message)).toEqual([
      'Answer: What the GIL does during blocking I/O',
      '*The answer: B*\nIt stays held until the call returns',
      '*2 of 3 got it right.*\n```\nA ███░░░░░░░ 1  33%\nB ███████░░░ 2  67% ✓\nC ░░░░░░░░░░ 0   0%\n```',
      '*Got it right:* <@U1>, <@U2>',
      '*Why not the others*\n*A*: Option 0 is a common slip: it forgets &lt;what&gt; &amp; *why* the order holds.\n*C*: Option 2 is a common slip: it forgets &lt;what&gt; &amp; *why* the order holds.',
      'gather returns the results in the order the awaitables were passed, whatever order they finish in.',
      'Streaks kept with a freeze: Zed (2 left).',
    ]);
  });

  it('has no names or whys when nobody got it right and the wrong options carry none', () => {
    const blocks = choiceRevealBlocks(choiceQuestion(), {
      correct: 0,
      options: [
        { text: 'x', picks: 0, why: 'the right one needs no why' },
        { text: 'y', picks: 1 },
      ],
      right: [],
      total: 1,
    });
    expect(blockTexts({ blocks })).toEqual([
      '*The answer: A*\nx',
      '*Nobody got it right (1 answered).*\n```\nA ░░░░░░░░░░ 0   0% ✓\nB ██████████ 1 100%\n```',
    ]);
  });

  it('names at most 2000 characters of people who got it right, then how many more', () => {
    const right = Array.from({ length: 400 }, (_, i) => ({ id: `U${100000 + i}`, name: `p${i}` }));
    const view = buttonReveal('r2', outputQuestion(), { correct: 0, picks: [400, 0, 0, 0, 0], right }, NOW);
    const message = renderReveal(view);
    const names = blockTexts(message).find((t) => t.startsWith('*Got it right:*')) ?? '';
    expect(names).toMatch(/^\*Got it right:\* <@U100000>, .*, and \d+ more$/);
    expect(names.length).toBeLessThanOrEqual('*Got it right:* '.length + 2000);
    expect(names.length).toBeGreaterThan(1900);
    expect(messageViolation(message as never)).toBeUndefined();
  });

  it('replaces the buttons of the revealed post with a closed line', () => {
    const view = buttonReveal('r2', choiceQuestion(), { correct: 1, picks: [1, 0, 0], right: [] }, NOW);
    const message = renderRevealedPost(view);
    expect(message.text).toBe('Question of the day (revealed): What the GIL does during blocking I/O');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(blockTexts(message).at(-1)).toBe(':lock: *Closed: 1 person answered. The answer is in the thread.*');
  });

  it('tells a round’s option buttons from a practice question’s by their action ids', () => {
    expect(ROUND_PICK_ACTION.exec('quiz_pick_3')?.[1]).toBe('3');
    expect(PRACTICE_PICK_ACTION.exec('quiz_practice_pick_4')?.[1]).toBe('4');
    for (const other of ['quiz_practice_pick_3', 'quiz_pick_12', 'quiz_pick_x', 'xquiz_pick_1', 'quiz_pick_1x']) {
      expect(ROUND_PICK_ACTION.test(other)).toBe(false);
    }
    for (const other of ['quiz_pick_3', 'quiz_practice_pick_12', 'quiz_practice_pick_', 'a_quiz_practice_pick_1']) {
      expect(PRACTICE_PICK_ACTION.test(other)).toBe(false);
    }
  });

  it('posts a button question that came without options with an empty row of buttons', () => {
    const message = renderPost({
      roundId: 'r4',
      question: { ...choiceQuestion(), options: undefined },
      revealAt: NOW,
      timezone: 'UTC',
    });
    expect(message.blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      block_id: 'quiz_pick:r4',
      elements: [],
    });
  });

  it('still names the right letter when the reveal lacks that option', () => {
    const blocks = choiceRevealBlocks(choiceQuestion(), {
      correct: 3,
      options: [{ text: 'x', picks: 1 }],
      right: [],
      total: 1,
    });
    expect(blockTexts({ blocks })[0]).toBe('*The answer: D*\n');
  });

  it('reads an option button’s value back as its id and option', () => {
    expect(pickOfValue('r2:3')).toEqual({ id: 'r2', option: 3 });
    expect(pickOfValue(undefined)).toBeUndefined();
    expect(pickOfValue('prefix r2:3 suffix')).toBeUndefined();
  });
});

describe('slack: a free-text round’s post', () => {
  it('asks for a reply in the thread, with no options and no buttons', () => {
    const message = renderPost({ roundId: 'r1', question, revealAt: NOW, timezone: 'UTC' });
    expect(blockTexts(message)).toEqual([
      'Question of the day: Locks',
      '*easy* · threading, gil',
      'Why?',
      `:speech_balloon: Reply *in this thread* to answer. The answer is revealed ${DATE}.`,
    ]);
  });
});

describe('slack: a free-text round’s revealed post', () => {
  it('notifies the title as revealed', () => {
    expect(renderRevealedPost(reveal(answersOf(2))).text).toBe('Question of the day (revealed): Locks');
  });
});
