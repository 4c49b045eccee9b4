import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { renderReveal, renderRoundPost } from '../../../src/adapters/discord/render-rounds.ts';
import type { AnswerFeedback, QuestionView, RevealView } from '../../../src/core/views.ts';
import { choiceQuestion } from '../../support/button-rounds.ts';

// The round post and the reveal as people see them: the header, every field by name, the buttons'
// ids, the numbers of the most missed points, and how long each named line may get.

const AT = Date.UTC(2026, 10, 23, 12, 0);
const T = AT / 1000;
const free: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'easy',
  topics: ['threading'],
  prompt: 'Why?',
};
const KEY_POINTS = ['Take a lock', 'Join the threads', 'Read once'];

function reveal(answers: AnswerFeedback[], listed: AnswerFeedback[], overrides: Partial<RevealView> = {}): RevealView {
  return {
    roundId: 'r1',
    question: free,
    modelAnswer: 'Because.',
    keyPoints: KEY_POINTS,
    answers,
    listed,
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: 0,
    ...overrides,
  };
}

describe('discord rounds: exact shapes', () => {
  it('heads a button question with the round and says how to answer under the options', () => {
    const posted = renderRoundPost({ roundId: 'r7', question: choiceQuestion(), revealAt: AT, timezone: 'UTC' });
    const [embed] = posted.embeds;
    expect(embed?.author).toEqual({ name: 'Question of the day' });
    expect(embed?.footer).toEqual({ text: 'Round r7' });
    expect(embed?.fields?.at(-1)).toEqual({
      name: 'How to answer',
      value: `Tap a letter to answer. You can change your answer until the reveal; nobody sees the count before it. The answer is revealed <t:${T}:t> (<t:${T}:R>).`,
    });
    expect(embed?.fields).toHaveLength(6);
    expect(posted.components[0]?.components).toEqual(
      ['A', 'B', 'C'].map((label, i) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        custom_id: `quiz:pick:r7:${i}`,
        label,
      })),
    );
  });

  it('heads a free question the same way and tells people to reply in the thread', () => {
    const [embed] = renderRoundPost({ roundId: 'r8', question: free, revealAt: AT, timezone: 'UTC' }).embeds;
    expect(embed?.author).toEqual({ name: 'Question of the day' });
    expect(embed?.footer).toEqual({ text: 'Round r8' });
    expect(embed?.fields).toEqual([
      { name: 'Difficulty', value: 'easy', inline: true },
      { name: 'Topics', value: 'threading', inline: true },
      {
        name: 'How to answer',
        value: `Reply in this message's thread. The answer is revealed <t:${T}:t> (<t:${T}:R>).`,
      },
    ]);
  });

  it('names the key points field, says whom it names, and numbers the most missed points as the key points are', () => {
    const answers: AnswerFeedback[] = Array.from({ length: 12 }, (_, i) => ({
      user: { id: String(i), name: `P${i}` },
      covered: ['Take a lock'],
      missed: ['Join the threads', 'Read once'],
    }));
    const rendered = renderReveal(
      reveal(answers, answers.slice(0, 10), {
        mostMissed: [
          { label: 'Read once', missedBy: 12 },
          { label: 'Join the threads', missedBy: 12 },
        ],
      }),
    );
    const [answer, named] = rendered.embeds;
    expect(answer?.fields).toEqual([
      { name: 'Key points', value: '1. Take a lock\n2. Join the threads\n3. Read once' },
    ]);
    expect(named?.fields?.slice(0, 2)).toEqual([
      { name: 'Named here', value: 'Top 10 of 12 by key points covered.' },
      { name: 'Most missed', value: '3. Read once (12 missed it) · 2. Join the threads (12 missed it)' },
    ]);
  });

  it('shortens each long named line to an equal share of the description, with an ellipsis', () => {
    const wrong = [{ claim: 'x'.repeat(150), truth: 'y'.repeat(150) }];
    const answers: AnswerFeedback[] = Array.from({ length: 10 }, (_, i) => ({
      user: { id: String(i), name: `P${i}` },
      covered: [],
      missed: KEY_POINTS,
      wrong,
    }));
    const lines = renderReveal(reveal(answers, answers)).embeds[1]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(10);
    // 1800 characters over ten lines: 179 each, so with the nine line breaks the whole stays within 1800.
    for (const line of lines) {
      expect(line).toHaveLength(179);
      expect(line.endsWith('…')).toBe(true);
    }
  });
});
