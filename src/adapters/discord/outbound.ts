/**
 * Everything the bot sends to Discord, over REST only, so any process sharing the store can post and
 * reveal without a gateway: questions and their threads, reveals, warnings, the late-reply reaction,
 * and the thread history read before a reveal. Each failure is logged with its channel, remembered
 * for the channel's admins, and rethrown as the port's ChatFailure.
 */
import { createHash } from 'node:crypto';
import { type Client, DiscordAPIError } from 'discord.js';
import { type APIMessage, type APIThreadChannel, RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import type { PostRef } from '../../core/types.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import type { RevealView, RoundPostView } from '../../core/views.ts';
import { ANSWER_NOT_RECORDED } from '../../core/wording.ts';
import { ChatFailure, type DigestPostOptions, type SentThreadMessage } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ChannelProblems } from '../channel-problems.ts';
import { describeDiscordError, hasDiscordCode, toChatFailure } from './errors.ts';
import { neutralizeMentions, truncate } from './escape.ts';
import { DIGEST_FILENAME, digestEmbed } from './render-digest.ts';
import { type RenderedMessage, toRestBody } from './message.ts';
import { archiveDurationFor, renderRevealedPost, renderReveal, renderRoundPost, threadName } from './render-rounds.ts';
import { toThreadMessage } from './translate.ts';

const LATE_REACTION = '⏰';

export interface OutboundDeps {
  client: Client;
  messageContent: boolean;
  logger: Logger;
  clock: Clock;
  problems: ChannelProblems;
}

export class DiscordOutbound {
  constructor(private readonly deps: OutboundDeps) {}

  private get rest() {
    return this.deps.client.rest;
  }

  /** Runs a REST call for a channel; a failure is logged with the channel, classified, and rethrown. */
  private async call<T>(nativeChannelId: string, action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw this.fail(err, nativeChannelId, action);
    }
  }

  private fail(err: unknown, nativeChannelId: string, action: string): ChatFailure {
    if (err instanceof ChatFailure) return err;
    const problem = describeDiscordError(err, nativeChannelId);
    this.deps.logger.error(
      { err, channel: nativeChannelId, code: problem.code, discordCode: problem.discordCode, status: problem.status },
      `Discord: could not ${action}`,
    );
    const failure = toChatFailure(problem, nativeChannelId, err);
    this.deps.problems.record(nativeChannelId, failure);
    return failure;
  }

  async postQuestion(nativeChannelId: string, view: RoundPostView): Promise<PostRef> {
    const { rest } = this;
    // A POST whose response is lost (a timeout, a 5xx from a proxy) is retried by discord.js, and
    // a second attempt must not post the question twice: with enforce_nonce, Discord hands back
    // the message the first attempt created. The nonce names the round, so a retry by the core
    // (another lease, another replica) within Discord's few-minute window is caught too.
    const posted = (await this.call(nativeChannelId, 'post the question', () =>
      rest.post(Routes.channelMessages(nativeChannelId), {
        body: {
          ...toRestBody(renderRoundPost(view)),
          nonce: questionNonce(nativeChannelId, view.roundId),
          enforce_nonce: true,
        },
      }),
    )) as APIMessage;
    const windowMinutes = Math.ceil((view.revealAt - this.deps.clock.now()) / 60_000);
    try {
      const thread = (await rest.post(Routes.threads(nativeChannelId, posted.id), {
        body: { name: threadName(view), auto_archive_duration: archiveDurationFor(windowMinutes) },
      })) as APIThreadChannel;
      this.deps.problems.clear(nativeChannelId);
      return { messageId: posted.id, threadId: thread.id };
    } catch (err) {
      // The same retry on the thread: it exists already, and a thread started from a message
      // shares the message's id.
      if (hasDiscordCode(err, RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)) {
        this.deps.problems.clear(nativeChannelId);
        return { messageId: posted.id, threadId: posted.id };
      }
      const failure = this.fail(err, nativeChannelId, 'open the answer thread');
      // Without a thread nobody can answer: remove the post so a retry starts clean, and tell the channel why.
      await rest
        .delete(Routes.channelMessage(nativeChannelId, posted.id))
        .catch((e) =>
          this.deps.logger.warn({ err: e, channel: nativeChannelId }, 'could not remove a question without a thread'),
        );
      await this.warnChannel(
        nativeChannelId,
        `I could not open the answer thread for today's question. ${failure.adminMessage ?? ''}`.trim(),
      );
      throw failure;
    }
  }

  async postReveal(nativeChannelId: string, post: PostRef, view: RevealView): Promise<void> {
    await this.call(nativeChannelId, 'post the reveal', () =>
      this.postIntoThread(nativeChannelId, post.threadId, renderReveal(view), `reveal/${view.roundId}`),
    );
    try {
      await this.rest.patch(Routes.channelMessage(nativeChannelId, post.messageId), {
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
  private async postIntoThread(
    nativeChannelId: string,
    threadId: string,
    rendered: RenderedMessage,
    purpose: string,
  ): Promise<void> {
    const { rest } = this;
    // discord.js retries a POST whose answer was lost (a 5xx, a timeout), and the core tries a
    // reveal again after a lease: with the nonce, Discord hands back the message already posted.
    const once = (channelId: string) => ({
      ...toRestBody(rendered),
      nonce: messageNonce(channelId, purpose),
      enforce_nonce: true,
    });
    const body = once(threadId);
    const unarchive = () => rest.patch(Routes.channel(threadId), { body: { archived: false } });
    try {
      // The gateway tells this process when a thread is archived; a REST-only process learns it from the error below.
      const cached = this.deps.client.channels.cache.get(threadId);
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
      this.deps.logger.warn(
        { channel: nativeChannelId, threadId, code: failure.code },
        'the answer thread will not take the reveal; posting it in the channel',
      );
      await rest.post(Routes.channelMessages(nativeChannelId), { body: once(nativeChannelId) });
    }
  }

  /**
   * The thread's messages over REST, oldest first: the gateway replays missed events only when a
   * session resumes, so answers written during a restart exist only here.
   */
  async threadReplies(nativeChannelId: string, post: PostRef): Promise<SentThreadMessage[]> {
    const replies: SentThreadMessage[] = [];
    let after = post.messageId;
    const self = this.deps.client.user?.id;
    // Ten pages of a hundred: more answers than any team writes to one question.
    for (let page = 0; page < 10; page++) {
      const batch = (await this.call(nativeChannelId, 'read the answer thread', () =>
        this.rest.get(Routes.channelMessages(post.threadId), { query: new URLSearchParams({ after, limit: '100' }) }),
      )) as APIMessage[];
      for (const message of batch) {
        if (message.author.id === self) continue;
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
          this.deps.messageContent,
        );
        if (reply) replies.push({ ...reply, sentAt: Date.parse(message.timestamp) });
      }
      if (batch.length < 100) break;
      // Snowflakes grow with time, so the largest id is the newest message of this page.
      after = batch.reduce((newest, m) => (BigInt(m.id) > BigInt(newest) ? m.id : newest), after);
    }
    return replies.sort((a, b) => a.sentAt - b.sentAt || (BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1));
  }

  /** Tells the author of a late reply it did not count, with a reaction instead of a message. */
  async markLateReply(nativeChannelId: string, threadId: string, messageId: string): Promise<void> {
    try {
      await this.rest.put(Routes.channelMessageOwnReaction(threadId, messageId, encodeURIComponent(LATE_REACTION)));
    } catch (err) {
      this.fail(err, nativeChannelId, 'mark a late reply');
    }
  }

  /** Tells the author a reply was not recorded, as a reply to it: Discord has no private note outside interactions. */
  async tellNotRecorded(nativeChannelId: string, threadId: string, messageId: string): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(threadId), {
        body: {
          content: ANSWER_NOT_RECORDED,
          message_reference: { message_id: messageId, fail_if_not_exists: false },
          allowed_mentions: { parse: [], replied_user: true },
        },
      });
    } catch (err) {
      this.fail(err, nativeChannelId, 'tell an author their answer was not recorded');
    }
  }

  /**
   * Posts the digest: one multipart message whose embed shows the PNG it carries. The nonce names the
   * week, so a request retried within Discord's few-minute nonce window does not post it twice; a
   * `retry` by the core (after a lease, a crash, another replica) can come later than that, so it
   * first looks for the week's digest among the channel's newest messages.
   */
  async postDigest(
    nativeChannelId: string,
    view: DigestView,
    image?: DigestImage,
    options: DigestPostOptions = {},
  ): Promise<void> {
    const guildId = await this.guildOf(nativeChannelId);
    const embed = digestEmbed(view, nativeChannelId, guildId, image !== undefined);
    if (options.retry && (await this.findDigest(nativeChannelId, embed.title))) {
      this.deps.logger.info({ channel: nativeChannelId, week: view.week }, 'Discord: the digest was already posted');
      return;
    }
    await this.call(nativeChannelId, 'post the weekly digest', () =>
      this.rest.post(Routes.channelMessages(nativeChannelId), {
        body: {
          embeds: [embed],
          allowed_mentions: { parse: [] },
          nonce: messageNonce(nativeChannelId, `digest/${view.week}`),
          enforce_nonce: true,
          ...(image
            ? { attachments: [{ id: 0, filename: DIGEST_FILENAME, description: truncate(image.alt, 1024) }] }
            : {}),
        },
        ...(image
          ? { files: [{ name: DIGEST_FILENAME, data: Buffer.from(image.png), contentType: 'image/png' }] }
          : {}),
      }),
    );
  }

  /**
   * Whether the bot's newest messages in the channel hold a digest with this title (each week's
   * names its dates): one read of the last fifty, since a retry comes within a day of the post.
   */
  private async findDigest(nativeChannelId: string, title: string | undefined): Promise<boolean> {
    const self = this.deps.client.user?.id;
    let recent: APIMessage[];
    try {
      recent = (await this.rest.get(Routes.channelMessages(nativeChannelId), {
        query: new URLSearchParams({ limit: '50' }),
      })) as APIMessage[];
    } catch (err) {
      // Refused (no Read Message History): post anyway, the nonce still guards a quick retry. An
      // outage fails this attempt, and the core tries again later.
      if (!(err instanceof DiscordAPIError) || err.status === 429 || err.status >= 500)
        throw this.fail(err, nativeChannelId, 'read the channel before posting the digest again');
      this.deps.logger.warn(
        { err, channel: nativeChannelId },
        'Discord: could not read the channel to look for an earlier digest; posting it',
      );
      return false;
    }
    return recent.some(
      (m) => (self ? m.author.id === self : m.author.bot === true) && m.embeds.some((e) => e.title === title),
    );
  }

  /** The server of a channel, for message links: from the gateway's cache, else asked once over REST. */
  private async guildOf(nativeChannelId: string): Promise<string | undefined> {
    const cached = this.deps.client.channels.cache.get(nativeChannelId);
    if (cached && 'guildId' in cached && cached.guildId) return cached.guildId;
    try {
      const channel = (await this.rest.get(Routes.channel(nativeChannelId))) as { guild_id?: string };
      return channel.guild_id;
    } catch (err) {
      this.deps.logger.warn(
        { err, channel: nativeChannelId },
        'Discord: could not read the channel; the digest goes without links',
      );
      return undefined;
    }
  }

  async warnChannel(nativeChannelId: string, message: string): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(nativeChannelId), {
        // The same warning twice within Discord's nonce window is posted once, retries included.
        body: {
          content: `⚠️ ${neutralizeMentions(message)}`,
          allowed_mentions: { parse: [] },
          nonce: messageNonce(nativeChannelId, `warning/${message}`),
          enforce_nonce: true,
        },
      });
    } catch (err) {
      // Usually the same missing permission the warning is about; the log is all that is left.
      this.fail(err, nativeChannelId, 'post a warning');
    }
  }
}

/** At most 25 characters, as Discord allows; the same for the same round in the same channel. */
export function questionNonce(nativeChannelId: string, roundId: string): string {
  return messageNonce(nativeChannelId, roundId);
}

/** A nonce for one message the bot posts once: where it goes and what it is for. */
function messageNonce(channelId: string, purpose: string): string {
  return createHash('sha256').update(`${channelId}/${purpose}`).digest('base64url').slice(0, 25);
}
