import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../src/adapters/slack/blocks.ts';
import { PRACTICE_REVEAL_ACTION, renderReply } from '../../../src/adapters/slack/render-replies.ts';
import { renderPost, renderReveal, renderRevealedPost } from '../../../src/adapters/slack/render-rounds.ts';
import { listedAnswers } from '../../../src/core/round-feedback.ts';
import type { QuestionView, Reply, RevealView } from '../../../src/core/views.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';

const NOW = MONDAY_0800_UTC;
const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks & <threads>',
  difficulty: 'medium',
  topics: ['threading', 'sync-primitives'],
  prompt: 'Why does `x += 1` race? <!here>',
};

function allText(message: SlackMessage): string {
  return JSON.stringify(message);
}

/** Slack's limits: 50 blocks, 150-character headers, 3000-character sections. */
function expectWithinSlackLimits(message: SlackMessage) {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks as KnownBlock[]) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  }
  expect(message.text.length).toBeGreaterThan(0);
}

const stats = {
  userId: 'U1',
  name: 'Ann',
  currentStreak: 3,
  bestStreak: 5,
  total: 9,
  month: 2,
  points: 70,
  monthPoints: 20,
  picks: 5,
  rightPicks: 4,
};

const EVERY_REPLY: Reply[] = [
  { visibility: 'private', kind: 'help', isAdmin: false },
  { visibility: 'private', kind: 'help', isAdmin: true, unknown: 'dance <!channel>' },
  { visibility: 'private', kind: 'practice', question },
  {
    visibility: 'private',
    kind: 'practice-result',
    question,
    covered: ['Uses a lock'],
    missed: ['Joins <the> threads'],
    modelAnswer: 'Lock it.',
    answered: true,
  },
  {
    visibility: 'private',
    kind: 'practice-result',
    question,
    covered: [],
    missed: ['Uses a lock'],
    modelAnswer: 'Lock it.',
    answered: false,
  },
  { visibility: 'private', kind: 'today', timezone: 'Europe/Berlin' },
  {
    visibility: 'private',
    kind: 'today',
    timezone: 'Europe/Berlin',
    nextPostAt: NOW + 3_600_000,
    open: { question, revealAt: NOW + 90 * 60_000, answers: 4 },
  },
  { visibility: 'private', kind: 'streak', user: { id: 'U1', name: 'Ann' }, stats, self: true },
  { visibility: 'private', kind: 'streak', user: { id: 'U2', name: '<!here>' }, stats, self: false },
  {
    visibility: 'private',
    kind: 'leaderboard',
    board: 'month',
    month: '2026-11',
    entries: [{ rank: 1, userId: 'U1', name: 'Ann', score: 9 }],
    caller: { rank: 14, userId: 'U9', name: 'Zed', score: 1 },
  },
  { visibility: 'private', kind: 'leaderboard', board: 'streak', month: '2026-11', entries: [] },
  {
    visibility: 'private',
    kind: 'topics',
    topics: [{ topic: 'gil', count: 3 }],
    difficulties: { easy: 1, medium: 1, hard: 1 },
  },
  { visibility: 'private', kind: 'forgotten' },
  {
    visibility: 'public',
    kind: 'scheduled',
    schedule: {
      hour: 9,
      minute: 30,
      timezone: 'America/New_York',
      days: [1, 2, 3, 4, 5],
      windowMinutes: 240,
      topics: ['gil'],
      difficulty: 'hard',
    },
    nextPostAt: NOW + 86_400_000,
  },
  { visibility: 'public', kind: 'unscheduled', hadSchedule: true },
  { visibility: 'public', kind: 'unscheduled', hadSchedule: false },
  { visibility: 'private', kind: 'posted', roundId: 'r1', revealAt: NOW + 4 * 3_600_000 },
  { visibility: 'private', kind: 'revealed', roundId: 'r1', answers: 2 },
  {
    visibility: 'private',
    kind: 'refusal',
    code: 'invalid-schedule',
    message: 'Usage: `/quiz schedule <HH:MM> <timezone>`',
  },
  {
    visibility: 'private',
    kind: 'leaderboard',
    board: 'points-month',
    month: '2026-11',
    entries: [{ rank: 1, userId: 'U1', name: 'Ann', score: 30 }],
  },
];

/** What each reply above must say, in the same order: a renderer that drops the content fails. */
const EVERY_REPLY_SAYS: string[][] = [
  ['*quizthread commands*', '`/quiz forget-me` delete everything the quiz stores about you', 'replying in its thread'],
  ["I don't know `dance &lt;!channel&gt;`", '*Admins*', '`/quiz unschedule`'],
  ['Practice (only you see this)', '*Locks &amp; &lt;threads&gt;*', '*medium* · threading, sync-primitives', 'race?'],
  ['You covered *1 of 2* key points.', ':white_check_mark: Uses a lock', ':x: Joins &lt;the&gt; threads', 'Lock it.'],
  ['*The answer*', 'Lock it.'],
  ['No question is open right now.'],
  ['*Locks &amp; &lt;threads&gt;*', '4 answered so far', 'Mon 23 Nov, 10:30 Europe/Berlin'],
  [
    'You: current streak *3*, best *5*, 9 answers in all, 2 this month.',
    'Points: *70* in all, 20 this month; button questions: 4 of 5 right (80%).',
  ],
  ['*&lt;!here&gt;*: current streak *3*, best *5*, 9 answers in all, 2 this month.'],
  ['*Leaderboard: answers this month (2026-11)*', '1. Ann — 9', '14. Zed — 1 (you)'],
  ['*Leaderboard: current streak*', 'Nobody is on it yet.'],
  ['*Topics*', '• gil (3)', 'Difficulties: easy 1, medium 1, hard 1'],
  ['Done: your streaks, answers and practice history are deleted.'],
  ['Scheduled: 09:30 America/New_York, weekdays, answers open for 4h, only gil, hard.', 'Next question:'],
  ['Unscheduled: no more daily questions here.'],
  ['This channel had no schedule.'],
  ['Posted; the answer is revealed in 4 h 0 min.'],
  ['Revealed (2 answered).'],
  ['Usage: `/quiz schedule &lt;HH:MM&gt; &lt;timezone&gt;`'],
  ['*Leaderboard: points this month (2026-11)*', '1. Ann — 30'],
];

describe('slack rendering: replies to /quiz', () => {
  it.each(EVERY_REPLY.map((reply) => [reply.kind, reply] as const))(
    'renders %s within Slack limits',
    (_kind, reply) => {
      expectWithinSlackLimits(renderReply(reply, NOW));
    },
  );

  it.each(EVERY_REPLY.map((reply, i) => [reply.kind, reply, EVERY_REPLY_SAYS[i] ?? []] as const))(
    'renders %s with what it means to say, in the blocks and in the notification text',
    (_kind, reply, says) => {
      const message = renderReply(reply, NOW);
      const blocks = JSON.stringify(message.blocks);
      expect(says.length).toBeGreaterThan(0);
      for (const words of says) expect(blocks).toContain(JSON.stringify(words).slice(1, -1));
      expect(message.text.length).toBeGreaterThan(5);
    },
  );

  it('never lets user or bank text produce a special mention or a link', () => {
    for (const reply of EVERY_REPLY) {
      const text = allText(renderReply(reply, NOW));
      expect(text).not.toMatch(/<!(channel|here|everyone|subteam)/);
      expect(text).not.toMatch(/<(HH|timezone|the|threads)/);
    }
  });

  it('quotes an unknown command back escaped', () => {
    expect(allText(renderReply(EVERY_REPLY[1] as Reply, NOW))).toContain("I don't know `dance &lt;!channel&gt;`");
  });

  it('puts a Reveal answer button under a practice question', () => {
    const message = renderReply({ visibility: 'private', kind: 'practice', question }, NOW);
    expect(message.blocks).toContainEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: PRACTICE_REVEAL_ACTION,
          text: { type: 'plain_text', text: 'Reveal answer' },
          value: 'q1',
          style: 'primary',
        },
      ],
    });
  });

  it('shows times as Slack date tokens that read in each reader’s timezone', () => {
    const text = allText(renderReply(EVERY_REPLY[13] as Reply, NOW));
    expect(text).toContain(
      `<!date^${(NOW + 86_400_000) / 1000}^{date_short_pretty} at {time}|Tue 24 Nov, 03:00 America/New_York>`,
    );
    expect(text).toContain('Scheduled: 09:30 America/New_York, weekdays, answers open for 4h, only gil, hard.');
  });

  it('says how long is left before the reveal', () => {
    expect(allText(renderReply(EVERY_REPLY[6] as Reply, NOW))).toContain('4 answered so far');
    expect(allText(renderReply(EVERY_REPLY[6] as Reply, NOW))).toContain('(in 1 h 30 min)');
  });
});

describe('slack rendering: rounds', () => {
  const ANSWERS: RevealView['answers'] = [
    { user: { id: 'U1', name: 'Ann' }, covered: ['Uses a lock', 'Mentions the GIL'], missed: [] },
    { user: { id: 'U2', name: '<@U999> & <!everyone>' }, covered: [], missed: ['Uses a lock', 'Mentions the GIL'] },
  ];
  const reveal: RevealView = {
    roundId: 'r1',
    question,
    modelAnswer: 'Because `+=` is a read, an add and a write.',
    keyPoints: ['Uses a lock', 'Mentions the GIL'],
    answers: ANSWERS,
    listed: ANSWERS,
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: NOW,
  };

  it('posts the question with header, difficulty and topics, prompt and reveal time', () => {
    const message = renderPost({ roundId: 'r1', question, revealAt: NOW + 4 * 3_600_000, timezone: 'UTC' });
    expectWithinSlackLimits(message);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Question of the day: Locks & <threads>', emoji: true },
    });
    expect(allText(message)).toContain('*medium* · threading, sync-primitives');
    expect(allText(message)).toContain('Why does `x += 1` race? &lt;!here&gt;');
    expect(allText(message)).toContain('{date_short_pretty} at {time}|Mon 23 Nov, 12:00 UTC>');
    expect(message.text).toBe('Question of the day: Locks &amp; &lt;threads&gt;');
  });

  it('names who kept a streak with a freeze under a button round’s reveal too', () => {
    const text = allText(
      renderReveal({
        ...reveal,
        question: { ...question, format: 'choice', options: ['Take a lock', 'Trust the GIL', 'Sleep first'] },
        keyPoints: [],
        choice: {
          correct: 0,
          options: [
            { text: 'Take a lock', picks: 1 },
            { text: 'Trust the GIL', picks: 1, why: 'The GIL does not make += atomic.' },
            { text: 'Sleep first', picks: 0, why: 'Sleeping only hides the race.' },
          ],
          right: [{ id: '7', name: 'Grace' }],
          total: 2,
        },
        freezesUsed: [{ user: { id: 'U8', name: 'Ada <3' }, freezesLeft: 1 }],
      }),
    );
    expect(text).toContain('Streaks kept with a freeze: Ada &lt;3 (1 left).');
  });

  it('lists who answered with their key-point coverage, names escaped', () => {
    const text = allText(renderReveal(reveal));
    expect(text).toContain('*2 answered*');
    expect(text).toContain('• Ann: 2/2 key points');
    expect(text).toContain('• &lt;@U999&gt; &amp; &lt;!everyone&gt;: 0/2 key points (missed 1, 2)');
    expect(text).not.toMatch(/<[@!]/);
  });

  it('marks every mrkdwn text verbatim, so a bare @here or @channel in a name cannot become a mention', () => {
    const named = { ...reveal, answers: [{ user: { id: 'U3', name: '@here' }, covered: [], missed: [] }] };
    const mrkdwn: Record<string, unknown>[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        if ((value as { type?: unknown }).type === 'mrkdwn') mrkdwn.push(value as Record<string, unknown>);
        Object.values(value).forEach(walk);
      }
    };
    walk([renderReveal(named).blocks, renderRevealedPost(named).blocks]);
    expect(mrkdwn.length).toBeGreaterThan(0);
    for (const text of mrkdwn) expect(text.verbatim).toBe(true);
  });

  it('lists only names when the answers could not be read', () => {
    const text = allText(renderReveal({ ...reveal, feedbackAvailable: false }));
    expect(text).toContain('• Ann\\n');
    expect(text).toContain('Key-point feedback is off');
  });

  it('says so when nobody answered', () => {
    expect(allText(renderReveal({ ...reveal, answers: [] }))).toContain('Nobody answered this one.');
  });

  it('stays within 50 blocks and 3000-character sections for a crowd of answers', () => {
    const crowd = Array.from({ length: 2_000 }, (_, i) => ({
      user: { id: `U${i}`, name: `Person number ${i}` },
      covered: ['Uses a lock'],
      missed: ['Mentions the GIL'],
    }));
    expectWithinSlackLimits(renderReveal({ ...reveal, answers: crowd, listed: listedAnswers(crowd, true) }));
  });

  it('cuts an overlong prompt and title to what Slack accepts', () => {
    const long = { ...question, title: 'T'.repeat(400), prompt: '<'.repeat(5_000) };
    const message = renderPost({ roundId: 'r1', question: long, revealAt: NOW, timezone: 'UTC' });
    expectWithinSlackLimits(message);
    expect(allText(message)).not.toMatch(/&l…|&lt…|&…/);
  });

  it('marks the original post revealed with the number of answers', () => {
    const message = renderRevealedPost(reveal);
    expectWithinSlackLimits(message);
    expect(allText(message)).toContain(':white_check_mark: *Revealed* · 2 answered · the answer is in the thread.');
    expect(allText(message)).toContain('Question of the day: Locks & <threads>');
  });
});
