import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SHELL_CHANNEL, ShellAdapter } from '../../src/adapters/shell/adapter.ts';
import { renderReveal } from '../../src/adapters/shell/render.ts';
import { demoOpener, openDemoRound } from '../../src/app/wiring.ts';
import { QuestionBank } from '../../src/core/bank.ts';
import type { Platform } from '../../src/core/types.ts';
import type { RevealView } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { waitFor } from '../support/wait-for.ts';

const BANK = new QuestionBank([
  makeQuestion('f-hard', { difficulty: 'hard' }),
  buttonQuestion('c-hard', { difficulty: 'hard' }),
  buttonQuestion('c-easy', { title: 'Counting with threads' }),
  buttonQuestion('o-medium', {
    format: 'output',
    difficulty: 'medium',
    title: 'What gather returns',
    options: [
      { text: "['slow', 'fast']", correct: true },
      { text: "['fast', 'slow']", correct: false, why: 'gather keeps the order the awaitables were passed in' },
      { text: 'slow\nfast', correct: false, why: 'gather returns one list; it prints nothing itself' },
    ],
  }),
]);

/** The shell demo on a bank of our own: lines in, text out. */
class Terminal {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly clock = new FakeClock(MONDAY_0800_UTC);
  transcript = '';
  private sent = 0;
  shell = new ShellAdapter({ input: this.input, output: this.output, clock: this.clock, user: 'ann' });
  h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', this.shell]]),
    bank: BANK,
    clock: this.clock,
    settings: { userCommandsPerMinute: 0 },
  });

  constructor() {
    this.output.on('data', (chunk: Buffer) => {
      this.transcript += chunk.toString();
    });
  }

  async start(opener?: string) {
    await openDemoRound(this.h.quiz, this.h.store, this.shell, silentLogger, opener);
    await this.shell.start(this.h.quiz);
    return this;
  }

  async say(line: string): Promise<string> {
    const before = this.transcript.length;
    this.sent += 1;
    const sent = this.sent;
    this.input.write(`${line}\n`);
    await waitFor(() => this.shell.linesHandled >= sent, `the shell to handle "${line}"`);
    return this.transcript.slice(before);
  }

  async end() {
    this.input.end();
    await this.shell.ended;
  }
}

describe('button questions in the shell', () => {
  let t: Terminal;
  afterEach(async () => {
    await t.end();
  });

  it('opens the demo with the chosen button question, lettered, and takes a letter as a changeable pick', async () => {
    t = await new Terminal().start('c-easy');
    expect(t.transcript).toContain('Counting with threads');
    expect(t.transcript).toContain('  a) Always 0\n  b) Anything from 1 to 200000\n  c) Always 200000');
    expect(t.transcript).toContain('Type a letter (a to c) to answer');
    expect(await t.say('B')).toContain('Your answer B is in; you can change it until the reveal.');
    expect(await t.say('/quiz pick c')).toContain('Your answer is now C');
    expect(await t.say('/as bob')).toContain('(you are now bob)');
    expect(await t.say('b')).toContain('Your answer B is in');
    expect(await t.say('e')).toContain('no such option');
    expect(await t.say('I think b')).toBe('');
    const reveal = await t.say('/quiz reveal-now');
    expect(reveal).toContain(`  A 0\n  B ${'█'.repeat(20)} 1  ✓\n  C ${'█'.repeat(20)} 1`);
    expect(reveal).toContain('2 picked; right: bob.');
    expect(reveal).toContain(
      'Why not the others:\n  A: the threads race on the counter\n  C: the GIL does not make += atomic',
    );
    expect(await t.say('a')).toContain('too late');
    expect(await t.say('/quiz feedback')).toContain('You picked B, which is right.\nYou earned 10 points.');
    expect(await t.say('/as ann')).toContain('ann');
    expect(await t.say('/quiz feedback')).toContain('You picked C; the answer is B.\nthe GIL does not make += atomic');
    expect(await t.say('/quiz streak')).toContain(
      'Points: 0 in all, 0 this month; button questions: 0 of 1 right (0%).',
    );
    expect(await t.say('/quiz leaderboard points')).toContain('Leaderboard: points\n   1. bob — 10');
  });

  it('shows a candidate output as it would print, and practises a button question with a letter', async () => {
    t = await new Terminal().start('o-medium');
    expect(t.transcript).toContain("  a) ['slow', 'fast']\n  b) ['fast', 'slow']\n  c)\n       slow\n       fast");
    await t.say('/quiz reveal-now');
    const practice = await t.say('/quiz futures');
    expect(practice).toContain('No question matches');
    const q = await t.say('/quiz threading easy');
    expect(q).toContain('Type a letter (or /quiz answer b) to answer');
    expect(await t.say('a')).toContain('A is not right: the answer is B.\nthe threads race on the counter');
  });

  it('falls back to the rotation when the bank has no gentle button question', async () => {
    t = await new Terminal().start(undefined);
    expect(t.transcript).toContain('Question of the day');
  });
});

describe('scheduling a format in the shell', () => {
  it('says which kinds of question the schedule asks', async () => {
    const t = await new Terminal().start('c-easy');
    expect(await t.say('/quiz schedule 09:00 UTC format choice')).toContain(
      'answers open for 4h, button questions only. Next question:',
    );
    expect(await t.say('/quiz schedule 09:00 UTC')).toContain('answers open for 4h. Next question:');
    await t.end();
  });
});

describe('the demo opener', () => {
  it('is an easy or medium button question, and varies with chance', () => {
    const picks = new Set([0, 0.5, 0.99].map((r) => demoOpener(BANK, () => r)));
    expect(picks).toEqual(new Set(['c-easy', 'o-medium']));
    expect(
      demoOpener(new QuestionBank([makeQuestion('f1'), buttonQuestion('c', { difficulty: 'hard' })]), () => 0),
    ).toBe(undefined);
  });
});

describe('the shell reveal of a button round', () => {
  it('draws bars in proportion to the most picked option', () => {
    const view: RevealView = {
      roundId: 'r1',
      question: {
        id: 'c',
        title: 'T',
        difficulty: 'easy',
        topics: [],
        prompt: '',
        format: 'choice',
        options: ['x', 'y'],
      },
      modelAnswer: 'Because.',
      keyPoints: [],
      answers: [],
      listed: [],
      mostMissed: [],
      feedbackAvailable: true,
      revealedAt: 0,
      choice: {
        correct: 1,
        options: [
          { text: 'x', picks: 5, why: 'not x' },
          { text: 'y', picks: 10 },
        ],
        right: [],
        total: 15,
      },
    };
    expect(renderReveal(view)).toBe(
      [
        '━━ Answer: T ━━',
        `  A ${'█'.repeat(10)} 5`,
        `  B ${'█'.repeat(20)} 10  ✓`,
        '',
        '15 picked; nobody picked the right one.',
        '',
        'Why not the others:',
        '  A: not x',
        '',
        'Because.',
      ].join('\n'),
    );
    expect(SHELL_CHANNEL).toBe('shell:demo');
  });
});
