import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { toRestBody } from '../../../src/adapters/discord/message.ts';
import { renderCommandReply, renderReply } from '../../../src/adapters/discord/render-replies.ts';
import type { QuestionView, Reply } from '../../../src/core/views.ts';
import { messageViolations } from '../../fakes/discord/limits.ts';

const question: QuestionView = {
  id: 'q1',
  format: 'free',
  title: 'Locks',
  difficulty: 'hard',
  topics: [],
  prompt: 'Why?',
};
const AT = Date.UTC(2026, 10, 24, 9, 0);
const T = AT / 1000;
const stats = {
  userId: '1',
  name: 'a',
  currentStreak: 1,
  bestStreak: 2,
  total: 3,
  month: 4,
  points: 5,
  monthPoints: 6,
  picks: 0,
  rightPicks: 0,
};
const render = (reply: Reply) => renderReply(reply);
const description = (reply: Reply) => render(reply).embeds[0]?.description;

describe('discord: help', () => {
  it('shows members only their commands, and admins theirs under a heading naming Manage Server', () => {
    const member = description({ visibility: 'private', kind: 'help', isAdmin: false }) ?? '';
    const admin = description({ visibility: 'private', kind: 'help', isAdmin: true }) ?? '';
    expect(member.split('\n')[0]).toBe(
      '`/quiz practice [topic] [difficulty] [format]`: a practice question only you see',
    );
    expect(member.endsWith('\n\nAnswer the daily question by replying in its thread.')).toBe(true);
    expect(member).not.toContain('Admins');
    expect(member).not.toContain('`/quiz schedule');
    expect(admin).toContain('\n\n**Admins (Manage Server)**\n`/quiz schedule');
    expect(render({ visibility: 'private', kind: 'help', isAdmin: true }).embeds[0]?.title).toBe('quizthread commands');
    expect(render({ visibility: 'private', kind: 'help', isAdmin: false })).not.toHaveProperty('content');
  });

  it('quotes at most 100 characters of an unknown command', () => {
    const content = render({ visibility: 'private', kind: 'help', isAdmin: false, unknown: 'x'.repeat(300) }).content;
    expect(content).toBe(`I don't know \`${'x'.repeat(99)}…\`. Here is what I can do:`);
  });
});

describe('discord: practice', () => {
  it('shows a free-text practice question privately with how to answer and a Reveal answer button', () => {
    const rendered = render({ visibility: 'private', kind: 'practice', question });
    const [embed] = rendered.embeds;
    expect(embed?.title).toBe('Locks');
    expect(embed?.description).toBe('Why?');
    expect(embed?.author?.name).toBe('Practice (only you see this)');
    expect(embed?.footer?.text).toBe('Answer with /quiz answer, or press Reveal answer.');
    expect(embed?.fields).toEqual([
      { name: 'Difficulty', value: 'hard', inline: true },
      { name: 'Topics', value: '-', inline: true },
    ]);
    expect(rendered.components[0]?.components[0]).toEqual({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: 'quiz:practice-reveal:q1',
      label: 'Reveal answer',
    });
  });

  it('shows the answer revealed without an attempt, with the misconceptions it lists', () => {
    expect(
      description({
        visibility: 'private',
        kind: 'practice-result',
        question,
        covered: [],
        missed: ['Take a lock'],
        wrong: [{ claim: 'the GIL makes += atomic', truth: 'it does not' }],
        modelAnswer: 'Lock it.',
        answered: false,
      }),
    ).toBe(
      "Here is the answer.\n❌ Take a lock\n⚠ 'the GIL makes += atomic' — it does not\n\n**Model answer**\nLock it.",
    );
  });

  it('keeps a practice result with a long model answer within 4000 characters', () => {
    const rendered = render({
      visibility: 'private',
      kind: 'practice-result',
      question: { ...question, title: 't'.repeat(300) },
      covered: [],
      missed: [],
      modelAnswer: 'm'.repeat(5000),
      answered: true,
    });
    expect(rendered.embeds[0]?.description).toHaveLength(4000);
    expect(rendered.embeds[0]?.title).toHaveLength(256);
    expect(messageViolations(toRestBody(rendered))).toEqual([]);
  });
});

describe('discord: My feedback', () => {
  const feedback = (overrides: Partial<Extract<Reply, { kind: 'round-feedback' }>>) =>
    render({
      visibility: 'private',
      kind: 'round-feedback',
      roundId: 'r1',
      question,
      keyPoints: ['A', 'B'],
      feedbackAvailable: true,
      ...overrides,
    });

  it('tells someone who did not answer that there is no feedback for them', () => {
    const rendered = feedback({});
    expect(rendered.embeds[0]?.title).toBe('Your feedback: Locks');
    expect(rendered.embeds[0]?.description).toBe(
      'You did not answer this round, so there is no feedback for you. The answer is in its thread.',
    );
    expect(rendered.ephemeral).toBe(true);
  });

  it('says feedback is off when the answers could not be read', () => {
    expect(
      feedback({ feedbackAvailable: false, feedback: { user: { id: '1', name: 'a' }, covered: [], missed: [] } })
        .embeds[0]?.description,
    ).toBe('Key-point feedback is off: the bot could not read the answers.');
  });

  it('lists each key point covered and missed, then the misconceptions', () => {
    expect(
      feedback({
        feedback: {
          user: { id: '1', name: 'a' },
          covered: ['A'],
          missed: ['B'],
          wrong: [{ claim: 'c', truth: 't' }],
        },
      }).embeds[0]?.description,
    ).toBe("You covered 1 of 2 key points.\n✅ A\n❌ B\n⚠ 'c' — t");
  });

  it('cuts a long title and long feedback to what Discord takes', () => {
    const rendered = feedback({
      question: { ...question, title: 't'.repeat(300) },
      feedback: { user: { id: '1', name: 'a' }, covered: Array(100).fill('k'.repeat(60)), missed: [] },
    });
    expect(rendered.embeds[0]?.title).toHaveLength(256);
    expect(rendered.embeds[0]?.description).toHaveLength(4000);
  });
});

describe('discord: today, streak, away and back', () => {
  it('says when the next question comes when none is open', () => {
    expect(render({ visibility: 'private', kind: 'today', timezone: 'UTC', nextPostAt: AT }).content).toBe(
      `No question is open right now. Next question <t:${T}:F>.`,
    );
  });

  it('shows the open question with its count of answers and when it is revealed', () => {
    const [embed] = render({
      visibility: 'private',
      kind: 'today',
      timezone: 'UTC',
      open: { question, revealAt: AT, answers: 3 },
    }).embeds;
    expect(embed?.author?.name).toBe("Today's question");
    expect(embed?.title).toBe('Locks');
    expect(embed?.fields?.slice(2)).toEqual([
      { name: 'Answers so far', value: '3', inline: true },
      { name: 'Revealed', value: `<t:${T}:t> (<t:${T}:R>)`, inline: true },
    ]);
  });

  it('shows your own streak without the button questions line when you picked none, and what protects it', () => {
    const [embed] = render({
      visibility: 'private',
      kind: 'streak',
      user: { id: '1', name: 'a' },
      self: true,
      stats,
      protection: { freezes: 2, freezeUsedLast: false },
    }).embeds;
    expect(embed?.title).toBe('Your streak');
    expect(embed?.fields?.map((f) => f.name)).toEqual([
      'Current streak',
      'Best streak',
      'Answers',
      'This month',
      'Points',
      'Points this month',
    ]);
    expect(embed?.description).toBe('Freezes held: 2 (a missed round uses one instead of ending the streak).');
  });

  it('has no protection line when nothing protects the streak, and cuts another person’s long name', () => {
    const [embed] = render({
      visibility: 'private',
      kind: 'streak',
      user: { id: '2', name: 'n'.repeat(200) },
      self: false,
      stats,
    }).embeds;
    expect(embed).not.toHaveProperty('description');
    expect(embed?.title).toBe(`Streak of ${'n'.repeat(79)}…`);
  });

  it('confirms an absence and a return', () => {
    expect(render({ visibility: 'private', kind: 'away', lastDay: 'Fri 12 Dec', timezone: 'UTC' }).content).toBe(
      "You're away until Fri 12 Dec (UTC): rounds here until then neither break nor grow your streak. An answer still counts as usual, and `/quiz back` ends the absence early.",
    );
    expect(render({ visibility: 'private', kind: 'back', wasAway: true }).content).toBe(
      'Welcome back: rounds here count for your streak again.',
    );
    expect(render({ visibility: 'private', kind: 'back', wasAway: false }).content).toBe(
      'You were not marked away in this channel, so nothing changed.',
    );
  });
});

describe('discord: the bank and the schedule', () => {
  it('says the bank is empty, with the difficulties on one line', () => {
    const [embed] = render({
      visibility: 'private',
      kind: 'topics',
      topics: [],
      difficulties: { easy: 0, medium: 1, hard: 2 },
    }).embeds;
    expect(embed?.title).toBe('Topics in the question bank');
    expect(embed?.description).toBe('The bank is empty.');
    expect(embed?.fields).toEqual([{ name: 'Difficulties', value: 'easy 0 · medium 1 · hard 2' }]);
  });

  it('lists every topic with its count, one a line', () => {
    expect(
      description({
        visibility: 'private',
        kind: 'topics',
        topics: [
          { topic: 'gil', count: 3 },
          { topic: 'asyncio', count: 1 },
        ],
        difficulties: { easy: 0, medium: 1, hard: 2 },
      }),
    ).toBe('• gil (3)\n• asyncio (1)');
  });

  it('confirms an unfiltered schedule, and a filtered one with how many questions match', () => {
    const schedule = { hour: 7, minute: 5, timezone: 'UTC', days: [0, 6], windowMinutes: 90, topics: [] };
    expect(
      render({ visibility: 'public', kind: 'scheduled', schedule: schedule as never, nextPostAt: AT }).content,
    ).toBe(`Scheduled: a question here at 07:05 UTC, sun,sat; answers stay open for 1h30m. Next question <t:${T}:F>.`);
    expect(
      render({
        visibility: 'public',
        kind: 'scheduled',
        schedule: { ...schedule, topics: ['gil'], difficulty: 'easy' } as never,
        nextPostAt: AT,
        matchingQuestions: 3,
      }).content,
    ).toBe(
      `Scheduled: a question here at 07:05 UTC, sun,sat; answers stay open for 1h30m (only gil, easy; 3 questions match). Next question <t:${T}:F>.`,
    );
  });

  it('says an open question is still revealed after unscheduling', () => {
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: true }).content).toBe(
      'Unscheduled: no more daily questions here. An open question is still revealed.',
    );
  });

  it('answers /quiz suggest in words where no form can open', () => {
    expect(render({ visibility: 'private', kind: 'suggest-form' }).content).toBe(
      'Suggesting questions is not available here yet.',
    );
  });
});

describe('discord: a channel problem in an admin’s reply', () => {
  const problem = "I'm missing permissions in this channel: Embed Links.";

  it('replaces a refusal that only says posting failed with the reason', () => {
    const rendered = renderCommandReply(
      { visibility: 'private', kind: 'refusal', code: 'post-failed', message: 'Posting failed.' },
      problem,
    );
    expect(rendered.content).toBe(problem);
    expect(rendered.ephemeral).toBe(true);
  });

  it('adds the reason under any other reply, text or embed', () => {
    expect(
      renderCommandReply({ visibility: 'private', kind: 'revealed', roundId: 'r', answers: 2 }, problem).content,
    ).toBe(`Revealed (2 answered).\n⚠️ ${problem}`);
    const help = renderCommandReply({ visibility: 'private', kind: 'help', isAdmin: true }, problem);
    expect(help.content).toBe(`⚠️ ${problem}`);
    expect(help.embeds[0]?.title).toBe('quizthread commands');
  });

  it('leaves a reply alone when there is no problem, or the refusal already says it', () => {
    expect(
      renderCommandReply({ visibility: 'private', kind: 'revealed', roundId: 'r', answers: 2 }, undefined).content,
    ).toBe('Revealed (2 answered).');
    expect(
      renderCommandReply({ visibility: 'private', kind: 'refusal', code: 'unavailable', message: problem }, problem)
        .content,
    ).toBe(problem);
  });
});
