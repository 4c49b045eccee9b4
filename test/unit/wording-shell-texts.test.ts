/**
 * The words of the replies as the terminal prints them, written out in full: a changed sentence
 * fails here, where tests that compare against the wording module's own constants cannot see it.
 */
import { describe, expect, it } from 'vitest';
import { renderPost, renderReply, renderReveal } from '../../src/adapters/shell/render.ts';
import type { Board } from '../../src/core/types.ts';
import type { QuestionView, Reply, RevealView } from '../../src/core/views.ts';
import { MONDAY_0800_UTC } from '../support/fixtures.ts';

const NOW = MONDAY_0800_UTC;
const ann = { id: 'ann', name: 'Ann' };
const bo = { id: 'bo', name: 'Bo' };

const FREE: QuestionView = {
  id: 'q1',
  title: 'Locks',
  difficulty: 'easy',
  topics: ['threading'],
  prompt: 'Why a lock?',
  format: 'free',
};
const CHOICE: QuestionView = { ...FREE, id: 'c1', title: 'Pick', format: 'choice', options: ['one', 'two', 'three'] };

const render = (reply: Reply) => renderReply(reply, NOW);

function reveal(overrides: Partial<RevealView> = {}): RevealView {
  return {
    roundId: 'r1',
    question: FREE,
    modelAnswer: 'Take a lock.',
    keyPoints: ['Uses a lock', 'Joins'],
    answers: [],
    listed: [],
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: NOW,
    ...overrides,
  };
}

describe('the words of private replies, as the shell prints them', () => {
  const cases: [string, Reply, string][] = [
    [
      'forget-me',
      { visibility: 'private', kind: 'forgotten' },
      'Done: your streaks, answers and practice history are deleted.',
    ],
    [
      'unschedule',
      { visibility: 'public', kind: 'unscheduled', hadSchedule: true },
      'Unscheduled: no more daily questions here.',
    ],
    [
      'unschedule with nothing scheduled',
      { visibility: 'public', kind: 'unscheduled', hadSchedule: false },
      'This channel had no schedule.',
    ],
    [
      'back from away',
      { visibility: 'private', kind: 'back', wasAway: true },
      'Welcome back: rounds here count for your streak again.',
    ],
    [
      'back, never away',
      { visibility: 'private', kind: 'back', wasAway: false },
      'You were not marked away in this channel, so nothing changed.',
    ],
    [
      'today with nothing open',
      { visibility: 'private', kind: 'today', timezone: 'UTC' },
      'No question is open right now.',
    ],
    [
      'a pick held during an outage',
      { visibility: 'private', kind: 'picked', roundId: 'r1', option: 1, changed: false, revealAt: NOW, queued: true },
      'Your answer B is in; you can change it until the reveal. The quiz database is unreachable right now: your pick is held and counted when it is back.',
    ],
    [
      'feedback for someone who did not answer',
      {
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question: FREE,
        keyPoints: ['Uses a lock'],
        feedbackAvailable: true,
      },
      'Your feedback: Locks\nYou did not answer this round, so there is no feedback for you. The answer is in its thread.',
    ],
    [
      'feedback with the text unreadable',
      {
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question: FREE,
        keyPoints: ['Uses a lock'],
        feedback: { user: ann, covered: [], missed: ['Uses a lock'] },
        feedbackAvailable: false,
      },
      'Your feedback: Locks\nKey-point feedback is off: the bot could not read the answers.',
    ],
    [
      'feedback on a pick worth one point',
      {
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question: CHOICE,
        keyPoints: [],
        points: 1,
        feedback: { user: ann, covered: [], missed: [] },
        feedbackAvailable: true,
        pick: { option: 0, correct: 0 },
      },
      'Your feedback: Pick\nYou picked A, which is right.\nYou earned 1 point.',
    ],
    [
      'feedback on a pick worth several points',
      {
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question: CHOICE,
        keyPoints: [],
        points: 7,
        feedback: { user: ann, covered: [], missed: [] },
        feedbackAvailable: true,
        pick: { option: 0, correct: 0 },
      },
      'Your feedback: Pick\nYou picked A, which is right.\nYou earned 7 points.',
    ],
    [
      'a practice question',
      { visibility: 'private', kind: 'practice', question: FREE },
      'Practice (only you see this):\nLocks  [easy · threading]\n\nWhy a lock?\n\nAnswer with /quiz answer <text>, or /reveal to see the answer.',
    ],
  ];
  it.each(cases)('%s', (_name, reply, text) => {
    expect(render(reply)).toBe(text);
  });

  it('names every leaderboard, the monthly ones with their month, and says when one is empty', () => {
    const boards: [Board, string][] = [
      ['streak', 'Leaderboard: current streak'],
      ['best', 'Leaderboard: best streak'],
      ['total', 'Leaderboard: total answers'],
      ['month', 'Leaderboard: answers this month (2026-11)'],
      ['points', 'Leaderboard: points'],
      ['points-month', 'Leaderboard: points this month (2026-11)'],
    ];
    for (const [board, title] of boards) {
      expect(render({ visibility: 'private', kind: 'leaderboard', board, month: '2026-11', entries: [] })).toBe(
        `${title}\nNobody is on it yet.`,
      );
    }
  });

  it('names the kinds of question a schedule posts', () => {
    const schedule = {
      channel: 'shell:main',
      hour: 9,
      minute: 30,
      timezone: 'UTC',
      days: [1, 2, 3, 4, 5],
      windowMinutes: 240,
      topics: [],
    };
    const mixes: [string, string][] = [
      ['free', 'free-text questions only'],
      ['choice', 'button questions only'],
      ['mixed', 'free-text and button questions in turn'],
    ];
    for (const [format, words] of mixes) {
      const text = render({
        visibility: 'public',
        kind: 'scheduled',
        schedule: { ...schedule, format },
        nextPostAt: NOW + 3_600_000,
        matchingQuestions: 10,
      } as Reply);
      expect(text).toBe(
        `Scheduled: 09:30 UTC, weekdays, answers open for 4h, ${words}. Next question: today 09:00 UTC.`,
      );
    }
  });

  it('says what protects a streak: an absence and the freezes, in one line', () => {
    const text = render({
      visibility: 'private',
      kind: 'streak',
      user: ann,
      self: true,
      stats: {
        userId: 'ann',
        name: 'Ann',
        currentStreak: 2,
        bestStreak: 4,
        total: 6,
        month: 3,
        points: 0,
        monthPoints: 0,
        picks: 0,
        rightPicks: 0,
      },
      protection: { awayUntil: 'Fri 27 Nov', freezes: 2, freezeUsedLast: false },
    } as Reply);
    expect(text.split('\n').at(-1)).toBe(
      'Away until Fri 27 Nov. Freezes held: 2 (a missed round uses one instead of ending the streak).',
    );
  });

  it('titles help and the admins’ part of it, and ends with how to answer', () => {
    const lines = render({ visibility: 'private', kind: 'help', isAdmin: true }).split('\n');
    expect(lines[0]).toBe('quizthread commands:');
    expect(lines).toContain('Admins:');
    expect(lines.at(-2)).toBe('Answer the daily question by replying in its thread.');
  });
});

describe('the words of posts and reveals, as the shell prints them', () => {
  it('heads the daily question', () => {
    expect(renderPost({ roundId: 'r1', question: FREE, revealAt: NOW + 4 * 3_600_000, timezone: 'UTC' }, NOW)).toBe(
      '━━ Question of the day ━━\nLocks  [easy · threading]\n\nWhy a lock?\n\nReply with your answer; it is revealed at 12:00 UTC (in 4 h 0 min).',
    );
  });

  it('says nobody answered', () => {
    expect(renderReveal(reveal())).toBe(
      '━━ Answer: Locks ━━\nTake a lock.\n\nKey points:\n  1. Uses a lock\n  2. Joins\n\nNobody answered this one.',
    );
  });

  it('names the most missed key points, and says when feedback is off', () => {
    const answer = { user: ann, covered: ['Uses a lock'], missed: ['Joins'] };
    expect(
      renderReveal(reveal({ answers: [answer], listed: [answer], mostMissed: [{ label: 'Joins', missedBy: 1 }] }))
        .split('\n')
        .at(-1),
    ).toBe('Most missed: 2. Joins (1 missed it)');
    expect(
      renderReveal(reveal({ answers: [answer], listed: [answer], feedbackAvailable: false }))
        .split('\n')
        .at(-1),
    ).toBe('Key-point feedback is off: the bot could not read the answers.');
  });

  it('heads the why of the wrong options', () => {
    const text = renderReveal(
      reveal({
        question: CHOICE,
        choice: {
          correct: 0,
          options: [
            { text: 'one', picks: 1 },
            { text: 'two', picks: 0, why: 'Two is too many.' },
            { text: 'three', picks: 0 },
          ],
          right: [ann],
          total: 1,
        },
      }),
    );
    expect(text).toContain('\n\nWhy not the others:\n  B: Two is too many.\n\n');
  });

  it('names who kept a streak with a freeze, counting those past ten', () => {
    const uses = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ user: { id: `u${i}`, name: `U${i}` }, freezesLeft: i % 2 }));
    const last = (n: number) =>
      renderReveal(reveal({ freezesUsed: uses(n) }))
        .split('\n')
        .at(-1);
    expect(last(2)).toBe('Streaks kept with a freeze: U0 (0 left), U1 (1 left).');
    const ten =
      'U0 (0 left), U1 (1 left), U2 (0 left), U3 (1 left), U4 (0 left), U5 (1 left), U6 (0 left), U7 (1 left), U8 (0 left), U9 (1 left)';
    expect(last(10)).toBe(`Streaks kept with a freeze: ${ten}.`);
    expect(last(13)).toBe(`Streaks kept with a freeze: ${ten} and 3 more.`);
    expect(
      renderReveal(reveal({ freezesUsed: [{ user: bo, freezesLeft: 0 }] }))
        .split('\n')
        .at(-1),
    ).toBe('Streaks kept with a freeze: Bo (0 left).');
  });
});
