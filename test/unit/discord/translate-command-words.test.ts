import { PermissionsBitField } from 'discord.js';
import { ApplicationCommandOptionType as T, MessageType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  type CommandOptionLike,
  commandText,
  type DiscordUserLike,
  displayName,
  expectsPublicReply,
  isAdmin,
  subcommandOf,
  toCommandRequest,
  toThreadMessage,
} from '../../../src/adapters/discord/translate.ts';

const ada: DiscordUserLike = { id: '100', username: 'ada', globalName: 'Ada Lovelace', bot: false };
const member = new PermissionsBitField(PermissionFlagsBits.SendMessages);

function sub(name: string, options: CommandOptionLike[] = []): CommandOptionLike {
  return { name, type: T.Subcommand, options };
}
const str = (name: string, value: string | number | boolean): CommandOptionLike => ({ name, type: T.String, value });

describe('discord translation: the words a subcommand stands for', () => {
  it('drops an option that is only spaces, so the core sees no empty word', () => {
    expect(commandText(sub('schedule', [str('time', '09:00'), str('timezone', 'UTC'), str('days', '   ')]))).toBe(
      'schedule 09:00 UTC',
    );
  });

  it('drops an answer that is only spaces, and keeps one that is a number', () => {
    expect(commandText(sub('answer', [str('text', '   ')]))).toBe('answer');
    expect(commandText(sub('answer', [str('text', 42)]))).toBe('answer 42');
  });

  it('puts the options in the catalogue’s order, whatever order Discord sent them in', () => {
    expect(commandText(sub('leaderboard', [str('period', 'month'), str('board', 'points')]))).toBe(
      'leaderboard points month',
    );
    expect(commandText(sub('away', [str('when', ' until 2026-12-24 ')]))).toBe('away until 2026-12-24');
  });

  it('reads a subcommand Discord sent without any options as the bare command', () => {
    expect(commandText({ name: 'leaderboard', type: T.Subcommand })).toBe('leaderboard');
    expect(commandText({ name: 'answer', type: T.Subcommand })).toBe('answer');
    const request = toCommandRequest({
      channelId: '5',
      user: ada,
      permissions: member,
      options: [{ name: 'streak', type: T.Subcommand }],
    });
    expect(request.text).toBe('streak');
    expect(request).not.toHaveProperty('target');
  });

  it('passes a subcommand the catalogue does not know by its name alone, and no subcommand as help', () => {
    expect(commandText(sub('dance', [str('style', 'tango')]))).toBe('dance');
    expect(commandText(undefined)).toBe('help');
  });

  it('finds the subcommand among other options', () => {
    const found = subcommandOf([str('stray', 'x'), sub('today')]);
    expect(found?.name).toBe('today');
    expect(subcommandOf([str('stray', 'x')])).toBeUndefined();
  });
});

describe('discord translation: who is asking', () => {
  it('falls back from an empty nickname to the display name, then the username', () => {
    expect(displayName(ada, '')).toBe('Ada Lovelace');
    expect(displayName({ ...ada, globalName: '' }, null)).toBe('ada');
  });

  it('reads admin from Manage Server only, and no permissions as a member', () => {
    expect(isAdmin(new PermissionsBitField(PermissionFlagsBits.ManageGuild))).toBe(true);
    expect(isAdmin(new PermissionsBitField(PermissionFlagsBits.ManageChannels))).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });

  it('sets no target for a subcommand without a user option, nor for a user option Discord left unresolved', () => {
    const request = toCommandRequest({ channelId: '5', user: ada, permissions: member, options: [sub('streak')] });
    expect(request).not.toHaveProperty('target');
    expect(request).not.toHaveProperty('space');
    const unresolved = toCommandRequest({
      channelId: '5',
      user: ada,
      permissions: member,
      options: [sub('streak', [{ name: 'user', type: T.User, value: '200', user: null }])],
    });
    expect(unresolved).not.toHaveProperty('target');
  });

  it('takes the target from the user option wherever it comes among the options', () => {
    const grace: DiscordUserLike = { id: '200', username: 'grace', globalName: null, bot: false };
    const request = toCommandRequest({
      channelId: '5',
      user: ada,
      permissions: member,
      options: [sub('streak', [str('note', 'x'), { name: 'user', type: T.User, value: '200', user: grace }])],
    });
    expect(request.target).toEqual({ id: '200', name: 'grace' });
  });

  it('names the target by their own name, not the caller’s nickname', () => {
    const grace: DiscordUserLike = { id: '200', username: 'grace', globalName: 'Grace H', bot: false };
    const request = toCommandRequest({
      channelId: '5',
      user: ada,
      nickname: 'Countess',
      permissions: member,
      options: [sub('streak', [{ name: 'user', type: T.User, value: '200', user: grace }])],
    });
    expect(request.caller).toEqual({ id: '100', name: 'Countess' });
    expect(request.target).toEqual({ id: '200', name: 'Grace H' });
  });

  it('defers no reply publicly when the subcommand is unknown', () => {
    const request = {
      channel: 'discord:5' as never,
      caller: { id: '1', name: 'a' },
      isAdmin: true,
      text: 'schedule',
    };
    expect(expectsPublicReply(request, undefined)).toBe(false);
  });
});

describe('discord translation: thread messages', () => {
  it('ignores a message in a thread whose parent Discord did not say', () => {
    expect(
      toThreadMessage(
        {
          id: '900',
          type: MessageType.Default,
          content: 'hi',
          author: ada,
          thread: { id: '700', parentId: null },
        },
        true,
      ),
    ).toBeNull();
  });

  it('names the author by server nickname', () => {
    expect(
      toThreadMessage(
        {
          id: '900',
          type: MessageType.Reply,
          content: 'hi',
          author: ada,
          nickname: 'Countess',
          thread: { id: '700', parentId: '555' },
        },
        true,
      )?.author,
    ).toEqual({ id: '100', name: 'Countess', isBot: false });
  });
});
