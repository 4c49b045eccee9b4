import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import { buttonsOf, FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { textInputs } from '../../fakes/discord/modals.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { GOOD_DRAFT, SuggestionInbound } from '../../support/suggestion-inbound.ts';
import { waitFor } from '../../support/wait-for.ts';

describe('discord suggestions (adapter against the fake, core stubbed)', () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  let inbound: SuggestionInbound;
  const clock = new FakeClock(MONDAY_0800_UTC);

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    inbound = new SuggestionInbound();
    adapter = createDiscordAdapter(
      { token: 'fake-bot-token', apiUrl: fake.apiUrl, messageContent: true },
      { logger: new RecordingLogger(), clock, suggestFormBudgetMs: 200 },
    );
    await adapter.start(inbound);
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.stop();
  });

  const modalOf = async (token: string) => waitFor(() => fake.interactions.get(token)?.modal, 'the modal');

  async function openForm(who: ReturnType<FakeDiscord['user']>, draft?: typeof GOOD_DRAFT) {
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form', ...(draft ? { draft } : {}) });
    const token = fake.runCommand(who, 'suggest');
    await modalOf(token);
    return token;
  }

  it('answers /quiz suggest with a five-field modal as its first answer, within the limits, prefilled from a draft', async () => {
    const ana = fake.user('Ana');
    const token = await openForm(ana, GOOD_DRAFT);
    const log = fake.interactions.get(token)!;
    expect(log.callbacks.map((c) => c.type)).toEqual([InteractionResponseType.Modal]);
    expect(textInputs(log.modal!).map((i) => [i.custom_id, i.value])).toEqual([
      ['title', GOOD_DRAFT.title],
      ['question', GOOD_DRAFT.question],
      ['modelAnswer', GOOD_DRAFT.modelAnswer],
      ['keyPoints', GOOD_DRAFT.keyPoints],
      ['topicAndDifficulty', GOOD_DRAFT.topicAndDifficulty],
    ]);
    expect(fake.rejected).toEqual([]);
  });

  it('lists every problem privately, and its button reopens the form with everything typed; fixed, it is received', async () => {
    const ana = fake.user('Ana');
    const shown = await openForm(ana);
    const typed = { ...GOOD_DRAFT, modelAnswer: 'tbd', keyPoints: 'Only one point' };
    // The model answer is required in the form: Discord's client would not send it empty.
    expect(() => fake.submitModal(ana, shown, { ...typed, modelAnswer: '' })).toThrow(/modelAnswer is required/);
    const submitted = fake.submitModal(ana, shown, typed);
    const problems = await waitFor(() => fake.answerTo(submitted), 'the problems');
    expect(problems.ephemeral).toBe(true);
    expect(problems.message.content).toContain('Model answer');
    expect(problems.message.content).toContain('3 to 5 key points are needed; there are 1.');
    expect(inbound.submissions[0]).toMatchObject({ space: fake.guildId, caller: { id: ana.id, name: 'Ana' } });

    const edit = buttonsOf(problems.message)[0]!;
    expect(edit.label).toBe('Edit my suggestion');
    const reopened = fake.pressButton(ana, edit.custom_id!, problems.message);
    const modal = await modalOf(reopened);
    expect(textInputs(modal).map((i) => i.value)).toEqual([
      typed.title,
      typed.question,
      'tbd',
      'Only one point',
      typed.topicAndDifficulty,
    ]);
    const fixed = fake.submitModal(ana, reopened, {
      modelAnswer: GOOD_DRAFT.modelAnswer,
      keyPoints: GOOD_DRAFT.keyPoints,
    });
    const received = await waitFor(() => fake.answerTo(fixed), 'the receipt');
    expect(received.message.content).toMatch(/^Thanks: "Why gather keeps order" is waiting/);
    expect(inbound.submissions.at(-1)?.draft).toEqual(GOOD_DRAFT);
  });

  it('opens the form anyway when the core is slow, as a modal must be the first answer within 3 seconds', async () => {
    let release = () => {};
    inbound.commandGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    const token = fake.runCommand(fake.user('Ana'), 'suggest');
    const modal = await modalOf(token);
    expect(textInputs(modal)).toHaveLength(5);
    expect(fake.interactions.get(token)?.failed).toBe(false);
    release();
  });

  it('does not keep one person’s draft for another', async () => {
    const ana = fake.user('Ana');
    const shown = await openForm(ana);
    const submitted = fake.submitModal(ana, shown, { ...GOOD_DRAFT, keyPoints: 'one' });
    await waitFor(() => fake.answerTo(submitted), 'the problems');
    const bob = fake.user('Bob');
    const token = await openForm(bob);
    expect(textInputs(fake.interactions.get(token)!.modal!).every((i) => i.value === undefined)).toBe(true);
  });

  it('lists pending suggestions with Approve and Reject; Reject asks for a reason, then both reach the core', async () => {
    const admin = fake.user('Admin');
    fake.admins.add(admin.id);
    inbound.commandReplies.push({
      visibility: 'private',
      kind: 'suggestions',
      items: [
        {
          id: 'sg1',
          author: { id: '42', name: 'Ana @everyone' },
          submittedAt: MONDAY_0800_UTC,
          title: 'Why *gather* keeps order',
          question: 'Order?',
          modelAnswer: 'Argument order.',
          keyPoints: ['Argument order', 'Not finish order', 'Waits for all'],
          topics: ['asyncio'],
          difficulty: 'easy',
        },
      ],
    });
    const token = fake.runCommand(admin, 'suggestions');
    const list = await waitFor(() => fake.answerTo(token), 'the list');
    expect(list.ephemeral).toBe(true);
    expect(list.message.embeds[0]?.title).toBe('Why \\*gather\\* keeps order');
    expect(list.message.embeds[0]?.description).toMatch(/^by Ana @\u200beveryone, 3 key points\n\nOrder\?$/);
    const [approve, reject] = buttonsOf(list.message);
    expect([approve?.custom_id, reject?.custom_id]).toEqual([
      'quiz:suggestion:approve:sg1',
      'quiz:suggestion:reject:sg1',
    ]);

    const approved = fake.pressButton(admin, approve!.custom_id!, list.message);
    expect((await waitFor(() => fake.answerTo(approved), 'approved')).message.content).toMatch(/is approved/);
    const rejecting = fake.pressButton(admin, reject!.custom_id!, list.message);
    await modalOf(rejecting);
    const rejected = fake.submitModal(admin, rejecting, { reason: 'We ask this one already.' });
    expect((await waitFor(() => fake.answerTo(rejected), 'rejected')).message.content).toMatch(/is rejected/);
    expect(inbound.decisions.map((d) => [d.suggestionId, d.decision, d.reason, d.isAdmin, d.space])).toEqual([
      ['sg1', 'approve', undefined, true, fake.guildId],
      ['sg1', 'reject', 'We ask this one already.', true, fake.guildId],
    ]);
    expect(fake.rejected).toEqual([]);
  });

  it('tells an author privately in a direct message, opening the DM channel once', async () => {
    await adapter.notifyUser('4242', 'Your suggestion "Why gather keeps order" is approved.');
    await adapter.notifyUser('4242', 'Your suggestion "*Locks* @everyone" is rejected.');
    expect(fake.requests.filter((r) => r.path === '/users/@me/channels').map((r) => r.body)).toEqual([
      { recipient_id: '4242' },
      { recipient_id: '4242' },
    ]);
    expect(fake.directMessagesTo('4242').map((m) => m.content)).toEqual([
      'Your suggestion "Why gather keeps order" is approved.',
      'Your suggestion "\\*Locks\\* @\u200beveryone" is rejected.',
    ]);
  });

  it('exports as one private Markdown attachment holding every file', async () => {
    const admin = fake.user('Admin');
    fake.admins.add(admin.id);
    inbound.commandReplies.push({
      visibility: 'private',
      kind: 'export',
      files: [
        { name: 'team-gather-order.md', content: '---\nid: team-gather-order\n---\n# Why gather keeps order\n' },
        { name: 'team-lock.md', content: '---\nid: team-lock\n---\n# Locks\n' },
      ],
    });
    const token = fake.runCommand(admin, 'export');
    const answer = await waitFor(
      () => ((fake.answerTo(token)?.message.attachments?.length ?? 0) > 0 ? fake.answerTo(token) : undefined),
      'the export',
    );
    expect(answer.ephemeral).toBe(true);
    const files = fake.uploads.get(answer.message.id)!;
    expect(files.map((f) => f.filename)).toEqual(['team-questions.md']);
    const text = files[0]!.data.toString('utf8');
    expect(text).toContain('<!-- file: team-gather-order.md -->\n---\nid: team-gather-order');
    expect(text).toContain('<!-- file: team-lock.md -->\n---\nid: team-lock');
  });
});
