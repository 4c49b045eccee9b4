import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/render-replies.ts';
import type { QuestionView, Reply } from '../../../src/core/views.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { blockTexts } from './block-text.ts';

const NOW = MONDAY_0800_UTC;
const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'hard',
  topics: ['threading', 'gil'],
  prompt: 'Why?',
};
const choice: QuestionView = {
  id: 'c1',
  format: 'choice',
  title: 'GIL',
  difficulty: 'easy',
  topics: ['queue'],
  prompt: 'P?',
  options: ['x <y>', 'z'],
};
const output: QuestionView = { ...choice, format: 'output' };
const stats = {
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
};
const render = (reply: Reply) => renderReply(reply, NOW);
const says = (reply: Reply) => blockTexts(render(reply));

describe('slack: practice button questions', () => {
  it('letters the options after the question, with one button each naming the question, and how it works', () => {
    const message = render({ visibility: 'private', kind: 'practice', question: choice });
    expect(message.text).toBe('Practice: GIL');
    expect(blockTexts(message)).toEqual([
      'Practice (only you see this)',
      '*GIL*',
      '*easy* · queue',
      'P?',
      '*A*  x &lt;y&gt;',
      '*B*  z',
      '[A|B]',
      'Tap a letter: you see at once whether it is right, and why.',
    ]);
    expect(message.blocks[6]).toEqual({
      type: 'actions',
      block_id: 'quiz_practice_pick:c1',
      elements: [
        { type: 'button', action_id: 'quiz_practice_pick_0', text: { type: 'plain_text', text: 'A' }, value: 'c1:0' },
        { type: 'button', action_id: 'quiz_practice_pick_1', text: { type: 'plain_text', text: 'B' }, value: 'c1:1' },
      ],
    });
  });

  it('shows an output option under its letter as a code block', () => {
    expect(says({ visibility: 'private', kind: 'practice', question: output }).slice(4, 6)).toEqual([
      '*A*\n```\nx &lt;y&gt;\n```',
      '*B*\n```\nz\n```',
    ]);
  });

  it('has no option buttons for a button question without options', () => {
    const message = render({ visibility: 'private', kind: 'practice', question: { ...choice, options: undefined } });
    expect(message.blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      block_id: 'quiz_practice_pick:c1',
      elements: [],
    });
  });

  it('tells a wrong pick the right option and shows it, then the model answer', () => {
    const message = render({
      visibility: 'private',
      kind: 'practice-pick-result',
      question: output,
      option: 1,
      correct: 0,
      modelAnswer: 'M',
    });
    expect(message.text).toBe('B is not right: the answer is A.');
    expect(blockTexts(message)).toEqual([
      '*GIL*\n:x: *B is not right: the answer is A.*',
      '*A*\n```\nx &lt;y&gt;\n```',
      'M',
    ]);
  });

  it('tells a right pick so, with the why when there is one, and does not repeat the option', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'practice-pick-result',
        question: output,
        option: 1,
        correct: 1,
        why: 'w',
        modelAnswer: 'M',
      }),
    ).toEqual(['*GIL*\n:white_check_mark: *B is right.*', 'w', 'M']);
  });

  it('shows no right option when the question came without options', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'practice-pick-result',
        question: { ...choice, options: undefined },
        option: 1,
        correct: 0,
        modelAnswer: 'M',
      }),
    ).toEqual(['*GIL*\n:x: *B is not right: the answer is A.*', 'M']);
  });
});

describe('slack: practice answers', () => {
  it('lists the covered, missed and wrong points of an answer, escaped', () => {
    const message = render({
      visibility: 'private',
      kind: 'practice-result',
      question,
      covered: ['A <'],
      missed: ['B'],
      wrong: [{ claim: 'c&', truth: 't' }],
      modelAnswer: 'Lock it.',
      answered: true,
    });
    expect(message.text).toBe('Practice answer: Locks');
    expect(blockTexts(message)).toEqual([
      '*Locks*\nYou covered *1 of 2* key points.',
      ":white_check_mark: A &lt;\n:x: B\n⚠ 'c&amp;' — t",
      'Lock it.',
    ]);
  });

  it('shows only the answer when revealed without an attempt', () => {
    expect(
      says({
        visibility: 'private',
        kind: 'practice-result',
        question,
        covered: [],
        missed: ['B'],
        modelAnswer: 'Lock it.',
        answered: false,
      }),
    ).toEqual(['*Locks*\n*The answer*', 'Lock it.']);
  });

  it('offers the Reveal answer button under a free-text practice question', () => {
    const message = render({ visibility: 'private', kind: 'practice', question });
    expect(message.text).toBe('Practice: Locks');
    expect(blockTexts(message)).toEqual([
      'Practice (only you see this)',
      '*Locks*',
      '*hard* · threading, gil',
      'Why?',
      'Answer with `/quiz answer &lt;your answer&gt;`, or reveal the model answer:',
      '[Reveal answer]',
    ]);
  });
});

describe('slack: My feedback', () => {
  const feedback = (overrides: Partial<Extract<Reply, { kind: 'round-feedback' }>>): Reply => ({
    visibility: 'private',
    kind: 'round-feedback',
    roundId: 'r1',
    question: { ...question, title: 'Locks & <keys>' },
    keyPoints: ['A', 'B'],
    feedbackAvailable: true,
    ...overrides,
  });

  it('tells someone who did not answer that there is no feedback for them', () => {
    const message = render(feedback({}));
    expect(message.text).toBe('Your feedback');
    expect(blockTexts(message)).toEqual([
      '*Your feedback: Locks &amp; &lt;keys&gt;*\nYou did not answer this round, so there is no feedback for you. The answer is in its thread.',
    ]);
  });

  it('says feedback is off when the answers could not be read', () => {
    const message = render(
      feedback({ feedbackAvailable: false, feedback: { user: { id: '1', name: 'a' }, covered: [], missed: [] } }),
    );
    expect(message.text).toBe('Your feedback');
    expect(blockTexts(message)).toEqual([
      '*Your feedback: Locks &amp; &lt;keys&gt;*\nKey-point feedback is off: the bot could not read the answers.',
    ]);
  });

  it('lists each key point covered and missed, then the misconceptions, escaped', () => {
    const message = render(
      feedback({
        feedback: {
          user: { id: '1', name: 'a' },
          covered: ['A <'],
          missed: ['B'],
          wrong: [{ claim: 'c&', truth: 't' }],
        },
      }),
    );
    expect(message.text).toBe('Your feedback: Locks &amp; &lt;keys&gt;');
    expect(blockTexts(message)).toEqual([
      "*Your feedback: Locks &amp; &lt;keys&gt;*\nYou covered *1 of 2* key points.\n:white_check_mark: A &lt;\n:x: B\n⚠ 'c&amp;' — t",
    ]);
  });
});

describe('slack: today, streak, away and back', () => {
  it('says when the next question comes when none is open, and nothing more without a schedule', () => {
    expect(says({ visibility: 'private', kind: 'today', timezone: 'UTC', nextPostAt: NOW + 3_600_000 })).toEqual([
      `No question is open right now. Next question: <!date^${(NOW + 3_600_000) / 1000}^{date_short_pretty} at {time}|Mon 23 Nov, 09:00 UTC>.`,
    ]);
    expect(says({ visibility: 'private', kind: 'today', timezone: 'UTC' })).toEqual(['No question is open right now.']);
  });

  it('names the open question in the notification text', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'today',
        timezone: 'UTC',
        open: { question: { ...question, title: 'a & b' }, revealAt: NOW + 60_000, answers: 1 },
      }).text,
    ).toBe('Today: a &amp; b');
  });

  it('shows a streak in bold with the absence that protects it, and the notification without the bold', () => {
    const message = render({
      visibility: 'private',
      kind: 'streak',
      user: { id: '1', name: 'a' },
      self: true,
      stats,
      protection: { awayUntil: 'Fri 12 Dec', freezes: 0, freezeUsedLast: false },
    });
    expect(blockTexts(message)).toEqual([
      'You: current streak *1*, best *2*, 1 answer in all, 4 this month.\nPoints: *5* in all, 6 this month.\nAway until Fri 12 Dec.',
    ]);
    expect(message.text).toBe(
      'You: current streak 1, best 2, 1 answer in all, 4 this month.\nPoints: 5 in all, 6 this month.\nAway until Fri 12 Dec.',
    );
  });

  it('confirms an absence and a return, in the message and its notification', () => {
    const away = render({ visibility: 'private', kind: 'away', lastDay: 'Fri 12 Dec', timezone: 'UTC' });
    expect(away.text).toBe(
      "You're away until Fri 12 Dec (UTC): rounds here until then neither break nor grow your streak. An answer still counts as usual, and `/quiz back` ends the absence early.",
    );
    expect(blockTexts(away)).toEqual([away.text]);
    const back = render({ visibility: 'private', kind: 'back', wasAway: true });
    expect(back.text).toBe('Welcome back: rounds here count for your streak again.');
    expect(blockTexts(back)).toEqual([back.text]);
    const notAway = render({ visibility: 'private', kind: 'back', wasAway: false });
    expect(notAway.text).toBe('You were not marked away in this channel, so nothing changed.');
    expect(blockTexts(notAway)).toEqual([notAway.text]);
  });
});

describe('slack: schedules, leaderboards and the rest', () => {
  const schedule = { hour: 7, minute: 5, timezone: 'UTC', days: [0, 6], windowMinutes: 90, topics: [] as string[] };

  it('confirms an unfiltered schedule and says when the next question comes', () => {
    const message = render({ visibility: 'public', kind: 'scheduled', schedule: schedule as never, nextPostAt: NOW });
    expect(message.text).toBe('Scheduled: 07:05 UTC');
    expect(blockTexts(message)).toEqual([
      ':calendar: Scheduled: 07:05 UTC, sun,sat, answers open for 1h30m.',
      `Next question: <!date^${NOW / 1000}^{date_short_pretty} at {time}|Mon 23 Nov, 08:00 UTC>`,
    ]);
  });

  it('names a schedule’s filters, escaped, with how many questions match', () => {
    expect(
      says({
        visibility: 'public',
        kind: 'scheduled',
        schedule: { ...schedule, topics: ['a<b'], difficulty: 'easy' } as never,
        nextPostAt: NOW,
        matchingQuestions: 3,
      })[0],
    ).toBe(':calendar: Scheduled: 07:05 UTC, sun,sat, answers open for 1h30m, only a&lt;b, easy (3 questions match).');
  });

  it('escapes names on the leaderboard', () => {
    const message = render({
      visibility: 'private',
      kind: 'leaderboard',
      board: 'total',
      month: '2026-11',
      entries: [{ rank: 1, userId: 'U1', name: 'a<b', score: 3 }],
    });
    expect(message.text).toBe('Leaderboard');
    expect(blockTexts(message)).toEqual(['*Leaderboard: total answers*\n1. a&lt;b — 3']);
  });

  it('answers /quiz suggest in words where no form can open, and notifies the unscheduling', () => {
    const form = render({ visibility: 'private', kind: 'suggest-form' });
    expect(form.text).toBe('Suggesting questions is not available here yet.');
    expect(blockTexts(form)).toEqual(['Suggesting questions is not available here yet.']);
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: true }).text).toBe(
      'Unscheduled: no more daily questions here.',
    );
    expect(render({ visibility: 'private', kind: 'forgotten' }).text).toBe('Done: your data is deleted.');
    expect(render({ visibility: 'private', kind: 'posted', roundId: 'r', revealAt: NOW }).text).toBe('Posted.');
    expect(render({ visibility: 'private', kind: 'revealed', roundId: 'r', answers: 1 }).text).toBe('Revealed.');
    expect(
      render({ visibility: 'private', kind: 'topics', topics: [], difficulties: { easy: 0, medium: 0, hard: 0 } }).text,
    ).toBe('Topics');
  });

  it('leaves the reveal time out of a pick once it has passed', () => {
    expect(
      says({ visibility: 'private', kind: 'picked', roundId: 'r', option: 0, changed: false, revealAt: NOW }),
    ).toEqual([':ballot_box_with_check: Your answer A is in; you can change it until the reveal.']);
  });

  it('escapes a refusal in its notification text', () => {
    const message = render({ visibility: 'private', kind: 'refusal', code: 'internal', message: 'a < b' });
    expect(message.text).toBe('a &lt; b');
    expect(blockTexts(message)).toEqual(['a &lt; b']);
  });

  it('notifies help by its title, and shows admins their commands under a heading', () => {
    const message = render({ visibility: 'private', kind: 'help', isAdmin: true });
    expect(message.text).toBe('quizthread commands');
    const [members, admins, footer] = blockTexts(message);
    expect(members?.split('\n')[0]).toBe('*quizthread commands*');
    expect(admins?.split('\n')[0]).toBe('*Admins*');
    expect(footer).toBe('Answer the daily question by replying in its thread.');
    expect(blockTexts(render({ visibility: 'private', kind: 'help', isAdmin: false }))).toHaveLength(2);
  });
});
