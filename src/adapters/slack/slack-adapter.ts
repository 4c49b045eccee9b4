/**
 * The Slack adapter: Bolt delivers slash commands, thread replies and button presses; this class
 * acknowledges each at once (Slack's 3-second rule), translates it for the core, and renders what
 * the core answers. It also posts rounds and reveals through the Web API, and keeps a Slack error
 * (bot not in the channel, rate limits) from ever crashing the process.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, BlockButtonAction, RespondFn, SlashCommand } from '@slack/bolt';
import type { MessageEvent } from '@slack/types';
import type { Person, PostRef } from '../../core/types.ts';
import { splitChannelId } from '../../core/types.ts';
import type { Reply, RevealView, RoundPostView } from '../../core/views.ts';
import type { ChatAdapter, InboundHandler, ThreadMessage } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { type SlackMessage, rawContext, rawSection } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { PRACTICE_REVEAL_ACTION, renderReply } from './render-replies.ts';
import { renderPost, renderReveal, renderRevealedPost } from './render-rounds.ts';
import { SeenEvents } from './seen-events.ts';
import { channelProblemMessage, classifySlackError, SlackAdapterError } from './slack-errors.ts';
import { toCommandRequest, toPracticeReveal, toThreadEvent } from './translate.ts';
import type { UserDirectory } from './user-directory.ts';

/** The Socket Mode client's connection events, all this adapter needs of it. */
export interface ConnectionEvents {
  on(state: 'connected' | 'disconnected' | 'reconnecting', listener: () => void): unknown;
  once(state: 'disconnected', listener: () => void): unknown;
}

export interface SlackAdapterOptions {
  app: App;
  mode: 'http' | 'socket';
  /** Socket Mode only: the client whose connection state `isConnected` reports. */
  socket?: ConnectionEvents;
  directory: UserDirectory;
  logger: Logger;
  clock: Clock;
}

/** The reaction that marks a reply sent after the reveal, instead of a message in the thread. */
export const LATE_REACTION = 'alarm_clock';

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  private inbound?: InboundHandler;
  private server?: Server;
  private socketUp = false;
  private readonly seen = new SeenEvents();
  private readonly inFlight = new Set<Promise<void>>();
  /** The last posting problem per channel, told to admins in their next `/quiz` reply there. */
  private readonly channelProblems = new Map<string, string>();

  constructor(private readonly options: SlackAdapterOptions) {
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
    this.inbound = inbound;
    this.listen(inbound);
    // auth.test: fails fast on a wrong token, and tells Bolt the bot's own ids so it ignores its own messages.
    await this.options.app.init();
    const started = await this.options.app.start();
    if (this.options.mode === 'http') this.server = started;
    this.options.logger.info({ mode: this.options.mode, port: this.listeningPort() }, 'slack adapter started');
  }

  async stop(): Promise<void> {
    if (!this.inbound) return;
    this.inbound = undefined;
    const disconnected =
      this.options.mode === 'socket' && this.socketUp
        ? new Promise<void>((resolve) => this.options.socket?.once('disconnected', resolve))
        : Promise.resolve();
    const stopping = this.options.app.stop();
    await this.settled();
    // Every delivery has been acknowledged and handled; what is left are keep-alive connections
    // (or a client still sending a body that was refused), which would hold the close open.
    this.server?.closeAllConnections();
    await stopping;
    await disconnected;
    this.server = undefined;
  }

  isConnected(): boolean {
    return this.options.mode === 'http' ? this.server?.listening === true : this.socketUp;
  }

  /** The port the HTTP receiver listens on (tests start it on port 0), or undefined in Socket Mode. */
  listeningPort(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  private listen(inbound: InboundHandler): void {
    const { app, logger } = this.options;
    app.command(/^\/quiz/, async ({ command, ack, respond }) => {
      await ack();
      await this.track('slash command', () => this.answerCommand(inbound, command, respond));
    });
    // Events are acknowledged by Bolt before listeners run, so a slow store never makes Slack retry.
    app.event('message', async ({ event, body }) => {
      await this.track('message event', () => this.acceptMessage(inbound, event, body.event_id));
    });
    app.action<BlockButtonAction>(PRACTICE_REVEAL_ACTION, async ({ ack, body, respond }) => {
      await ack();
      await this.track('practice reveal button', async () => {
        const press = toPracticeReveal(body);
        if (!press) return;
        const reply = await inbound.practiceReveal(press.channel, press.caller);
        await this.respond(respond, reply, { replaceOriginal: true });
      });
    });
    app.error(async (error) => {
      logger.error({ err: error, code: error.code }, 'slack listener failed');
    });
  }

  /** Runs the work for one delivery, remembered until it ends so `settled()` and `stop()` can wait for it. */
  private async track(what: string, work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => {
      this.options.logger.error({ err: error, what }, 'could not handle a slack delivery');
    });
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /** Resolves once every delivery being handled has been handled (for a clean stop, and for tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async answerCommand(inbound: InboundHandler, command: SlashCommand, respond: RespondFn): Promise<void> {
    const caller = await this.directory.lookup(command.user_id);
    const person: Person = { id: command.user_id, name: caller?.name ?? command.user_name };
    const isAdmin = caller?.isAdmin ?? this.directory.isListedAdmin(command.user_id);
    const request = toCommandRequest(command, person, isAdmin);
    if (request.target && request.target.name === request.target.id) {
      request.target = { id: request.target.id, name: (await this.directory.lookup(request.target.id))?.name ?? request.target.id };
    }
    const reply = await inbound.command(request);
    const problem = isAdmin ? this.channelProblems.get(command.channel_id) : undefined;
    await this.respond(respond, reply, { problem });
  }

  private get directory(): UserDirectory {
    return this.options.directory;
  }

  private async respond(respond: RespondFn, reply: Reply, extra: { problem?: string; replaceOriginal?: boolean }): Promise<void> {
    let message: SlackMessage = renderReply(reply, this.options.clock.now());
    if (extra.problem) {
      // The core only knows its post failed; the Slack reason is what an admin can act on.
      message =
        reply.kind === 'refusal' && reply.code === 'unavailable'
          ? { text: escapeMrkdwn(extra.problem), blocks: [rawSection(extra.problem)] }
          : { ...message, blocks: [...message.blocks, rawContext(extra.problem)] };
    }
    try {
      await respond({
        response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
        ...(extra.replaceOriginal ? { replace_original: true } : {}),
        ...message,
      });
    } catch (error) {
      this.options.logger.warn({ err: error, reply: reply.kind }, 'could not answer a slash command through its response_url');
    }
  }

  private async acceptMessage(inbound: InboundHandler, event: MessageEvent, eventId: string): Promise<void> {
    if (!this.seen.firstSight(eventId)) {
      this.options.logger.debug({ eventId, channel: event.channel }, 'skipped a repeated delivery of a slack event');
      return;
    }
    const translated = toThreadEvent(event);
    if (!translated) return;
    if (translated.kind === 'edit') {
      await inbound.threadMessageEdited(translated.message);
      return;
    }
    const message = await this.withDisplayName(translated.message);
    const outcome = await inbound.threadMessage(message);
    if (outcome === 'late') {
      const { nativeId } = splitChannelId(message.channel);
      await this.markLateReply(nativeId, { messageId: message.threadId, threadId: message.threadId }, message.messageId);
    }
  }

  private async withDisplayName(message: ThreadMessage): Promise<ThreadMessage> {
    if (message.author.isBot) return message;
    const user = await this.directory.lookup(message.author.id);
    return user ? { ...message, author: { ...message.author, name: user.name } } : message;
  }

  async postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef> {
    const result = await this.call(nativeChannelId, 'chat.postMessage', () =>
      this.client.chat.postMessage({ channel: nativeChannelId, ...renderPost(view), unfurl_links: false, unfurl_media: false }),
    );
    if (!result.ts) throw new SlackAdapterError('api-error', `chat.postMessage in ${nativeChannelId} returned no ts`, { channel: nativeChannelId });
    this.channelProblems.delete(nativeChannelId);
    // A Slack thread is named by its parent's ts.
    return { messageId: result.ts, threadId: result.ts };
  }

  async postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void> {
    await this.call(nativeChannelId, 'chat.postMessage', () =>
      this.client.chat.postMessage({ channel: nativeChannelId, thread_ts: post.threadId, ...renderReveal(view), unfurl_links: false }),
    );
    try {
      await this.client.chat.update({ channel: nativeChannelId, ts: post.messageId, ...renderRevealedPost(view) });
    } catch (error) {
      // The answer is in the thread already; a stale parent is cosmetic, so log and carry on.
      this.logFailure(nativeChannelId, 'chat.update', error);
    }
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

  /** Runs a Web API call whose failure the core must know about, as a coded, logged error. */
  private async call<T>(channel: string, method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const { code, slackError } = this.logFailure(channel, method, error);
      throw new SlackAdapterError(code, `${method} failed in ${channel}: ${slackError ?? code}`, { channel, method, slackError }, { cause: error });
    }
  }

  private logFailure(channel: string, method: string, error: unknown) {
    const classified = classifySlackError(error);
    const problem = channelProblemMessage(classified.code);
    if (problem) this.channelProblems.set(channel, problem);
    this.options.logger.warn({ err: error, channel, method, code: classified.code, slackError: classified.slackError }, 'slack api call failed');
    return classified;
  }
}
