/**
 * The chat-platform port. An adapter connects to one platform, turns its events into the
 * `InboundHandler` calls below, and renders the core's view models when asked to post. Adapters
 * translate; they make no quiz decisions.
 */
import type { DigestImage, DigestView } from '../core/digest-view.ts';
import type { Reply, RevealView, RoundPostView, SuggestionDraft } from '../core/views.ts';
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
   * The platform's id of the server (Discord guild) or workspace (Slack team) the channel is in, when
   * there is one: schedules record it, so practice can avoid questions open elsewhere on it.
   */
  space?: string;
}

/**
 * A call to the chat platform that failed, as every adapter reports it: a stable `code` to branch
 * and log on, whether trying again can help, and a sentence for the channel's admins.
 */
export class ChatFailure extends Error {
  /** Stable and platform-specific, e.g. `missing-permissions` or `not-in-channel`. */
  readonly code: string;
  /**
   * True when the same call will keep failing until someone fixes the channel (not a member, a
   * permission missing, the channel archived or deleted) or the credentials: the core then gives the
   * round up instead of retrying it all day.
   */
  readonly permanent: boolean;
  /** What an admin should read and can act on; adapters show it in the admins' next `/quiz` reply. */
  readonly adminMessage: string | undefined;
  /** What an operator needs in the log: the channel, the platform's own error code, the method. */
  readonly context: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    details: { permanent: boolean; adminMessage?: string; context?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ChatFailure';
    this.code = code;
    this.permanent = details.permanent;
    this.adminMessage = details.adminMessage;
    this.context = details.context ?? {};
  }
}

/** The ChatFailure behind an error, looking a few causes deep (the core wraps what adapters throw). */
export function chatFailureIn(error: unknown): ChatFailure | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ChatFailure) return e;
  }
  return undefined;
}

/** True when an adapter said retrying cannot help until someone changes the channel. */
export function isPermanentChatFailure(error: unknown): boolean {
  return chatFailureIn(error)?.permanent === true;
}

/** A message posted in a round's thread. */
export interface ThreadMessage {
  channel: ChannelId;
  threadId: string;
  messageId: string;
  author: Person & { isBot: boolean };
  /** Null when the platform withheld the text (Discord without the Message Content intent). */
  text: string | null;
  /**
   * When the adapter received it, stamped before any lookup it makes (a user's name), so a slow
   * lookup cannot make an on-time answer late; the core's own clock when absent.
   */
  receivedAt?: number;
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

/**
 * Which attempt at a round's message this is. An adapter whose platform has no idempotency key
 * (Slack) looks for an earlier attempt's message before posting again; on a `first` attempt there can
 * be none, so it saves that lookup (a rate-limited history read per channel in the 09:00 burst).
 */
export interface DeliveryAttempt {
  /**
   * True only when this very call opened the round (for a question) or revealed it (for a reveal):
   * no earlier attempt, in this process or another replica, can have posted the message.
   */
  first: boolean;
}

/** A click on an option button of a round's question (in the shell: typing `a`...`e` or `/quiz pick b`). */
export interface PickRequest {
  channel: ChannelId;
  caller: Person;
  /** The round the button was under, as its custom id / action value carries it. */
  roundId: string;
  /** 0 = a, 1 = b... */
  option: number;
  /** As in `ThreadMessage.receivedAt`: stamped before any lookup, so a slow one cannot make it late. */
  receivedAt?: number;
}

/** A click on an option button under a practice question, answered privately and at once. */
export interface PracticePickRequest {
  channel: ChannelId;
  caller: Person;
  /** The practice question the button was under: an old button must not answer a newer question. */
  questionId: string;
  option: number;
  /** As in `CommandRequest`. */
  space?: string;
}

/** The suggestion form, submitted. */
export interface SuggestionSubmission {
  channel: ChannelId;
  caller: Person;
  /** As in `CommandRequest`: suggestions belong to the server or workspace. */
  space?: string;
  draft: SuggestionDraft;
}

/** An admin's Approve or Reject (with an optional reason) on a pending suggestion. */
export interface SuggestionDecision {
  channel: ChannelId;
  caller: Person;
  isAdmin: boolean;
  space?: string;
  suggestionId: string;
  decision: 'approve' | 'reject';
  reason?: string;
}

export interface InboundHandler {
  /** null: say nothing at all (the caller is over the per-user command limit and was told so once). */
  command(request: CommandRequest): Promise<Reply | null>;
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
   * `space` is as in `CommandRequest`.
   */
  practiceReveal(channel: ChannelId, caller: Person, questionId?: string, space?: string): Promise<Reply>;
  /**
   * The "My feedback" button under a reveal: the caller's own coverage and misconceptions on that
   * round (`roundId`, as the button carries it), answered privately.
   */
  roundFeedback(channel: ChannelId, caller: Person, roundId: string): Promise<Reply>;
  /**
   * An option picked on a round's button question: one answer per person per round, changeable until
   * the reveal (a `picked` reply, private), a `too-late` refusal after it. Counts for the streak once.
   */
  pick(request: PickRequest): Promise<Reply>;
  /** An option picked on a practice button question: judged at once (`practice-pick-result`). */
  practicePick(request: PracticePickRequest): Promise<Reply>;
  /** The suggestion form was submitted: `suggestion-received`, or `suggestion-problems` with the draft kept. */
  submitSuggestion(request: SuggestionSubmission): Promise<Reply>;
  /** Approve or Reject pressed under a suggestion (admins only); the author is told privately. */
  decideSuggestion(request: SuggestionDecision): Promise<Reply>;
}

/** How the core asks for the weekly digest to be posted. */
export interface DigestPostOptions {
  /** Not the first attempt at this channel week's digest (see `postDigest`). */
  retry?: boolean;
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
   * Why rounds cannot run in a channel (the bot is not a member, lacks a permission, or the channel
   * cannot hold threads), as a sentence for the admin, or undefined when they can or the adapter
   * cannot tell. The core asks before `schedule` and `post-now` and refuses with it, instead of
   * accepting a channel where every post would fail.
   */
  postingProblem(nativeChannelId: string): Promise<string | undefined>;
  /**
   * Posts a round's question into a channel and opens its answer thread. Rejects with a
   * `ChatFailure`; a `permanent` one makes the core cancel the round instead of retrying it.
   */
  postQuestion(nativeChannelId: string, view: RoundPostView, attempt?: DeliveryAttempt): Promise<PostRef>;
  /** Posts the reveal into the round's thread and marks the original post as revealed; rejects with a `ChatFailure`. */
  postReveal(nativeChannelId: string, post: PostRef, view: RevealView, attempt?: DeliveryAttempt): Promise<void>;
  /**
   * The replies in a round's thread, with when each was sent, read from the platform's history:
   * the core records any it missed (the bot was restarting, the connection was down) before the
   * reveal. Optional; an adapter without history leaves it out.
   */
  threadReplies?(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]>;
  /**
   * Names for users whose answers were recorded under their id (the platform was slow to say who
   * they are), asked for again when the round is revealed. Optional; best effort, bounded in time.
   */
  displayNames?(userIds: string[]): Promise<ReadonlyMap<string, string>>;
  /** Tells a channel's admins about a problem (missing permission, deleted channel). */
  warnChannel(nativeChannelId: string, message: string): Promise<void>;
  /**
   * Posts the weekly digest into the channel: its text, with the chart when there is one. Optional;
   * the core skips the digest on an adapter without it. Rejects with a `ChatFailure`. With `retry`,
   * an earlier attempt may have posted this week's digest without hearing back (a crash, a lost
   * answer): the adapter looks for it first (one call at most) and posts nothing when it is there.
   */
  postDigest?(
    nativeChannelId: string,
    view: DigestView,
    image?: DigestImage,
    options?: DigestPostOptions,
  ): Promise<void>;
  /**
   * Tells one person something privately, outside any channel (a direct message): the outcome of
   * their suggestion. `text` is plain and quotes what members typed (a title, a reject reason), so
   * the adapter escapes it for its markup like any user text. Optional; best effort.
   */
  notifyUser?(userId: string, text: string): Promise<void>;
}
