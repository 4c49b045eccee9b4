import { describe, expect, it } from 'vitest';
import { renderDigestReply } from '../../../src/adapters/discord/render-digest.ts';
import { renderCommandReply, renderReply } from '../../../src/adapters/discord/render-replies.ts';
import { renderSuggestionReply } from '../../../src/adapters/discord/render-suggestions.ts';
import { ANSWER_IN_THREAD } from '../../../src/core/wording.ts';
import type { Reply } from '../../../src/core/views.ts';
import { choiceQuestion } from '../../support/button-rounds.ts';

// Exact shapes of /quiz replies on Discord: field layout, extra lines and who may be mentioned are
// all things people see, so these pin them down where the broader render tests only sample them.

describe('discord replies: exact shapes', () => {
  it('passes a digest reply to the digest renderer', () => {
    const reply: Reply = {
      visibility: 'private',
      kind: 'digest',
      enabled: true,
      timezone: 'UTC',
      scheduled: true,
      changed: false,
    };
    const rendered = renderReply(reply);
    expect(rendered).toBeDefined();
    expect(rendered).toEqual(renderDigestReply(reply));
  });

  it('gives a member only usage lines, a blank line and the thread hint', () => {
    const lines = (
      renderReply({ visibility: 'private', kind: 'help', isAdmin: false }).embeds[0]?.description ?? ''
    ).split('\n');
    expect(lines.slice(-2)).toEqual(['', ANSWER_IN_THREAD]);
    const usage = lines.slice(0, -2);
    expect(usage.length).toBeGreaterThan(0);
    for (const line of usage) expect(line).toMatch(/^`[^`]+`: \S/);
  });

  it('shows a practice button question with its options, difficulty and topics as the only fields', () => {
    const [embed] = renderReply({ visibility: 'private', kind: 'practice', question: choiceQuestion() }).embeds;
    expect(embed?.fields).toEqual([
      { name: 'A', value: 'It is released while the call blocks' },
      { name: 'B', value: 'It stays held until the call returns' },
      { name: 'C', value: 'It is handed to the main thread' },
      { name: 'Difficulty', value: 'medium', inline: true },
      { name: 'Topics', value: 'threading', inline: true },
    ]);
  });

  it('lays every streak figure out inline, the button questions line too', () => {
    const [embed] = renderReply({
      visibility: 'private',
      kind: 'streak',
      user: { id: '1', name: 'a' },
      self: true,
      stats: {
        userId: '1',
        name: 'a',
        currentStreak: 1,
        bestStreak: 2,
        total: 3,
        month: 4,
        points: 5,
        monthPoints: 6,
        picks: 8,
        rightPicks: 7,
      },
    }).embeds;
    expect(embed?.fields).toEqual([
      { name: 'Current streak', value: '1', inline: true },
      { name: 'Best streak', value: '2', inline: true },
      { name: 'Answers', value: '3', inline: true },
      { name: 'This month', value: '4', inline: true },
      { name: 'Points', value: '5', inline: true },
      { name: 'Points this month', value: '6', inline: true },
      { name: 'Button questions right', value: '7 of 8', inline: true },
    ]);
  });

  it('renders each suggestion reply through the suggestion renderer', () => {
    const replies: Reply[] = [
      { visibility: 'private', kind: 'suggestion-received', id: 's1', title: 'Locks' },
      {
        visibility: 'private',
        kind: 'suggestion-problems',
        problems: [{ field: 'title', message: 'Too short' }],
        draft: {
          title: 'L',
          question: 'Why?',
          modelAnswer: 'Because.',
          keyPoints: 'Take a lock',
          topicAndDifficulty: '',
        },
      },
      { visibility: 'private', kind: 'suggestion-decided', id: 's1', title: 'Locks', decision: 'approved' },
      { visibility: 'private', kind: 'retired', id: 's1', title: 'Locks' },
      { visibility: 'private', kind: 'export', files: [{ name: 'locks.md', content: '# Locks' }] },
    ];
    for (const reply of replies) {
      const rendered = renderReply(reply);
      expect(rendered, reply.kind).toBeDefined();
      expect(rendered).toEqual(renderSuggestionReply(reply as Parameters<typeof renderSuggestionReply>[0]));
    }
  });

  it('shows a wrong practice pick with the right option after one blank line', () => {
    const rendered = renderReply({
      visibility: 'private',
      kind: 'practice-pick-result',
      question: choiceQuestion(),
      option: 0,
      correct: 1,
      why: 'The GIL is released while it blocks.',
      modelAnswer: 'Model.',
    });
    expect(rendered.embeds[0]?.description).toBe(
      [
        '❌ **A is not right: the answer is B.**',
        'The GIL is released while it blocks.',
        '',
        '**B**',
        'It stays held until the call returns',
        '',
        '**Model answer**',
        'Model.',
      ].join('\n'),
    );
  });

  it('adds the channel problem below a refusal that is not about the store', () => {
    const rendered = renderCommandReply(
      { visibility: 'private', kind: 'refusal', code: 'not-admin', message: 'Only admins.' },
      'The bot cannot post here.',
    );
    expect(rendered.content).toBe('Only admins.\n⚠️ The bot cannot post here.');
  });

  it('lists covered and missed points of round feedback with no misconception line when none was stated', () => {
    const rendered = renderReply({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question: choiceQuestion(),
      keyPoints: ['Take a lock', 'Join'],
      feedback: { user: { id: '1', name: 'a' }, covered: ['Take a lock'], missed: ['Join'] },
      feedbackAvailable: true,
    });
    expect(rendered.embeds[0]?.description).toBe('You covered 1 of 2 key points.\n✅ Take a lock\n❌ Join');
  });

  it('allows mentions of exactly the listed people when the caller is on the board', () => {
    const rendered = renderReply({
      visibility: 'public',
      kind: 'leaderboard',
      board: 'points',
      month: '2026-11',
      entries: [
        { rank: 1, userId: '10', name: 'x', score: 9 },
        { rank: 2, userId: '11', name: 'y', score: 5 },
      ],
    });
    expect(rendered.mentionUsers).toEqual(['10', '11']);
  });
});
