/**
 * What the gateway delivers, handed to the core: `/quiz` interactions, the practice "Reveal answer"
 * and reveal "My feedback" buttons, the option buttons of button questions, messages written, edited and deleted in round threads, and channels or servers the bot
 * lost. Commands are deferred before any work (Discord's 3-second rule) and answered afterwards.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Guild,
  type GuildMember,
  type Interaction,
  type Message,
  type PartialMessage,
  RESTEvents,
} from 'discord.js';
import {
  type APIInteractionGuildMember,
  type ChannelType,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { channelId, type Person } from '../../core/types.ts';
import type { InboundHandler } from '../../ports/chat.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ChannelProblems } from '../channel-problems.ts';
import {
  type PickButton,
  pickOfId,
  PRACTICE_REVEAL_ID,
  QUIZ_COMMAND_NAME,
  questionOfRevealId,
  roundOfFeedbackId,
  timezoneChoices,
} from './commands.ts';
import { hasDiscordCode } from './errors.ts';
import { type RenderedMessage, toInteractionOptions } from './message.ts';
import type { PostingChecks } from './permissions.ts';
import { renderCommandReply, renderReply } from './render-replies.ts';
import { expectsPublicReply, subcommandOf, toCommandRequest, toPerson, toThreadMessage } from './translate.ts';

export interface ListenerDeps {
  inbound: InboundHandler;
  /** Whether the Message Content intent is requested; without it answers arrive without text. */
  messageContent: boolean;
  /** The only servers the bot serves (DISCORD_ALLOWED_GUILDS); absent: every server. */
  allowedGuilds?: ReadonlySet<string>;
  logger: Logger;
  /** Problems admins should hear about in their next command, per channel. */
  problems: ChannelProblems;
  /** Where each command's permissions and channel type are kept for the core's `postingProblem`. */
  postingChecks: PostingChecks;
  markLateReply(nativeChannelId: string, threadId: string, messageId: string): Promise<void>;
  tellNotRecorded(nativeChannelId: string, threadId: string, messageId: string): Promise<void>;
}

type AnyInteractionMember = GuildMember | APIInteractionGuildMember | null;

export function registerListeners(client: Client, deps: ListenerDeps): void {
  const { logger: log } = deps;
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(deps, interaction));
  // A public bot can be added by anyone: servers not on the list are left when they arrive, at
  // start (GuildAvailable) and when the bot is added (GuildCreate).
  client.on(Events.GuildAvailable, (guild) => void leaveIfStranger(deps, guild));
  client.on(Events.GuildCreate, (guild) => void leaveIfStranger(deps, guild));
  client.on(Events.MessageCreate, (message) => void onThreadMessage(client, deps, message, 'created'));
  client.on(Events.MessageUpdate, (_old, message) => void onThreadMessage(client, deps, message, 'edited'));
  client.on(Events.MessageDelete, (message) => void onThreadMessageDeleted(client, deps, message));
  // GUILD_DELETE without `unavailable` (an outage has it): the bot was removed from the server.
  // Read from the raw packet, which comes before discord.js empties the server's channel cache.
  client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; unavailable?: boolean } }) => {
    if (packet.t !== 'GUILD_DELETE' || !packet.d?.id || packet.d.unavailable) return;
    const guild = client.guilds.cache.get(packet.d.id);
    if (guild) void onChannelsGone(deps, [...guild.channels.cache.keys()], `removed from the server ${guild.id}`);
  });
  client.on(Events.ChannelDelete, (channel) => void onChannelsGone(deps, [channel.id], 'the channel was deleted'));
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (warning) => log.warn({ warning }, 'Discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'Discord gateway disconnected for good'),
  );
  client.on(Events.ShardReconnecting, (shard) => log.warn({ shard }, 'Discord gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'Discord gateway resumed'));
  // discord.js waits out rate limits and retries by itself; the log says where they happen.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      {
        channel: channelInPath(info.url),
        route: info.route,
        method: info.method,
        retryAfter: info.retryAfter,
        global: info.global,
      },
      'Discord rate limit: waiting before the request',
    ),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    log.warn(
      {
        channel: channelInPath(request.path),
        route: request.route,
        method: request.method,
        retryAfter: response.headers.get('retry-after'),
      },
      'Discord answered 429: the request is retried',
    );
  });
}

/** Servers the bot serves: all, unless DISCORD_ALLOWED_GUILDS names some. */
function isAllowedGuild(deps: ListenerDeps, guildId: string | null): boolean {
  return !deps.allowedGuilds || guildId === null || deps.allowedGuilds.has(guildId);
}

async function leaveIfStranger(deps: ListenerDeps, guild: Guild): Promise<void> {
  if (isAllowedGuild(deps, guild.id)) return;
  deps.logger.warn(
    { guild: guild.id, name: guild.name },
    'leaving a Discord server that is not in DISCORD_ALLOWED_GUILDS',
  );
  try {
    await guild.leave();
  } catch (err) {
    deps.logger.error({ err, guild: guild.id }, 'could not leave a Discord server that is not allowed');
  }
}

export const PRIVATE_BOT_REPLY = 'This quiz bot is private to its own servers.';

/** An interaction from a server that is not allowed (the bot may not have left it yet) gets a polite no. */
async function refuseStranger(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await interaction.respond([]);
  else if (interaction.isRepliable())
    await interaction.reply({ content: PRIVATE_BOT_REPLY, flags: MessageFlags.Ephemeral });
}

async function onInteraction(deps: ListenerDeps, interaction: Interaction): Promise<void> {
  try {
    if (!isAllowedGuild(deps, interaction.guildId)) await refuseStranger(interaction);
    else if (interaction.isChatInputCommand() && interaction.commandName === QUIZ_COMMAND_NAME)
      await onCommand(deps, interaction);
    else if (interaction.isAutocomplete() && interaction.commandName === QUIZ_COMMAND_NAME)
      await onAutocomplete(interaction);
    else if (interaction.isButton() && interaction.customId.startsWith(PRACTICE_REVEAL_ID))
      await onPracticeReveal(deps, interaction);
    else if (interaction.isButton() && roundOfFeedbackId(interaction.customId))
      await onRoundFeedback(deps, interaction);
    else if (interaction.isButton() && pickOfId(interaction.customId))
      await onPick(deps, interaction, pickOfId(interaction.customId) as PickButton);
  } catch (err) {
    if (hasDiscordCode(err, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)) {
      // Replicas running the same shards all receive the interaction; the first to defer it answers.
      deps.logger.info(
        { interaction: interaction.id, channel: interaction.channelId },
        'another process already answered this Discord interaction',
      );
      return;
    }
    deps.logger.error(
      { err, interaction: interaction.id, channel: interaction.channelId },
      'could not answer a Discord interaction',
    );
    if (interaction.isRepliable() && interaction.deferred && !interaction.replied) {
      await interaction.editReply({ content: 'Something went wrong on my side; please try again.' }).catch(() => {});
    }
  }
}

async function onCommand(deps: ListenerDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  if (!interaction.inGuild()) {
    await interaction.reply({ content: 'Use /quiz in a server channel.', flags: MessageFlags.Ephemeral });
    return;
  }
  const nativeChannelId = roundChannelOf(interaction);
  // Discord sends the bot's permissions and the channel with every interaction: kept for the core,
  // which asks `postingProblem` before `schedule` and `post-now`.
  deps.postingChecks.remember(nativeChannelId, {
    appPermissions: interaction.appPermissions,
    channelType: roundChannelType(interaction),
  });
  const request = toCommandRequest({
    channelId: nativeChannelId,
    user: interaction.user,
    nickname: nicknameOf(interaction.member),
    permissions: interaction.memberPermissions,
    options: interaction.options.data,
    guildId: interaction.guildId,
  });
  const deferredPublic = expectsPublicReply(request, subcommandOf(interaction.options.data)?.name);
  // Deferring first means a slow store or REST call can never hit Discord's 3-second limit.
  await interaction.deferReply(deferredPublic ? {} : { flags: MessageFlags.Ephemeral });
  const reply = await deps.inbound.command(request);
  if (!reply) {
    // Over the per-user limit: a private placeholder just lapses; a public one would litter the channel.
    if (deferredPublic) await interaction.deleteReply();
    return;
  }
  const problem = deps.problems.forAdmin(nativeChannelId, request.isAdmin);
  await answer(interaction, renderCommandReply(reply, problem), deferredPublic);
}

async function answer(
  interaction: ChatInputCommandInteraction,
  rendered: RenderedMessage,
  deferredPublic: boolean,
): Promise<void> {
  if (rendered.ephemeral && deferredPublic) {
    // A deferred reply keeps the visibility it was deferred with: swap the public placeholder for a private message.
    await interaction.deleteReply();
    await interaction.followUp({ ...toInteractionOptions(rendered), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.editReply(toInteractionOptions(rendered));
}

async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(focused.name === 'timezone' ? timezoneChoices(String(focused.value)) : []);
}

async function onPracticeReveal(deps: ListenerDeps, interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
  const caller: Person = toPerson(interaction.user, nicknameOf(interaction.member));
  const reply = await deps.inbound.practiceReveal(
    channelId('discord', roundChannelOf(interaction)),
    caller,
    questionOfRevealId(interaction.customId),
    interaction.guildId ?? undefined,
  );
  const rendered = toInteractionOptions(renderReply(reply));
  // The result replaces the question (and its button); anything else is a separate private note.
  if (reply.kind === 'practice-result') await interaction.editReply(rendered);
  else await interaction.followUp({ ...rendered, flags: MessageFlags.Ephemeral });
}

/** "My feedback" under a reveal: the presser's own feedback, only they see it. */
async function onRoundFeedback(deps: ListenerDeps, interaction: ButtonInteraction): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await deps.inbound.roundFeedback(
    channelId('discord', roundChannelOf(interaction)),
    toPerson(interaction.user, nicknameOf(interaction.member)),
    roundOfFeedbackId(interaction.customId) as string,
  );
  await interaction.editReply(toInteractionOptions(renderReply(reply)));
}

/**
 * An option button. A round's pick is answered with a private message beside the question, which
 * stays as it is for everyone else; a practice pick replaces the private practice question with its
 * verdict, as "Reveal answer" does. Deferred first: the store may be slow, Discord waits 3 seconds.
 */
async function onPick(deps: ListenerDeps, interaction: ButtonInteraction, pick: PickButton): Promise<void> {
  const channel = channelId('discord', roundChannelOf(interaction));
  const caller = toPerson(interaction.user, nicknameOf(interaction.member));
  if (pick.kind === 'round') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await deps.inbound.pick({ channel, caller, roundId: pick.roundId, option: pick.option });
    await interaction.editReply(toInteractionOptions(renderReply(reply)));
    return;
  }
  await interaction.deferUpdate();
  const reply = await deps.inbound.practicePick({
    channel,
    caller,
    questionId: pick.questionId,
    option: pick.option,
    ...(interaction.guildId ? { space: interaction.guildId } : {}),
  });
  const rendered = toInteractionOptions(renderReply(reply));
  if (reply.kind === 'practice-pick-result') await interaction.editReply(rendered);
  else await interaction.followUp({ ...rendered, flags: MessageFlags.Ephemeral });
}

async function onChannelsGone(deps: ListenerDeps, nativeIds: string[], reason: string): Promise<void> {
  try {
    await deps.inbound.channelsGone(
      nativeIds.map((id) => channelId('discord', id)),
      reason,
    );
  } catch (err) {
    deps.logger.error({ err, reason }, 'could not end the schedules of channels that are gone');
  }
}

/** A deleted message arrives as little more than its id and channel; the thread gives the round. */
async function onThreadMessageDeleted(
  client: Client,
  deps: ListenerDeps,
  message: Message | PartialMessage,
): Promise<void> {
  try {
    const channel = client.channels.cache.get(message.channelId);
    if (!channel?.isThread() || !channel.parentId) return;
    if (!message.partial && message.author.id === client.user?.id) return;
    await deps.inbound.threadMessageDeleted({
      channel: channelId('discord', channel.parentId),
      threadId: channel.id,
      messageId: message.id,
    });
  } catch (err) {
    deps.logger.error(
      { err, channel: message.channelId, messageId: message.id },
      'could not handle a deleted thread message',
    );
  }
}

async function onThreadMessage(
  client: Client,
  deps: ListenerDeps,
  message: Message | PartialMessage,
  kind: 'created' | 'edited',
): Promise<void> {
  try {
    const channel = message.channel;
    if (message.partial || !channel.isThread() || message.author.id === client.user?.id) return;
    if (!isAllowedGuild(deps, message.guildId)) return;
    const thread = toThreadMessage(
      // The server nickname, as commands use it, so a person has one name in reveals and boards.
      {
        id: message.id,
        type: message.type,
        content: message.content,
        author: message.author,
        nickname: message.member?.nickname ?? null,
        thread: { id: channel.id, parentId: channel.parentId },
      },
      deps.messageContent,
    );
    if (!thread) return;
    if (kind === 'edited') {
      await deps.inbound.threadMessageEdited(thread);
      return;
    }
    const outcome = await deps.inbound.threadMessage(thread);
    if (outcome === 'late' && channel.parentId) await deps.markLateReply(channel.parentId, channel.id, message.id);
    if (outcome === 'unavailable' && channel.parentId)
      await deps.tellNotRecorded(channel.parentId, channel.id, message.id);
  } catch (err) {
    deps.logger.error({ err, channel: message.channelId, messageId: message.id }, 'could not handle a thread message');
  }
}

function nicknameOf(member: AnyInteractionMember): string | null {
  if (!member) return null;
  return 'nickname' in member ? member.nickname : (member.nick ?? null);
}

/** The round's channel: a command used inside a question's thread is about the thread's parent. */
function roundChannelOf(interaction: ChatInputCommandInteraction | ButtonInteraction): string {
  const channel = interaction.channel;
  return channel?.isThread() && channel.parentId ? channel.parentId : interaction.channelId;
}

/** The type of the channel rounds would be posted in: a thread's parent for a command in a thread. */
function roundChannelType(interaction: ChatInputCommandInteraction): ChannelType | null {
  const channel = interaction.channel;
  if (!channel) return null;
  if (channel.isThread()) return channel.parent?.type ?? null;
  return channel.type;
}

function channelInPath(path: string): string | undefined {
  return /\/channels\/(\d+)/.exec(path)?.[1];
}
