/**
 * Discord events as the core's requests: a `/quiz` interaction becomes a `CommandRequest` with the
 * core's command words, a message in a round's thread becomes a `ThreadMessage`. Pure functions over
 * the shapes discord.js hands us, so they are tested without a network.
 */
import { ApplicationCommandOptionType, MessageType, PermissionFlagsBits } from 'discord-api-types/v10';
import { commandNamed } from '../../core/commands/catalogue.ts';
import { channelId, type Person } from '../../core/types.ts';
import type { CommandRequest, ThreadMessage } from '../../ports/chat.ts';
import { PUBLIC_SUBCOMMANDS } from './commands.ts';
import type { PermissionsLike } from './permissions.ts';

export type { PermissionsLike };

/** The part of a discord.js `User` the quiz reads. */
export interface DiscordUserLike {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

/** The part of a discord.js `CommandInteractionOption` the quiz reads. */
export interface CommandOptionLike {
  name: string;
  type: ApplicationCommandOptionType;
  value?: string | number | boolean;
  options?: readonly CommandOptionLike[];
  user?: DiscordUserLike | null;
}

export interface SlashCommandInput {
  /** The channel the command was used in; for a thread, its parent, where the round lives. */
  channelId: string;
  user: DiscordUserLike;
  /** The member's server nickname, when set. */
  nickname?: string | null;
  /** The member's permissions in that channel, as sent with the interaction; null outside a server. */
  permissions: PermissionsLike | null;
  options: readonly CommandOptionLike[];
  /** The server the command was used in (practice avoids questions open in its channels). */
  guildId?: string | null;
}

export function displayName(user: DiscordUserLike, nickname?: string | null): string {
  return nickname || user.globalName || user.username;
}

export function toPerson(user: DiscordUserLike, nickname?: string | null): Person {
  return { id: user.id, name: displayName(user, nickname) };
}

/** Admin means Manage Server (Administrator implies it), read from the interaction, never cached. */
export function isAdmin(permissions: PermissionsLike | null): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function subcommandOf(options: readonly CommandOptionLike[]): CommandOptionLike | undefined {
  return options.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
}

/** One word for the core's parser, which splits on whitespace: `mon, wed` becomes `mon,wed`. */
function word(value: CommandOptionLike['value']): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).replace(/\s+/g, '');
  return text === '' ? undefined : text;
}

function optionValue(sub: CommandOptionLike, name: string): CommandOptionLike['value'] {
  return sub.options?.find((o) => o.name === name)?.value;
}

/** The words after `/quiz` that this subcommand and its options stand for, in the catalogue's order. */
export function commandText(sub: CommandOptionLike | undefined): string {
  if (!sub) return 'help';
  const spec = commandNamed(sub.name);
  if (!spec) return sub.name;
  const values = spec.arguments.map((arg) => {
    const value = optionValue(sub, arg.name);
    // A user travels as the request's target; free text keeps its inner spacing.
    if (arg.kind === 'user') return undefined;
    if (arg.kind === 'text') return String(value ?? '').trim() || undefined;
    return word(value);
  });
  return [sub.name, ...values].filter((p): p is string => p !== undefined).join(' ');
}

export function toCommandRequest(input: SlashCommandInput): CommandRequest {
  const sub = subcommandOf(input.options);
  const target = sub?.options?.find((o) => o.type === ApplicationCommandOptionType.User)?.user;
  return {
    channel: channelId('discord', input.channelId),
    caller: toPerson(input.user, input.nickname),
    isAdmin: isAdmin(input.permissions),
    text: commandText(sub),
    ...(target ? { target: toPerson(target) } : {}),
    ...(input.guildId ? { space: input.guildId } : {}),
  };
}

/**
 * Whether to defer a command's answer publicly. Only an admin's `schedule`/`unschedule` is answered
 * in the open; when the core refuses after all, the adapter swaps the public placeholder for a
 * private message.
 */
export function expectsPublicReply(request: CommandRequest, subcommand: string | undefined): boolean {
  return request.isAdmin && subcommand !== undefined && PUBLIC_SUBCOMMANDS.has(subcommand);
}

/** The part of a discord.js `Message` the quiz reads. */
export interface ThreadMessageInput {
  id: string;
  type: MessageType;
  content: string;
  author: DiscordUserLike;
  nickname?: string | null;
  /** The thread the message is in, or null when it is not in a thread. */
  thread: { id: string; parentId: string | null } | null;
}

/** Only what people type counts: not system notices (thread created, pins, joins). */
const USER_MESSAGE_TYPES = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/**
 * A message in a thread, as the core sees it: the channel is the thread's parent and the thread id
 * is the starter message's id. Without the Message Content intent Discord sends empty content, so
 * the text is null: the core still counts who answered, and the reveal says feedback is off.
 */
export function toThreadMessage(input: ThreadMessageInput, messageContent: boolean): ThreadMessage | null {
  if (!input.thread?.parentId || !USER_MESSAGE_TYPES.has(input.type)) return null;
  return {
    channel: channelId('discord', input.thread.parentId),
    threadId: input.thread.id,
    messageId: input.id,
    author: { ...toPerson(input.author, input.nickname), isBot: input.author.bot },
    text: messageContent ? input.content : null,
  };
}
