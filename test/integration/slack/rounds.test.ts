import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT } from '../../fakes/slack/fake-slack-api.ts';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS } from './slack-harness.ts';

const ROUND_CHANNEL = `slack:${CHANNEL}` as const;

describe('slack adapter: a round from post to reveal', () => {
  let h: SlackHarness;
  let thread: string;
  let roundId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    await h.command(USERS.admin, 'post-now');
    const round = await h.store.getOpenRound(ROUND_CHANNEL);
    thread = round?.post?.threadId as string;
    roundId = round?.id as string;
  });

  afterEach(async () => {
    await h.stop();
  });

  const answers = () => h.store.countAnswers(ROUND_CHANNEL, roundId);

  it('threads the round on the ts chat.postMessage returned', async () => {
    const round = await h.store.getOpenRound(ROUND_CHANNEL);
    expect(round?.post).toEqual({ messageId: thread, threadId: thread });
    expect(thread).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('ignores bot messages, messages outside the thread and the thread parent', async () => {
    await h.event(
      {
        type: 'message',
        subtype: 'bot_message',
        channel: CHANNEL,
        channel_type: 'channel',
        bot_id: 'BOTHER',
        text: 'I am a bot',
        ts: '1795100000.000901',
        thread_ts: thread,
        event_ts: '1795100000.000901',
      },
      'EvBot1',
    );
    await h.event(
      {
        type: 'message',
        subtype: undefined,
        channel: CHANNEL,
        channel_type: 'channel',
        user: USERS.carol.id,
        bot_id: 'BAPP',
        text: 'app as user',
        ts: '1795100000.000902',
        thread_ts: thread,
        event_ts: '1795100000.000902',
      },
      'EvBot2',
    );
    await h.event(
      {
        type: 'message',
        subtype: undefined,
        channel: CHANNEL,
        channel_type: 'channel',
        user: USERS.bob.id,
        text: 'just chatting',
        ts: '1795100000.000903',
        event_ts: '1795100000.000903',
      },
      'EvPlain',
    );
    expect(await answers()).toBe(0);
  });

  it('counts an answer once when Slack retries the delivery or repeats the event id', async () => {
    await h.reply(USERS.bob, 'a lock', thread, { eventId: 'EvSame', ts: '1795100000.000500' });
    await h.reply(USERS.bob, 'a lock', thread, { eventId: 'EvSame', ts: '1795100000.000500', retryNum: 1 });
    await h.reply(USERS.bob, 'a lock', thread, { eventId: 'EvSame', ts: '1795100000.000500' });
    expect(await answers()).toBe(1);
    expect(h.logger.entries.filter((e) => e.message === 'skipped a repeated delivery of a slack event')).toHaveLength(
      2,
    );
  });

  it('still counts a retried delivery whose first attempt never arrived', async () => {
    const { status } = await h.reply(USERS.carol, 'the GIL', thread, { eventId: 'EvLost', retryNum: 2 });
    expect(status).toBe(200);
    expect(await answers()).toBe(1);
  });

  it('marks up the reveal in mrkdwn and updates the parent in place', async () => {
    await h.reply(USERS.bob, 'take a lock', thread);
    await h.reply(USERS.carol, 'the GIL and join', thread);
    await h.command(USERS.admin, 'reveal-now');

    const reveal = h.api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === thread);
    expect(messageText(reveal?.args)).toContain('*2 answered*');
    expect(messageText(reveal?.args)).toContain('• Bob: 1/3 key points (missed 2, 3)');
    const [update] = h.api.callsOf('chat.update');
    expect(update?.args).toMatchObject({ channel: CHANNEL, ts: thread });
    expect(messageText(update?.args)).toContain('*Revealed* · 2 answered');
  });

  it('gives streak and leaderboard numbers from the answers', async () => {
    await h.reply(USERS.bob, 'a lock', thread);
    await h.reply(USERS.carol, 'the GIL', thread);
    await h.command(USERS.admin, 'reveal-now');
    h.clock.advance(60 * 60_000);
    await h.command(USERS.admin, 'post-now');
    const second = (await h.store.getOpenRound(ROUND_CHANNEL))?.post?.threadId as string;
    await h.reply(USERS.bob, 'again', second);
    await h.command(USERS.admin, 'reveal-now');

    expect(messageText(await h.command(USERS.bob, 'streak'))).toContain(
      'You: current streak *2*, best *2*, 2 answers in all, 2 this month.',
    );
    expect(messageText(await h.command(USERS.bob, `streak <@${USERS.carol.id}|carol>`))).toContain(
      '*Carol*: current streak *0*, best *1*, 1 answer in all',
    );
    const board = messageText(await h.command(USERS.carol, 'leaderboard total'));
    expect(board).toContain('*Leaderboard: total answers*');
    expect(board).toContain('1. Bob — 2');
    expect(board).toContain('2. Carol — 1');
  });

  it('escapes names and words that would ping the channel', async () => {
    await h.reply(USERS.mallory, 'a lock', thread);
    await h.command(USERS.admin, 'reveal-now');
    const reveal = messageText(h.api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === thread)?.args);
    expect(reveal).toContain('• &lt;!channel&gt; &amp; co: 1/3 key points');
    expect(reveal).not.toContain('<!channel>');

    const help = messageText(await h.command(USERS.bob, 'hello <!here> <!subteam^S123>'));
    expect(help).toContain('`hello &lt;!here&gt; &lt;!subteam^S123&gt;`');
    expect(help).not.toMatch(/<!(here|channel|subteam)/);
  });

  it('never sees its own messages as answers', async () => {
    await h.event(
      {
        type: 'message',
        subtype: undefined,
        channel: CHANNEL,
        channel_type: 'channel',
        user: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
        text: 'my own reveal',
        ts: '1795100000.000777',
        thread_ts: thread,
        event_ts: '1795100000.000777',
      },
      'EvSelf',
    );
    expect(await answers()).toBe(0);
  });
});
