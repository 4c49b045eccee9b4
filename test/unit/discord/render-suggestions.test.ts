import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/discord/render-replies.ts';
import { renderRoundPost } from '../../../src/adapters/discord/render-rounds.ts';
import type { QuestionView } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';

const teamQuestion: QuestionView = {
  id: 'team-q1',
  format: 'free',
  title: 'Our worker pool',
  difficulty: 'medium',
  topics: ['threading'],
  prompt: 'Why does the pool hang?',
  fromTeam: { author: 'Ana *the* @everyone' },
};

describe('discord rendering of the team’s questions', () => {
  it('marks a posted question and a practice question as from the team, with the author escaped', () => {
    const posted = renderRoundPost({ roundId: 'r1', question: teamQuestion, revealAt: 0, timezone: 'UTC' });
    const practice = renderReply({ visibility: 'private', kind: 'practice', question: teamQuestion });
    for (const rendered of [posted, practice]) {
      const values = rendered.embeds[0]?.fields?.map((f) => f.value);
      expect(values).toContain('From the team, by Ana \\*the\\* @\u200beveryone');
    }
    const plain = renderRoundPost({
      roundId: 'r1',
      question: { ...teamQuestion, fromTeam: undefined },
      revealAt: 0,
      timezone: 'UTC',
    });
    expect(JSON.stringify(plain)).not.toContain('From the team');
  });

  it('keeps a list of many long suggestions within Discord’s limits, five at a time', () => {
    const long = 'y'.repeat(3000);
    const items = Array.from({ length: 8 }, (_, i) => ({
      id: `sg${i}`,
      author: { id: String(i), name: 'n'.repeat(80) },
      submittedAt: 0,
      title: 't'.repeat(120),
      question: long,
      modelAnswer: long,
      keyPoints: [long, long, long, long, long],
      topics: [],
      difficulty: 'hard' as const,
    }));
    const rendered = renderReply({ visibility: 'private', kind: 'suggestions', items });
    expect(rendered.embeds).toHaveLength(5);
    expect(rendered.components).toHaveLength(5);
    expect(
      messageViolations({ content: rendered.content, embeds: rendered.embeds, components: rendered.components }),
    ).toEqual([]);
  });
});
