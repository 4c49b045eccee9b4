/**
 * The fake's REST API (`/api/v10/...`): the routes quizthread and discord.js call, each updating
 * the fake's state and, like Discord, dispatching the matching gateway event.
 */
import {
  type APIMessage,
  ChannelType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord.ts';
import type { UploadedFile } from './multipart.ts';
import { message, snowflake, thread } from './payloads.ts';

/**
 * How long Discord remembers a nonce for enforce_nonce: "the past few minutes", its docs say. The
 * fake takes the low end, so a bot that leans on a longer window fails here first.
 */
export const NONCE_WINDOW_MS = 2 * 60_000;

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestRequest {
  method: string;
  params: string[];
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are whatever the client sent
  body: any;
  /** Files of a multipart request. */
  files?: UploadedFile[];
}

interface Route {
  method: string;
  pattern: RegExp;
  handle(request: RestRequest): RestResponse;
}

export function discordError(status: number, code: number, text: string): RestResponse {
  return { status, body: { code, message: text } };
}

const ok = (body?: unknown): RestResponse => (body === undefined ? { status: 204 } : { status: 200, body });
const unknownChannel = () => discordError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
const unknownMessage = () => discordError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');

const ID = '([0-9]+)';
const TOKEN = '([^/]+)';

export function restRoutes(fake: FakeDiscord): Route[] {
  const route = (method: string, path: string, handle: Route['handle']): Route => ({
    method,
    pattern: new RegExp(`^${path}$`),
    handle,
  });
  const editedMessage = (target: APIMessage, body: Partial<APIMessage>): APIMessage => {
    const fields = ['content', 'embeds', 'components'] as const;
    const updated = { ...target, edited_timestamp: new Date().toISOString() };
    for (const field of fields) if (body[field] !== undefined) Object.assign(updated, { [field]: body[field] });
    return updated;
  };

  /** An update of a button's message (callback 7, or an edit after callback 6) changes that message for everyone when it is a channel message. */
  const updateComponentMessage = (updated: APIMessage) => {
    if (!fake.messages.has(updated.id)) return;
    fake.store(updated, fake.allowedMentions.get(updated.id));
    fake.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, { ...updated, guild_id: fake.guildId });
  };

  return [
    route('GET', '/gateway/bot', () =>
      ok({
        url: fake.gatewayUrl,
        shards: fake.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 },
      }),
    ),

    // Get Channel Messages with `after`: the next messages after that id, newest first, as Discord answers.
    route('GET', `/channels/${ID}/messages`, ({ params: [channelId], query }) => {
      if (!fake.channels.has(channelId!)) return unknownChannel();
      const after = query.get('after');
      const limit = Number(query.get('limit') ?? 50);
      const inChannel = fake.messagesIn(channelId!).filter((m) => after === null || BigInt(m.id) > BigInt(after));
      inChannel.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      // With `after`, the first messages after it; without, the newest ones.
      return ok((after === null ? inChannel.slice(-limit) : inChannel.slice(0, limit)).reverse());
    }),

    route('GET', `/channels/${ID}`, ({ params: [id] }) => {
      const channel = fake.channels.get(id!);
      return channel ? ok(channel) : unknownChannel();
    }),

    route('POST', `/channels/${ID}/messages`, ({ params: [channelId], body, files = [] }) => {
      const channel = fake.channels.get(channelId!);
      if (!channel) return unknownChannel();
      const parentThread = fake.threads.get(channelId!);
      if (parentThread?.thread_metadata?.archived) {
        return discordError(400, RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'Thread is archived');
      }
      // enforce_nonce: Discord returns the message an earlier request with this nonce created.
      const earlier = body.enforce_nonce && body.nonce !== undefined ? fake.nonces.get(String(body.nonce)) : undefined;
      if (earlier && fake.now() - earlier.at < NONCE_WINDOW_MS) {
        fake.nonceRepeats++;
        return ok(earlier.message);
      }
      const posted = message({
        channelId: channelId!,
        author: fake.bot,
        content: body.content,
        embeds: body.embeds,
        components: body.components,
      });
      posted.attachments = files.map((file) => {
        const id = snowflake();
        const described = (body.attachments ?? []).find((a: { id?: unknown }) => String(a.id) === String(file.index));
        return {
          id,
          filename: file.filename,
          ...(described?.description ? { description: described.description } : {}),
          content_type: file.contentType,
          size: file.data.length,
          url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.filename}`,
          proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${file.filename}`,
        };
      });
      fake.uploads.set(posted.id, files);
      if (body.nonce !== undefined) fake.nonces.set(String(body.nonce), { message: posted, at: fake.now() });
      fake.store(posted, body.allowed_mentions);
      fake.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...posted, guild_id: fake.guildId });
      return ok(posted);
    }),

    route('PATCH', `/channels/${ID}/messages/${ID}`, ({ params: [channelId, messageId], body }) => {
      const target = fake.messages.get(messageId!);
      if (!target || target.channel_id !== channelId) return unknownMessage();
      const updated = editedMessage(target, body);
      fake.store(updated, body.allowed_mentions);
      fake.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, { ...updated, guild_id: fake.guildId });
      return ok(updated);
    }),

    route('DELETE', `/channels/${ID}/messages/${ID}`, ({ params: [channelId, messageId] }) => {
      const target = fake.messages.get(messageId!);
      if (!target || target.channel_id !== channelId) return unknownMessage();
      fake.messages.delete(messageId!);
      fake.gateway.dispatch(GatewayDispatchEvents.MessageDelete, {
        id: messageId,
        channel_id: channelId,
        guild_id: fake.guildId,
      });
      return ok();
    }),

    // Starting a thread from a message: the thread takes the message's id.
    route('POST', `/channels/${ID}/messages/${ID}/threads`, ({ params: [channelId, messageId], body }) => {
      if (!fake.channels.has(channelId!)) return unknownChannel();
      const starter = fake.messages.get(messageId!);
      if (!starter || starter.channel_id !== channelId) return unknownMessage();
      if (fake.threads.has(messageId!))
        return discordError(400, 160004, 'A thread has already been created for this message');
      const created = thread(
        fake.guildId,
        channelId!,
        messageId!,
        body.name,
        fake.bot.id,
        body.auto_archive_duration ?? 1440,
      );
      fake.addThread(created);
      fake.gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...created, newly_created: true });
      return { status: 201, body: created };
    }),

    route('PATCH', `/channels/${ID}`, ({ params: [id], body }) => {
      const existing = fake.threads.get(id!);
      if (!existing) return fake.channels.has(id!) ? ok(fake.channels.get(id!)) : unknownChannel();
      const metadata = existing.thread_metadata!;
      const updated = {
        ...existing,
        ...(body.name ? { name: body.name } : {}),
        thread_metadata: {
          ...metadata,
          ...(body.archived !== undefined
            ? { archived: body.archived, archive_timestamp: new Date().toISOString() }
            : {}),
          ...(body.locked !== undefined ? { locked: body.locked } : {}),
        },
      };
      fake.addThread(updated);
      fake.gateway.dispatch(GatewayDispatchEvents.ThreadUpdate, updated);
      return ok(updated);
    }),

    route(
      'PUT',
      `/channels/${ID}/messages/${ID}/reactions/([^/]+)/@me`,
      ({ params: [channelId, messageId, emoji] }) => {
        if (!fake.channels.has(channelId!)) return unknownChannel();
        if (!fake.messages.has(messageId!)) return unknownMessage();
        fake.reactions.push({
          channelId: channelId!,
          messageId: messageId!,
          emoji: decodeURIComponent(emoji!),
          userId: fake.bot.id,
        });
        return ok();
      },
    ),

    route('POST', `/interactions/${ID}/${TOKEN}/callback`, ({ params: [, token], body, query }) => {
      const log = fake.interactions.get(token!);
      if (!log) return discordError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
      // Too late: Discord has already told the user the interaction failed.
      if (log.callbacks.length === 0 && (log.failed || Date.now() - log.createdAt > fake.interactionDeadlineMs)) {
        log.failed = true;
        return discordError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
      }
      if (log.callbacks.length > 0)
        return discordError(
          400,
          RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
          'Interaction has already been acknowledged.',
        );
      // A modal cannot answer a modal's submission, nor follow a deferral (it must be the first answer).
      if (body.type === InteractionResponseType.Modal && log.type === InteractionType.ModalSubmit)
        return discordError(400, 50035, 'Invalid Form Body: a modal submission cannot be answered with a modal');
      log.callbacks.push({ type: body.type, data: body.data });
      if (body.type === InteractionResponseType.Modal) log.modal = body.data;
      const flags = Number(body.data?.flags ?? 0);
      if (
        body.type === InteractionResponseType.DeferredChannelMessageWithSource ||
        body.type === InteractionResponseType.ChannelMessageWithSource
      ) {
        log.ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
      }
      if (
        body.type === InteractionResponseType.ChannelMessageWithSource ||
        body.type === InteractionResponseType.UpdateMessage
      ) {
        log.original =
          body.type === InteractionResponseType.UpdateMessage && log.componentMessage
            ? editedMessage(log.componentMessage, body.data ?? {})
            : message({ id: log.original?.id, channelId: log.channelId, author: fake.bot, ...body.data, flags });
        updateComponentMessage(log.original);
      }
      return query.get('with_response') === 'true' ? ok({ interaction: { id: log.id, type: log.type } }) : ok();
    }),

    route('GET', `/webhooks/${ID}/${TOKEN}/messages/@original`, ({ params: [, token] }) => {
      const original = fake.interactions.get(token!)?.original;
      return original ? ok(original) : unknownMessage();
    }),

    route('PATCH', `/webhooks/${ID}/${TOKEN}/messages/@original`, ({ params: [, token], body, files = [] }) => {
      const log = fake.interactions.get(token!);
      if (!log || log.callbacks.length === 0) return unknownMessage();
      // A button answered with a deferred reply gets a message of its own; with a deferred update, its message is edited.
      const newReply = log.callbacks[0]?.type === InteractionResponseType.DeferredChannelMessageWithSource;
      const base =
        log.original ??
        (newReply ? undefined : log.componentMessage) ??
        message({ channelId: log.channelId, author: fake.bot, flags: log.ephemeral ? MessageFlags.Ephemeral : 0 });
      log.original = editedMessage(base, body);
      if (!newReply) updateComponentMessage(log.original);
      log.originalMentions = body.allowed_mentions;
      log.originalDeleted = false;
      if (files.length > 0) {
        log.original.attachments = files.map((file) => ({
          id: snowflake(),
          filename: file.filename,
          content_type: file.contentType,
          size: file.data.length,
          url: `https://cdn.discordapp.com/ephemeral-attachments/${log.channelId}/${file.filename}`,
          proxy_url: `https://media.discordapp.net/ephemeral-attachments/${log.channelId}/${file.filename}`,
        }));
        fake.uploads.set(log.original.id, files);
      }
      return ok(log.original);
    }),

    route('DELETE', `/webhooks/${ID}/${TOKEN}/messages/@original`, ({ params: [, token] }) => {
      const log = fake.interactions.get(token!);
      if (!log || log.callbacks.length === 0) return unknownMessage();
      log.originalDeleted = true;
      return ok();
    }),

    route('POST', `/webhooks/${ID}/${TOKEN}`, ({ params: [, token], body }) => {
      const log = fake.interactions.get(token!);
      if (!log || log.callbacks.length === 0)
        return discordError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
      const followUp = message({ channelId: log.channelId, author: fake.bot, ...body, flags: Number(body.flags ?? 0) });
      log.followUps.push({ message: followUp, allowedMentions: body.allowed_mentions });
      return ok(followUp);
    }),

    // Create DM: the channel with that user, created once and handed back afterwards.
    route('POST', '/users/@me/channels', ({ body }) => {
      const recipient = String(body?.recipient_id ?? '');
      if (!/^\d+$/.test(recipient)) return discordError(400, 50035, 'Invalid Form Body');
      let id = fake.dmChannels.get(recipient);
      if (!id) {
        id = snowflake();
        fake.dmChannels.set(recipient, id);
        fake.channels.set(id, {
          id,
          type: ChannelType.DM,
          last_message_id: null,
          recipients: [{ id: recipient, username: recipient, discriminator: '0', global_name: null, avatar: null }],
        } as never);
      }
      return ok(fake.channels.get(id));
    }),

    route('DELETE', `/users/@me/guilds/${ID}`, ({ params: [guildId] }) =>
      fake.leaveGuild(guildId!) ? ok() : discordError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
    ),
    route('PUT', `/applications/${ID}/commands`, ({ body }) => ok(fake.registerCommands(null, body))),
    route('PUT', `/applications/${ID}/guilds/${ID}/commands`, ({ params: [, guildId], body }) =>
      ok(fake.registerCommands(guildId!, body)),
    ),
  ];
}

export function newCommandIds<T extends object>(commands: T[], applicationId: string, guildId: string | null) {
  return commands.map((c) => ({
    ...c,
    id: snowflake(),
    application_id: applicationId,
    ...(guildId ? { guild_id: guildId } : {}),
    version: snowflake(),
  }));
}
