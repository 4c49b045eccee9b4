import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS } from './slack-harness.ts';

const ROUND_CHANNEL = `slack:${CHANNEL}` as const;

describe('slack adapter: Slack API failures', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  const warnings = () => h.logger.entries.filter((e) => e.message === 'slack api call failed').map((e) => e.context);

  it('waits out Retry-After when rate limited and then posts the question once', async () => {
    h.api.failNext('chat.postMessage', 'ratelimited');
    const response = await h.command(USERS.admin, 'post-now');
    expect(messageText(response)).toContain('Posted');
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(2);
    const round = await h.store.getOpenRound(ROUND_CHANNEL);
    expect(round?.post?.threadId).toBeDefined();
  });

  it('posts the question once when the answer to chat.postMessage is lost, by finding it before trying again', async () => {
    h.api.failNext('chat.postMessage', 'lost_response');
    expect(messageText(await h.command(USERS.admin, 'post-now'))).toContain('Posted');
    const questions = h.api.posted.filter((m) => m.channel === CHANNEL && !m.thread_ts);
    expect(questions).toHaveLength(1);
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    const round = await h.store.getOpenRound(ROUND_CHANNEL);
    expect(round?.post?.threadId).toBe(questions[0]?.ts);
    expect(questions[0]?.metadata).toEqual({
      event_type: 'quizthread_question',
      event_payload: { round_id: round?.id },
    });
  });

  it('posts a round it has just opened without reading the channel history first (Tier 3: it would pace a 09:00 burst)', async () => {
    await h.command(USERS.admin, 'schedule 09:00 UTC daily 4h');
    const checks = h.api.callsOf('conversations.history').length;
    h.clock.set(Date.UTC(2026, 10, 24, 9, 0));
    await h.quiz.tick();
    expect(h.api.posted.filter((m) => m.channel === CHANNEL && !m.thread_ts)).toHaveLength(1);
    expect(h.api.callsOf('conversations.history')).toHaveLength(checks);
  });

  it('looks for an earlier attempt before posting a round it did not open itself', async () => {
    const view = {
      roundId: 'r-retried',
      question: {
        id: 'q1',
        title: 'Q',
        difficulty: 'easy' as const,
        topics: [],
        prompt: 'Why?',
        format: 'free' as const,
      },
      revealAt: h.clock.now() + 3_600_000,
      timezone: 'UTC',
    };
    const first = await h.adapter.postQuestion(CHANNEL, view, { first: true });
    expect(h.api.callsOf('conversations.history')).toHaveLength(0);
    expect(await h.adapter.postQuestion(CHANNEL, view, { first: false })).toEqual(first);
    expect(h.api.callsOf('conversations.history')).toHaveLength(1);
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('takes a round already in the channel when its post is tried again (a retry after a lease, or by another replica)', async () => {
    const view = {
      roundId: 'r-again',
      question: {
        id: 'q1',
        title: 'Question q1',
        difficulty: 'easy' as const,
        topics: [],
        prompt: 'Why?',
        format: 'free' as const,
      },
      revealAt: h.clock.now() + 3_600_000,
      timezone: 'UTC',
    };
    const first = await h.adapter.postQuestion(CHANNEL, view);
    const second = await h.adapter.postQuestion(CHANNEL, view);
    expect(second).toEqual(first);
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('gives up after three attempts while Slack answers 503, checking the channel before each', async () => {
    for (let i = 0; i < 3; i++) h.api.failNext('chat.postMessage', 'http_503');
    expect(messageText(await h.command(USERS.admin, 'post-now'))).toContain('could not post the question just now');
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(3);
    // One check that the bot may post here, then a look for the round before each later attempt
    // (the first attempt at a round this call opened has nothing to look for).
    expect(h.api.callsOf('conversations.history')).toHaveLength(1 + 2);
    expect(h.api.posted).toHaveLength(0);
  });

  it('reports Slack as disconnected to /healthz once the token is revoked, until a post succeeds again', async () => {
    expect(h.adapter.isConnected()).toBe(true);
    h.api.failNext('chat.postMessage', 'token_revoked');
    await h.command(USERS.admin, 'post-now');
    expect(h.adapter.isConnected()).toBe(false);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('Slack rejected the bot token') }),
    );
    expect(messageText(await h.command(USERS.admin, 'post-now'))).toContain('Posted');
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('tells the admin the bot is not in the channel, and logs the channel', async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    const response = await h.command(USERS.admin, 'post-now');
    expect(messageText(response)).toContain('I could not post in this channel because I am not a member');
    expect(warnings()).toContainEqual(
      expect.objectContaining({
        channel: CHANNEL,
        method: 'chat.postMessage',
        code: 'not-in-channel',
        slackError: 'not_in_channel',
      }),
    );
  });

  it('keeps reminding admins, and only admins, until a post succeeds', async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    await h.command(USERS.admin, 'post-now');
    expect(messageText(await h.command(USERS.admin, 'today'))).toContain('I am not a member');
    expect(messageText(await h.command(USERS.bob, 'today'))).not.toContain('I am not a member');

    await h.command(USERS.admin, 'reveal-now');
    h.clock.advance(60_000);
    expect(messageText(await h.command(USERS.admin, 'post-now'))).toContain('Posted');
    expect(messageText(await h.command(USERS.admin, 'today'))).not.toContain('I am not a member');
  });

  it('tries a scheduled post in an archived channel once that day, and keeps streaks', async () => {
    await h.command(USERS.admin, 'post-now');
    const first = (await h.store.getOpenRound(ROUND_CHANNEL))!;
    await h.reply(USERS.bob, 'a lock', first.post!.threadId);
    await h.command(USERS.admin, 'reveal-now');
    await h.command(USERS.admin, 'schedule 09:00 UTC daily 4h');
    h.clock.set(Date.UTC(2026, 10, 24, 9, 0));
    h.api.failNext('chat.postMessage', 'is_archived');
    const before = h.api.callsOf('chat.postMessage').length;
    for (let minute = 0; minute < 5 * 60; minute += 1) {
      await h.quiz.tick();
      h.clock.advance(60_000);
    }
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(before + 1);
    expect(warnings()).toContainEqual(expect.objectContaining({ channel: CHANNEL, code: 'channel-archived' }));
    expect(await h.store.getOpenRound(ROUND_CHANNEL)).toBeNull();
    expect(messageText(await h.command(USERS.bob, 'streak'))).toContain('current streak *1*');
  });

  it('logs a reveal it could not post with the channel, and keeps serving', async () => {
    await h.command(USERS.admin, 'post-now');
    h.api.failNext('chat.postMessage', 'channel_not_found');
    const response = await h.command(USERS.admin, 'reveal-now');
    expect(messageText(response)).toContain('I could not find this channel');
    expect(warnings()).toContainEqual(expect.objectContaining({ channel: CHANNEL, code: 'channel-not-found' }));
    expect(messageText(await h.command(USERS.bob, 'help'))).toContain('quizthread commands');
  });

  it('still counts the reveal when only the update of the original post fails', async () => {
    await h.command(USERS.admin, 'post-now');
    h.api.failNext('chat.update', 'message_not_found');
    const response = await h.command(USERS.admin, 'reveal-now');
    expect(messageText(response)).toContain('Revealed (0 answered)');
    expect(warnings()).toContainEqual(
      expect.objectContaining({ channel: CHANNEL, method: 'chat.update', slackError: 'message_not_found' }),
    );
  });

  it('does not mind a late reply that already has its reaction', async () => {
    await h.command(USERS.admin, 'post-now');
    const thread = (await h.store.getOpenRound(ROUND_CHANNEL))?.post?.threadId as string;
    await h.command(USERS.admin, 'reveal-now');
    h.api.failNext('reactions.add', 'already_reacted');
    const { ts } = await h.reply(USERS.bob, 'late', thread);
    expect(h.api.callsOf('reactions.add').map((c) => c.args)).toEqual([
      expect.objectContaining({ channel: CHANNEL, timestamp: ts, name: 'alarm_clock' }),
    ]);
    expect(warnings()).toEqual([]);
  });

  it('posts a channel warning with the text escaped', async () => {
    await h.adapter.warnChannel(CHANNEL, 'Questions paused: <!channel> check the bank');
    const [warning] = h.api.callsOf('chat.postMessage');
    expect(warning?.args.text).toBe(':warning: Questions paused: &lt;!channel&gt; check the bank');
  });

  it('logs instead of throwing when a channel warning cannot be posted', async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    await expect(h.adapter.warnChannel(CHANNEL, 'hello')).resolves.toBeUndefined();
    expect(warnings()).toContainEqual(expect.objectContaining({ channel: CHANNEL, code: 'not-in-channel' }));
  });
});
