import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/client.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { buttonPressPayload, FORM, SlackRequestSender } from '../../fakes/slack/signed-requests.ts';
import { inputsOf, type ModalView } from '../../../support/fakes/slack/modals.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { GOOD_DRAFT, SuggestionInbound } from '../../support/suggestion-inbound.ts';
import { CHANNEL, messageText, RecordingLogger, SIGNING_SECRET, USERS, waitFor } from './slack-harness.ts';

describe('slack suggestions (adapter against the fake, core stubbed)', () => {
  let api: FakeSlackApi;
  let adapter: SlackAdapter;
  let slack: SlackRequestSender;
  let inbound: SuggestionInbound;
  const clock = new FakeClock(MONDAY_0800_UTC);
  let requests = 0;

  beforeEach(async () => {
    api = new FakeSlackApi(() => clock.now());
    await api.start();
    for (const user of [USERS.bob, USERS.admin]) api.addUser(user);
    inbound = new SuggestionInbound();
    adapter = createSlackAdapter(
      { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url, adminUsers: [] },
      { logger: new RecordingLogger(), port: 0, clock, retryConfig: { retries: 0 }, suggestionBudgetMs: 300 },
    );
    await adapter.start(inbound);
    slack = new SlackRequestSender(`http://127.0.0.1:${adapter.listeningPort()}/slack/events`, SIGNING_SECRET);
  });
  afterEach(async () => {
    await adapter.stop();
    await api.stop();
  });

  /** `/quiz <text>` with a fresh trigger; resolves once the adapter is done with it. */
  async function command(user: (typeof USERS)['bob'], text: string, trigger = api.issueTrigger()) {
    requests += 1;
    const id = `cmd-${requests}`;
    const response = await slack.slashCommand({
      text,
      user_id: user.id,
      user_name: user.name,
      channel_id: CHANNEL,
      response_url: api.responseUrl(id),
      trigger_id: trigger,
    });
    expect(response.status).toBe(200);
    await adapter.settled();
    return id;
  }

  const openView = () => {
    const [id, open] = [...api.views.entries()].at(-1) ?? [];
    if (!id || !open) throw new Error('no view is open');
    return { id, view: open.view };
  };

  async function submit(user: (typeof USERS)['bob'], typed: Record<string, string>) {
    const { id } = openView();
    const payload = api.viewSubmission(id, user, typed);
    const response = await slack.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    const outcome = api.answerSubmission(id, response.status, await response.text());
    await adapter.settled();
    return { id, outcome };
  }

  const valuesOf = (view: ModalView) => inputsOf(view).map((i) => [i.block_id, i.element?.initial_value]);

  it('opens a five-input modal with the command’s trigger, prefilled from a draft', async () => {
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form', draft: GOOD_DRAFT });
    await command(USERS.bob, 'suggest');
    expect(api.callsOf('views.open')).toHaveLength(1);
    expect(valuesOf(openView().view)).toEqual([
      ['title', GOOD_DRAFT.title],
      ['question', GOOD_DRAFT.question],
      ['modelAnswer', GOOD_DRAFT.modelAnswer],
      ['keyPoints', GOOD_DRAFT.keyPoints],
      ['topicAndDifficulty', GOOD_DRAFT.topicAndDifficulty],
    ]);
    expect(api.rejected).toEqual([]);
  });

  it('says so privately when the trigger has lapsed (Slack gives 3 seconds), and a trigger opens one view only', async () => {
    const trigger = api.issueTrigger();
    clock.advance(3_001);
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    const id = await command(USERS.bob, 'suggest', trigger);
    expect(messageText(await waitFor(() => api.responsesTo(id)[0], 'the note'))).toMatch(/took too long to open/);
    expect(api.views.size).toBe(0);

    const once = api.issueTrigger();
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    await command(USERS.bob, 'suggest', once);
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    const again = await command(USERS.bob, 'suggest', once);
    expect(api.views.size).toBe(1);
    expect(messageText(await waitFor(() => api.responsesTo(again)[0], 'the note'))).toMatch(/took too long/);
  });

  it('keeps the modal open with every problem beside its input and the text as typed; fixed, it is received', async () => {
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    await command(USERS.bob, 'suggest');
    const typed = { ...GOOD_DRAFT, modelAnswer: 'tbd', keyPoints: 'Only one' };
    const first = await submit(USERS.bob, typed);
    expect(first.outcome).toEqual({
      kind: 'errors',
      errors: {
        modelAnswer: 'The model answer needs at least 10 characters.',
        keyPoints: '3 to 5 key points are needed; there are 1.',
      },
    });
    expect(inbound.submissions[0]).toMatchObject({
      space: 'T0001',
      channel: `slack:${CHANNEL}`,
      caller: { id: USERS.bob.id, name: 'Bob' },
    });
    const fixed = await submit(USERS.bob, { modelAnswer: GOOD_DRAFT.modelAnswer, keyPoints: GOOD_DRAFT.keyPoints });
    expect(inbound.submissions.at(-1)?.draft).toEqual(GOOD_DRAFT);
    expect(fixed.outcome.kind).toBe('updated');
    expect(messageText(api.views.get(fixed.id)?.view as never)).toMatch(/Thanks: "Why gather keeps order" is waiting/);
  });

  it('answers a slow check within the 3 seconds with a "checking" view, then shows the form again with the problems and the text', async () => {
    inbound.commandReplies.push({ visibility: 'private', kind: 'suggest-form' });
    await command(USERS.bob, 'suggest');
    let release = () => {};
    inbound.submitGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const typed = { ...GOOD_DRAFT, keyPoints: 'Only one' };
    // Sent by hand: `submit` waits for the adapter to settle, which the held check would never let it.
    const { id } = openView();
    const payload = api.viewSubmission(id, USERS.bob, typed);
    const response = await slack.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    const outcome = api.answerSubmission(id, response.status, await response.text());
    expect(outcome.kind).toBe('updated');
    expect(messageText(api.views.get(id)?.view as never)).toMatch(/Checking your suggestion/);
    release();
    await waitFor(() => api.callsOf('views.update').length === 1, 'the update');
    await adapter.settled();
    const shown = api.views.get(id)!.view;
    expect(messageText(shown as never)).toMatch(/3 to 5 key points are needed/);
    expect(valuesOf(shown).map(([, v]) => v)).toEqual([
      typed.title,
      typed.question,
      typed.modelAnswer,
      'Only one',
      typed.topicAndDifficulty,
    ]);
    expect(api.rejected).toEqual([]);
  });

  it('lists suggestions with Approve and Reject; Reject opens a reason modal with the press’s trigger; both reach the core as an admin', async () => {
    inbound.commandReplies.push({
      visibility: 'private',
      kind: 'suggestions',
      items: [
        {
          id: 'sg1',
          author: { id: 'UBOB', name: '<!channel> Bob' },
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
    const id = await command(USERS.admin, 'suggestions');
    const list = await waitFor(() => api.responsesTo(id)[0], 'the list');
    expect(list.response_type).toBe('ephemeral');
    expect(messageText(list)).toContain('&lt;!channel&gt; Bob');
    expect(messageText(list)).not.toContain('<!channel>');

    const press = (actionId: string, trigger: string) => {
      const payload = buttonPressPayload({
        actionId,
        value: 'sg1',
        user: USERS.admin,
        channelId: CHANNEL,
        responseUrl: api.responseUrl('press'),
      });
      return slack.blockAction({ ...payload, trigger_id: trigger });
    };
    await press('quiz_suggestion_approve', api.issueTrigger());
    await adapter.settled();
    expect(messageText(await waitFor(() => api.responsesTo('press')[0], 'approved'))).toMatch(/is approved/);

    await press('quiz_suggestion_reject', api.issueTrigger());
    await adapter.settled();
    await waitFor(() => api.views.size === 1, 'the reason modal');
    const { outcome } = await submit(USERS.admin, { reason: 'We ask this one already.' });
    expect(outcome.kind).toBe('updated');
    expect(inbound.decisions.map((d) => [d.suggestionId, d.decision, d.reason, d.isAdmin, d.space])).toEqual([
      ['sg1', 'approve', undefined, true, 'T0001'],
      ['sg1', 'reject', 'We ask this one already.', true, 'T0001'],
    ]);
  });

  it('tells an author privately with a message to their user id, escaped', async () => {
    await adapter.notifyUser('UBOB', 'Your suggestion "<b>" is approved.');
    expect(api.directMessagesTo('UBOB').map((m) => m.text)).toEqual(['Your suggestion "&lt;b&gt;" is approved.']);
  });

  it('sends the export as one Markdown file into the admin’s DM and says where it went', async () => {
    inbound.commandReplies.push({
      visibility: 'private',
      kind: 'export',
      files: [
        { name: 'team-gather-order.md', content: '---\nid: team-gather-order\n---\n# Why gather keeps order\n' },
        { name: 'team-lock.md', content: '# Locks\n' },
      ],
    });
    const id = await command(USERS.admin, 'export');
    expect(messageText(await waitFor(() => api.responsesTo(id)[0], 'the answer'))).toMatch(/in your direct messages/);
    const [file] = [...api.files.values()];
    expect(file?.channel).toBe(`D${USERS.admin.id}`);
    expect(file?.filename).toBe('team-questions.md');
    expect(file?.data?.toString('utf8')).toContain('<!-- file: team-lock.md -->\n# Locks');
  });
});
