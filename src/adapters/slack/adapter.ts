/**
 * The Slack adapter: connects Bolt (HTTP or Socket Mode) and wires what Slack delivers to the core
 * (listeners.ts) and the Web API calls that post rounds and reveals (outbound.ts). A Slack error is
 * logged with its channel and never crashes the process; the ones an admin can fix are told to
 * admins in their next `/quiz` reply there (see ChannelProblems).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { PostRef } from '../../core/types.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import type {
  ChatAdapter,
  DeliveryAttempt,
  DigestPostOptions,
  InboundHandler,
  SentThreadMessage,
} from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { ChannelProblems } from '../channel-problems.ts';
import { classifySlackError, slackFailure } from './errors.ts';
import { InFlight } from './in-flight.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { registerListeners } from './listeners.ts';
import { SlackOutbound } from './outbound.ts';
import { SeenEvents } from './seen-events.ts';
import type { UserDirectory } from './user-directory.ts';

export { LATE_REACTION, QUESTION_EVENT } from './outbound.ts';

/** The Socket Mode client's connection events, all this adapter needs of it. */
export interface ConnectionEvents {
  on(state: 'connected' | 'disconnected' | 'reconnecting', listener: () => void): unknown;
  once(state: 'disconnected', listener: () => void): unknown;
}

export interface SlackAdapterOptions {
  app: App;
  /** Posts questions without retrying by itself (see postQuestion); defaults to the app's client. */
  questionClient?: App['client'];
  /** Reads rounds' channels and threads and edits their posts, paced (see SlackOutbound); defaults to the app's client. */
  roundClient?: App['client'];
  /** Tries at posting one question, and the pause between them. */
  questionAttempts?: { tries: number; pauseMs: number };
  /** How long a reply waits for its author's name before it is recorded under the id. */
  nameWaitMs?: number;
  /** How long a suggestion form's submission waits for the core before showing "checking"; tests of a slow core pass less. */
  suggestionBudgetMs?: number;
  mode: 'http' | 'socket';
  /** Socket Mode only: the client whose connection state `isConnected` reports. */
  socket?: ConnectionEvents;
  directory: UserDirectory;
  /** The only workspaces or organisations served (SLACK_ALLOWED_TEAMS); absent: every one. */
  allowedTeams?: ReadonlySet<string>;
  logger: Logger;
  clock: Clock;
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  private started = false;
  private server?: Server;
  private socketUp = false;
  private readonly inFlight: InFlight;
  private readonly problems = new ChannelProblems();
  private readonly outbound: SlackOutbound;

  constructor(private readonly options: SlackAdapterOptions) {
    this.inFlight = new InFlight(options.logger);
    this.outbound = new SlackOutbound({
      client: options.app.client,
      ...(options.questionClient ? { questionClient: options.questionClient } : {}),
      ...(options.roundClient ? { roundClient: options.roundClient } : {}),
      ...(options.questionAttempts ? { questionAttempts: options.questionAttempts } : {}),
      ...(options.nameWaitMs !== undefined ? { nameWaitMs: options.nameWaitMs } : {}),
      directory: options.directory,
      logger: options.logger,
      problems: this.problems,
    });
    options.socket?.on('connected', () => {
      this.socketUp = true;
    });
    for (const state of ['disconnected', 'reconnecting'] as const) {
      options.socket?.on(state, () => {
        this.socketUp = false;
      });
    }
  }

  async start(inbound: InboundHandler): Promise<void> {
    const { app, directory, logger, clock, mode } = this.options;
    registerListeners(app, {
      inbound,
      directory,
      ...(this.options.allowedTeams ? { allowedTeams: this.options.allowedTeams } : {}),
      seen: new SeenEvents(),
      inFlight: this.inFlight,
      logger,
      clock,
      problems: this.problems,
      markLateReply: (channel, messageId) => this.outbound.markLateReply(channel, messageId),
      tellNotRecorded: (channel, threadTs, userId) => this.outbound.tellNotRecorded(channel, threadTs, userId),
      ...(this.options.nameWaitMs !== undefined ? { nameWaitMs: this.options.nameWaitMs } : {}),
      ...(this.options.suggestionBudgetMs !== undefined ? { suggestionBudgetMs: this.options.suggestionBudgetMs } : {}),
    });
    const started = await this.connect();
    if (mode === 'http') this.server = started;
    this.started = true;
    logger.info({ mode, port: this.listeningPort() }, 'slack adapter started');
  }

  /** Checks the bot token, then starts the receiver; failures name the setting to fix. */
  private async connect() {
    const { app, mode } = this.options;
    try {
      // auth.test: fails fast on a wrong token, and tells Bolt the bot's own ids so it ignores its own messages.
      await app.init();
    } catch (error) {
      const { code, slackError } = classifySlackError(error);
      throw slackFailure(
        code,
        code === 'invalid-auth'
          ? `Slack rejected SLACK_BOT_TOKEN (auth.test: ${slackError}): set it to the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page.`
          : `could not reach the Slack Web API to check SLACK_BOT_TOKEN (auth.test: ${slackError ?? code}); check SLACK_API_URL and the network.`,
        { method: 'auth.test', slackError },
        error,
      );
    }
    try {
      return await app.start();
    } catch (error) {
      const { code, slackError } = classifySlackError(error);
      const setting =
        mode === 'socket'
          ? 'SLACK_APP_TOKEN (an xapp-... token with connections:write)'
          : `PORT (${String((error as Error).message)})`;
      throw slackFailure(
        code,
        `the Slack ${mode} receiver could not start: check ${setting}.`,
        { mode, slackError },
        error,
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const disconnected =
      this.options.mode === 'socket' && this.socketUp
        ? new Promise<void>((resolve) => this.options.socket?.once('disconnected', resolve))
        : Promise.resolve();
    const stopping = this.options.app.stop();
    await this.inFlight.settled();
    // Every delivery has been acknowledged and handled; what is left are keep-alive connections
    // (or a client still sending a body that was refused), which would hold the close open.
    this.server?.closeAllConnections();
    await stopping;
    await disconnected;
    this.server = undefined;
  }

  /** Up while Slack's events can reach the bot and the bot token still works: a revoked token turns /healthz red. */
  isConnected(): boolean {
    if (this.outbound.tokenRejected) return false;
    return this.options.mode === 'http' ? this.server?.listening === true : this.socketUp;
  }

  /** The port the HTTP receiver listens on (tests start it on port 0), or undefined in Socket Mode. */
  listeningPort(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  /** Resolves once every delivery being handled has been handled (tests wait on this, not on time). */
  settled(): Promise<void> {
    return this.inFlight.settled();
  }

  postingProblem(nativeChannelId: string): Promise<string | undefined> {
    return this.outbound.postingProblem(nativeChannelId);
  }

  postQuestion(nativeChannelId: string, view: RoundPostView, attempt?: DeliveryAttempt): Promise<PostRef> {
    return this.outbound.postQuestion(nativeChannelId, view, attempt);
  }

  postReveal(nativeChannelId: string, post: PostRef, view: RevealView, attempt?: DeliveryAttempt): Promise<void> {
    return this.outbound.postReveal(nativeChannelId, post, view, attempt);
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

  displayNames(userIds: string[]): Promise<ReadonlyMap<string, string>> {
    return this.outbound.displayNames(userIds);
  }

  warnChannel(nativeChannelId: string, message: string): Promise<void> {
    return this.outbound.warnChannel(nativeChannelId, message);
  }

  /**
   * A direct message in the bot's DM with the person (conversations.open, im:write), which they
   * read in the app's Messages tab (the manifest turns it on, read-only). Best effort.
   */
  async notifyUser(userId: string, text: string): Promise<void> {
    try {
      const client = this.options.app.client;
      const dm = (await client.conversations.open({ users: userId })).channel?.id;
      if (!dm) throw new Error(`conversations.open gave no channel for ${userId}`);
      await client.chat.postMessage({ channel: dm, text: escapeMrkdwn(text) });
    } catch (error) {
      this.options.logger.warn({ err: error, user: userId }, 'could not send a Slack direct message');
    }
  }
}
