import { afterEach, describe, expect, it } from 'vitest';
import { channelId } from '../../../src/core/types.ts';
import { waitFor } from '../../support/wait-for.ts';
import { answerOf, type DiscordHarness, postNow, startDiscordQuiz } from './harness.ts';

describe('discord DISCORD_ALLOWED_GUILDS', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h.stop();
  });

  it('leaves a server that is not allowed when the bot starts, and stays in its own', async () => {
    let stranger = '';
    h = await startDiscordQuiz({
      onlyOwnGuild: true,
      beforeStart: (fake) => {
        stranger = fake.addGuild('Strangers').guildId;
      },
    });
    await waitFor(() => h.fake.leftGuilds.length > 0 || undefined, 'the bot to leave the other server');
    expect(h.fake.leftGuilds).toEqual([stranger]);
    expect(h.logger.entries.some((e) => e.message.includes('not in DISCORD_ALLOWED_GUILDS'))).toBe(true);
    // Its own server is served as before: post-now rejects unless the round reaches the channel.
    await postNow(h, h.fake.user('Ada'));
    expect(h.fake.leftGuilds).toEqual([stranger]);
  });

  it('leaves a server as soon as it is added to it', async () => {
    h = await startDiscordQuiz({ onlyOwnGuild: true });
    const { guildId } = h.fake.addGuild('Strangers');
    await waitFor(() => h.fake.leftGuilds.length > 0 || undefined, 'the bot to leave the new server');
    expect(h.fake.leftGuilds).toEqual([guildId]);
  });

  it('answers a /quiz from a server not allowed privately with one sentence, and does nothing else', async () => {
    h = await startDiscordQuiz({ onlyOwnGuild: true });
    // An interaction can arrive from a server the bot is still leaving (or has just left).
    const { channelId: strangerChannel } = h.fake.addGuild('Strangers');
    const token = h.fake.runCommand(h.fake.user('Eve'), 'post-now', {}, { admin: true, channelId: strangerChannel });
    const answer = await answerOf(h, token);
    expect(answer).toMatchObject({
      ephemeral: true,
      message: { content: 'This quiz bot is private to its own servers.' },
    });
    expect(h.fake.interactions.get(token)?.callbacks).toHaveLength(1);
    expect(h.fake.requestsTo('POST', `/channels/${strangerChannel}/messages`)).toEqual([]);
    expect(await h.store.getOpenRound(channelId('discord', strangerChannel))).toBeNull();
  });

  it('serves every server when the setting is empty', async () => {
    h = await startDiscordQuiz();
    const { channelId } = h.fake.addGuild('Friends');
    const answer = await answerOf(h, h.fake.runCommand(h.fake.user('Fay'), 'topics', {}, { channelId }));
    expect(answer.message.content).not.toBe('This quiz bot is private to its own servers.');
    expect(h.fake.leftGuilds).toEqual([]);
  });
});
