/**
 * The chat-platform port. An adapter connects to one platform, turns its events into the
 * `InboundHandler` calls below, and renders the core's view models when asked to post. Adapters
 * translate; they make no quiz decisions.
 */
import type { Reply, RevealView, RoundPostView } from '../core/views.ts';
import type { ChannelId, Person, Platform, PostRef } from '../core/types.ts';

/** A `/quiz ...` command as typed by a user, before the core parses it. */
export interface CommandRequest {
  channel: ChannelId;
  caller: Person;
  /** Decided by the adapter from the platform's own notion of admin. */
  isAdmin: boolean;
  /** Everything after `/quiz`, e.g. `schedule 09:00 Europe/Berlin`. */
  text: string;
  /** A user the adapter resolved from a mention or a user option (for `streak`). */
  target?: Person;
  /**
   * Why the bot could not post rounds in this channel, when the platform says so with the command
   * (Discord sends the bot's own permissions and the channel type): `schedule` and `post-now`
   * refuse with it, instead of accepting a channel where every post would fail.
   */
  cannotPostHere?: string;
}

/** A message posted in a round's thread. */
export interface ThreadMessage {
  channel: ChannelId;
  threadId: string;
  messageId: string;
  author: Person & { isBot: boolean };
  /** Null when the platform withheld the text (Discord without the Message Content intent). */
  text: string | null;
}

/** A thread message read back from history, with the platform's own time of sending. */
export type SentThreadMessage = ThreadMessage & { sentAt: number };

/** A message deleted from a round's thread; platforms do not always say who wrote it. */
export interface DeletedThreadMessage {
  channel: ChannelId;
  threadId: string;
  messageId: string;
}

/**
 * What became of a thread message, so the adapter can react: mark a `late` reply, and tell the
 * author when the store was down (`queued`: it will be recorded when the store is back;
 * `unavailable`: the retry queue is full, please post it again).
 */
export type ThreadMessageOutcome = 'recorded' | 'duplicate' | 'late' | 'ignored' | 'queued' | 'unavailable';

export interface InboundHandler {
  command(request: CommandRequest): Promise<Reply>;
  threadMessage(message: ThreadMessage): Promise<ThreadMessageOutcome>;
  threadMessageEdited(message: ThreadMessage): Promise<void>;
  /**
   * Channels the bot will never post in again (deleted, or the bot was removed from their server):
   * their schedules end, instead of failing once a day for ever.
   */
  channelsGone(channels: ChannelId[], reason: string): Promise<void>;
  /** A counted answer's message was deleted: its text goes, and a new reply may replace it. */
  threadMessageDeleted(message: DeletedThreadMessage): Promise<void>;
  /**
   * The "Reveal answer" button under a practice question. `questionId` is the question the button
   * was under, when the platform carries it: an old button must not reveal a newer question.
   */
  practiceReveal(channel: ChannelId, caller: Person, questionId?: string): Promise<Reply>;
}

export interface ChatAdapter {
  readonly platform: Platform;
  /** Connects and starts delivering events. Resolves once the adapter is ready. */
  start(inbound: InboundHandler): Promise<void>;
  /** Stops taking events and closes connections. */
  stop(): Promise<void>;
  /** True while the platform connection is up, for health checks. */
  isConnected(): boolean;
  /**
   * Posts a round's question into a channel and opens its answer thread. Rejects with an error
   * carrying `permanent: true` when trying again cannot help until someone fixes the channel (not a
   * member, a permission missing, the channel archived or deleted): the core then cancels the round
   * instead of retrying it all day.
   */
  postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef>;
  /** Posts the reveal into the round's thread and marks the original post as revealed. */
  postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void>;
  /**
   * The replies in a round's thread, with when each was sent, read from the platform's history:
   * the core records any it missed (the bot was restarting, the connection was down) before the
   * reveal. Optional; an adapter without history leaves it out.
   */
  threadReplies?(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]>;
  /** Tells the author of a late reply it did not count, without flooding the thread. */
  markLateReply(nativeChannelId: string, post: PostRef, messageId: string): Promise<void>;
  /** Tells a channel's admins about a problem (missing permission, deleted channel). */
  warnChannel(nativeChannelId: string, message: string): Promise<void>;
}
