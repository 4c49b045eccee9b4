/**
 * Reviewing the team's suggestions, through the core's Suggestions and TeamBank on the memory store:
 * what the author reads, what is stored, and which questions each space is asked.
 */
import { describe, expect, it } from 'vitest';
import { Suggestions } from '../../src/core/suggestions.ts';
import { isTeamQuestionId, TeamBank, teamSpaceOf } from '../../src/core/team-bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeBank, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const DISCORD: ChannelId = 'discord:C1';
const ann = { id: 'ann', name: 'Ann' };

class NotifyingAdapter extends RecordingAdapter {
  readonly notes: { userId: string; text: string }[] = [];
  failNotes = false;
  async notifyUser(userId: string, text: string) {
    if (this.failNotes) throw new Error('Cannot send messages to this user');
    this.notes.push({ userId, text });
  }
}

function review(adapter: RecordingAdapter = new NotifyingAdapter('discord')) {
  const store = new MemoryStore();
  const clock = new FakeClock(MONDAY_0800_UTC);
  const logger = new RecordingLogger();
  const suggestions = new Suggestions({
    store,
    clock,
    logger,
    adapters: new Map<Platform, ChatAdapter>([[adapter.platform, adapter]]),
  });
  /** `space` null: a channel whose platform names no server or workspace. */
  const submit = (channel: ChannelId = DISCORD, space: string | null = 'S1') =>
    suggestions.submit({ channel, caller: ann, draft: GOOD_DRAFT, ...(space ? { space } : {}) });
  return { store, clock, logger, suggestions, adapter, submit };
}

describe('a rejection', () => {
  it('tells the author the reason on one line, as typed but without its spacing', async () => {
    const r = review();
    await r.submit();
    await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'reject', '  asked\n\tlast   week  ');
    expect((r.adapter as NotifyingAdapter).notes).toEqual([
      {
        userId: 'ann',
        text: `Your suggested question "${GOOD_DRAFT.title}" was not accepted. The reason given: asked last week`,
      },
    ]);
    expect((await r.store.getSuggestion('team-1'))?.reason).toBe('asked last week');
  });

  it('keeps the first 300 characters of a long reason, and no reason for a blank one', async () => {
    const r = review();
    await r.submit();
    await r.submit();
    await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'reject', 'x'.repeat(400));
    expect((await r.store.getSuggestion('team-1'))?.reason).toBe('x'.repeat(300));
    await r.suggestions.decide(DISCORD, 'S1', 'team-2', 'reject', ' \n ');
    expect(await r.store.getSuggestion('team-2')).not.toHaveProperty('reason');
    expect((r.adapter as NotifyingAdapter).notes[1]?.text).toBe(
      `Your suggested question "${GOOD_DRAFT.title}" was not accepted.`,
    );
  });
});

describe('an approval', () => {
  it('keeps no reason even when one came with it, and records when it was decided', async () => {
    const r = review();
    await r.submit();
    r.clock.advance(60_000);
    await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve', 'good one');
    const stored = await r.store.getSuggestion('team-1');
    expect(stored).toMatchObject({ status: 'approved', decidedAt: MONDAY_0800_UTC + 60_000 });
    expect(stored).not.toHaveProperty('reason');
  });

  it('stands when the author cannot be told, which is logged for the operator', async () => {
    const adapter = new NotifyingAdapter('discord');
    adapter.failNotes = true;
    const r = review(adapter);
    await r.submit();
    expect(await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve')).toMatchObject({
      kind: 'suggestion-decided',
      decision: 'approved',
    });
    expect(r.logger.entries.filter((e) => e.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'could not tell the author of a suggestion its outcome',
        context: { err: expect.any(Error), suggestion: 'team-1', space: 'discord:S1' },
      },
    ]);
  });

  it('stands when the author’s platform is not connected any more', async () => {
    const r = review(new NotifyingAdapter('slack'));
    await r.submit();
    expect(await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve')).toMatchObject({ decision: 'approved' });
    expect((r.adapter as NotifyingAdapter).notes).toEqual([]);
  });

  it('stands on a platform that cannot send direct messages', async () => {
    const r = review(new RecordingAdapter('discord'));
    await r.submit();
    expect(await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve')).toMatchObject({ decision: 'approved' });
    expect(r.logger.entries).toEqual([]);
  });
});

describe('the review list', () => {
  it('shows each pending suggestion whole: author, when, question, model answer and key points', async () => {
    const r = review();
    await r.submit();
    const reply = await r.suggestions.pending(DISCORD, 'S1');
    expect(reply).toEqual({
      visibility: 'private',
      kind: 'suggestions',
      items: [
        {
          id: 'team-1',
          author: { id: 'ann', name: 'Ann' },
          submittedAt: MONDAY_0800_UTC,
          title: GOOD_DRAFT.title,
          question: GOOD_DRAFT.question,
          modelAnswer: GOOD_DRAFT.modelAnswer,
          keyPoints: [
            'Producers wait on the full queue',
            'The bound is backpressure by design',
            'Fix: put with a timeout and more consumers',
          ],
          topics: ['queue'],
          difficulty: 'easy',
        },
      ],
    });
  });

  it('takes three pending suggestions per person when no other limit is set', async () => {
    const r = review();
    for (let i = 0; i < 3; i++) expect(await r.submit()).toMatchObject({ kind: 'suggestion-received' });
    expect(await r.submit()).toMatchObject({ kind: 'refusal', code: 'too-many-suggestions' });
  });
});

describe('retiring and exporting', () => {
  it('refuses to retire a suggestion the space does not have, or one not approved, saying which', async () => {
    const r = review();
    await r.submit();
    expect(await r.suggestions.retire(DISCORD, 'S1', 'team-9')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-suggestion',
      message:
        'There is no suggestion or team question "team-9" here. `/quiz suggestions` lists the ones waiting for review.',
    });
    expect(await r.suggestions.retire(DISCORD, 'S1', 'team-1')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-such-suggestion',
      message: '"team-1" is pending: only an approved question can be retired.',
    });
    await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve');
    expect(await r.suggestions.retire(DISCORD, 'S1', 'team-1')).toEqual({
      visibility: 'private',
      kind: 'retired',
      id: 'team-1',
      title: GOOD_DRAFT.title,
    });
  });

  it('exports nothing but a refusal when the space has no approved question', async () => {
    const r = review();
    await r.submit();
    expect(await r.suggestions.export(DISCORD, 'S1')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'no-questions',
      message: 'This server or workspace has no approved team questions to export yet.',
    });
  });
});

describe('where team questions belong', () => {
  it('is the server or workspace, or the channel itself where the platform names none', async () => {
    expect(teamSpaceOf('discord:C1', 'G7')).toBe('discord:G7');
    expect(teamSpaceOf('shell:team', undefined)).toBe('shell:channel:team');
    const r = review();
    await r.submit('discord:D9', null);
    expect(await r.store.getSuggestion('team-1')).toMatchObject({
      space: 'discord:channel:D9',
      authorKey: 'discord:ann',
    });
  });

  it('names team questions team-<n> and nothing else', () => {
    expect(isTeamQuestionId('team-12')).toBe(true);
    expect(isTeamQuestionId('team-')).toBe(false);
    expect(isTeamQuestionId('my-team-1')).toBe(false);
    expect(isTeamQuestionId('team-1.md')).toBe(false);
  });
});

describe('the questions a space is asked', () => {
  async function banked() {
    const r = review();
    const bank = new TeamBank(makeBank(1), r.store);
    await r.submit();
    await r.submit();
    await r.submit();
    await r.suggestions.decide(DISCORD, 'S1', 'team-1', 'approve');
    await r.suggestions.decide(DISCORD, 'S1', 'team-2', 'reject');
    return { ...r, bank };
  }

  it('are the bank’s alone without a space or without approved questions, and with them the team’s too', async () => {
    const { bank } = await banked();
    expect((await bank.forSpace(undefined)).questions.map((q) => q.id)).toEqual(['q1']);
    expect((await bank.forSpace('discord:S2')).questions.map((q) => q.id)).toEqual(['q1']);
    const one = await bank.forSpace('discord:S1');
    expect(one.questions.map((q) => q.id)).toEqual(['q1', 'team-1']);
    expect(one.get('team-1')).toMatchObject({
      file: 'discord:S1/team-1',
      fromTeam: { author: 'Ann' },
      title: GOOD_DRAFT.title,
    });
  });

  it('find a round’s approved or retired team question from anywhere, but never a pending or rejected one', async () => {
    const r = await banked();
    expect(await r.bank.find('q1')).toMatchObject({ id: 'q1' });
    expect(await r.bank.find('team-1')).toMatchObject({ id: 'team-1', fromTeam: { author: 'Ann' } });
    expect(await r.bank.find('team-2')).toBeUndefined();
    expect(await r.bank.find('team-3')).toBeUndefined();
    expect(await r.bank.find('team-99')).toBeUndefined();
    await r.suggestions.retire(DISCORD, 'S1', 'team-1');
    expect(await r.bank.find('team-1')).toMatchObject({ id: 'team-1' });
  });
});
