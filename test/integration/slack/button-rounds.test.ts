import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/client.ts';
import type { PostRef } from '../../../src/core/types.ts';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { buttonPressPayload, channelButtonPayload, SlackRequestSender } from '../../fakes/slack/signed-requests.ts';
import {
  buttonReveal,
  buttonRoundView,
  choiceQuestion,
  outputQuestion,
  RecordingInbound,
  widestOutput,
} from '../../support/button-rounds.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC } from '../../support/fixtures.ts';
import { CHANNEL, messageText, RecordingLogger, SIGNING_SECRET, USERS, waitFor } from './slack-harness.ts';

const REVEAL_AT = MONDAY_0800_UTC + 3_600_000;

describe('slack button rounds (adapter against the fakes, core stubbed)', () => {
  let api: FakeSlackApi;
  let adapter: SlackAdapter;
  let slack: SlackRequestSender;
  let inbound: RecordingInbound;
  const clock = new FakeClock(MONDAY_0800_UTC);
  const practice = choiceQuestion();
  let clicks = 0;

  const connect = async () => {
    const next = createSlackAdapter(
      { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url, adminUsers: [] },
      { logger: new RecordingLogger(), port: 0, clock, retryConfig: { retries: 0 } },
    );
    await next.start(inbound);
    slack = new SlackRequestSender(`http://127.0.0.1:${next.listeningPort()}/slack/events`, SIGNING_SECRET);
    return next;
  };

  beforeEach(async () => {
    api = new FakeSlackApi(() => clock.now());
    await api.start();
    for (const user of [USERS.bob, USERS.carol, USERS.admin]) api.addUser(user);
    inbound = new RecordingInbound(REVEAL_AT, { question: practice, correct: 0 });
    adapter = await connect();
  });
  afterEach(async () => {
    await adapter.stop();
    await api.stop();
  });

  const postRound = (roundId = 'r1', question = outputQuestion()) =>
    adapter.postQuestion(CHANNEL, buttonRoundView(roundId, question, REVEAL_AT));

  const blocksOf = (ts: string) =>
    (api.posted.find((m) => m.ts === ts)?.blocks ?? []) as { type: string; elements?: { action_id: string }[] }[];

  /** `user` clicks option `option` on the post; resolves with what the app sent to the click's response_url. */
  async function click(user: (typeof USERS)['bob'], post: PostRef, option: number) {
    const button = api.buttonOn(CHANNEL, post.messageId, `quiz_pick_${option}`);
    if (!button) throw new Error(`no button ${option} on the post`);
    clicks += 1;
    const id = `click-${clicks}`;
    const message = api.posted.find((m) => m.ts === post.messageId)!;
    const response = await slack.blockAction(
      channelButtonPayload({ button, user, channelId: CHANNEL, message, responseUrl: api.responseUrl(id) }),
    );
    expect(response.status).toBe(200);
    await adapter.settled();
    return waitFor(() => api.responsesTo(id)[0], `the answer to ${user.name}'s click`);
  }

  it('posts the prompt, five lettered output options as code blocks and a button each whose value carries the round, within the limits', async () => {
    const post = await postRound('r-big');
    const text = messageText(api.callsOf('chat.postMessage')[0]?.args);
    expect(text).toContain('```python\nimport asyncio');
    expect(text).toContain(
      `*E*\n\`\`\`\n${widestOutput(4).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\n\`\`\``,
    );
    const actions = blocksOf(post.messageId).find((b) => b.type === 'actions');
    expect(actions?.elements).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({
        type: 'button',
        action_id: `quiz_pick_${i}`,
        text: { type: 'plain_text', text: 'ABCDE'[i] },
        value: `r-big:${i}`,
      })),
    );
    expect(api.rejected).toEqual([]);
  });

  it('acknowledges each click and answers it privately beside the question; a changed pick says so', async () => {
    const post = await postRound();
    const first = await click(USERS.bob, post, 1);
    expect(first).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(first.text).toBe('Your answer B is in; you can change it until the reveal.');
    expect((await click(USERS.carol, post, 0)).text).toBe('Your answer A is in; you can change it until the reveal.');
    expect((await click(USERS.bob, post, 3)).text).toBe('Your answer is now D; you can change it until the reveal.');
    expect(inbound.picks.map((p) => [p.caller.id, p.roundId, p.option, p.channel, p.receivedAt])).toEqual([
      ['UBOB', 'r1', 1, `slack:${CHANNEL}`, MONDAY_0800_UTC],
      ['UCAROL', 'r1', 0, `slack:${CHANNEL}`, MONDAY_0800_UTC],
      ['UBOB', 'r1', 3, `slack:${CHANNEL}`, MONDAY_0800_UTC],
    ]);
    // Nothing public changed: no tally before the reveal.
    expect(api.callsOf('chat.update')).toEqual([]);
  });

  it('acknowledges a click before the core answers, so Slack never shows the clicker a timeout', async () => {
    const post = await postRound();
    let release!: () => void;
    inbound.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const button = api.buttonOn(CHANNEL, post.messageId, 'quiz_pick_2')!;
    const message = api.posted.find((m) => m.ts === post.messageId)!;
    const response = await slack.blockAction(
      channelButtonPayload({
        button,
        user: USERS.bob,
        channelId: CHANNEL,
        message,
        responseUrl: api.responseUrl('slow'),
      }),
    );
    // The HTTP answer (the ack) came while the core is still held.
    expect(response.status).toBe(200);
    expect(api.responsesTo('slow')).toEqual([]);
    release();
    await adapter.settled();
    expect(api.responsesTo('slow')[0]?.text).toBe('Your answer C is in; you can change it until the reveal.');
  });

  it('reveals the right option, bars, who got it right and why not, and replaces the buttons with a closed line', async () => {
    const post = await postRound('r1', choiceQuestion());
    await adapter.postReveal(
      CHANNEL,
      post,
      buttonReveal(
        'r1',
        choiceQuestion(),
        {
          correct: 0,
          picks: [2, 1, 0],
          right: [
            { id: 'UBOB', name: 'Bob' },
            { id: 'UCAROL', name: 'Carol' },
          ],
        },
        REVEAL_AT,
      ),
    );
    const reveal = api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === post.threadId)!;
    const text = messageText(reveal.args);
    expect(text).toContain('*The answer: A*\nIt is released while the call blocks');
    expect(text).toContain(
      [
        '*2 of 3 got it right.*',
        '```',
        'A ███████░░░ 2  67% ✓',
        'B ███░░░░░░░ 1  33%',
        'C ░░░░░░░░░░ 0   0%',
        '```',
      ].join('\n'),
    );
    expect(text).toContain('*Got it right:* <@UBOB>, <@UCAROL>');
    expect(text).toContain('*B*: Option 1 is a common slip: it forgets &lt;what&gt; &amp; *why* the order holds.');
    expect(blocksOf(post.messageId).some((b) => b.type === 'actions')).toBe(false);
    expect(messageText(api.posted.find((m) => m.ts === post.messageId))).toContain(
      'Closed: 3 people answered. The answer is in the thread.',
    );
    expect(api.buttonOn(CHANNEL, post.messageId, 'quiz_pick_1')).toBeUndefined();
    expect(api.rejected).toEqual([]);
  });

  it('names as many who got it right as fit, then "and N more", for a big round', async () => {
    const post = await postRound();
    const right = Array.from({ length: 400 }, (_, i) => ({ id: `U${String(i).padStart(8, '0')}`, name: `P${i}` }));
    await adapter.postReveal(
      CHANNEL,
      post,
      buttonReveal('r1', outputQuestion(), { correct: 0, picks: [400, 100, 50, 25, 25], right }, REVEAL_AT),
    );
    const text = messageText(api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === post.threadId)?.args);
    const line = text.split('\n').find((l) => l.startsWith('*Got it right:*')) ?? '';
    const shown = line.match(/<@U\d+>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(20);
    expect(line).toMatch(new RegExp(`, and ${400 - shown} more$`));
    expect(api.rejected).toEqual([]);
  });

  it('answers a click on a question whose post could not be closed with a private "too late"', async () => {
    const post = await postRound();
    inbound.close('r1');
    api.failNext('chat.update', 'cant_update_message');
    await adapter.postReveal(
      CHANNEL,
      post,
      buttonReveal('r1', outputQuestion(), { correct: 0, picks: [1, 0, 0, 0, 0], right: [] }, REVEAL_AT),
    );
    const late = await click(USERS.bob, post, 0);
    expect(late).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(late.text).toBe('Too late: this question is revealed.');
  });

  it('shows practice button questions with option buttons, and replaces them with the verdict on a click', async () => {
    inbound.commandReplies.push({ visibility: 'private', kind: 'practice', question: practice });
    await slack.slashCommand({
      text: 'practice',
      user_id: USERS.bob.id,
      channel_id: CHANNEL,
      response_url: api.responseUrl('practice'),
    });
    const question = await waitFor(() => api.responsesTo('practice')[0], 'the practice question');
    const actions = (question.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual(
      [0, 1, 2].map((i) => [`quiz_practice_pick_${i}`, `${practice.id}:${i}`]),
    );
    await slack.blockAction(
      buttonPressPayload({
        actionId: 'quiz_practice_pick_2',
        value: `${practice.id}:2`,
        user: { id: USERS.bob.id, name: USERS.bob.name },
        channelId: CHANNEL,
        responseUrl: api.responseUrl('verdict'),
      }),
    );
    await adapter.settled();
    const verdict = await waitFor(() => api.responsesTo('verdict')[0], 'the verdict');
    expect(verdict).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(messageText(verdict)).toContain(':x: *C is not right: the answer is A.*');
    expect(messageText(verdict)).toContain('Blocking I/O releases the GIL');
    expect(inbound.practicePicks).toMatchObject([{ questionId: practice.id, option: 2, space: 'T0001' }]);
  });

  it('refuses a click while the bot is down (Slack shows the user an error), and takes the same button once it is back', async () => {
    const post = await postRound();
    const button = api.buttonOn(CHANNEL, post.messageId, 'quiz_pick_1')!;
    const message = api.posted.find((m) => m.ts === post.messageId)!;
    const payload = (id: string) =>
      channelButtonPayload({ button, user: USERS.bob, channelId: CHANNEL, message, responseUrl: api.responseUrl(id) });
    await adapter.stop();
    // Nobody answers the Request URL: Slack marks the click failed for the user and drops it.
    await expect(slack.blockAction(payload('down'))).rejects.toThrow();
    adapter = await connect();
    expect((await slack.blockAction(payload('back'))).status).toBe(200);
    await adapter.settled();
    expect(api.responsesTo('back')[0]?.text).toBe('Your answer B is in; you can change it until the reveal.');
    expect(api.responsesTo('down')).toEqual([]);
    expect(inbound.picks).toHaveLength(1);
  });
});

describe('slack button rounds over Socket Mode', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let adapter: SlackAdapter;
  const inbound = new RecordingInbound(REVEAL_AT);

  beforeEach(async () => {
    api = new FakeSlackApi();
    socket = new FakeSocketMode();
    await Promise.all([api.start(), socket.start()]);
    api.socketUrl = socket.url;
    adapter = createSlackAdapter(
      { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.url, adminUsers: [] },
      { logger: new RecordingLogger(), port: 0, retryConfig: { retries: 0 } },
    );
    await adapter.start(inbound);
  });
  afterEach(async () => {
    await adapter.stop();
    await Promise.all([socket.stop(), api.stop()]);
  });

  it('acknowledges a click envelope and answers on its response_url', async () => {
    const post = await adapter.postQuestion(CHANNEL, buttonRoundView('r-socket', choiceQuestion(), REVEAL_AT));
    const button = api.buttonOn(CHANNEL, post.messageId, 'quiz_pick_2')!;
    const message = api.posted.find((m) => m.ts === post.messageId)!;
    const envelope = socket.send(
      'interactive',
      channelButtonPayload({
        button,
        user: USERS.carol,
        channelId: CHANNEL,
        message,
        responseUrl: api.responseUrl('socket-click'),
      }) as unknown as Record<string, unknown>,
    );
    await waitFor(() => socket.acks.find((a) => a.envelope_id === envelope), 'the envelope to be acknowledged');
    const answer = await waitFor(() => api.responsesTo('socket-click')[0], 'the confirmation');
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      text: 'Your answer C is in; you can change it until the reveal.',
    });
    expect(inbound.picks).toMatchObject([{ roundId: 'r-socket', option: 2, caller: { id: USERS.carol.id } }]);
  });
});
