/**
 * quizthread on Discord. Interactions and thread replies arrive over the gateway and become core
 * calls (listeners.ts); rounds are posted and revealed over REST only (outbound.ts), so any process
 * sharing the store can do it. The adapter wires the two; it makes no quiz decisions.
 */
import { type Client, Status } from 'discord.js';
import type { PostRef } from '../../core/types.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import type { ChatAdapter, DigestPostOptions, InboundHandler, SentThreadMessage } from '../../ports/chat.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { ChannelProblems } from '../channel-problems.ts';
import { describeLoginFailure } from './errors.ts';
import { registerListeners } from './listeners.ts';
import { DiscordOutbound } from './outbound.ts';
import { PostingChecks } from './permissions.ts';
import { type GatewayTiming, GatewayConnection } from './connection.ts';

export interface DiscordAdapterOptions {
  token: string;
  /** Whether the Message Content intent is requested; without it answers arrive without text. */
  messageContent: boolean;
  /** The only servers the bot serves (DISCORD_ALLOWED_GUILDS); absent: every server. */
  allowedGuilds?: ReadonlySet<string>;
  logger: Logger;
  /** The quiz's clock, for sizing a round's thread to its answer window. */
  clock?: Clock;
  /** How a failed login is retried; tests pass a quick one. */
  gatewayTiming?: Partial<GatewayTiming>;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  private listening = false;
  private readonly problems = new ChannelProblems();
  private readonly postingChecks = new PostingChecks();
  private readonly outbound: DiscordOutbound;
  private gateway?: GatewayConnection;

  constructor(
    private readonly client: Client,
    private readonly options: DiscordAdapterOptions,
  ) {
    this.outbound = new DiscordOutbound({
      client,
      messageContent: options.messageContent,
      logger: options.logger,
      clock: options.clock ?? systemClock,
      problems: this.problems,
    });
  }

  async start(inbound: InboundHandler): Promise<void> {
    const { client, options } = this;
    if (!this.listening) {
      this.listening = true;
      registerListeners(client, {
        inbound,
        messageContent: options.messageContent,
        ...(options.allowedGuilds ? { allowedGuilds: options.allowedGuilds } : {}),
        logger: options.logger,
        problems: this.problems,
        postingChecks: this.postingChecks,
        markLateReply: (channel, threadId, messageId) => this.outbound.markLateReply(channel, threadId, messageId),
        tellNotRecorded: (channel, threadId, messageId) => this.outbound.tellNotRecorded(channel, threadId, messageId),
      });
    }
    // discord.js destroys a client whose first login fails: the connection retries it, and a close
    // that ends it for good (4014, 4004) rejects with what the operator has to change.
    this.gateway = new GatewayConnection(client, options.token, options.logger, options.gatewayTiming);
    try {
      if (!(await this.gateway.start())) return;
    } catch (error) {
      throw describeLoginFailure(error, this.gateway.closeCode);
    }
    options.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  }

  async stop(): Promise<void> {
    this.gateway?.stop();
    await this.client.destroy();
  }

  isConnected(): boolean {
    return this.client.isReady() && this.client.ws.shards.every((shard) => shard.status === Status.Ready);
  }

  /** From the permissions and channel type Discord sent with the command being handled. */
  async postingProblem(nativeChannelId: string): Promise<string | undefined> {
    return this.postingChecks.problem(nativeChannelId);
  }

  postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef> {
    return this.outbound.postQuestion(nativeChannelId, view);
  }

  postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void> {
    return this.outbound.postReveal(nativeChannelId, post, view);
  }

  postDigest(
    nativeChannelId: string,
    view: DigestView,
    image?: DigestImage,
    options?: DigestPostOptions,
  ): Promise<void> {
    return this.outbound.postDigest(nativeChannelId, view, image, options);
  }

  threadReplies(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]> {
    return this.outbound.threadReplies(nativeChannelId, post);
  }

  warnChannel(nativeChannelId: string, message: string): Promise<void> {
    return this.outbound.warnChannel(nativeChannelId, message);
  }
}
