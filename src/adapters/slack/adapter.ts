/**
 * The Slack adapter: connects Bolt (HTTP or Socket Mode), hands what Slack delivers to the core
 * (see listeners.ts), and posts rounds and reveals through the Web API. A Slack error (bot not in
 * the channel, a deleted channel, rate limits) is logged with its channel and never crashes the
 * process; the ones an admin can fix are told to admins in their next `/quiz` reply there.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { PostRef } from '../../core/types.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import type { ChatAdapter, InboundHandler, SentThreadMessage } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { InFlight } from './in-flight.ts';
import { registerListeners, withDisplayName } from './listeners.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { renderPost, renderReveal, renderRevealedPost } from './render-rounds.ts';
import { SeenEvents } from './seen-events.ts';
import { channelProblemMessage, classifySlackError, SlackAdapterError } from './errors.ts';
import { historyReply, type WrittenMessage } from './translate.ts';
import type { UserDirectory } from './user-directory.ts';

/** The Socket Mode client's connection events, all this adapter needs of it. */
export interface ConnectionEvents {
  on(state: 'connected' | 'disconnected' | 'reconnecting', listener: () => void): unknown;
  once(state: 'disconnected', listener: () => void): unknown;
}

export interface SlackAdapterOptions {
  app: App;
  /** Posts questions without retrying by itself (see postQuestion); defaults to the app's client. */
  questionClient?: App['client'];
  /** Tries at posting one question, and the pause between them. */
  questionAttempts?: { tries: number; pauseMs: number };
  mode: 'http' | 'socket';
  /** Socket Mode only: the client whose connection state `isConnected` reports. */
  socket?: ConnectionEvents;
  directory: UserDirectory;
  logger: Logger;
  clock: Clock;
}

/** Message metadata type that marks a question post, with the round id in its payload. */
export const QUESTION_EVENT = 'quizthread_question';

/** The reaction that marks a reply sent after the reveal, instead of a message in the thread. */
export const LATE_REACTION = 'alarm_clock';

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  private started = false;
  private server?: Server;
  private socketUp = false;
  /** Set when Slack answers invalid_auth, token_revoked or account_inactive; cleared by a successful post. */
  private tokenRejected = false;
  private readonly inFlight: InFlight;
  /** The last posting problem per channel, cleared by the next successful post there. */
  private readonly channelProblems = new Map<string, string>();

  constructor(private readonly options: SlackAdapterOptions) {
    this.inFlight = new InFlight(options.logger);
    options.socket?.on('connected', () => {
      this.socketUp = true;
    });
    for (const state of ['disconnected', 'reconnecting'] as const) {
      options.socket?.on(state, () => {
        this.socketUp = false;
      });
    }
  }

  private get client() {
    return this.options.app.client;
  }

  async start(inbound: InboundHandler): Promise<void> {
    const { app, directory, logger, clock, mode } = this.options;
    registerListeners(app, {
      inbound,
      directory,
      seen: new SeenEvents(),
      inFlight: this.inFlight,
      logger,
      clock,
      channelProblem: (channel) => this.channelProblems.get(channel),
      postingProblem: (channel) => this.postingProblem(channel),
      markLateReply: (channel, threadId, messageId) =>
        this.markLateReply(channel, { messageId: threadId, threadId }, messageId),
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
      throw new SlackAdapterError(
        code,
        code === 'invalid-auth'
          ? `Slack rejected SLACK_BOT_TOKEN (auth.test: ${slackError}): set it to the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page.`
          : `could not reach the Slack Web API to check SLACK_BOT_TOKEN (auth.test: ${slackError ?? code}); check SLACK_API_URL and the network.`,
        { method: 'auth.test', slackError },
        { cause: error },
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
      throw new SlackAdapterError(
        code,
        `the Slack ${mode} receiver could not start: check ${setting}.`,
        { mode, slackError },
        { cause: error },
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
    if (this.tokenRejected) return false;
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

  /**
   * chat.postMessage has no idempotency key: when a response is lost (a timeout, a 5xx), the
   * question may or may not be in the channel. So every attempt, including a retry by the core
   * after a lease or by another replica, first looks for a message of this round (it carries the
   * round id in its metadata) and takes it if found.
   */
  async postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef> {
    const client = this.options.questionClient ?? this.client;
    const { tries, pauseMs } = this.options.questionAttempts ?? { tries: 3, pauseMs: 2_000 };
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.findQuestion(nativeChannelId, view.roundId);
      if (earlier) return this.posted(nativeChannelId, earlier);
      try {
        const result = await client.chat.postMessage({
          channel: nativeChannelId,
          ...renderPost(view),
          metadata: { event_type: QUESTION_EVENT, event_payload: { round_id: view.roundId } },
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!result.ts)
          throw new SlackAdapterError('api-error', `chat.postMessage in ${nativeChannelId} returned no ts`, {
            channel: nativeChannelId,
          });
        return this.posted(nativeChannelId, result.ts);
      } catch (error) {
        const { code } = classifySlackError(error);
        // Slack answered (ok: false): nothing was posted, and asking again will not help.
        const answered = error instanceof SlackAdapterError || (code !== 'unreachable' && code !== 'rate-limited');
        if (answered || attempt >= tries) {
          const { slackError } = this.logFailure(nativeChannelId, 'chat.postMessage', error);
          throw new SlackAdapterError(
            code,
            `chat.postMessage failed in ${nativeChannelId}: ${slackError ?? code}`,
            { channel: nativeChannelId, slackError },
            { cause: error },
          );
        }
        this.options.logger.warn(
          { channel: nativeChannelId, attempt, code },
          'slack: posting the question failed; checking the channel, then trying again',
        );
        // A rate limit was already waited out by the client; anything else gets a short pause.
        if (code !== 'rate-limited') await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  private posted(nativeChannelId: string, ts: string): PostRef {
    this.channelProblems.delete(nativeChannelId);
    this.tokenRejected = false;
    // A Slack thread is named by its parent's ts.
    return { messageId: ts, threadId: ts };
  }

  /** The ts of this round's question among the channel's recent messages, if an attempt already posted it. */
  private async findQuestion(nativeChannelId: string, roundId: string): Promise<string | undefined> {
    try {
      // The newest hundred messages: a retry comes within the answer window, and even a busy
      // channel rarely buries a question under a hundred newer top-level messages by then.
      const history = await this.client.conversations.history({
        channel: nativeChannelId,
        include_all_metadata: true,
        limit: 100,
      });
      const mine = history.messages?.find(
        (m) =>
          m.metadata?.event_type === QUESTION_EVENT &&
          (m.metadata.event_payload as { round_id?: unknown } | undefined)?.round_id === roundId,
      );
      return mine?.ts;
    } catch (error) {
      // Without history (a DM, a missing scope) the post goes ahead as before; the post itself
      // reports a channel the bot cannot use.
      this.options.logger.debug(
        { channel: nativeChannelId, err: error },
        'slack: could not read the channel history before posting',
      );
      return undefined;
    }
  }

  async postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void> {
    await this.call(nativeChannelId, 'chat.postMessage', () =>
      this.client.chat.postMessage({
        channel: nativeChannelId,
        thread_ts: post.threadId,
        ...renderReveal(view),
        unfurl_links: false,
      }),
    );
    try {
      await this.client.chat.update({ channel: nativeChannelId, ts: post.messageId, ...renderRevealedPost(view) });
    } catch (error) {
      // The answer is in the thread already; a stale parent is cosmetic, so log and carry on.
      this.logFailure(nativeChannelId, 'chat.update', error);
    }
  }

  /**
   * Whether rounds can run in a conversation, from one history read: a slash command works in any
   * conversation, but the bot can only post and hear replies where it is a member, and not in DMs
   * (no history scope for them). Other failures (an outage) do not block the command.
   */
  private async postingProblem(nativeChannelId: string): Promise<string | undefined> {
    try {
      await this.client.conversations.history({ channel: nativeChannelId, limit: 1 });
      return undefined;
    } catch (error) {
      switch (classifySlackError(error).slackError) {
        case 'not_in_channel':
          return 'I am not a member of this channel, so I could neither post the question nor read the answers. Invite me with `/invite @quizthread`, then run this again.';
        case 'channel_not_found':
          return 'I cannot see this conversation. If it is a private channel, invite me with `/invite @quizthread`, then run this again.';
        case 'missing_scope':
          return 'Daily questions need a channel: I cannot read replies in direct messages. Run this in a channel I am a member of.';
        default:
          return undefined;
      }
    }
  }

  /**
   * The thread's replies from conversations.replies, oldest first: Slack gives up redelivering an
   * event after a few retries, so answers written while the bot was down exist only here.
   */
  async threadReplies(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]> {
    const replies: SentThreadMessage[] = [];
    let cursor: string | undefined;
    // Five pages of two hundred: more answers than any team writes to one question.
    for (let page = 0; page < 5; page++) {
      const result = await this.client.conversations.replies({
        channel: nativeChannelId,
        ts: post.threadId,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of result.messages ?? []) {
        const reply = historyReply(nativeChannelId, message as WrittenMessage);
        // The bot's own messages come back as bot replies, which the core never counts.
        if (!reply) continue;
        replies.push({
          ...(await withDisplayName(this.options.directory, reply)),
          sentAt: Math.round(Number(message.ts) * 1000),
        });
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return replies;
  }

  async markLateReply(nativeChannelId: string, _post: PostRef, messageId: string): Promise<void> {
    try {
      await this.client.reactions.add({ channel: nativeChannelId, timestamp: messageId, name: LATE_REACTION });
    } catch (error) {
      if (classifySlackError(error).slackError === 'already_reacted') return;
      this.logFailure(nativeChannelId, 'reactions.add', error);
    }
  }

  async warnChannel(nativeChannelId: string, message: string): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: nativeChannelId, text: `:warning: ${escapeMrkdwn(message)}` });
    } catch (error) {
      this.logFailure(nativeChannelId, 'chat.postMessage', error);
    }
  }

  /** Runs a Web API call whose failure the core must hear about, as a coded, logged error. */
  private async call<T>(channel: string, method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const { code, slackError } = this.logFailure(channel, method, error);
      throw new SlackAdapterError(
        code,
        `${method} failed in ${channel}: ${slackError ?? code}`,
        { channel, method, slackError },
        { cause: error },
      );
    }
  }

  private logFailure(channel: string, method: string, error: unknown) {
    const classified = classifySlackError(error);
    const problem = channelProblemMessage(classified.code);
    if (problem) this.channelProblems.set(channel, problem);
    if (classified.code === 'invalid-auth' && !this.tokenRejected) {
      this.tokenRejected = true;
      this.options.logger.error(
        { slackError: classified.slackError },
        'Slack rejected the bot token (the app was uninstalled or the token revoked): reinstall the app and update SLACK_BOT_TOKEN; health reports slack disconnected until a call succeeds',
      );
    }
    this.options.logger.warn(
      { err: error, channel, method, code: classified.code, slackError: classified.slackError },
      'slack api call failed',
    );
    return classified;
  }
}
