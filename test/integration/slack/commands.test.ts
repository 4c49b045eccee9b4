import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTICE_REVEAL_ACTION } from '../../../src/adapters/slack/render-replies.ts';
import { buttonPressPayload } from '../../fakes/slack/signed-requests.ts';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS, waitFor } from './slack-harness.ts';

describe('slack adapter: /quiz commands over HTTP', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('answers url_verification with the challenge', async () => {
    const response = await h.slack.urlVerification('challenge-123');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('refuses to schedule a conversation the bot is not in, or a DM, and saves nothing', async () => {
    h.api.failNext('conversations.history', 'not_in_channel');
    expect(messageText(await h.command(USERS.admin, 'schedule 09:00 UTC'))).toContain(
      'I am not a member of this channel',
    );
    h.api.failNext('conversations.history', 'missing_scope');
    expect(messageText(await h.command(USERS.admin, 'post-now'))).toContain('I cannot read replies in direct messages');
    expect(await h.store.getSchedule(`slack:${CHANNEL}`)).toBeNull();
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(0);
    // Members' commands need no such check.
    const checks = h.api.callsOf('conversations.history').length;
    await h.command(USERS.bob, 'streak');
    expect(h.api.callsOf('conversations.history')).toHaveLength(checks);
  });

  it('treats workspace owners and SLACK_ADMIN_USERS as admins too', async () => {
    expect((await h.command(USERS.owner, 'schedule 10:00 Europe/Berlin')).response_type).toBe('in_channel');
    expect((await h.command(USERS.listed, 'unschedule')).response_type).toBe('in_channel');
  });

  it('asks users.info once per user while the answer is fresh', async () => {
    await h.command(USERS.bob, 'help');
    await h.command(USERS.bob, 'topics');
    expect(h.api.callsOf('users.info').filter((c) => c.args.user === USERS.bob.id)).toHaveLength(1);
  });

  it('posts the question as Block Kit on post-now', async () => {
    const response = await h.command(USERS.admin, 'post-now');
    expect(response.response_type).toBe('ephemeral');
    expect(messageText(response)).toContain('Posted; the answer is revealed in 4 h 0 min');
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe(CHANNEL);
    expect(post?.args.thread_ts).toBeUndefined();
    const round = await h.store.getOpenRound(`slack:${CHANNEL}`);
    const question = round?.questionId;
    const blocks = post?.args.blocks as { type: string }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: `Question of the day: Question ${question}` } });
    expect(messageText(post?.args)).toContain(`What about ${question}?`);
    expect(messageText(post?.args)).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
  });

  it('shows help for unknown words, with the admin part only for admins', async () => {
    const forBob = messageText(await h.command(USERS.bob, 'dance'));
    expect(forBob).toContain("I don't know `dance`");
    expect(forBob).not.toContain('/quiz post-now');
    expect(messageText(await h.command(USERS.admin, 'help'))).toContain('/quiz post-now');
  });

  it('resolves a mention to the user it names', async () => {
    const response = await h.command(USERS.admin, `streak <@${USERS.carol.id}|carol>`);
    expect(messageText(response)).toContain('*carol*: current streak *0*');
  });

  it('resolves a mention without a name through users.info', async () => {
    const response = await h.command(USERS.admin, `streak <@${USERS.carol.id}>`);
    expect(messageText(response)).toContain('*Carol*: current streak *0*');
  });
});

describe('slack adapter: practice with the Reveal answer button', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('sends the practice question privately with a button that reveals the answer in place', async () => {
    const practice = await h.command(USERS.bob, '');
    expect(practice.response_type).toBe('ephemeral');
    const actions = (practice.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    const button = actions?.elements?.[0];
    expect(button?.action_id).toBe(PRACTICE_REVEAL_ACTION);

    const response = await h.slack.blockAction(
      buttonPressPayload({
        actionId: PRACTICE_REVEAL_ACTION,
        value: button?.value ?? '',
        user: USERS.bob,
        channelId: CHANNEL,
        responseUrl: h.api.responseUrl('button'),
      }),
    );
    expect(response.status).toBe(200);
    const revealed = await waitFor(() => h.api.responsesTo('button')[0], 'the reveal behind the button');
    expect(revealed).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(messageText(revealed)).toMatch(/Model answer for q\d/);
  });

  it('does not let the button of an older practice question reveal a newer one', async () => {
    const buttonValue = (reply: Record<string, unknown>) =>
      (reply.blocks as { type: string; elements?: { value: string }[] }[]).find((b) => b.type === 'actions')
        ?.elements?.[0]?.value ?? '';
    let first = buttonValue(await h.command(USERS.bob, ''));
    let second = buttonValue(await h.command(USERS.bob, ''));
    for (let i = 0; i < 20 && first === second; i++) {
      first = second;
      second = buttonValue(await h.command(USERS.bob, ''));
    }
    expect(first).not.toBe(second);
    await h.slack.blockAction(
      buttonPressPayload({
        actionId: PRACTICE_REVEAL_ACTION,
        value: first,
        user: USERS.bob,
        channelId: CHANNEL,
        responseUrl: h.api.responseUrl('old'),
      }),
    );
    expect(messageText(await waitFor(() => h.api.responsesTo('old')[0], 'the answer to the old button'))).toContain(
      'That practice question is closed',
    );
    await h.slack.blockAction(
      buttonPressPayload({
        actionId: PRACTICE_REVEAL_ACTION,
        value: second,
        user: USERS.bob,
        channelId: CHANNEL,
        responseUrl: h.api.responseUrl('new'),
      }),
    );
    expect(messageText(await waitFor(() => h.api.responsesTo('new')[0], 'the answer to the new button'))).toContain(
      `Model answer for ${second}`,
    );
  });

  it('says so when the button is pressed twice', async () => {
    const practice = await h.command(USERS.bob, 'threading');
    const value =
      (practice.blocks as { type: string; elements?: { value: string }[] }[]).find((b) => b.type === 'actions')
        ?.elements?.[0]?.value ?? '';
    const press = (id: string) =>
      h.slack.blockAction(
        buttonPressPayload({
          actionId: PRACTICE_REVEAL_ACTION,
          value,
          user: USERS.bob,
          channelId: CHANNEL,
          responseUrl: h.api.responseUrl(id),
        }),
      );
    await press('first');
    await waitFor(() => h.api.responsesTo('first')[0], 'the first reveal');
    await press('second');
    expect(messageText(await waitFor(() => h.api.responsesTo('second')[0], 'the second answer'))).toContain(
      'You have no practice question open',
    );
  });
});
