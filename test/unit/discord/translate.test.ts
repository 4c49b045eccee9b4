import { PermissionsBitField } from 'discord.js';
import {
  ChannelType,
  ApplicationCommandOptionType as T,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  type CommandOptionLike,
  type DiscordUserLike,
  expectsPublicReply,
  type SlashCommandInput,
  toCommandRequest,
  toThreadMessage,
  type ThreadMessageInput,
} from '../../../src/adapters/discord/translate.ts';
import { PostingChecks, postingProblem } from '../../../src/adapters/discord/permissions.ts';

const ada: DiscordUserLike = { id: '100', username: 'ada', globalName: 'Ada Lovelace', bot: false };
const admin = new PermissionsBitField(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);
const member = new PermissionsBitField(PermissionFlagsBits.SendMessages);

function sub(name: string, options: Record<string, string> = {}): CommandOptionLike[] {
  return [
    {
      name,
      type: T.Subcommand,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: T.String, value })),
    },
  ];
}

function slash(options: CommandOptionLike[], overrides: Partial<SlashCommandInput> = {}): SlashCommandInput {
  return { channelId: '555', user: ada, permissions: member, options, ...overrides };
}

describe('slash command translation', () => {
  it('carries the server the command came from, so practice can avoid its open questions', () => {
    expect(toCommandRequest(slash(sub('practice'), { guildId: '42' }))).toMatchObject({ space: '42' });
    expect(toCommandRequest(slash(sub('practice'), { guildId: null }))).not.toHaveProperty('space');
  });

  it('turns /quiz schedule options into the core command words', () => {
    const request = toCommandRequest(
      slash(sub('schedule', { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays', window: '4h' }), {
        permissions: admin,
      }),
    );
    expect(request).toEqual({
      channel: 'discord:555',
      caller: { id: '100', name: 'Ada Lovelace' },
      isAdmin: true,
      text: 'schedule 09:00 Europe/Berlin weekdays 4h',
    });
  });

  it('keeps each option one word, so a day list with spaces still parses', () => {
    expect(
      toCommandRequest(
        slash(
          sub('schedule', {
            time: '07:30',
            timezone: 'UTC',
            days: 'mon, wed, fri',
            topic: 'asyncio',
            difficulty: 'hard',
          }),
        ),
      ).text,
    ).toBe('schedule 07:30 UTC mon,wed,fri asyncio hard');
  });

  it('maps practice with its optional topic and difficulty', () => {
    expect(toCommandRequest(slash(sub('practice'))).text).toBe('practice');
    expect(toCommandRequest(slash(sub('practice', { difficulty: 'easy', topic: 'gil' }))).text).toBe(
      'practice gil easy',
    );
  });

  it('keeps the words of an answer as typed', () => {
    expect(toCommandRequest(slash(sub('answer', { text: '  Take a lock,   then join.  ' }))).text).toBe(
      'answer Take a lock,   then join.',
    );
  });

  it('maps the leaderboard board and the argument-free subcommands', () => {
    expect(toCommandRequest(slash(sub('leaderboard', { board: 'month' }))).text).toBe('leaderboard month');
    expect(toCommandRequest(slash(sub('leaderboard'))).text).toBe('leaderboard');
    for (const name of ['today', 'topics', 'help', 'forget-me', 'unschedule', 'post-now', 'reveal-now']) {
      expect(toCommandRequest(slash(sub(name))).text).toBe(name);
    }
    expect(toCommandRequest(slash([])).text).toBe('help');
  });

  it('resolves the user option of streak to a target person', () => {
    const grace: DiscordUserLike = { id: '200', username: 'grace', globalName: null, bot: false };
    const request = toCommandRequest(
      slash([
        { name: 'streak', type: T.Subcommand, options: [{ name: 'user', type: T.User, value: '200', user: grace }] },
      ]),
    );
    expect(request.text).toBe('streak');
    expect(request.target).toEqual({ id: '200', name: 'grace' });
  });

  it('names the caller by server nickname, then display name, then username', () => {
    expect(toCommandRequest(slash(sub('help'), { nickname: 'Countess' })).caller.name).toBe('Countess');
    expect(toCommandRequest(slash(sub('help'), { user: { ...ada, globalName: null } })).caller.name).toBe('ada');
  });

  it('counts Manage Server or Administrator as admin, and nothing else', () => {
    expect(toCommandRequest(slash(sub('help'), { permissions: admin })).isAdmin).toBe(true);
    expect(
      toCommandRequest(slash(sub('help'), { permissions: new PermissionsBitField(PermissionFlagsBits.Administrator) }))
        .isAdmin,
    ).toBe(true);
    expect(toCommandRequest(slash(sub('help'), { permissions: member })).isAdmin).toBe(false);
    expect(toCommandRequest(slash(sub('help'), { permissions: null })).isAdmin).toBe(false);
  });

  it("defers publicly only an admin's schedule and unschedule", () => {
    const asAdmin = toCommandRequest(slash(sub('schedule'), { permissions: admin }));
    const asMember = toCommandRequest(slash(sub('schedule')));
    expect(expectsPublicReply(asAdmin, 'schedule')).toBe(true);
    expect(expectsPublicReply(asAdmin, 'unschedule')).toBe(true);
    expect(expectsPublicReply(asAdmin, 'post-now')).toBe(false);
    expect(expectsPublicReply(asMember, 'schedule')).toBe(false);
  });
});

describe('where rounds can be posted', () => {
  const all = new PermissionsBitField(
    PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.CreatePublicThreads |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.AddReactions,
  );

  it('accepts a text or announcement channel where the bot has what it needs', () => {
    expect(postingProblem({ appPermissions: all, channelType: ChannelType.GuildText })).toBeUndefined();
    expect(postingProblem({ appPermissions: all, channelType: ChannelType.GuildAnnouncement })).toBeUndefined();
    expect(
      postingProblem({ appPermissions: new PermissionsBitField(PermissionFlagsBits.Administrator), channelType: null }),
    ).toBeUndefined();
  });

  it('names the permissions the bot lacks', () => {
    const noThreads = new PermissionsBitField(
      all.bitfield & ~PermissionFlagsBits.CreatePublicThreads & ~PermissionFlagsBits.EmbedLinks,
    );
    expect(postingProblem({ appPermissions: noThreads, channelType: ChannelType.GuildText })).toBe(
      "I'm missing permissions in this channel: Embed Links, Create Public Threads. Without Embed Links the question and the answer (both embeds) are refused; without Create Public Threads I cannot open the thread people answer in. Give the quiz bot them (channel settings → Permissions), then run this again.",
    );
  });

  it('refuses forums, voice and stage channels', () => {
    for (const type of [
      ChannelType.GuildForum,
      ChannelType.GuildVoice,
      ChannelType.GuildStageVoice,
      ChannelType.GuildMedia,
    ]) {
      expect(postingProblem({ appPermissions: all, channelType: type })).toMatch(/text or announcement channel/);
    }
  });

  it('names Read Message History and Add Reactions too, with what stops working without each', () => {
    const noHistory = new PermissionsBitField(
      all.bitfield & ~PermissionFlagsBits.ReadMessageHistory & ~PermissionFlagsBits.AddReactions,
    );
    const problem = postingProblem({ appPermissions: noHistory, channelType: ChannelType.GuildText });
    expect(problem).toContain('Read Message History, Add Reactions.');
    expect(problem).toContain('answers written while I was restarting are lost');
    expect(problem).toContain('late replies get no ⏰');
  });

  it("answers the core from what the channel's latest command said", () => {
    const checks = new PostingChecks();
    expect(checks.problem('1')).toBeUndefined();
    checks.remember('1', { appPermissions: all, channelType: ChannelType.GuildForum });
    expect(checks.problem('1')).toMatch(/text or announcement channel/);
    checks.remember('1', { appPermissions: all, channelType: ChannelType.GuildText });
    expect(checks.problem('1')).toBeUndefined();
  });
});

describe('thread message translation', () => {
  const reply = (overrides: Partial<ThreadMessageInput> = {}): ThreadMessageInput => ({
    id: '900',
    type: MessageType.Default,
    content: 'Take a lock.',
    author: ada,
    thread: { id: '700', parentId: '555' },
    ...overrides,
  });

  it("uses the thread's parent as the channel and the thread id as the round's thread", () => {
    expect(toThreadMessage(reply(), true)).toEqual({
      channel: 'discord:555',
      threadId: '700',
      messageId: '900',
      author: { id: '100', name: 'Ada Lovelace', isBot: false },
      text: 'Take a lock.',
    });
  });

  it('passes no text when the Message Content intent is off', () => {
    expect(toThreadMessage(reply({ content: '' }), false)?.text).toBeNull();
  });

  it('marks bots, and ignores messages outside threads and system notices', () => {
    expect(toThreadMessage(reply({ author: { ...ada, bot: true } }), true)?.author.isBot).toBe(true);
    expect(toThreadMessage(reply({ thread: null }), true)).toBeNull();
    expect(toThreadMessage(reply({ type: MessageType.ThreadStarterMessage }), true)).toBeNull();
    expect(toThreadMessage(reply({ type: MessageType.Reply }), true)).not.toBeNull();
  });
});
