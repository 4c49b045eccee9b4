/**
 * Everything the bot sends to Slack through the Web API: questions (found again rather than posted
 * twice), reveals, warnings, the late-reply reaction, the thread history read before a reveal, and
 * the membership check before `schedule` and `post-now`. A failure is logged with its channel,
 * remembered for the channel's admins, and thrown as the port's ChatFailure where the core needs it.
 */
import type { App } from '@slack/bolt';
import type { PostRef } from '../../core/types.ts';
import { digestTitle } from '../../core/digest-text.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import { ANSWER_NOT_RECORDED } from '../../core/wording.ts';
import { ChatFailure, type DeliveryAttempt, type DigestPostOptions, type SentThreadMessage } from '../../ports/chat.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ChannelProblems } from '../channel-problems.ts';
import type { SlackMessage } from './blocks.ts';
import { classifySlackError, slackFailure } from './errors.ts';
import { lookupBriefly, NAME_WAIT_MS, withDisplayName } from './listeners.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { digestMrkdwn } from './render-digest.ts';
import { renderPost, renderReveal, renderRevealedPost } from './render-rounds.ts';
import { historyReply, type WrittenMessage } from './translate.ts';
import type { UserDirectory } from './user-directory.ts';

/** Message metadata type that marks a question post, with the round id in its payload. */
export const QUESTION_EVENT = 'quizthread_question';

/** Message metadata type that marks a reveal, with the round id in its payload. */
export const REVEAL_EVENT = 'quizthread_reveal';

/** Message metadata type that marks a digest posted without a chart, with its week in the payload. */
export const DIGEST_EVENT = 'quizthread_digest';

/** The chart's file name in the channel: it names the week, so a retry can find the chart already posted. */
export function digestFilename(week: string): string {
  return `digest-${week}.png`;
}

/** The reaction that marks a reply sent after the reveal, instead of a message in the thread. */
export const LATE_REACTION = 'alarm_clock';

export interface OutboundDeps {
  client: App['client'];
  /** Posts round messages and warnings without retrying by itself (see postOnce); defaults to `client`. */
  questionClient?: App['client'];
  /**
   * Reads a round's channel and thread and edits its post: the Tier 3 calls a 09:00 burst makes per
   * channel, paced by the shared rate (paced-fetch.ts) on a client of their own, so calls waiting
   * for their turn never hold up the app client's queue. Defaults to `client`.
   */
  roundClient?: App['client'];
  /** Tries at posting one question, and the pause between them. */
  questionAttempts?: { tries: number; pauseMs: number };
  directory: UserDirectory;
  logger: Logger;
  problems: ChannelProblems;
  /** How long a reply waits for its author's name (see withDisplayName). */
  nameWaitMs?: number;
}

export class SlackOutbound {
  /** Set when Slack answers invalid_auth, token_revoked or account_inactive; cleared by a successful post. */
  private rejected = false;

  constructor(private readonly deps: OutboundDeps) {}

  private get client() {
    return this.deps.client;
  }

  private get roundClient() {
    return this.deps.roundClient ?? this.deps.client;
  }

  /** True once Slack rejected the bot token, until a post succeeds again. */
  get tokenRejected(): boolean {
    return this.rejected;
  }

  /**
   * chat.postMessage has no idempotency key: when a response is lost (a timeout, a 5xx), the
   * question may or may not be in the channel. So every attempt, including a retry by the core
   * after a lease or by another replica, first looks for a message of this round (it carries the
   * round id in its metadata) and takes it if found; except the core's first attempt at a round it
   * has just opened, where there can be none (conversations.history is Tier 3, about 50 calls a
   * minute per workspace: a lookup per channel would set the pace of a 09:00 burst).
   */
  async postQuestion(nativeChannelId: string, view: RoundPostView, attempt?: DeliveryAttempt): Promise<PostRef> {
    const ts = await this.postOnce(nativeChannelId, {
      event: QUESTION_EVENT,
      roundId: view.roundId,
      message: { ...renderPost(view), unfurl_media: false },
      find: () => this.findQuestion(nativeChannelId, view.roundId),
      firstAttempt: attempt?.first === true,
    });
    return this.posted(nativeChannelId, ts);
  }

  /**
   * Posts a round's message at most once, through the client that never retries by itself: before
   * each attempt it looks for the message an earlier attempt (this one, a retry after a lease,
   * another replica) may have posted without hearing back, by the round id in its metadata.
   */
  private async postOnce(
    nativeChannelId: string,
    post: {
      event: string;
      roundId: string;
      threadTs?: string;
      message: SlackMessage & { unfurl_media?: boolean };
      find: () => Promise<string | undefined>;
      /** The core's first attempt at this message: nothing to look for before the first try. */
      firstAttempt: boolean;
    },
  ): Promise<string> {
    const client = this.deps.questionClient ?? this.client;
    const { tries, pauseMs } = this.deps.questionAttempts ?? { tries: 3, pauseMs: 2_000 };
    for (let attempt = 1; ; attempt++) {
      // A try of this loop that failed may have landed all the same: look before every later one.
      const earlier = attempt === 1 && post.firstAttempt ? undefined : await post.find();
      if (earlier) return earlier;
      try {
        const result = await client.chat.postMessage({
          channel: nativeChannelId,
          ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
          ...post.message,
          metadata: { event_type: post.event, event_payload: { round_id: post.roundId } },
          unfurl_links: false,
        });
        if (!result.ts)
          throw slackFailure('api-error', `chat.postMessage in ${nativeChannelId} returned no ts`, {
            channel: nativeChannelId,
          });
        return result.ts;
      } catch (error) {
        const { code } = classifySlackError(error);
        // Slack answered (ok: false): nothing was posted, and asking again will not help.
        const answered = error instanceof ChatFailure || (code !== 'unreachable' && code !== 'rate-limited');
        if (answered || attempt >= tries) {
          const { slackError } = this.logFailure(nativeChannelId, 'chat.postMessage', error);
          throw slackFailure(
            code,
            `chat.postMessage failed in ${nativeChannelId}: ${slackError ?? code}`,
            { channel: nativeChannelId, slackError },
            error,
          );
        }
        this.deps.logger.warn(
          { channel: nativeChannelId, attempt, code, event: post.event },
          'slack: posting a round message failed; checking whether it landed, then trying again',
        );
        // A rate limit was already waited out by the client; anything else gets a short pause.
        if (code !== 'rate-limited') await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  private posted(nativeChannelId: string, ts: string): PostRef {
    this.deps.problems.clear(nativeChannelId);
    this.rejected = false;
    // A Slack thread is named by its parent's ts.
    return { messageId: ts, threadId: ts };
  }

  /** The ts of this round's question among the channel's recent messages, if an attempt already posted it. */
  private async findQuestion(nativeChannelId: string, roundId: string): Promise<string | undefined> {
    try {
      // The newest hundred messages: a retry comes within the answer window, and even a busy
      // channel rarely buries a question under a hundred newer top-level messages by then.
      const history = await this.roundClient.conversations.history({
        channel: nativeChannelId,
        include_all_metadata: true,
        limit: 100,
      });
      const mine = history.messages?.find((m) => isRoundMessage(m, QUESTION_EVENT, roundId));
      return mine?.ts;
    } catch (error) {
      // Without history (a DM, a missing scope) the post goes ahead as before; the post itself
      // reports a channel the bot cannot use.
      this.deps.logger.debug(
        { channel: nativeChannelId, err: error },
        'slack: could not read the channel history before posting',
      );
      return undefined;
    }
  }

  async postReveal(nativeChannelId: string, post: PostRef, view: RevealView, attempt?: DeliveryAttempt): Promise<void> {
    await this.postOnce(nativeChannelId, {
      event: REVEAL_EVENT,
      roundId: view.roundId,
      threadTs: post.threadId,
      message: renderReveal(view),
      find: () => this.findReveal(nativeChannelId, post.threadId, view.roundId),
      firstAttempt: attempt?.first === true,
    });
    try {
      await this.roundClient.chat.update({ channel: nativeChannelId, ts: post.messageId, ...renderRevealedPost(view) });
    } catch (error) {
      // The answer is in the thread already; a stale parent is cosmetic, so log and carry on.
      this.logFailure(nativeChannelId, 'chat.update', error);
    }
  }

  /** The ts of this round's reveal in its thread, if an attempt already posted it. */
  private async findReveal(nativeChannelId: string, threadTs: string, roundId: string): Promise<string | undefined> {
    try {
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = await this.roundClient.conversations.replies({
          channel: nativeChannelId,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const mine = result.messages?.find((m) => isRoundMessage(m, REVEAL_EVENT, roundId));
        if (mine) return mine.ts;
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    } catch (error) {
      // The post itself reports a thread the bot cannot use.
      this.deps.logger.debug(
        { channel: nativeChannelId, err: error },
        'slack: could not read the thread before posting the reveal',
      );
      return undefined;
    }
  }

  /**
   * Whether rounds can run in a conversation, from one history read: a slash command works in any
   * conversation, but the bot can only post and hear replies where it is a member, and not in DMs
   * (no history scope for them). Other failures (an outage) do not block the command.
   */
  async postingProblem(nativeChannelId: string): Promise<string | undefined> {
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
    const found: SentThreadMessage[] = [];
    let cursor: string | undefined;
    // Five pages of two hundred: more answers than any team writes to one question.
    for (let page = 0; page < 5; page++) {
      const result = await this.roundClient.conversations.replies({
        channel: nativeChannelId,
        ts: post.threadId,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of result.messages ?? []) {
        const reply = historyReply(nativeChannelId, message as WrittenMessage);
        // The bot's own messages come back as bot replies, which the core never counts.
        if (!reply) continue;
        found.push({ ...reply, sentAt: Math.round(Number(message.ts) * 1000) });
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    // Names are looked up a few at a time, each wait bounded: a rate-limited users.info pauses the
    // directory, so the catch-up costs one call instead of one per reply and never holds the reveal.
    return mapFewAtATime(found, NAME_LOOKUPS_AT_ONCE, (reply) =>
      withDisplayName(this.deps.directory, reply, this.deps.nameWaitMs),
    );
  }

  /** Names for users whose answers were recorded under their id, from the directory (bounded as above). */
  async displayNames(userIds: string[]): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    await mapFewAtATime(userIds, NAME_LOOKUPS_AT_ONCE, async (id) => {
      const user = await lookupBriefly(this.deps.directory, id, this.deps.nameWaitMs ?? NAME_WAIT_MS);
      if (user) names.set(id, user.name);
    });
    return names;
  }

  /** Tells the author of a late reply it did not count, with a reaction instead of a message. */
  async markLateReply(nativeChannelId: string, messageId: string): Promise<void> {
    try {
      await this.client.reactions.add({ channel: nativeChannelId, timestamp: messageId, name: LATE_REACTION });
    } catch (error) {
      if (classifySlackError(error).slackError === 'already_reacted') return;
      this.logFailure(nativeChannelId, 'reactions.add', error);
    }
  }

  /** Tells the author, and only them, that a reply in the thread was not recorded. */
  async tellNotRecorded(nativeChannelId: string, threadTs: string, userId: string): Promise<void> {
    try {
      await this.client.chat.postEphemeral({
        channel: nativeChannelId,
        user: userId,
        thread_ts: threadTs,
        text: ANSWER_NOT_RECORDED,
      });
    } catch (error) {
      this.logFailure(nativeChannelId, 'chat.postEphemeral', error);
    }
  }

  /**
   * Posts the digest: the chart uploaded with files.uploadV2 (files.getUploadURLExternal, the upload,
   * files.completeUploadExternal) with the text as its comment, or the text alone without a chart.
   * Neither has an idempotency key, so the client that never retries by itself sends them, and a
   * `retry` by the core first looks for the week's digest in the channel: the chart's file name, or
   * the message's metadata, names the week.
   */
  async postDigest(
    nativeChannelId: string,
    view: DigestView,
    image?: DigestImage,
    options: DigestPostOptions = {},
  ): Promise<void> {
    if (options.retry && (await this.findDigest(nativeChannelId, view))) {
      this.deps.logger.info({ channel: nativeChannelId, week: view.week }, 'slack: the digest was already posted');
      return;
    }
    const text = digestMrkdwn(view, await this.permalink(nativeChannelId, view.hardest?.post?.messageId));
    const method = image ? 'files.uploadV2' : 'chat.postMessage';
    const client = this.deps.questionClient ?? this.client;
    try {
      if (image)
        await client.files.uploadV2({
          channel_id: nativeChannelId,
          file: Buffer.from(image.png),
          filename: digestFilename(view.week),
          title: digestTitle(view),
          alt_text: image.alt,
          initial_comment: text,
        });
      else
        await client.chat.postMessage({
          channel: nativeChannelId,
          text,
          metadata: { event_type: DIGEST_EVENT, event_payload: { week: view.week } },
        });
    } catch (error) {
      const classified = this.logFailure(nativeChannelId, method, error);
      throw slackFailure(
        classified.code,
        `${method} failed in ${nativeChannelId}`,
        { channel: nativeChannelId, method },
        error,
      );
    }
  }

  /**
   * Whether the bot posted this week's digest since it was due, from one read of the channel's
   * history. Slack being down fails the attempt (the core tries again later); a refusal lets the post
   * go ahead, and the post reports it.
   */
  private async findDigest(nativeChannelId: string, view: DigestView): Promise<boolean> {
    try {
      // The client that never retries by itself: one call at most, a failure retries the attempt later.
      const history = await (this.deps.questionClient ?? this.client).conversations.history({
        channel: nativeChannelId,
        oldest: (view.until / 1000).toFixed(6),
        include_all_metadata: true,
        limit: 200,
      });
      const filename = digestFilename(view.week);
      // Not filtered on bot_id: Slack shares an uploaded file as a message from the bot's user. A
      // file named after the week, or the app's own metadata, is the bot's digest all the same.
      return (history.messages ?? []).some(
        (m) =>
          m.files?.some((f) => f.name === filename) ||
          (m.metadata?.event_type === DIGEST_EVENT &&
            (m.metadata.event_payload as { week?: unknown } | undefined)?.week === view.week),
      );
    } catch (error) {
      const { code } = classifySlackError(error);
      if (code === 'unreachable' || code === 'rate-limited')
        throw slackFailure(
          code,
          `conversations.history failed in ${nativeChannelId} before posting the digest again`,
          { channel: nativeChannelId },
          error,
        );
      this.deps.logger.warn(
        { err: error, channel: nativeChannelId, code },
        'slack: could not look for an earlier digest; posting it',
      );
      return false;
    }
  }

  /** A link to a message, or undefined when Slack will not give one (the digest then names it unlinked). */
  private async permalink(nativeChannelId: string, ts: string | undefined): Promise<string | undefined> {
    if (!ts) return undefined;
    try {
      return (await this.client.chat.getPermalink({ channel: nativeChannelId, message_ts: ts })).permalink;
    } catch (error) {
      this.deps.logger.warn({ err: error, channel: nativeChannelId }, 'Slack: no permalink for the digest');
      return undefined;
    }
  }

  /** Through the client that never retries by itself: a lost answer must not post the warning twice. */
  async warnChannel(nativeChannelId: string, message: string): Promise<void> {
    try {
      await (this.deps.questionClient ?? this.client).chat.postMessage({
        channel: nativeChannelId,
        text: `:warning: ${escapeMrkdwn(message)}`,
      });
    } catch (error) {
      this.logFailure(nativeChannelId, 'chat.postMessage', error);
    }
  }

  private logFailure(channel: string, method: string, error: unknown) {
    const classified = classifySlackError(error);
    this.deps.problems.record(channel, slackFailure(classified.code, `${method} failed in ${channel}`));
    if (classified.code === 'invalid-auth' && !this.rejected) {
      this.rejected = true;
      this.deps.logger.error(
        { slackError: classified.slackError },
        'Slack rejected the bot token (the app was uninstalled or the token revoked): reinstall the app and update SLACK_BOT_TOKEN; health reports slack disconnected until a call succeeds',
      );
    }
    this.deps.logger.warn(
      { err: error, channel, method, code: classified.code, slackError: classified.slackError },
      'slack api call failed',
    );
    return classified;
  }
}

function isRoundMessage(
  message: { metadata?: { event_type?: string; event_payload?: unknown } },
  event: string,
  roundId: string,
): boolean {
  return (
    message.metadata?.event_type === event &&
    (message.metadata.event_payload as { round_id?: unknown } | undefined)?.round_id === roundId
  );
}

/** users.info calls in flight at once during a catch-up: Slack allows about one a second per user token tier. */
const NAME_LOOKUPS_AT_ONCE = 4;

async function mapFewAtATime<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await run(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
