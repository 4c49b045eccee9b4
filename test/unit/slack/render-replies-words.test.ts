/**
 * Slack replies the other render tests only touch in part, pinned to the exact blocks they post:
 * feedback without wrong claims, a streak with nothing protecting it, the caller under a leaderboard,
 * a pick's notes, the digest and suggestion replies routed through renderReply.
 */
import { describe, expect, it } from 'vitest';
import { renderDigestReply } from '../../../src/adapters/slack/render-digest.ts';
import { renderReply } from '../../../src/adapters/slack/render-replies.ts';
import type { QuestionView, Reply } from '../../../src/core/views.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { blockTexts } from './block-text.ts';

const NOW = MONDAY_0800_UTC;
const says = (reply: Reply) => blockTexts(renderReply(reply, NOW));
const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'hard',
  topics: ['threading'],
  prompt: 'Why?',
};

describe('Slack replies in full', () => {
  it('lists a practice answer’s points with no wrong-claim line when there is none', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'practice-result',
        question,
        covered: ['lock'],
        missed: ['join'],
        modelAnswer: 'Take a lock.',
        answered: true,
      }),
    ).toEqual(['*Locks*\nYou covered *1 of 2* key points.', ':white_check_mark: lock\n:x: join', 'Take a lock.']);
  });

  it('lists round feedback with no wrong-claim line when there is none', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question,
        keyPoints: ['lock', 'join'],
        feedback: { user: { id: 'U1', name: 'a' }, covered: ['lock'], missed: ['join'] },
        feedbackAvailable: true,
      }),
    ).toEqual(['*Your feedback: Locks*\nYou covered *1 of 2* key points.\n:white_check_mark: lock\n:x: join']);
  });

  it('ends a streak with nothing protecting it at the points line', () => {
    const message = renderReply(
      {
        visibility: 'private',
        kind: 'streak',
        user: { id: '1', name: 'a' },
        self: true,
        stats: {
          userId: '1',
          name: 'a',
          currentStreak: 1,
          bestStreak: 2,
          total: 1,
          month: 4,
          points: 5,
          monthPoints: 6,
          picks: 0,
          rightPicks: 0,
        },
      },
      NOW,
    );
    expect(message.text).toBe(
      'You: current streak 1, best 2, 1 answer in all, 4 this month.\nPoints: 5 in all, 6 this month.',
    );
  });

  it('shows the caller under the leaderboard after an ellipsis', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'leaderboard',
        board: 'total',
        month: '2026-11',
        entries: [{ rank: 1, userId: 'U1', name: 'a', score: 9 }],
        caller: { rank: 7, userId: 'U7', name: 'me', score: 2 },
      }),
    ).toEqual(['*Leaderboard: total answers*\n1. a — 9\n…\n7. me — 2 (you)']);
  });

  it('confirms a pick with its reveal time and the outage note', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'picked',
        roundId: 'r',
        option: 1,
        changed: true,
        revealAt: NOW + 30 * 60_000,
        queued: true,
      }),
    ).toEqual([
      ':ballot_box_with_check: Your answer is now B; you can change it until the reveal.',
      'The answer is revealed in 30 min. The quiz database is unreachable right now: your pick is held and counted when it is back.',
    ]);
  });

  it('posts the digest status through renderReply as the digest renderer does', () => {
    const reply: Reply = {
      visibility: 'public',
      kind: 'digest',
      enabled: true,
      timezone: 'UTC',
      scheduled: false,
      changed: true,
    };
    const message = renderReply(reply, NOW);
    expect(message).toEqual(renderDigestReply(reply));
    expect(message.blocks.length).toBeGreaterThan(0);
  });

  it('answers each suggestion command with its own words', () => {
    const received = says({ visibility: 'private', kind: 'suggestion-received', id: 's1', title: 'Locks' });
    const problems = says({
      visibility: 'private',
      kind: 'suggestion-problems',
      draft: { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' },
      problems: [{ field: 'title', message: 'too short' }],
    });
    const pending = says({ visibility: 'private', kind: 'suggestions', items: [] });
    const decided = says({
      visibility: 'private',
      kind: 'suggestion-decided',
      id: 's1',
      title: 'Locks',
      decision: 'rejected',
    });
    const retired = says({ visibility: 'private', kind: 'retired', id: 's1', title: 'Locks' });
    const exported = says({ visibility: 'private', kind: 'export', files: [] });
    expect([received, problems, pending, decided, retired, exported]).toEqual([
      ['Thanks: "Locks" is waiting for an admin\'s review. You will hear the outcome privately.'],
      ['*Your suggestion needs a few changes before an admin can see it:*\n• *Title*: too short'],
      ['No suggestions are waiting for review.'],
      ['"Locks" is rejected; its author is told privately.'],
      ['"Locks" is retired: it will not be asked again.'],
      ['This team has no approved questions yet.'],
    ]);
  });
});
