import { describe, expect, it } from 'vitest';
import { formatClock, renderPost, renderReply, renderReveal } from '../../src/adapters/shell/render.ts';
import { FIELD_NAMES, renderSuggestionReply } from '../../src/adapters/shell/render-suggestions.ts';
import { listedAnswers, mostMissed } from '../../src/core/round-feedback.ts';
import type { AnswerFeedback, QuestionView, Reply, RevealView } from '../../src/core/views.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0);
const HOUR = 3_600_000;
const free: QuestionView = {
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
  options: ['x', 'y\nz'],
};
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
const render = (reply: Reply) => renderReply(reply, NOW);

describe('shell: questions as posted', () => {
  it('posts a free-text question with how to answer, when it is revealed and how long is left', () => {
    expect(renderPost({ roundId: 'r', question: free, revealAt: NOW + HOUR, timezone: 'UTC' }, NOW)).toBe(
      '━━ Question of the day ━━\nLocks  [hard · threading, gil]\n\nWhy?\n\nReply with your answer; it is revealed at 09:00 UTC (in 1 h 0 min).',
    );
  });

  it('prints a multi-line output option as an indented block, and asks for a letter up to the last one', () => {
    expect(
      renderPost(
        { roundId: 'r', question: { ...choice, format: 'output' }, revealAt: NOW + HOUR, timezone: 'UTC' },
        NOW,
      ),
    ).toBe(
      '━━ Question of the day ━━\nGIL  [easy · queue]\n\nP?\n\n  a) x\n  b)\n       y\n       z\n\nType a letter (a to b) to answer; you can change it until the reveal. It is revealed at 09:00 UTC (in 1 h 0 min).',
    );
  });

  it('writes a team question’s author without control characters, and a choice option on one line', () => {
    const text = render({
      visibility: 'private',
      kind: 'practice',
      question: { ...choice, fromTeam: { author: 'Ana\u001b[2J' }, title: 'G\u0007IL' },
    });
    expect(text).toBe(
      'Practice (only you see this):\nGIL  [easy · queue]\nFrom the team, by Ana[2J\n\nP?\n\n  a) x\n  b) y z\n\nType a letter (or /quiz answer b) to answer, or /reveal to see the answer.',
    );
  });

  it('tells how to answer a free-text practice question', () => {
    expect(render({ visibility: 'private', kind: 'practice', question: free })).toBe(
      'Practice (only you see this):\nLocks  [hard · threading, gil]\n\nWhy?\n\nAnswer with /quiz answer <text>, or /reveal to see the answer.',
    );
  });

  it('pads the time of day to two digits each', () => {
    expect(formatClock(Date.UTC(2026, 0, 1, 7, 5), 'UTC')).toBe('07:05 UTC');
  });
});

describe('shell: the reveal of a free-text round', () => {
  const answers: AnswerFeedback[] = [
    { user: { id: '1', name: 'Ann' }, covered: ['A'], missed: ['B'] },
    { user: { id: '2', name: 'Bob' }, covered: [], missed: ['A', 'B'] },
  ];
  const view = (overrides: Partial<RevealView> = {}): RevealView => ({
    roundId: 'r1',
    question: free,
    modelAnswer: 'M',
    keyPoints: ['A', 'B'],
    answers,
    listed: listedAnswers(answers, true),
    mostMissed: mostMissed(answers, ['A', 'B']),
    feedbackAvailable: true,
    revealedAt: NOW,
    ...overrides,
  });

  it('names every answer with its coverage, then the most missed points and who used a freeze', () => {
    expect(renderReveal(view({ freezesUsed: [{ user: { id: '3', name: 'Cy' }, freezesLeft: 1 }] }))).toBe(
      [
        '━━ Answer: Locks ━━',
        'M',
        '',
        'Key points:',
        '  1. A',
        '  2. B',
        '',
        '2 answered:',
        '  Ann: 1/2 key points (missed 2)',
        '  Bob: 0/2 key points (missed 1, 2)',
        '',
        'Most missed: 2. B (2 missed it) · 1. A (1 missed it)',
        '',
        'Streaks kept with a freeze: Cy (1 left).',
      ].join('\n'),
    );
  });

  it('names only who answered, and says feedback is off, when the text could not be read', () => {
    expect(
      renderReveal(view({ feedbackAvailable: false, mostMissed: [] }))
        .split('\n')
        .slice(7),
    ).toEqual(['2 answered:', '  Ann', '  Bob', 'Key-point feedback is off: the bot could not read the answers.']);
  });

  it('says so when nobody answered', () => {
    expect(
      renderReveal(view({ answers: [], listed: [], mostMissed: [] }))
        .split('\n')
        .at(-1),
    ).toBe('Nobody answered this one.');
  });

  it('ends a button round’s reveal with who used a freeze too', () => {
    const reveal = renderReveal(
      view({
        question: choice,
        keyPoints: [],
        answers: [],
        listed: [],
        mostMissed: [],
        choice: {
          correct: 0,
          options: [
            { text: 'x', picks: 0 },
            { text: 'y', picks: 0 },
          ],
          right: [],
          total: 0,
        },
        freezesUsed: [{ user: { id: '3', name: 'Cy' }, freezesLeft: 0 }],
      }),
    );
    expect(reveal).toBe(
      [
        '━━ Answer: GIL ━━',
        '  A 0  ✓',
        '  B 0',
        '',
        'Nobody picked an answer.',
        '',
        'M',
        '',
        'Streaks kept with a freeze: Cy (0 left).',
      ].join('\n'),
    );
  });
});

describe('shell: the reveal of a button round', () => {
  const view = (tally: NonNullable<RevealView['choice']>): RevealView => ({
    roundId: 'r1',
    question: { ...choice, options: tally.options.map((o) => o.text) },
    modelAnswer: 'Because.',
    keyPoints: [],
    answers: [],
    listed: [],
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt: NOW,
    choice: tally,
  });

  it('draws each bar in proportion to the most picked option, ticks the right one and names who got it', () => {
    expect(
      renderReveal(
        view({
          correct: 2,
          options: [
            { text: 'x', picks: 3, why: 'not x' },
            { text: 'y', picks: 0, why: 'not y' },
            { text: 'z', picks: 6 },
          ],
          right: [
            { id: '1', name: 'Ann' },
            { id: '2', name: 'Bob' },
          ],
          total: 9,
        }),
      ),
    ).toBe(
      [
        '━━ Answer: GIL ━━',
        `  A ${'█'.repeat(10)} 3`,
        '  B 0',
        `  C ${'█'.repeat(20)} 6  ✓`,
        '',
        '9 picked; right: Ann, Bob.',
        '',
        'Why not the others:',
        '  A: not x',
        '  B: not y',
        '',
        'Because.',
      ].join('\n'),
    );
  });

  it('gives a single pick the full bar, and rounds a small share to the nearest block', () => {
    const lines = renderReveal(
      view({
        correct: 0,
        options: [
          { text: 'x', picks: 40 },
          { text: 'y', picks: 1 },
        ],
        right: [],
        total: 41,
      }),
    ).split('\n');
    expect(lines[1]).toBe(`  A ${'█'.repeat(20)} 40  ✓`);
    expect(lines[2]).toBe(`  B ${'█'.repeat(1)} 1`);
    expect(lines[4]).toBe('41 picked; nobody picked the right one.');
  });
});

describe('shell: practice answers and feedback', () => {
  it('shows the answer revealed without an attempt, naming the right letter of a button question', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'practice-result',
        question: free,
        covered: [],
        missed: ['A'],
        modelAnswer: 'M',
        answered: false,
      }),
    ).toBe('The answer:\n  ✗ A\n\nM');
    expect(
      render({
        visibility: 'private',
        kind: 'practice-result',
        question: choice,
        covered: [],
        missed: [],
        modelAnswer: 'M',
        answered: false,
        correct: 1,
      }),
    ).toBe('The answer is B.\n\nM');
  });

  it('scores an answer point by point', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'practice-result',
        question: free,
        covered: ['C'],
        missed: ['A'],
        modelAnswer: 'M',
        answered: true,
      }),
    ).toBe('You covered 1 of 2 key points.\n  ✓ C\n  ✗ A\n\nM');
  });

  const feedback = (overrides: Partial<Extract<Reply, { kind: 'round-feedback' }>>): Reply => ({
    visibility: 'private',
    kind: 'round-feedback',
    roundId: 'r1',
    question: free,
    keyPoints: ['A', 'B'],
    feedbackAvailable: true,
    ...overrides,
  });
  const mine = { user: { id: '1', name: 'a' }, covered: ['A'], missed: ['B'], wrong: [{ claim: 'c', truth: 't' }] };

  it('gives your own coverage, misconceptions and points on a free-text round', () => {
    expect(render(feedback({ feedback: mine, points: 7 }))).toBe(
      "Your feedback: Locks\nYou covered 1 of 2 key points.\n  ✓ A\n  ✗ B\n  ⚠ 'c' — t\nYou earned 7 points.",
    );
    expect(render(feedback({ feedback: mine }))).toBe(
      "Your feedback: Locks\nYou covered 1 of 2 key points.\n  ✓ A\n  ✗ B\n  ⚠ 'c' — t",
    );
  });

  it('tells you there is no feedback when you did not answer, or it is off', () => {
    expect(render(feedback({}))).toBe(
      'Your feedback: Locks\nYou did not answer this round, so there is no feedback for you. The answer is in its thread.',
    );
    expect(render(feedback({ feedback: mine, feedbackAvailable: false }))).toBe(
      'Your feedback: Locks\nKey-point feedback is off: the bot could not read the answers.',
    );
  });

  it('gives the verdict of your pick on a button round, with the why and points when known', () => {
    expect(render(feedback({ feedback: mine, pick: { option: 0, correct: 1 } }))).toBe(
      'Your feedback: Locks\nYou picked A; the answer is B.',
    );
    expect(render(feedback({ feedback: mine, pick: { option: 0, correct: 1, why: 'because' }, points: 0 }))).toBe(
      'Your feedback: Locks\nYou picked A; the answer is B.\nbecause\nYou earned 0 points.',
    );
  });

  it('judges a practice pick with its why and the model answer', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'practice-pick-result',
        question: choice,
        option: 0,
        correct: 1,
        why: 'w',
        modelAnswer: 'M',
      }),
    ).toBe('A is not right: the answer is B.\nw\nM');
    expect(
      render({
        visibility: 'private',
        kind: 'practice-pick-result',
        question: choice,
        option: 1,
        correct: 1,
        modelAnswer: 'M',
      }),
    ).toBe('B is right.\nM');
  });
});

describe('shell: the other replies', () => {
  it('says when the next question comes, or shows the open one with its count and time left', () => {
    expect(render({ visibility: 'private', kind: 'today', timezone: 'UTC', nextPostAt: NOW + HOUR })).toBe(
      'No question is open right now. Next question: today 09:00 UTC.',
    );
    expect(render({ visibility: 'private', kind: 'today', timezone: 'UTC' })).toBe('No question is open right now.');
    expect(
      render({
        visibility: 'private',
        kind: 'today',
        timezone: 'UTC',
        open: { question: choice, revealAt: NOW + HOUR, answers: 2 },
      }),
    ).toBe('GIL  [easy · queue]\n\nP?\n\n  a) x\n  b) y z\n\n2 answered so far; revealed in 1 h 0 min.');
  });

  it('shows another person’s streak with what protects it, and yours without', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'streak',
        user: { id: '1', name: 'Bo' },
        self: false,
        stats,
        protection: { freezes: 1, freezeUsedLast: true },
      }),
    ).toBe(
      'Bo: current streak 1, best 2, 3 answers in all, 4 this month.\nPoints: 5 in all, 6 this month.\nThe last round was missed: streak kept with a freeze, 1 left.',
    );
    expect(render({ visibility: 'private', kind: 'streak', user: { id: '1', name: 'Bo' }, self: true, stats })).toBe(
      'You: current streak 1, best 2, 3 answers in all, 4 this month.\nPoints: 5 in all, 6 this month.',
    );
  });

  it('confirms an absence and a return', () => {
    expect(render({ visibility: 'private', kind: 'away', lastDay: 'Fri 12 Dec', timezone: 'UTC' })).toMatch(
      /^You're away until Fri 12 Dec \(UTC\)/,
    );
    expect(render({ visibility: 'private', kind: 'back', wasAway: true })).toBe(
      'Welcome back: rounds here count for your streak again.',
    );
    expect(render({ visibility: 'private', kind: 'back', wasAway: false })).toBe(
      'You were not marked away in this channel, so nothing changed.',
    );
  });

  it('lists the bank, an empty leaderboard and a schedule with its filters and kinds of question', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'topics',
        topics: [{ topic: 'gil', count: 2 }],
        difficulties: { easy: 0, medium: 1, hard: 2 },
      }),
    ).toBe('Topics:\n  gil (2)\nDifficulties: easy 0, medium 1, hard 2');
    expect(render({ visibility: 'private', kind: 'leaderboard', board: 'streak', month: '2026-11', entries: [] })).toBe(
      'Leaderboard: current streak\nNobody is on it yet.',
    );
    const schedule = { hour: 7, minute: 5, timezone: 'UTC', days: [0, 6], windowMinutes: 90, topics: [] as string[] };
    expect(
      render({ visibility: 'public', kind: 'scheduled', schedule: schedule as never, nextPostAt: NOW + 3 * 24 * HOUR }),
    ).toBe('Scheduled: 07:05 UTC, sun,sat, answers open for 1h30m. Next question: Thu 26 Nov 08:00 UTC.');
    expect(
      render({
        visibility: 'public',
        kind: 'scheduled',
        schedule: { ...schedule, topics: ['gil'], difficulty: 'easy', format: 'mixed' } as never,
        nextPostAt: NOW,
        matchingQuestions: 3,
      }),
    ).toBe(
      'Scheduled: 07:05 UTC, sun,sat, answers open for 1h30m, only gil, easy (3 questions match), free-text and button questions in turn. Next question: today 08:00 UTC.',
    );
  });

  it('answers the admin commands and the rest in one line each', () => {
    expect(render({ visibility: 'private', kind: 'forgotten' })).toBe(
      'Done: your streaks, answers and practice history are deleted.',
    );
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: true })).toBe(
      'Unscheduled: no more daily questions here.',
    );
    expect(render({ visibility: 'public', kind: 'unscheduled', hadSchedule: false })).toBe(
      'This channel had no schedule.',
    );
    expect(render({ visibility: 'private', kind: 'posted', roundId: 'r', revealAt: NOW + 60_000 })).toBe(
      'Posted; the answer is revealed in 1 min.',
    );
    expect(render({ visibility: 'private', kind: 'revealed', roundId: 'r', answers: 2 })).toBe(
      'Revealed (2 answered).',
    );
    expect(render({ visibility: 'private', kind: 'suggest-form' })).toBe(
      'Suggest a question for this team. Answer each prompt; an empty line keeps what is shown in brackets, /cancel stops.',
    );
    expect(render({ visibility: 'private', kind: 'refusal', code: 'internal', message: 'No.' })).toBe('No.');
  });

  it('confirms a pick, and says when it is held for the store', () => {
    expect(
      render({
        visibility: 'private',
        kind: 'picked',
        roundId: 'r',
        option: 0,
        changed: true,
        revealAt: 0,
        queued: true,
      }),
    ).toBe(
      'Your answer is now A; you can change it until the reveal. The quiz database is unreachable right now: your pick is held and counted when it is back.',
    );
    expect(
      render({ visibility: 'private', kind: 'picked', roundId: 'r', option: 2, changed: false, revealAt: 0 }),
    ).toBe('Your answer C is in; you can change it until the reveal.');
  });

  it('quotes an unknown command and lists the shell’s own commands in help', () => {
    const help = render({ visibility: 'private', kind: 'help', isAdmin: false, unknown: 'dance' }).split('\n');
    expect(help[0]).toBe('I don\'t know "dance". Here is what I can do:');
    expect(help[1]).toBe('  /quiz [topic] [difficulty] [free|choice|output]');
    expect(help[2]).toBe(`  ${' '.repeat(31)}a practice question only you see`);
    expect(help).toContain('  /quiz answer <text>            answer your practice question');
    expect(help.at(-1)).toBe('Shell: /as <name> switches user, /reveal shows your practice answer, /quit leaves.');
    expect(render({ visibility: 'private', kind: 'help', isAdmin: true }).split('\n')[0]).toBe('quizthread commands:');
    expect(render({ visibility: 'private', kind: 'help', isAdmin: true })).toContain('\nAdmins:\n');
  });
});

describe('shell: suggestions', () => {
  const item = {
    id: 'sg1',
    author: { id: '1', name: 'Ana' },
    submittedAt: 0,
    title: 'T\u0007',
    question: 'Q?\nline2',
    modelAnswer: 'M',
    keyPoints: ['k1', 'k2'],
    topics: ['gil' as const, 'asyncio' as const],
    difficulty: 'easy' as const,
  };

  it('lists the waiting suggestions with how to decide them, text indented and without control characters', () => {
    expect(renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [item] })).toBe(
      '1 waiting for review (/quiz suggestions approve|reject <id> [reason]):\n\nsg1: T  [easy · gil, asyncio]  From the team, by Ana\n    Q?\n    line2\n  Model answer:\n    M\n  Key points:\n    - k1\n    - k2',
    );
    expect(renderSuggestionReply({ visibility: 'private', kind: 'suggestions', items: [] })).toBe(
      'No suggestions are waiting for review.',
    );
  });

  it('thanks, decides and retires by title and id', () => {
    expect(
      renderSuggestionReply({ visibility: 'private', kind: 'suggestion-received', id: 's1', title: 'T\u001b' }),
    ).toBe('Thanks: "T" (s1) is waiting for an admin\'s review.');
    expect(
      renderSuggestionReply({
        visibility: 'private',
        kind: 'suggestion-decided',
        id: 's1',
        title: 'T',
        decision: 'approved',
      }),
    ).toBe('"T" (s1) is approved; its author has been told.');
    expect(renderSuggestionReply({ visibility: 'private', kind: 'retired', id: 's1', title: 'T' })).toBe(
      '"T" (s1) is retired: it will not be asked again.',
    );
  });

  it('names each field with problems', () => {
    expect(
      renderSuggestionReply({
        visibility: 'private',
        kind: 'suggestion-problems',
        problems: [{ field: 'topicAndDifficulty', message: 'Unknown\u0007 topic.' }],
        draft: { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' },
      }),
    ).toBe('The suggestion needs changes before it can be sent:\n  Topic and difficulty: Unknown topic.');
    expect(FIELD_NAMES.modelAnswer).toBe('Model answer');
  });

  it('says where the export was written, in the singular or plural, or lists the files', () => {
    const one = [{ name: 'a.md', content: '' }];
    const two = [...one, { name: 'b.md', content: '' }];
    expect(renderSuggestionReply({ visibility: 'private', kind: 'export', files: one }, '/tmp/x')).toBe(
      'Wrote 1 question file to /tmp/x',
    );
    expect(renderSuggestionReply({ visibility: 'private', kind: 'export', files: two }, '/tmp/x')).toBe(
      'Wrote 2 question files to /tmp/x',
    );
    expect(renderSuggestionReply({ visibility: 'private', kind: 'export', files: two })).toBe('a.md\nb.md');
  });
});
