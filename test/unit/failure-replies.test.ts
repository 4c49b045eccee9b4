/**
 * What a person is told when the bot fails under a button, a form or a private command: a store
 * outage reads "temporarily unavailable", any other failure "went wrong on my side" (it is a bug, not
 * the database), and the operator finds every such failure in the log with the channel it hit.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import { QuizError } from '../../src/core/errors.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter, ThreadMessage } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { buttonQuestion } from '../support/button-bank.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const CH: ChannelId = 'shell:team';
const ann = { id: 'ann', name: 'Ann' };
const lead = { id: 'lead', name: 'Lead' };

type Failure = 'outage' | 'bug';

/** A memory store that, once told to, fails every call: as an unreachable store, or with a bug. */
function failingStore() {
  let failure: Failure | undefined;
  const store = new Proxy(new MemoryStore(), {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (failure === 'outage') throw new QuizError('store-unavailable', 'Connection is closed.');
        if (failure === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'seq')");
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  }) as Store;
  return { store, fail: (f: Failure | undefined) => (failure = f) };
}

function setup() {
  const { store, fail } = failingStore();
  const adapter = new RecordingAdapter('shell');
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    store,
    logger,
    bank: new QuestionBank([buttonQuestion('c1'), makeQuestion('f1')]),
    settings: { userCommandsPerMinute: 0 },
  });
  const command = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text });
  const message = (text: string): ThreadMessage => ({
    channel: CH,
    threadId: adapter.posts.at(-1)?.ref.threadId ?? '',
    messageId: 'm-ann',
    author: { ...ann, isBot: false },
    text,
  });
  return { ...h, adapter, logger, fail, command, message };
}

const UNAVAILABLE = {
  visibility: 'private',
  kind: 'refusal',
  code: 'unavailable',
  message: expect.stringContaining('temporarily unavailable'),
};
const INTERNAL = {
  visibility: 'private',
  kind: 'refusal',
  code: 'internal',
  message: expect.stringContaining('went wrong on my side'),
};

/** Each entry point that answers privately, and the line its failure is logged under. */
const entryPoints: [string, string, (s: ReturnType<typeof setup>) => Promise<Reply>][] = [
  ['the reveal of a practice question', 'practice reveal failed', (s) => s.quiz.practiceReveal(CH, ann)],
  [
    'a click on a practice question’s option',
    'practice pick failed',
    (s) => s.quiz.practicePick({ channel: CH, caller: ann, questionId: 'c1', option: 1 }),
  ],
  ['the feedback button under a reveal', 'round feedback failed', (s) => s.quiz.roundFeedback(CH, ann, 'r1')],
  [
    'a submitted suggestion form',
    'suggestion submit failed',
    (s) => s.quiz.submitSuggestion({ channel: CH, caller: ann, draft: GOOD_DRAFT }),
  ],
  [
    'an admin’s decision on a suggestion',
    'suggestion decision failed',
    (s) =>
      s.quiz.decideSuggestion({
        channel: CH,
        caller: lead,
        isAdmin: true,
        suggestionId: 'team-1',
        decision: 'approve',
      }),
  ],
];

describe('failures behind private replies', () => {
  for (const [what, logLine, run] of entryPoints) {
    it(`answers ${what} with "temporarily unavailable" during a store outage, and logs it`, async () => {
      const s = setup();
      s.fail('outage');
      expect(await run(s)).toEqual(UNAVAILABLE);
      expect(s.logger.entries).toContainEqual({
        level: 'error',
        message: logLine,
        context: expect.objectContaining({ channel: CH, err: expect.any(QuizError) }),
      });
    });

    it(`answers ${what} with "went wrong on my side" when a bug breaks it, and logs it`, async () => {
      const s = setup();
      s.fail('bug');
      expect(await run(s)).toEqual(INTERNAL);
      expect(s.logger.entries).toContainEqual({
        level: 'error',
        message: logLine,
        context: expect.objectContaining({ channel: CH, err: expect.any(TypeError) }),
      });
    });
  }

  it('logs a failed command with its channel and at most the first 100 characters of what was typed', async () => {
    const s = setup();
    s.fail('bug');
    const typed = `answer ${'take a lock around the update, '.repeat(8)}`;
    expect(await s.command(typed, ann, false)).toEqual(INTERNAL);
    const logged = s.logger.entries.find((e) => e.message === 'command failed');
    expect(logged?.context).toEqual({ err: expect.any(TypeError), channel: CH, text: typed.slice(0, 100) });
  });

  it('refuses a round button click a bug breaks with "went wrong on my side", logs it, and queues nothing', async () => {
    const s = setup();
    await s.command('post-now choice');
    const roundId = s.adapter.posts[0]!.view.roundId;
    s.fail('bug');
    expect(await s.quiz.pick({ channel: CH, caller: ann, roundId, option: 1 })).toEqual(INTERNAL);
    expect(s.quiz.pendingAnswers).toBe(0);
    expect(s.logger.entries).toContainEqual({
      level: 'error',
      message: 'could not record a pick',
      context: { err: expect.any(TypeError), channel: CH, roundId },
    });
  });

  it('logs an edit or a deletion a bug breaks, with its message, and queues neither for retry', async () => {
    const s = setup();
    await s.command('post-now free');
    expect(await s.quiz.threadMessage(s.message('not sure'))).toBe('recorded');
    s.fail('bug');
    await s.quiz.threadMessageEdited(s.message('a lock'));
    const { channel, threadId, messageId } = s.message('');
    await s.quiz.threadMessageDeleted({ channel, threadId, messageId });
    expect(s.quiz.pendingAnswers).toBe(0);
    const logged = s.logger.entries.filter((e) => e.level === 'error').map((e) => [e.message, e.context]);
    expect(logged).toEqual([
      ["could not record an answer's edit", { err: expect.any(TypeError), channel: CH, messageId: 'm-ann' }],
      ["could not record an answer's delete", { err: expect.any(TypeError), channel: CH, messageId: 'm-ann' }],
    ]);
    // The answer as it was counted stands.
    s.fail(undefined);
    const answers = await s.store.getAnswers(CH, s.adapter.posts[0]!.view.roundId);
    expect(answers.map((a) => a.text)).toEqual(['not sure']);
  });
});
