/**
 * The Discord permissions the bot uses in a round's channel, each with what stops working without
 * it, and the check `schedule` and `post-now` run on what Discord sends with the interaction.
 */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';

/** The part of a discord.js `PermissionsBitField` the quiz reads. */
export interface PermissionsLike {
  has(permission: bigint): boolean;
}

interface BotPermission {
  flag: bigint;
  /** As Discord's channel settings show it. */
  name: string;
  /** What stops working without it, finishing "Without <name> …". */
  without: string;
}

/**
 * Every permission a REST call of the adapter needs: posting the question (Send Messages, with an
 * embed), opening its thread, posting the reveal there, reading the thread's history before the
 * reveal, and the ⏰ reaction on a late reply (which Discord also ties to Read Message History).
 */
export const BOT_PERMISSIONS: readonly BotPermission[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel', without: 'I cannot see the channel at all' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages', without: 'I cannot post the question' },
  {
    flag: PermissionFlagsBits.EmbedLinks,
    name: 'Embed Links',
    without: 'the question and the answer (both embeds) are refused',
  },
  {
    flag: PermissionFlagsBits.CreatePublicThreads,
    name: 'Create Public Threads',
    without: 'I cannot open the thread people answer in',
  },
  {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: 'Send Messages in Threads',
    without: 'I cannot post the answer in its thread',
  },
  {
    flag: PermissionFlagsBits.ReadMessageHistory,
    name: 'Read Message History',
    without: 'answers written while I was restarting are lost',
  },
  { flag: PermissionFlagsBits.AddReactions, name: 'Add Reactions', without: 'late replies get no ⏰' },
];

/** The permissions by name, for sentences about a refused request. */
export const NEEDED_PERMISSIONS = `${BOT_PERMISSIONS.slice(0, -1)
  .map((p) => p.name)
  .join(', ')} and ${BOT_PERMISSIONS.at(-1)?.name}`;

/** Channel types where a message can be posted and a thread started from it. */
const ROUND_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** What Discord sends with an interaction about the channel it was used in. */
export interface PostingInput {
  /** The bot's own permissions there; null or absent when unknown. */
  appPermissions?: PermissionsLike | null;
  /** The type of the round's channel (a thread's parent for a command in a thread), when known. */
  channelType?: ChannelType | null;
}

/** Why rounds could not be posted where this command was used, or undefined when they can. */
export function postingProblem(input: PostingInput): string | undefined {
  if (input.channelType !== undefined && input.channelType !== null && !ROUND_CHANNEL_TYPES.has(input.channelType)) {
    return 'Daily questions need a text or announcement channel (forums, voice and stage channels cannot hold them). Run this in one of those.';
  }
  const { appPermissions } = input;
  if (!appPermissions) return undefined;
  const missing = BOT_PERMISSIONS.filter((p) => !appPermissions.has(p.flag));
  if (missing.length === 0) return undefined;
  const one = missing.length === 1;
  const names = missing.map((p) => p.name).join(', ');
  const effects = missing.map((p) => `without ${p.name} ${p.without}`).join('; ');
  return `I'm missing ${one ? 'a permission' : 'permissions'} in this channel: ${names}. ${effects.charAt(0).toUpperCase()}${effects.slice(1)}. Give the quiz bot ${one ? 'it' : 'them'} (channel settings → Permissions), then run this again.`;
}

/** Channels remembered at most; a channel past it is checked again by its next command. */
const MAX_CHANNELS = 10_000;

/**
 * What the latest interaction in each channel said about it, so `postingProblem(channel)` can answer
 * the core from Discord's own word instead of a REST call. A command refreshes its channel's entry
 * before the core asks.
 */
export class PostingChecks {
  private readonly seen = new Map<string, PostingInput>();

  remember(nativeChannelId: string, input: PostingInput): void {
    this.seen.delete(nativeChannelId);
    this.seen.set(nativeChannelId, input);
    if (this.seen.size > MAX_CHANNELS) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  /** Undefined when the channel looks fine, or when no interaction has said anything about it. */
  problem(nativeChannelId: string): string | undefined {
    const input = this.seen.get(nativeChannelId);
    return input ? postingProblem(input) : undefined;
  }
}
