import { GatewayDispatchEvents, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEEDED_PERMISSIONS } from '../../../src/adapters/discord/errors.ts';
import { failures } from '../../fakes/discord/fake-discord.ts';
import { BOT_PERMISSIONS } from '../../fakes/discord/payloads.ts';
import { waitFor } from '../../support/wait-for.ts';
import { answerOf, type DiscordHarness, postNow, startDiscordQuiz } from './harness.ts';

describe('discord failures', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await startDiscordQuiz();
  });
  afterEach(async () => {
    await h.stop();
  });

  const admin = () => h.fake.user('Ada');
  const channelMessages = () => `/channels/${h.fake.channelId}/messages`;

  it('retries a request Discord answered with 429 and logs it with the channel', async () => {
    h.fake.failNext('POST', channelMessages(), failures.rateLimited(0.05));
    const { threadId } = await postNow(h, admin());
    expect(h.fake.requestsTo('POST', channelMessages())).toHaveLength(2);
    expect(h.fake.threads.has(threadId)).toBe(true);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', context: expect.objectContaining({ channel: h.fake.channelId }) }),
    );
  });

  it('posts the question once when the response to its POST is lost and discord.js retries it', async () => {
    h.fake.failNext('POST', channelMessages(), failures.lostResponse());
    const { messageId, threadId } = await postNow(h, admin());
    const attempts = h.fake.requestsTo('POST', channelMessages());
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.body.nonce).toBe(attempts[1]?.body.nonce);
    expect(attempts[0]?.body.enforce_nonce).toBe(true);
    const questions = [...h.fake.messages.values()].filter(
      (m) => m.channel_id === h.fake.channelId && m.embeds.length > 0,
    );
    expect(questions.map((m) => m.id)).toEqual([messageId]);
    expect(threadId).toBe(messageId);
  });

  it('takes the thread a lost response already created, instead of failing the round', async () => {
    h.fake.failNext('POST', /\/threads$/, failures.lostResponse());
    const { messageId, threadId } = await postNow(h, admin());
    expect(h.fake.requestsTo('POST', /\/threads$/)).toHaveLength(2);
    expect(threadId).toBe(messageId);
    expect(h.fake.threads.has(threadId)).toBe(true);
    expect(h.fake.requestsTo('DELETE', /\/messages\/\d+$/)).toHaveLength(0);
  });

  it('refuses to schedule where Discord says the bot cannot create threads, and saves nothing', async () => {
    const appPermissions =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.AddReactions;
    const refused = await answerOf(
      h,
      h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true, appPermissions }),
    );
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toContain("I'm missing a permission in this channel: Create Public Threads.");
    expect(await h.store.getSchedule(h.channel)).toBeNull();
    const postNow = await answerOf(h, h.fake.runCommand(admin(), 'post-now', {}, { admin: true, appPermissions }));
    expect(postNow.message.content).toContain('Create Public Threads');
    expect(h.fake.requestsTo('POST', channelMessages())).toHaveLength(0);
  });

  it('refuses to schedule where a channel override denies Read Message History, naming it and what it breaks', async () => {
    h.fake.botPermissions = BOT_PERMISSIONS;
    h.fake.overrideChannel(h.fake.channelId, { deny: PermissionFlagsBits.ReadMessageHistory });
    const schedule = () =>
      answerOf(h, h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true }));
    const refused = await schedule();
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toContain("I'm missing a permission in this channel: Read Message History.");
    expect(refused.message.content).toContain('Without Read Message History answers written while I was restarting');
    expect(await h.store.getSchedule(h.channel)).toBeNull();

    h.fake.overrideChannel(h.fake.channelId, {});
    expect((await schedule()).message.content).toMatch(/^Scheduled/);
    expect(await h.store.getSchedule(h.channel)).not.toBeNull();
  });

  it('tells admins, and only admins, why a scheduled post failed in their next /quiz reply, until a post succeeds', async () => {
    await answerOf(h, h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true }));
    h.clock.advance(60 * 60_000);
    h.fake.failNext('POST', channelMessages(), failures.missingPermissions());
    await h.quiz.tick();
    expect(await h.store.getOpenRound(h.channel)).toBeNull();

    const why = `⚠️ I'm missing a permission in <#${h.fake.channelId}>: the quiz needs ${NEEDED_PERMISSIONS}.`;
    const today = () => answerOf(h, h.fake.runCommand(admin(), 'today', {}, { admin: true }));
    expect((await today()).message.content).toContain(why);
    const member = await answerOf(h, h.fake.runCommand(h.fake.user('Bob'), 'today'));
    expect(member.message.content).not.toContain(why);

    await postNow(h, admin());
    expect((await today()).message.content).not.toContain(why);
  });

  it('ends the schedule of a channel that was deleted, instead of failing daily', async () => {
    await answerOf(h, h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true }));
    expect(await h.store.getSchedule(h.channel)).not.toBeNull();
    h.fake.gateway.dispatch(GatewayDispatchEvents.ChannelDelete, h.fake.channels.get(h.fake.channelId));
    await waitFor(
      async () => (await h.store.getSchedule(h.channel)) === null,
      'the deleted channel to lose its schedule',
    );
  });

  it('ends the schedules of a server that removed the bot, but not of one in an outage', async () => {
    await answerOf(h, h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true }));
    h.fake.gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: h.fake.guildId, unavailable: true });
    // Gateway events are handled in order: once a command sent after the outage is answered, the
    // outage event has been handled too.
    await answerOf(h, h.fake.runCommand(admin(), 'today'));
    expect(h.adapter.isConnected()).toBe(true);
    expect(await h.store.getSchedule(h.channel)).not.toBeNull();
    h.fake.gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: h.fake.guildId });
    await waitFor(async () => (await h.store.getSchedule(h.channel)) === null, 'the schedule to end');
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        message: 'ended the schedules of channels the bot can no longer reach',
        context: expect.objectContaining({ reason: `removed from the server ${h.fake.guildId}` }),
      }),
    );
  });

  it('tells the admin which permissions are missing, logs it, and keeps working', async () => {
    h.fake.failNext('POST', channelMessages(), failures.missingPermissions());
    const failed = await answerOf(h, h.fake.runCommand(admin(), 'post-now', {}, { admin: true }));
    expect(failed.ephemeral).toBe(true);
    expect(failed.message.content).toBe(
      `I'm missing a permission in <#${h.fake.channelId}>: the quiz needs ${NEEDED_PERMISSIONS}.`,
    );
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        context: expect.objectContaining({
          channel: h.fake.channelId,
          code: 'missing-permissions',
          discordCode: 50013,
        }),
      }),
    );

    expect(h.adapter.isConnected()).toBe(true);
    // The refused round was cancelled, not left open; once the permission is fixed, post-now posts.
    expect(await h.store.getOpenRound(h.channel)).toBeNull();
    const { threadId } = await postNow(h, admin());
    expect(h.fake.threads.has(threadId)).toBe(true);
    expect((await h.store.getOpenRound(h.channel))?.post?.threadId).toBe(threadId);
  });

  it('removes a question whose thread could not be opened and warns the channel', async () => {
    h.fake.failNext('POST', /\/threads$/, failures.missingPermissions());
    const failed = await answerOf(h, h.fake.runCommand(admin(), 'post-now', {}, { admin: true }));
    expect(failed.message.content).toContain("I'm missing a permission");
    const [question, warning] = h.fake.requestsTo('POST', channelMessages());
    expect(h.fake.requestsTo('DELETE', /\/messages\/\d+$/)).toHaveLength(1);
    expect(question?.body.embeds).toHaveLength(1);
    expect(warning?.body.content).toMatch(
      /^⚠️ I could not open the answer thread for today's question\. I'm missing a permission/,
    );
    expect(warning?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('posts the reveal in the channel when its thread will not take it, and tells the admin why', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.failNext('POST', `/channels/${threadId}/messages`, failures.missingAccess());
    const answer = await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(answer.message.content).toBe(
      `Revealed (0 answered).\n⚠️ I can't see <#${h.fake.channelId}> (Missing Access): give the quiz bot View Channel there.`,
    );
    const inChannel = h.fake.requestsTo('POST', channelMessages()).at(-1);
    expect(inChannel?.body.embeds?.[0]?.title).toMatch(/^Answer: Question q\d/);
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('posts the reveal in the channel when a moderator locked the thread', async () => {
    const { threadId } = await postNow(h, admin());
    h.fake.failNext('POST', `/channels/${threadId}/messages`, failures.archivedThread());
    h.fake.failNext('PATCH', `/channels/${threadId}`, failures.missingPermissions());
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(h.fake.requestsTo('POST', channelMessages()).at(-1)?.body.embeds?.[0]?.title).toMatch(/^Answer: /);
    // The original post still learns that the round is over.
    expect(h.fake.requestsTo('PATCH', /\/channels\/\d+\/messages\/\d+$/)).toHaveLength(1);
  });

  it('leaves a reveal that met a Discord outage to the core to retry, instead of posting it elsewhere', async () => {
    const { threadId } = await postNow(h, admin());
    for (let i = 0; i < 4; i++) {
      h.fake.failNext('POST', `/channels/${threadId}/messages`, {
        kind: 'error',
        status: 503,
        code: 0,
        message: 'Service Unavailable',
      });
    }
    const posts = h.fake.requestsTo('POST', channelMessages()).length;
    await answerOf(h, h.fake.runCommand(admin(), 'reveal-now', {}, { admin: true }));
    expect(h.fake.requestsTo('POST', channelMessages())).toHaveLength(posts);
    // A lease later the reveal job posts it into the thread.
    h.clock.advance(61_000);
    await h.quiz.tick();
    expect(h.fake.requestsTo('POST', `/channels/${threadId}/messages`).at(-1)?.body.embeds?.[0]?.title).toMatch(
      /^Answer: /,
    );
  });

  it('tries a scheduled post the channel refuses once that day, not every lease, and posts again the next day', async () => {
    await answerOf(h, h.fake.runCommand(admin(), 'schedule', { time: '09:00', timezone: 'UTC' }, { admin: true }));
    h.clock.advance(60 * 60_000);
    h.fake.failNext('POST', channelMessages(), failures.unknownChannel());
    expect(await h.quiz.tick()).toEqual({ claimed: 1, failed: 0 });
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        context: expect.objectContaining({ channel: h.fake.channelId, code: 'unknown-channel' }),
      }),
    );
    expect(h.adapter.isConnected()).toBe(true);
    expect(await h.store.getOpenRound(h.channel)).toBeNull();

    // The lease runs out: nothing is retried today.
    const attempts = h.fake.requestsTo('POST', channelMessages()).length;
    h.clock.advance(61_000);
    expect(await h.quiz.tick()).toEqual({ claimed: 0, failed: 0 });
    expect(h.fake.requestsTo('POST', channelMessages())).toHaveLength(attempts);

    // Tomorrow's question goes out as usual.
    h.clock.advance(24 * 60 * 60_000);
    expect(await h.quiz.tick()).toMatchObject({ failed: 0 });
    const posted = await h.store.getOpenRound(h.channel);
    expect(h.fake.threads.has(posted?.post?.threadId ?? '')).toBe(true);
  });
});
