/**
 * Refusals written out in full, through the command or event that gives them: a post-now of a kind
 * none is left of, a person over the command limit, a pick the outage queue has no room for, and
 * feedback asked for before any reveal.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const lead = { id: 'lead', name: 'Lead' };
const ann = { id: 'ann', name: 'Ann' };
const bo = { id: 'bo', name: 'Bo' };

function setup(bank: QuestionBank, settings: { userCommandsPerMinute?: number; pendingAnswers?: number } = {}) {
  const flaky = flakyStore(new MemoryStore());
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store: flaky.store,
    bank,
    settings: { userCommandsPerMinute: 0, ...settings },
  });
  const command = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  return { ...h, ...flaky, adapter, command };
}

const refusal = (code: string, message: string) => ({ visibility: 'private', kind: 'refusal', code, message });

describe('refusals, word for word', () => {
  it('names the kind of question post-now has none left of', async () => {
    const tail =
      " question is left to post here (none fits this channel's topics and difficulty, or all of them were asked since the rotation last started over). Try `/quiz post-now` without a kind.";
    const cases: [QuestionBank, string, string][] = [
      [new QuestionBank([makeQuestion('f1')]), 'post-now choice', `No multiple-choice${tail}`],
      [new QuestionBank([buttonQuestion('c1')]), 'post-now free', `No free-text${tail}`],
      [new QuestionBank([makeQuestion('f1')]), 'post-now output', `No predict-the-output${tail}`],
    ];
    for (const [bank, text, message] of cases) {
      expect(await setup(bank).command(text)).toEqual(refusal('no-questions', message));
    }
  });

  it('tells someone over the command limit to slow down, once', async () => {
    const h = setup(new QuestionBank([makeQuestion('f1')]), { userCommandsPerMinute: 1 });
    await h.command('help', ann, false);
    expect(await h.command('help', ann, false)).toEqual(
      refusal('too-many-commands', "You're sending commands faster than the quiz can answer: try again in a minute."),
    );
  });

  it('asks for the click again when the store is away and the outage queue is full', async () => {
    const h = setup(new QuestionBank([buttonQuestion('c1')]), { pendingAnswers: 1 });
    await h.command('post-now choice');
    const roundId = h.adapter.posts.at(-1)!.view.roundId;
    h.setDown(true);
    expect(await h.quiz.pick({ channel: CH, caller: ann, roundId, option: 1 })).toMatchObject({ kind: 'picked' });
    expect(await h.quiz.pick({ channel: CH, caller: bo, roundId, option: 0 })).toEqual(
      refusal(
        'unavailable',
        'I could not record your pick just now (my database is unavailable). Please click it again in a few minutes.',
      ),
    );
  });

  it('says there is no feedback before any round of the channel is revealed', async () => {
    const h = setup(new QuestionBank([makeQuestion('f1')]));
    expect(await h.command('feedback', ann, false)).toEqual(
      refusal(
        'no-feedback',
        'No round has been revealed in this channel yet (or its answers are no longer kept), so there is no feedback to show.',
      ),
    );
  });
});
