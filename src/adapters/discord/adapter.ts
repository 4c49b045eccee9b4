/**
 * quizthread on Discord. Interactions and thread replies arrive over the gateway and become core
 * calls; rounds are posted and revealed over REST only, so any process sharing the store can do it.
 * The adapter translates and renders; it makes no quiz decisions.
 */
import { createHash } from 'node:crypto';
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type GuildMember,
  type Interaction,
  type Message,
  type PartialMessage,
  RESTEvents,
  Status,
} from 'discord.js';
import {
  type APIInteractionGuildMember,
  type APIMessage,
  type APIThreadChannel,
  MessageFlags,
  type ChannelType,
  RESTJSONErrorCodes,
  Routes,
} from 'discord-api-types/v10';
import { channelId, type Person, type PostRef } from '../../core/types.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import type { ChatAdapter, InboundHandler, SentThreadMessage } from '../../ports/chat.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { PRACTICE_REVEAL_ID, QUIZ_COMMAND_NAME, questionOfRevealId, timezoneChoices } from './commands.ts';
import { type GatewayTiming, GatewayConnection } from './connection.ts';
import { collectProblems, DiscordAdapterError, describeDiscordError, hasDiscordCode, reportProblem } from './errors.ts';
import { neutralizeMentions } from './escape.ts';
import { type RenderedMessage, toInteractionOptions, toRestBody } from './message.ts';
import { renderCommandReply, renderReply } from './render-replies.ts';
import { archiveDurationFor, renderRevealedPost, renderReveal, renderRoundPost, threadName } from './render-rounds.ts';
import { expectsPublicReply, subcommandOf, toCommandRequest, toPerson, toThreadMessage } from './translate.ts';

export interface DiscordAdapterOptions {
  token: string;
  /** Whether the Message Content intent is requested; without it answers arrive without text. */
  messageContent: boolean;
  logger: Logger;
  /** The quiz's clock, for sizing a round's thread to its answer window. */
  clock?: Clock;
  /** How a failed login is retried; tests pass a quick one. */
  gatewayTiming?: Partial<GatewayTiming>;
}

const LATE_REACTION = '⏰';

type AnyInteractionMember = GuildMember | APIInteractionGuildMember | null;

function nicknameOf(member: AnyInteractionMember): string | null {
  if (!member) return null;
  return 'nickname' in member ? member.nickname : (member.nick ?? null);
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  private inbound?: InboundHandler;
  private listening = false;
  private gateway?: GatewayConnection;
  private readonly clock: Clock;

  constructor(
    private readonly client: Client,
    private readonly options: DiscordAdapterOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private get log(): Logger {
    return this.options.logger;
  }

  async start(inbound: InboundHandler): Promise<void> {
    this.inbound = inbound;
    this.listen();
    this.gateway = new GatewayConnection(this.client, this.options.token, this.log, this.options.gatewayTiming);
    if (!(await this.gateway.start())) return;
    this.log.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size }, 'connected to Discord');
  }

  async stop(): Promise<void> {
    this.gateway?.stop();
    await this.client.destroy();
  }

  isConnected(): boolean {
    return this.client.isReady() && this.client.ws.shards.every((shard) => shard.status === Status.Ready);
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const { client, log } = this;
    client.on(Events.InteractionCreate, (interaction) => void this.onInteraction(interaction));
    client.on(Events.MessageCreate, (message) => void this.onThreadMessage(message, 'created'));
    client.on(Events.MessageUpdate, (_old, message) => void this.onThreadMessage(message, 'edited'));
    client.on(Events.MessageDelete, (message) => void this.onThreadMessageDeleted(message));
    // GUILD_DELETE without `unavailable` (an outage has it): the bot was removed from the server.
    // Read from the raw packet, which comes before discord.js empties the server's channel cache.
    client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; unavailable?: boolean } }) => {
      if (packet.t !== 'GUILD_DELETE' || !packet.d?.id || packet.d.unavailable) return;
      const guild = client.guilds.cache.get(packet.d.id);
      if (guild) void this.onChannelsGone([...guild.channels.cache.keys()], `removed from the server ${guild.id}`);
    });
    client.on(Events.ChannelDelete, (channel) => void this.onChannelsGone([channel.id], 'the channel was deleted'));
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

  // ---- inbound: gateway events to core calls ----

  private async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand() && interaction.commandName === QUIZ_COMMAND_NAME)
        await this.onCommand(interaction);
      else if (interaction.isAutocomplete() && interaction.commandName === QUIZ_COMMAND_NAME)
        await this.onAutocomplete(interaction);
      else if (interaction.isButton() && interaction.customId.startsWith(PRACTICE_REVEAL_ID))
        await this.onPracticeReveal(interaction);
    } catch (err) {
      if (hasDiscordCode(err, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)) {
        // Replicas running the same shards all receive the interaction; the first to defer it answers.
        this.log.info(
          { interaction: interaction.id, channel: interaction.channelId },
          'another process already answered this Discord interaction',
        );
        return;
      }
      this.log.error(
        { err, interaction: interaction.id, channel: interaction.channelId },
        'could not answer a Discord interaction',
      );
      if (interaction.isRepliable() && interaction.deferred && !interaction.replied) {
        await interaction.editReply({ content: 'Something went wrong on my side; please try again.' }).catch(() => {});
      }
    }
  }

  /** The round's channel: a command used inside a question's thread is about the thread's parent. */
  private roundChannelOf(interaction: ChatInputCommandInteraction | ButtonInteraction): string {
    const channel = interaction.channel;
    return channel?.isThread() && channel.parentId ? channel.parentId : interaction.channelId;
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const inbound = this.requireInbound();
    if (!interaction.inGuild()) {
      await interaction.reply({ content: 'Use /quiz in a server channel.', flags: MessageFlags.Ephemeral });
      return;
    }
    const request = toCommandRequest({
      channelId: this.roundChannelOf(interaction),
      user: interaction.user,
      nickname: nicknameOf(interaction.member),
      permissions: interaction.memberPermissions,
      options: interaction.options.data,
      appPermissions: interaction.appPermissions,
      channelType: roundChannelType(interaction),
    });
    const deferredPublic = expectsPublicReply(request, subcommandOf(interaction.options.data)?.name);
    // Deferring first means a slow store or REST call can never hit Discord's 3-second limit.
    await interaction.deferReply(deferredPublic ? {} : { flags: MessageFlags.Ephemeral });
    const { result, problems } = await collectProblems(() => inbound.command(request));
    await this.answer(interaction, renderCommandReply(result, problems), deferredPublic);
  }

  private async answer(
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

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(focused.name === 'timezone' ? timezoneChoices(String(focused.value)) : []);
  }

  private async onPracticeReveal(interaction: ButtonInteraction): Promise<void> {
    const inbound = this.requireInbound();
    await interaction.deferUpdate();
    const caller: Person = toPerson(interaction.user, nicknameOf(interaction.member));
    const reply = await inbound.practiceReveal(
      channelId('discord', this.roundChannelOf(interaction)),
      caller,
      questionOfRevealId(interaction.customId),
    );
    const rendered = toInteractionOptions(renderReply(reply));
    // The result replaces the question (and its button); anything else is a separate private note.
    if (reply.kind === 'practice-result') await interaction.editReply(rendered);
    else await interaction.followUp({ ...rendered, flags: MessageFlags.Ephemeral });
  }

  private async onChannelsGone(nativeIds: string[], reason: string): Promise<void> {
    try {
      await this.requireInbound().channelsGone(
        nativeIds.map((id) => channelId('discord', id)),
        reason,
      );
    } catch (err) {
      this.log.error({ err, reason }, 'could not end the schedules of channels that are gone');
    }
  }

  /** A deleted message arrives as little more than its id and channel; the thread gives the round. */
  private async onThreadMessageDeleted(message: Message | PartialMessage): Promise<void> {
    try {
      const channel = this.client.channels.cache.get(message.channelId);
      if (!channel?.isThread() || !channel.parentId) return;
      if (!message.partial && message.author.id === this.client.user?.id) return;
      await this.requireInbound().threadMessageDeleted({
        channel: channelId('discord', channel.parentId),
        threadId: channel.id,
        messageId: message.id,
      });
    } catch (err) {
      this.log.error(
        { err, channel: message.channelId, messageId: message.id },
        'could not handle a deleted thread message',
      );
    }
  }

  private async onThreadMessage(message: Message | PartialMessage, kind: 'created' | 'edited'): Promise<void> {
    try {
      const channel = message.channel;
      if (message.partial || !channel.isThread() || message.author.id === this.client.user?.id) return;
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
        this.options.messageContent,
      );
      if (!thread) return;
      const inbound = this.requireInbound();
      if (kind === 'edited') {
        await inbound.threadMessageEdited(thread);
        return;
      }
      const outcome = await inbound.threadMessage(thread);
      if (outcome === 'late' && channel.parentId) {
        await this.markLateReply(channel.parentId, { messageId: channel.id, threadId: channel.id }, message.id);
      }
    } catch (err) {
      this.log.error({ err, channel: message.channelId, messageId: message.id }, 'could not handle a thread message');
    }
  }

  private requireInbound(): InboundHandler {
    if (!this.inbound) throw new Error('the Discord adapter received an event before start()');
    return this.inbound;
  }

  // ---- outbound: REST only ----

  /** Runs a REST call for a channel; a failure is logged with the channel, classified, and rethrown. */
  private async rest<T>(nativeChannelId: string, action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.fail(err, nativeChannelId, action);
    }
  }

  private fail(err: unknown, nativeChannelId: string, action: string): DiscordAdapterError {
    if (err instanceof DiscordAdapterError) return err;
    const problem = describeDiscordError(err, nativeChannelId);
    this.log.error(
      { err, channel: nativeChannelId, code: problem.code, discordCode: problem.discordCode, status: problem.status },
      `Discord: could not ${action}`,
    );
    reportProblem(problem);
    return new DiscordAdapterError(problem, nativeChannelId, { cause: err });
  }

  async postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef> {
    const { rest } = this.client;
    // A POST whose response is lost (a timeout, a 5xx from a proxy) is retried by discord.js, and
    // a second attempt must not post the question twice: with enforce_nonce, Discord hands back
    // the message the first attempt created. The nonce names the round, so a retry by the core
    // (another lease, another replica) within Discord's few-minute window is caught too.
    const posted = (await this.rest(nativeChannelId, 'post the question', () =>
      rest.post(Routes.channelMessages(nativeChannelId), {
        body: {
          ...toRestBody(renderRoundPost(view)),
          nonce: questionNonce(nativeChannelId, view.roundId),
          enforce_nonce: true,
        },
      }),
    )) as APIMessage;
    const windowMinutes = Math.ceil((view.revealAt - this.clock.now()) / 60_000);
    try {
      const thread = (await rest.post(Routes.threads(nativeChannelId, posted.id), {
        body: { name: threadName(view), auto_archive_duration: archiveDurationFor(windowMinutes) },
      })) as APIThreadChannel;
      return { messageId: posted.id, threadId: thread.id };
    } catch (err) {
      // The same retry on the thread: it exists already, and a thread started from a message
      // shares the message's id.
      if (hasDiscordCode(err, RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage))
        return { messageId: posted.id, threadId: posted.id };
      const failure = this.fail(err, nativeChannelId, 'open the answer thread');
      // Without a thread nobody can answer: remove the post so a retry starts clean, and tell the channel why.
      await rest
        .delete(Routes.channelMessage(nativeChannelId, posted.id))
        .catch((e) =>
          this.log.warn({ err: e, channel: nativeChannelId }, 'could not remove a question without a thread'),
        );
      await this.warnChannel(
        nativeChannelId,
        `I could not open the answer thread for today's question. ${failure.problem.message}`,
      );
      throw failure;
    }
  }

  async postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void> {
    await this.rest(nativeChannelId, 'post the reveal', () =>
      this.postIntoThread(nativeChannelId, post.threadId, renderReveal(view)),
    );
    try {
      await this.client.rest.patch(Routes.channelMessage(nativeChannelId, post.messageId), {
        body: toRestBody(renderRevealedPost(view, post.threadId)),
      });
    } catch (err) {
      // The reveal is already in the thread; a stale original post is cosmetic.
      this.fail(err, nativeChannelId, 'mark the question as revealed');
    }
  }

  /**
   * Posts into a round's thread, unarchiving it first if needed. When the thread will not take
   * the message (deleted, locked by a moderator, a permission missing there) the reveal goes into
   * the channel instead: the answer matters more than where it lands. Transient failures (rate
   * limits, 5xx) are left to the core, which tries the whole reveal again later.
   */
  private async postIntoThread(nativeChannelId: string, threadId: string, rendered: RenderedMessage): Promise<void> {
    const { rest } = this.client;
    const body = toRestBody(rendered);
    const unarchive = () => rest.patch(Routes.channel(threadId), { body: { archived: false } });
    try {
      // The gateway tells this process when a thread is archived; a REST-only process learns it from the error below.
      const cached = this.client.channels.cache.get(threadId);
      if (cached?.isThread() && cached.archived) await unarchive();
      try {
        await rest.post(Routes.channelMessages(threadId), { body });
      } catch (err) {
        if (!hasDiscordCode(err, RESTJSONErrorCodes.InvalidActionOnArchivedThread)) throw err;
        await unarchive();
        await rest.post(Routes.channelMessages(threadId), { body });
      }
    } catch (err) {
      if (!(err instanceof DiscordAPIError) || err.status === 429 || err.status >= 500) throw err;
      const failure = this.fail(err, nativeChannelId, 'post the reveal in its thread');
      this.log.warn(
        { channel: nativeChannelId, threadId, code: failure.problem.code },
        'the answer thread will not take the reveal; posting it in the channel',
      );
      await rest.post(Routes.channelMessages(nativeChannelId), { body });
    }
  }

  /**
   * The thread's messages over REST, oldest first: the gateway replays missed events only when a
   * session resumes, so answers written during a restart exist only here.
   */
  async threadReplies(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]> {
    const replies: SentThreadMessage[] = [];
    let after = post.messageId;
    // Ten pages of a hundred: more answers than any team writes to one question.
    for (let page = 0; page < 10; page++) {
      const batch = (await this.client.rest.get(Routes.channelMessages(post.threadId), {
        query: new URLSearchParams({ after, limit: '100' }),
      })) as APIMessage[];
      for (const message of batch) {
        if (message.author.id === this.client.user?.id) continue;
        const reply = toThreadMessage(
          {
            id: message.id,
            type: message.type,
            content: message.content,
            author: {
              id: message.author.id,
              username: message.author.username,
              globalName: message.author.global_name,
              bot: message.author.bot ?? false,
            },
            thread: { id: post.threadId, parentId: nativeChannelId },
          },
          this.options.messageContent,
        );
        if (reply) replies.push({ ...reply, sentAt: Date.parse(message.timestamp) });
      }
      if (batch.length < 100) break;
      // Snowflakes grow with time, so the largest id is the newest message of this page.
      after = batch.reduce((newest, m) => (BigInt(m.id) > BigInt(newest) ? m.id : newest), after);
    }
    return replies.sort((a, b) => a.sentAt - b.sentAt || (BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1));
  }

  async markLateReply(nativeChannelId: string, post: PostRef, messageId: string): Promise<void> {
    try {
      await this.client.rest.put(
        Routes.channelMessageOwnReaction(post.threadId, messageId, encodeURIComponent(LATE_REACTION)),
      );
    } catch (err) {
      this.fail(err, nativeChannelId, 'mark a late reply');
    }
  }

  async warnChannel(nativeChannelId: string, message: string): Promise<void> {
    try {
      await this.client.rest.post(Routes.channelMessages(nativeChannelId), {
        body: { content: `⚠️ ${neutralizeMentions(message)}`, allowed_mentions: { parse: [] } },
      });
    } catch (err) {
      // Usually the same missing permission the warning is about; the log is all that is left.
      this.fail(err, nativeChannelId, 'post a warning');
    }
  }
}

function channelInPath(path: string): string | undefined {
  return /\/channels\/(\d+)/.exec(path)?.[1];
}

/** At most 25 characters, as Discord allows; the same for the same round in the same channel. */
export function questionNonce(nativeChannelId: string, roundId: string): string {
  return createHash('sha256').update(`${nativeChannelId}/${roundId}`).digest('base64url').slice(0, 25);
}

/** The type of the channel rounds would be posted in: a thread's parent for a command in a thread. */
function roundChannelType(interaction: ChatInputCommandInteraction): ChannelType | null {
  const channel = interaction.channel;
  if (!channel) return null;
  if (channel.isThread()) return channel.parent?.type ?? null;
  return channel.type;
}
