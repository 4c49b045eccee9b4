/**
 * The private replies of practice on demand, word for word where a person reads them: what is said
 * when nothing matches or nothing is open, how an answer is read (a letter for a button question),
 * and that every fresh question can come up, not only the first.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { Practice } from '../../src/core/practice.ts';
import { TeamBank } from '../../src/core/team-bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const ann = { id: 'ann', name: 'Ann' };

function setup(bank = new QuestionBank([makeQuestion('f1'), buttonQuestion('c1')])) {
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
    bank,
    settings: { userCommandsPerMinute: 0 },
  });
  const run = (text: string) => h.quiz.command({ channel: CH, caller: ann, isAdmin: false, text });
  return { ...h, run };
}

const refusal = (code: string, message: string) => ({ visibility: 'private', kind: 'refusal', code, message });

describe('practice refusals', () => {
  it('says no question matches a topic the bank does not have, and points to the topic list', async () => {
    expect(await setup().run('asyncio')).toEqual(
      refusal('no-questions', 'No question matches that topic, difficulty and kind. Try `/quiz topics`.'),
    );
  });

  it('says there is no practice question open, and how to get one, to an answer without one', async () => {
    expect(await setup().run('answer a lock')).toEqual(
      refusal('no-practice', 'You have no practice question open. Type `/quiz` to get one.'),
    );
  });

  it('tells a click on an older practice question’s button that it is closed', async () => {
    const s = setup();
    await s.run('choice');
    expect(await s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'f1', option: 0 })).toEqual(
      refusal(
        'no-practice',
        'That practice question is closed: you asked for another one since. Use the button under your latest question, or `/quiz answer <your answer>`.',
      ),
    );
  });

  it('refuses a blank answer with how to write one, and keeps the question open', async () => {
    const store = new MemoryStore();
    const practice = new Practice(store, new TeamBank(new QuestionBank([makeQuestion('f1')]), store), () => 0);
    await practice.ask('shell:ann', {}, 0);
    expect(await practice.finish('shell:ann', '   ')).toEqual(
      refusal('empty-answer', 'Write your answer after the command: `/quiz answer <your answer>`.'),
    );
    expect(await practice.finish('shell:ann', 'a lock')).toMatchObject({ kind: 'practice-result', answered: true });
  });
});

describe('practice results', () => {
  it('reveals a question without an answer with every key point missed and the model answer', async () => {
    const s = setup();
    await s.run('free');
    expect(await s.quiz.practiceReveal(CH, ann)).toEqual({
      visibility: 'private',
      kind: 'practice-result',
      question: expect.objectContaining({ id: 'f1' }),
      covered: [],
      missed: ['Uses a lock', 'Mentions the GIL', 'Joins the threads'],
      modelAnswer: 'Model answer for f1: take a lock, remember the GIL, join the threads.',
      answered: false,
    });
  });

  it('gives a right pick the right option and the model answer, and no why', async () => {
    const s = setup();
    await s.run('choice');
    expect(await s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'c1', option: 1 })).toEqual({
      visibility: 'private',
      kind: 'practice-pick-result',
      question: expect.objectContaining({ id: 'c1' }),
      option: 1,
      correct: 1,
      modelAnswer: 'Model answer for c1: take a lock, remember the GIL, join the threads.',
    });
  });

  it('gives no why for a wrong option that has none', async () => {
    const options = [
      { text: 'one', correct: true },
      { text: 'two', correct: false },
    ];
    const s = setup(new QuestionBank([buttonQuestion('c2', { options })]));
    await s.run('');
    const reply = await s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'c2', option: 1 });
    expect(reply).toMatchObject({ kind: 'practice-pick-result', option: 1, correct: 0 });
    expect(reply).not.toHaveProperty('why');
  });

  it('refuses an option the question does not have, naming the letters it has, and keeps it open', async () => {
    const s = setup();
    await s.run('choice');
    for (const option of [3, -1, 1.5])
      expect(await s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'c1', option })).toEqual(
        refusal('no-such-option', 'That question has no such option. Pick one of A to C.'),
      );
    expect(await s.run('answer e')).toEqual(
      refusal('no-such-option', 'That question has no such option. Pick one of A to C.'),
    );
    expect(await s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'c1', option: 1 })).toMatchObject({
      kind: 'practice-pick-result',
    });
  });
});

describe('answering a button practice question with a letter', () => {
  const letterWanted = refusal(
    'no-such-option',
    'Your practice question is answered with the letter of an option, e.g. `/quiz answer b`.',
  );

  for (const [typed, option] of [
    ['c', 2],
    ['C', 2],
    ['(a)', 0],
    ['b)', 1],
    ['b.', 1],
  ] as const) {
    it(`takes “/quiz answer ${typed}” as a pick of option ${'abc'[option]}`, async () => {
      const s = setup();
      await s.run('choice');
      expect(await s.run(`answer ${typed}`)).toMatchObject({ kind: 'practice-pick-result', option });
    });
  }

  for (const typed of ['bc', 'b c', 'xb', 'b!', '((b)', 'f']) {
    it(`asks for a letter when the answer is “${typed}”, and keeps the question open`, async () => {
      const s = setup();
      await s.run('choice');
      expect(await s.run(`answer ${typed}`)).toEqual(letterWanted);
      expect(await s.run('answer b')).toMatchObject({ kind: 'practice-pick-result', option: 1 });
    });
  }
});

describe('which practice question comes up', () => {
  it('can hand out the last of the fresh questions, not only the first', async () => {
    const store = new MemoryStore();
    const bank = new QuestionBank([makeQuestion('q1'), makeQuestion('q2'), makeQuestion('q3')]);
    const practice = new Practice(store, new TeamBank(bank, store), () => 0.999);
    const asked = await practice.ask('shell:ann', {}, 0);
    expect(asked).toMatchObject({ kind: 'practice', question: { id: 'q3' } });
  });

  it('hands out, from the fresh questions, the one the draw falls on', async () => {
    const store = new MemoryStore();
    const bank = new QuestionBank([makeQuestion('q1'), makeQuestion('q2'), makeQuestion('q3')]);
    const practice = new Practice(store, new TeamBank(bank, store), () => 0.5);
    expect(await practice.ask('shell:ann', {}, 0)).toMatchObject({ question: { id: 'q2' } });
    // q2 was just asked: the draw now falls on the second of q1 and q3.
    expect(await practice.ask('shell:ann', {}, 1)).toMatchObject({ question: { id: 'q3' } });
  });
});
