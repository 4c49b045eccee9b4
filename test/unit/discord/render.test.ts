import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { PRACTICE_REVEAL_ID } from '../../../src/adapters/discord/commands.ts';
import { toInteractionOptions, toRestBody } from '../../../src/adapters/discord/message.ts';
import { renderReply } from '../../../src/adapters/discord/render-replies.ts';
import {
  archiveDurationFor,
  renderRevealedPost,
  renderReveal,
  renderRoundPost,
  threadName,
} from '../../../src/adapters/discord/render-rounds.ts';
import { CATALOGUE } from '../../../src/core/commands/catalogue.ts';
import { listedAnswers, mostMissed } from '../../../src/core/round-feedback.ts';
import type { QuestionView, Reply, RevealView } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';

const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'easy',
  topics: ['threading', 'sync-primitives'],
  prompt: 'Why take a lock?',
};
const REVEAL_AT = Date.UTC(2026, 10, 23, 12, 0);
const stats = {
  userId: '7',
  name: 'Grace',
  currentStreak: 3,
  bestStreak: 5,
  total: 9,
  month: 2,
  points: 70,
  monthPoints: 20,
  picks: 5,
  rightPicks: 4,
};

function reveal(overrides: Partial<RevealView> = {}): RevealView {
  const answers = overrides.answers ?? [
    { user: { id: '7', name: 'Grace' }, covered: ['Uses a lock'], missed: ['Joins'] },
  ];
  const keyPoints = overrides.keyPoints ?? ['Uses a lock', 'Joins'];
  const feedbackAvailable = overrides.feedbackAvailable ?? true;
  return {
    roundId: 'r1',
    question,
    modelAnswer: 'Because updates race.',
    keyPoints,
    answers,
    listed: listedAnswers(answers, feedbackAvailable),
    mostMissed: feedbackAvailable ? mostMissed(answers, keyPoints) : [],
    feedbackAvailable,
    revealedAt: REVEAL_AT,
    ...overrides,
  };
}

describe('rendering the round', () => {
  it('posts the question as an embed with the reveal time as a Discord timestamp', () => {
    const [embed] = renderRoundPost({ roundId: 'r1', question, revealAt: REVEAL_AT, timezone: 'Europe/Berlin' }).embeds;
    expect(embed?.title).toBe('Locks');
    expect(embed?.description).toBe('Why take a lock?');
    expect(embed?.fields?.map((f) => f.value)).toEqual([
      'easy',
      'threading, sync-primitives',
      `Reply in this message's thread. The answer is revealed <t:${REVEAL_AT / 1000}:t> (<t:${REVEAL_AT / 1000}:R>).`,
    ]);
  });

  it('picks the shortest allowed thread auto-archive that covers the window', () => {
    expect(archiveDurationFor(30)).toBe(60);
    expect(archiveDurationFor(60)).toBe(60);
    expect(archiveDurationFor(240)).toBe(1440);
    expect(archiveDurationFor(2000)).toBe(4320);
    expect(archiveDurationFor(20_000)).toBe(10080);
  });

  it('keeps thread names within Discord’s 100 characters', () => {
    expect(
      threadName({ roundId: 'r', question: { ...question, title: 'x'.repeat(200) }, revealAt: 0, timezone: 'UTC' }),
    ).toHaveLength(100);
  });

  it('names who kept a streak with a freeze under a button round’s reveal too', () => {
    const view = reveal({
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
      freezesUsed: [{ user: { id: '8', name: 'Ada' }, freezesLeft: 1 }],
    });
    const fields = renderReveal(view).embeds.flatMap((e) => e.fields ?? []);
    expect(fields).toContainEqual({ name: 'Streaks', value: 'Streaks kept with a freeze: Ada (1 left).' });
  });

  it('reveals the model answer, the key points and each answer’s coverage', () => {
    const [answer, answers] = renderReveal(reveal()).embeds;
    expect(answer?.title).toBe('Answer: Locks');
    expect(answer?.fields?.[0]?.value).toBe('1. Uses a lock\n2. Joins');
    expect(answers?.title).toBe('1 answered');
    expect(answers?.description).toBe('• **Grace**: 1/2 key points (missed 2)');
  });

  it('lists only names, and says feedback is off, when the text was withheld', () => {
    const [, answers] = renderReveal(reveal({ feedbackAvailable: false })).embeds;
    expect(answers?.description).toBe('• **Grace**');
    expect(answers?.footer?.text).toContain('Message Content intent');
  });

  it('says so when nobody answered', () => {
    expect(renderReveal(reveal({ answers: [] })).embeds[1]?.title).toBe('Nobody answered this one.');
  });

  it('escapes names in the reveal', () => {
    const [, answers] = renderReveal(
      reveal({ answers: [{ user: { id: '1', name: '@everyone *hi*' }, covered: [], missed: [] }] }),
    ).embeds;
    expect(answers?.description).toBe('• **@\u200beveryone \\*hi\\***: 0/0 key points');
  });

  it('gives every answerer of a busy round their feedback: a reveal Discord takes, and a My feedback button', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      user: { id: String(i), name: `Ünïcødé pérsön nümbér ${String(i).padStart(9, '0')}` },
      covered: i % 3 === 0 ? ['Uses a lock', 'Joins'] : ['Uses a lock'],
      missed: i % 3 === 0 ? [] : ['Joins'],
      ...(i === 7 ? { wrong: [{ claim: 'x'.repeat(400), truth: 'y'.repeat(400) }] } : {}),
    }));
    const view = reveal({ modelAnswer: 'm'.repeat(5000), answers: many });
    const rendered = renderReveal(view);
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
    expect(rendered.embeds[1]?.title).toBe('300 answered');
    expect(rendered.embeds[1]?.description?.split('\n')).toHaveLength(10);
    const button = rendered.components[0]?.components[0];
    expect(button).toMatchObject({ label: 'My feedback', custom_id: 'quiz:round-feedback:r1' });
    // Whoever presses it, named in the reveal or not, gets their own coverage, privately.
    for (const answer of many) {
      const mine = renderReply({
        visibility: 'private',
        kind: 'round-feedback',
        roundId: 'r1',
        question,
        keyPoints: view.keyPoints,
        feedback: answer,
        feedbackAvailable: true,
      });
      expect(mine.ephemeral).toBe(true);
      expect(messageViolations(toRestBody(mine))).toEqual([]);
      expect(mine.embeds[0]?.description).toContain(`You covered ${answer.covered.length} of 2 key points.`);
    }
  });

  it('marks the original post as revealed with the count and a link to the thread', () => {
    const [embed] = renderRevealedPost(reveal(), '700').embeds;
    expect(embed?.author?.name).toBe('Question of the day (revealed)');
    expect(embed?.fields?.at(-1)?.value).toBe('1 answered. The answer and feedback are in <#700>.');
  });
});

describe('rendering replies', () => {
  const render = (reply: Reply) => renderReply(reply);

  it('makes private replies ephemeral and public ones not', () => {
    expect(render({ visibility: 'private', kind: 'forgotten' }).ephemeral).toBe(true);
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: true }).ephemeral).toBe(false);
  });

  it('puts a Reveal answer button under a practice question', () => {
    expect(render({ visibility: 'private', kind: 'practice', question }).components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: `${PRACTICE_REVEAL_ID}:${question.id}`,
            label: 'Reveal answer',
          },
        ],
      },
    ]);
  });

  it('scores a practice answer and removes the button', () => {
    const rendered = render({
      visibility: 'private',
      kind: 'practice-result',
      question,
      covered: ['Uses a lock'],
      missed: ['Joins'],
      modelAnswer: 'Because updates race.',
      answered: true,
    });
    expect(rendered.embeds[0]?.description).toBe(
      'You covered 1 of 2 key points.\n✅ Uses a lock\n❌ Joins\n\n**Model answer**\nBecause updates race.',
    );
    expect(rendered.components).toEqual([]);
  });

  it('shows streak numbers, escaping another user’s name', () => {
    const rendered = render({
      visibility: 'private',
      kind: 'streak',
      user: { id: '7', name: '@here Grace' },
      stats,
      self: false,
    });
    expect(rendered.embeds[0]?.title).toBe('Streak of @\u200bhere Grace');
    expect(rendered.embeds[0]?.fields?.map((f) => f.value)).toEqual(['3', '5', '9', '2', '70', '20', '4 of 5']);
    expect(rendered.embeds[0]?.fields?.map((f) => f.name).slice(4)).toEqual([
      'Points',
      'Points this month',
      'Button questions right',
    ]);
    expect(rendered.mentionUsers).toEqual([]);
  });

  it('names leaderboard entries with user mentions, and allows exactly those', () => {
    const rendered = render({
      visibility: 'private',
      kind: 'leaderboard',
      board: 'month',
      month: '2026-11',
      entries: [
        { rank: 1, userId: '7', name: '@everyone', score: 4 },
        { rank: 2, userId: '8', name: 'Bob', score: 3 },
      ],
      caller: { rank: 14, userId: '9', name: 'Me', score: 1 },
    });
    expect(rendered.embeds[0]?.title).toBe('Leaderboard: answers this month (2026-11)');
    expect(rendered.embeds[0]?.description).toBe('**1.** <@7>: 4\n**2.** <@8>: 3\n…\n**14.** <@9>: 1 (you)');
    expect(toRestBody(rendered).allowed_mentions).toEqual({ parse: [], users: ['7', '8', '9'] });
    expect(toInteractionOptions(rendered).allowedMentions).toEqual({ parse: [], users: ['7', '8', '9'] });
  });

  it('titles the points boards', () => {
    const points = render({
      visibility: 'private',
      kind: 'leaderboard',
      board: 'points',
      month: '2026-11',
      entries: [],
    });
    expect(points.embeds[0]?.title).toBe('Leaderboard: points');
    const month = render({
      visibility: 'private',
      kind: 'leaderboard',
      board: 'points-month',
      month: '2026-11',
      entries: [{ rank: 1, userId: '7', name: 'Grace', score: 30 }],
    });
    expect(month.embeds[0]?.title).toBe('Leaderboard: points this month (2026-11)');
    expect(month.embeds[0]?.description).toBe('**1.** <@7>: 30');
  });

  it('says when a leaderboard is empty', () => {
    expect(
      render({ visibility: 'private', kind: 'leaderboard', board: 'streak', month: '2026-11', entries: [] }).embeds[0]
        ?.description,
    ).toBe('Nobody is on it yet.');
  });

  it('neutralizes mentions in refusals, which may quote what the user typed', () => {
    const rendered = render({
      visibility: 'private',
      kind: 'refusal',
      code: 'invalid-schedule',
      message: '"@everyone" is not a time of day.',
    });
    expect(rendered.content).toBe('"@\u200beveryone" is not a time of day.');
  });

  it('names the subcommand in help, since Discord cannot run a bare /quiz, and shows the schedule filters', () => {
    const help = render({ visibility: 'private', kind: 'help', isAdmin: true }).embeds[0]?.description ?? '';
    expect(help).toContain('`/quiz practice [topic] [difficulty] [format]`');
    expect(help).not.toContain('`/quiz [');
    expect(help).toContain('`/quiz schedule <time> <timezone> [days] [window] [topic] [difficulty] [format]`');
    for (const spec of CATALOGUE) expect(help).toContain(`\`/quiz ${spec.name}`);
  });

  it('quotes an unknown command in inline code without letting it end the span', () => {
    expect(render({ visibility: 'private', kind: 'help', isAdmin: false, unknown: 'foo`bar @here' }).content).toBe(
      "I don't know `foo'bar @\u200bhere`. Here is what I can do:",
    );
  });

  it('confirms a schedule with its settings and the next post', () => {
    const rendered = render({
      visibility: 'public',
      kind: 'scheduled',
      schedule: {
        hour: 9,
        minute: 0,
        timezone: 'Europe/Berlin',
        days: [1, 2, 3, 4, 5],
        windowMinutes: 240,
        topics: ['asyncio'],
        difficulty: 'hard',
      },
      nextPostAt: REVEAL_AT,
    });
    expect(rendered.content).toBe(
      `Scheduled: a question here at 09:00 Europe/Berlin, weekdays; answers stay open for 4h (only asyncio, hard). Next question <t:${REVEAL_AT / 1000}:F>.`,
    );
  });

  it('renders every other reply kind', () => {
    expect(render({ visibility: 'private', kind: 'today', timezone: 'UTC' }).content).toBe(
      'No question is open right now. This channel has no schedule.',
    );
    expect(
      render({
        visibility: 'private',
        kind: 'today',
        timezone: 'UTC',
        open: { question, revealAt: REVEAL_AT, answers: 4 },
      }).embeds[0]?.fields?.[2]?.value,
    ).toBe('4');
    expect(
      render({
        visibility: 'private',
        kind: 'topics',
        topics: [{ topic: 'gil', count: 3 }],
        difficulties: { easy: 1, medium: 1, hard: 1 },
      }).embeds[0]?.description,
    ).toBe('• gil (3)');
    expect(render({ visibility: 'private', kind: 'posted', roundId: 'r1', revealAt: REVEAL_AT }).content).toBe(
      `Posted. The answer is revealed <t:${REVEAL_AT / 1000}:R>.`,
    );
    expect(render({ visibility: 'private', kind: 'revealed', roundId: 'r1', answers: 2 }).content).toBe(
      'Revealed (2 answered).',
    );
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: false }).content).toBe(
      'This channel had no schedule.',
    );
  });

  it('sends no mentions by default', () => {
    expect(toRestBody(render({ visibility: 'private', kind: 'forgotten' })).allowed_mentions).toEqual({ parse: [] });
    expect(toInteractionOptions(render({ visibility: 'private', kind: 'forgotten' })).allowedMentions).toEqual({
      parse: [],
    });
  });
});
