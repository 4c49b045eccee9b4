/**
 * The per-user command limit holds for buttons and forms too: a practice button, the suggestion
 * form and an admin's Approve each count as a command, and one over the limit does nothing.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import { TOO_MANY_COMMANDS } from '../../src/core/wording.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const CH: ChannelId = 'shell:team';
const ann = { id: 'ann', name: 'Ann' };
const TOO_MANY = { visibility: 'private', kind: 'refusal', code: 'too-many-commands', message: TOO_MANY_COMMANDS };

function overTheLimit() {
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
    settings: { userCommandsPerMinute: 1 },
  });
  return { ...h, spend: () => h.quiz.command({ channel: CH, caller: ann, isAdmin: true, text: 'help' }) };
}

describe('the command limit on buttons and forms', () => {
  it('refuses a practice button clicked over the limit', async () => {
    const h = overTheLimit();
    await h.spend();
    expect(await h.quiz.practicePick({ channel: CH, caller: ann, questionId: 'q1', option: 0 })).toEqual(TOO_MANY);
  });

  it('refuses a suggestion form submitted over the limit, and keeps nothing of it', async () => {
    const h = overTheLimit();
    await h.spend();
    expect(await h.quiz.submitSuggestion({ channel: CH, caller: ann, space: 'S1', draft: GOOD_DRAFT })).toEqual(
      TOO_MANY,
    );
    expect(await h.store.listSuggestions('shell:S1', 'pending')).toEqual([]);
  });

  it('refuses an admin’s decision on a suggestion over the limit', async () => {
    const h = overTheLimit();
    await h.spend();
    expect(
      await h.quiz.decideSuggestion({
        channel: CH,
        caller: ann,
        isAdmin: true,
        suggestionId: 'team-1',
        decision: 'approve',
      }),
    ).toEqual(TOO_MANY);
  });

  it('takes a button within the limit', async () => {
    const h = overTheLimit();
    expect(await h.quiz.practicePick({ channel: CH, caller: ann, questionId: 'q1', option: 0 })).toMatchObject({
      kind: 'refusal',
      code: 'no-practice',
    });
  });
});
