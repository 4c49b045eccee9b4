import { describe, expect, it } from 'vitest';
import { toRestBody } from '../../../src/adapters/discord/message.ts';
import {
  questionEmbed,
  renderReveal,
  renderRevealedPost,
  renderRoundPost,
} from '../../../src/adapters/discord/render-rounds.ts';
import { listedAnswers, mostMissed } from '../../../src/core/round-feedback.ts';
import type { AnswerFeedback, QuestionView, RevealView } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';

const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'easy',
  topics: ['threading'],
  prompt: 'Why?',
};
const KEY_POINTS = ['Take a lock', 'Join the threads'];

function answersOf(count: number): AnswerFeedback[] {
  return Array.from({ length: count }, (_, i) => ({
    user: { id: String(i), name: `P${i}` },
    covered: i % 2 ? ['Take a lock'] : [],
    missed: i % 2 ? ['Join the threads'] : KEY_POINTS,
  }));
}

function reveal(answers: AnswerFeedback[], overrides: Partial<RevealView> = {}): RevealView {
  const feedbackAvailable = overrides.feedbackAvailable ?? true;
  const keyPoints = overrides.keyPoints ?? KEY_POINTS;
  return {
    roundId: 'r1',
    question,
    modelAnswer: 'Because += is a read, an add and a write.',
    keyPoints,
    answers,
    listed: listedAnswers(answers, feedbackAvailable),
    mostMissed: feedbackAvailable ? mostMissed(answers, keyPoints) : [],
    feedbackAvailable,
    revealedAt: 0,
    ...overrides,
  };
}

describe('discord: the reveal of a busy free-text round', () => {
  const rendered = renderReveal(reveal(answersOf(12)));
  const [answer, answers] = rendered.embeds;

  it('colours the answer by difficulty and numbers the key points', () => {
    expect(answer?.color).toBe(0x2ecc71);
    expect(answer?.description).toBe('Because += is a read, an add and a write.');
    expect(answer?.fields).toEqual([{ name: 'Key points', value: '1. Take a lock\n2. Join the threads' }]);
  });

  it('names the top ten by coverage, says they are the top of how many, and the most missed points', () => {
    expect(answers?.title).toBe('12 answered');
    expect(answers?.description?.split('\n')).toHaveLength(10);
    expect(answers?.description?.split('\n')[0]).toBe('• **P1**: 1/2 key points (missed 2)');
    expect(answers?.fields?.slice(0, 2)).toEqual([
      { name: 'Named here', value: 'Top 10 of 12 by key points covered.' },
      { name: 'Most missed', value: '2. Join the threads (12 missed it) · 1. Take a lock (6 missed it)' },
    ]);
  });

  it('invites everyone to press My feedback, with the button', () => {
    expect(answers?.fields?.at(-1)).toEqual({
      name: 'Your feedback',
      value:
        'Everyone who answered: press My feedback (or type `/quiz feedback`) to see your own key points and misconceptions, privately.',
    });
    expect(answers).not.toHaveProperty('footer');
    expect(rendered.components[0]?.components[0]).toMatchObject({ custom_id: 'quiz:round-feedback:r1' });
  });
});

describe('discord: the reveal of a small or unread round', () => {
  it('has no "named here" line when everyone is named', () => {
    const [, answers] = renderReveal(reveal(answersOf(2))).embeds;
    expect(answers?.fields?.map((f) => f.name)).toEqual(['Most missed', 'Your feedback']);
  });

  it('has no fields, and no button, when the text could not be read', () => {
    const rendered = renderReveal(reveal(answersOf(2), { feedbackAvailable: false }));
    expect(rendered.embeds[1]).not.toHaveProperty('fields');
    expect(rendered.components).toEqual([]);
  });

  it('offers no My feedback button when nobody answered, and gives a question without key points no field', () => {
    const rendered = renderReveal(reveal([], { keyPoints: [] }));
    expect(rendered.components).toEqual([]);
    expect(rendered.embeds[0]).not.toHaveProperty('fields');
    expect(rendered.embeds[1]).toEqual({ title: 'Nobody answered this one.', color: 0x95a5a6 });
  });

  it('names who kept a streak with a freeze, escaped, even when nobody answered', () => {
    const rendered = renderReveal(reveal([], { freezesUsed: [{ user: { id: '9', name: 'Zed_' }, freezesLeft: 0 }] }));
    expect(rendered.embeds[1]?.fields).toEqual([
      { name: 'Streaks', value: 'Streaks kept with a freeze: Zed\\_ (0 left).' },
    ]);
  });
});

describe('discord: a reveal within Discord’s limits', () => {
  it('gives a long model answer the room the key points leave, and cuts it with an ellipsis', () => {
    const long = 'm'.repeat(6000);
    const withPoints = renderReveal(reveal(answersOf(1), { modelAnswer: long }));
    const without = renderReveal(reveal(answersOf(1), { modelAnswer: long, keyPoints: [] }));
    expect(withPoints.embeds[0]?.description).toHaveLength(3300 - 'Answer: Locks'.length - 1034);
    expect(without.embeds[0]?.description).toHaveLength(3300 - 'Answer: Locks'.length);
    expect(without.embeds[0]?.description?.endsWith('…')).toBe(true);
    expect(messageViolations(toRestBody(withPoints))).toEqual([]);
  });

  it('cuts many long key points to one field and a long title to 256 characters', () => {
    const keyPoints = Array.from({ length: 30 }, (_, i) => `${i} ${'k'.repeat(80)}`);
    const rendered = renderReveal(
      reveal([], { keyPoints, question: { ...question, title: 't'.repeat(400) }, modelAnswer: 'm'.repeat(6000) }),
    );
    expect(rendered.embeds[0]?.title).toHaveLength(256);
    expect(rendered.embeds[0]?.fields?.[0]?.value).toHaveLength(1024);
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
  });

  it('shortens each named line of long names instead of leaving anyone out', () => {
    const long = Array.from({ length: 10 }, (_, i) => ({
      user: { id: String(i), name: `${i}${'n'.repeat(300)}` },
      covered: [],
      missed: KEY_POINTS,
    }));
    const lines = renderReveal(reveal(long)).embeds[1]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(179);
    expect(lines.join('\n').length).toBeLessThanOrEqual(1800);
  });
});

describe('discord: the question embed', () => {
  it('colours by difficulty and cuts a long title and prompt', () => {
    const embed = questionEmbed({
      ...question,
      difficulty: 'medium',
      title: 't'.repeat(300),
      prompt: 'p'.repeat(4000),
    });
    expect(embed.color).toBe(0xf1c40f);
    expect(embed.title).toHaveLength(256);
    expect(embed.description).toHaveLength(3500);
    expect(questionEmbed({ ...question, difficulty: 'hard' }).color).toBe(0xe74c3c);
  });

  it('joins several topics, and a team question’s byline follows them', () => {
    const embed = questionEmbed({ ...question, topics: ['gil', 'asyncio'], fromTeam: { author: 'Ana' } });
    expect(embed.fields).toEqual([
      { name: 'Difficulty', value: 'easy', inline: true },
      { name: 'Topics', value: 'gil, asyncio', inline: true },
      { name: '\u200b', value: 'From the team, by Ana' },
    ]);
  });
});

describe('discord: a free-text round’s post', () => {
  it('has no buttons, and once revealed is grey with the count and the thread', () => {
    const post = renderRoundPost({ roundId: 'r1', question, revealAt: 0, timezone: 'UTC' });
    expect(post.components).toEqual([]);
    expect(post.embeds[0]?.color).toBe(0x2ecc71);
    const [revealed] = renderRevealedPost(reveal(answersOf(3)), '700').embeds;
    expect(revealed?.color).toBe(0x95a5a6);
    expect(revealed?.footer?.text).toBe('Round r1');
    expect(revealed?.title).toBe('Locks');
    expect(revealed?.fields?.map((f) => f.name)).toEqual(['Difficulty', 'Topics', 'Revealed']);
    expect(renderRevealedPost(reveal(answersOf(3)), '700').components).toEqual([]);
  });
});
