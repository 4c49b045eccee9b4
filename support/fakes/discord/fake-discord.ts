/**
 * A small Discord for tests, on 127.0.0.1: a REST API and a v10 gateway that the real discord.js
 * `Client` talks to when given `rest: { api: fake.apiUrl }`. It records every REST request, can fail
 * the next request to a route (a 429 with `retry_after`, or a JSON error such as 50013), and lets a
 * test act as users: post and edit thread messages, run `/quiz` subcommands, press buttons.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIAllowedMentions,
  type APIApplicationCommandInteractionDataOption,
  type APIChannel,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIThreadChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { FakeGateway, GATEWAY_PATH } from './gateway.ts';
import * as payloads from './payloads.ts';
import { ADMIN_PERMISSIONS, MEMBER_PERMISSIONS, snowflake } from './payloads.ts';
import { invalidFormBody, messageViolations, threadViolations, type Violation } from './limits.ts';
import { type DiscordRateLimitOptions, DiscordRateLimits } from './rate-limits.ts';
import { attachmentViolations, readMultipart, type UploadedFile } from './multipart.ts';
import { type ModalLike, modalSubmitData, modalViolations } from './modals.ts';
import { discordError, newCommandIds, type RestRequest, type RestResponse, restRoutes } from './rest-routes.ts';

export { NONCE_WINDOW_MS } from './rest-routes.ts';

export interface RecordedRequest {
  method: string;
  /** The route after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: whatever the client sent, for assertions
  body: any;
  /** The files of a multipart request (a message with attachments). */
  files?: UploadedFile[];
  /** The Authorization header: `Bot <token>`, or absent for interaction callbacks and webhooks. */
  authorization?: string;
}

export type InjectedFailure =
  | { kind: 'rate-limit'; retryAfterSeconds: number; global?: boolean }
  /** The request is carried out, but its response is lost on the way back (a 5xx from a proxy). */
  | { kind: 'lost-response'; status: number }
  | { kind: 'error'; status: number; code: number; message: string };

/** Marks an injected lost response: the route runs, and the client gets a 502 instead of its answer. */
const LOST: RestResponse = { status: 0 };

export const failures = {
  rateLimited: (retryAfterSeconds = 0.05): InjectedFailure => ({ kind: 'rate-limit', retryAfterSeconds }),
  missingPermissions: (): InjectedFailure => ({
    kind: 'error',
    status: 403,
    code: 50013,
    message: 'Missing Permissions',
  }),
  missingAccess: (): InjectedFailure => ({ kind: 'error', status: 403, code: 50001, message: 'Missing Access' }),
  unknownChannel: (): InjectedFailure => ({ kind: 'error', status: 404, code: 10003, message: 'Unknown Channel' }),
  lostResponse: (status = 502): InjectedFailure => ({ kind: 'lost-response', status }),
  serverError: (): InjectedFailure => ({ kind: 'error', status: 500, code: 0, message: '500: Internal Server Error' }),
  archivedThread: (): InjectedFailure => ({ kind: 'error', status: 400, code: 50083, message: 'Thread is archived' }),
};

/** Everything the bot answered to one interaction. */
export interface InteractionLog {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  callbacks: { type: number; data?: unknown }[];
  /** Decided by the first callback (a deferral or a reply). */
  ephemeral: boolean;
  /** The modal the bot answered with (callback type 9), which the user may then submit. */
  modal?: ModalLike;
  /** For a button press: the message the button is on, which `@original` then refers to. */
  componentMessage?: APIMessage;
  original?: APIMessage;
  originalMentions?: APIAllowedMentions;
  originalDeleted: boolean;
  followUps: { message: APIMessage; allowedMentions?: APIAllowedMentions }[];
  /** When Discord received it (wall clock, as Discord keeps it): a first callback must come within the deadline. */
  createdAt: number;
  /**
   * Not acknowledged in time, or no bot session was there to receive it: the user sees Discord's own
   * "This interaction failed", and a late callback gets 10062 Unknown interaction.
   */
  failed: boolean;
}

/** What the user finally sees in answer to an interaction. */
export interface VisibleAnswer {
  ephemeral: boolean;
  message: APIMessage;
  allowedMentions?: APIAllowedMentions;
}

export type CommandOptionValues = Record<string, string | number | boolean | APIUser | undefined>;

export interface FakeDiscordOptions {
  /** Short intervals make the client heartbeat during a test. */
  heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /** Where to listen (default 127.0.0.1); '0.0.0.0' lets containers in. */
  host?: string;
  /** The host name clients are given in URLs, e.g. host.docker.internal (default 127.0.0.1). */
  advertisedHost?: string;
  /** Whether the app may use the Message Content intent (Developer Portal → Bot); default true. */
  messageContentEnabled?: boolean;
  /** The bot token the gateway accepts; any other is closed with 4004 (default: any token). */
  token?: string;
  /** How long an interaction waits for its first callback (Discord: 3 s); tests of a slow core pass less. */
  interactionDeadlineMs?: number;
  /** Discord's REST rate limits (rate-limits.ts); off by default, so tests need not pace themselves. */
  rateLimits?: DiscordRateLimitOptions;
  /** Keep no log of REST requests (`requests` stays empty): a bench's burst makes hundreds of thousands. */
  unrecorded?: boolean;
}

/** Discord's rule: an interaction is acknowledged within 3 seconds, or it fails for the user. */
export const INTERACTION_DEADLINE_MS = 3_000;

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly bot = payloads.user('Quizthread', { bot: true });
  readonly owner = payloads.user('Owner');
  readonly guildId = snowflake();
  readonly adminRoleId = snowflake();
  /** The text channel the quiz runs in. */
  readonly channelId = snowflake();
  readonly commandId = snowflake();

  readonly requests: RecordedRequest[] = [];
  /** Requests refused for breaking a payload limit (see limits.ts), with what was wrong. */
  readonly rejected: { method: string; path: string; violations: Violation[] }[] = [];
  readonly channels = new Map<string, APIChannel>();
  readonly threads = new Map<string, APIThreadChannel>();
  /** Messages in channels and threads, by id, as last posted or edited. */
  readonly messages = new Map<string, APIMessage>();
  /**
   * Messages by the nonce they were created with, and when: Discord dedupes these with enforce_nonce,
   * but only for a few minutes (`NONCE_WINDOW_MS` in rest-routes.ts).
   */
  readonly nonces = new Map<string, { message: APIMessage; at: number }>();
  /** Posts answered with the message an earlier request with the same nonce created (a retry caught). */
  nonceRepeats = 0;
  /** The fake's time, for the nonce window; a test on a fake clock sets it to that clock. */
  now: () => number = Date.now;
  /** Message id → the files uploaded with it (their bytes, as Discord stored them). */
  readonly uploads = new Map<string, UploadedFile[]>();
  readonly allowedMentions = new Map<string, APIAllowedMentions | undefined>();
  readonly reactions: { channelId: string; messageId: string; emoji: string; userId: string }[] = [];
  readonly interactions = new Map<string, InteractionLog>();
  readonly registeredCommands: { guildId: string | null; commands: unknown[] }[] = [];
  /** Servers besides the quiz's own that the bot is in (see `addGuild`), with their one text channel. */
  readonly otherGuilds = new Map<string, { name: string; channelId: string; channelIds: string[]; members: number }>();
  /** Users who hold the admin role (Manage Server) in every interaction they make. */
  readonly admins = new Set<string>();
  /** DM channels the bot opened (POST /users/@me/channels), by the recipient's user id. */
  readonly dmChannels = new Map<string, string>();
  /** Servers the bot left (DELETE /users/@me/guilds/:id), in order. */
  readonly leftGuilds: string[] = [];
  /** The bot's permissions from its roles, before channel overrides (default Administrator, which overrides ignore). */
  botPermissions: bigint = PermissionFlagsBits.Administrator;

  apiUrl = '';
  gatewayUrl = '';
  get recommendedShards(): number {
    return this.options.recommendedShards ?? 1;
  }
  gateway!: FakeGateway;
  private http!: Server;
  private readonly injected: { method: string; route: string | RegExp; failure: InjectedFailure }[] = [];
  private readonly routes = restRoutes(this);
  /** Present when the options switch rate limits on; its `counts` say how many requests were refused. */
  readonly rateLimits?: DiscordRateLimits;
  /** Message ids by the channel or thread they are in, so reading a thread does not scan every message. */
  private readonly messageIds = new Map<string, string[]>();
  private readonly deadlines = new Set<NodeJS.Timeout>();

  get interactionDeadlineMs(): number {
    return this.options.interactionDeadlineMs ?? INTERACTION_DEADLINE_MS;
  }

  private constructor(private readonly options: FakeDiscordOptions) {
    if (options.rateLimits) this.rateLimits = new DiscordRateLimits(options.rateLimits);
    this.channels.set(this.channelId, payloads.textChannel(this.guildId, this.channelId, 'python-quiz'));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  private async listen(): Promise<void> {
    this.http = createServer((req, res) => void this.serve(req, res));
    this.gateway = new FakeGateway(this.http, {
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 41_250,
      onIdentify: (identify) => {
        if (this.options.token !== undefined && identify.token !== this.options.token)
          return { close: GatewayCloseCodes.AuthenticationFailed, reason: 'Authentication failed.' };
        const wantsContent = (Number(identify.intents) & GatewayIntentBits.MessageContent) !== 0;
        if (wantsContent && this.options.messageContentEnabled === false)
          return { close: GatewayCloseCodes.DisallowedIntents, reason: 'Disallowed intent(s).' };
        const shard = identify.shard ?? [0, 1];
        const guildIds = [this.guildId, ...this.otherGuilds.keys()].filter(
          (id) => payloads.shardOf(id, shard[1]) === shard[0],
        );
        const ready = {
          t: GatewayDispatchEvents.Ready,
          d: payloads.ready(this.bot, this.applicationId, guildIds, this.gatewayUrl, shard),
        };
        // One server at a time: a thousand GUILD_CREATEs with their members are not built all at once.
        const fake = this;
        return (function* () {
          yield ready;
          for (const id of guildIds)
            yield { t: GatewayDispatchEvents.GuildCreate, d: payloads.guildCreate(fake.guildState(id), fake.bot) };
        })();
      },
    });
    await new Promise<void>((resolve) => this.http.listen(0, this.options.host ?? '127.0.0.1', resolve));
    const { port } = this.http.address() as AddressInfo;
    const host = this.options.advertisedHost ?? '127.0.0.1';
    this.apiUrl = `http://${host}:${port}/api`;
    this.gatewayUrl = `ws://${host}:${port}${GATEWAY_PATH}`;
  }

  private guildState(id: string): payloads.GuildState {
    const other = this.otherGuilds.get(id);
    if (other)
      return {
        id,
        name: other.name,
        ownerId: this.owner.id,
        roles: [payloads.role(id, '@everyone', MEMBER_PERMISSIONS, 0)],
        channels: other.channelIds.map((channelId) => this.channels.get(channelId) as APIChannel),
        threads: [],
        memberCount: other.members,
      };
    return {
      id: this.guildId,
      name: 'Python folks',
      ownerId: this.owner.id,
      roles: [
        payloads.role(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0),
        payloads.role(this.adminRoleId, 'Quiz admins', ADMIN_PERMISSIONS, 1),
      ],
      channels: [...this.channels.values()].filter(
        (c) => !this.threads.has(c.id) && !this.otherGuilds.has((c as { guild_id?: string }).guild_id ?? ''),
      ),
      threads: [...this.threads.values()].filter((t) => !t.thread_metadata?.archived),
    };
  }

  async stop(): Promise<void> {
    for (const timer of this.deadlines) clearTimeout(timer);
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- REST ----

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // discord.js sends `@original` percent-encoded.
    const path = url.pathname.replace(/^\/api\/v10/, '').replace(/%40/g, '@');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    // Messages with files come as multipart/form-data: the JSON in payload_json, the files beside it.
    const multipart = contentType.startsWith('multipart/form-data') ? await readMultipart(raw, contentType) : undefined;
    const text = raw.toString('utf8');
    const body = multipart ? multipart.body : text ? JSON.parse(text) : undefined;
    const files = multipart?.files ?? [];
    if (!this.options.unrecorded)
      this.requests.push({
        method,
        path,
        query: url.searchParams,
        body,
        ...(multipart ? { files } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
    const request = { method, params: [], query: url.searchParams, body, files };
    const limited = this.rateLimits?.check(method, path);
    let response =
      (limited && 'refused' in limited ? limited.refused : undefined) ??
      this.injectedFailure(method, path) ??
      this.overLimit(method, path, body, files) ??
      this.route(method, path, request);
    if (limited && 'headers' in limited)
      response = { ...response, headers: { ...limited.headers, ...response.headers } };
    if (response === LOST) {
      this.route(method, path, request);
      response = { status: 502, body: { message: '502: Bad Gateway', code: 0 } };
    }
    res.writeHead(response.status, {
      ...(response.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...response.headers,
    });
    res.end(response.body !== undefined ? JSON.stringify(response.body) : undefined);
  }

  private route(method: string, path: string, request: RestRequest): RestResponse {
    for (const candidate of this.routes) {
      const match = candidate.method === method ? candidate.pattern.exec(path) : null;
      if (match) return candidate.handle({ ...request, params: match.slice(1) });
    }
    return discordError(404, 0, '404: Not Found');
  }

  /** Discord's payload limits: a body over any of them is refused whole, and kept in `rejected`. */
  private overLimit(method: string, path: string, body: unknown, files: UploadedFile[]): RestResponse | undefined {
    const violations = [
      ...limitViolations(method, path, body),
      ...(files.length > 0 ? attachmentViolations(body as { attachments?: { id?: unknown }[] }, files) : []),
    ];
    if (violations.length === 0) return undefined;
    this.rejected.push({ method, path, violations });
    return invalidFormBody(violations);
  }

  /** Fails the next request whose method matches and whose path equals (or matches) `route`. */
  failNext(method: string, route: string | RegExp, failure: InjectedFailure): void {
    this.injected.push({ method, route, failure });
  }

  private injectedFailure(method: string, path: string): RestResponse | undefined {
    const index = this.injected.findIndex(
      (i) => i.method === method && (typeof i.route === 'string' ? i.route === path : i.route.test(path)),
    );
    if (index < 0) return undefined;
    const failure = this.injected.splice(index, 1)[0]!.failure;
    if (failure.kind === 'error') return discordError(failure.status, failure.code, failure.message);
    if (failure.kind === 'lost-response') return LOST;
    return {
      status: 429,
      body: {
        message: 'You are being rate limited.',
        retry_after: failure.retryAfterSeconds,
        global: failure.global ?? false,
      },
      headers: {
        'retry-after': String(failure.retryAfterSeconds),
        'x-ratelimit-scope': failure.global ? 'global' : 'user',
        ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  }

  requestsTo(method: string, route: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof route === 'string' ? r.path === route : route.test(r.path)),
    );
  }

  // ---- state the routes share ----

  store(posted: APIMessage, mentions: APIAllowedMentions | undefined): void {
    if (!this.messages.has(posted.id)) {
      const inChannel = this.messageIds.get(posted.channel_id) ?? [];
      inChannel.push(posted.id);
      this.messageIds.set(posted.channel_id, inChannel);
    }
    this.messages.set(posted.id, posted);
    this.allowedMentions.set(posted.id, mentions);
  }

  /** The messages still in a channel or thread, in the order they were posted. */
  messagesIn(channelId: string): APIMessage[] {
    const found: APIMessage[] = [];
    for (const id of this.messageIds.get(channelId) ?? []) {
      const message = this.messages.get(id);
      if (message?.channel_id === channelId) found.push(message);
    }
    return found;
  }

  addThread(created: APIThreadChannel): void {
    this.threads.set(created.id, created);
    this.channels.set(created.id, created);
  }

  /**
   * Someone adds the bot to another server with one text channel. Before the bot connects it is
   * simply there (READY lists it); once connected the bot receives its GUILD_CREATE.
   */
  addGuild(
    name: string,
    size: { channels?: number; members?: number } = {},
  ): { guildId: string; channelId: string; channelIds: string[] } {
    const guildId = snowflake();
    const channelIds = Array.from({ length: size.channels ?? 1 }, () => snowflake());
    for (const [i, id] of channelIds.entries())
      this.channels.set(id, payloads.textChannel(guildId, id, i === 0 ? 'general' : `channel-${i}`));
    const channelId = channelIds[0] as string;
    this.otherGuilds.set(guildId, { name, channelId, channelIds, members: size.members ?? 0 });
    this.gateway.dispatch(GatewayDispatchEvents.GuildCreate, payloads.guildCreate(this.guildState(guildId), this.bot));
    return { guildId, channelId, channelIds };
  }

  /** The bot leaves a server: like Discord, a GUILD_DELETE follows; false when the bot is not in it. */
  leaveGuild(guildId: string): boolean {
    if (!this.otherGuilds.delete(guildId) && guildId !== this.guildId) return false;
    this.leftGuilds.push(guildId);
    this.gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId });
    return true;
  }

  registerCommands(guildId: string | null, commands: object[]): unknown[] {
    const registered = newCommandIds(commands, this.applicationId, guildId);
    this.registeredCommands.push({ guildId, commands: registered });
    return registered;
  }

  /** Without the Message Content intent, Discord sends other people's messages with empty content. */
  private get contentVisible(): boolean {
    const intents = this.gateway.identifies.at(-1)?.intents ?? 0;
    return (intents & GatewayIntentBits.MessageContent) !== 0;
  }

  private asDelivered(posted: APIMessage): APIMessage {
    return this.contentVisible || posted.author.id === this.bot.id ? posted : { ...posted, content: '' };
  }

  // ---- acting as users ----

  user(name: string, options: { bot?: boolean } = {}): APIUser {
    return payloads.user(name, options);
  }

  /**
   * A user posts in a channel or thread; the bot receives MESSAGE_CREATE, unless `delivered` is
   * false (the bot was restarting: the message is only in the channel's history). `at` sets the
   * message's timestamp (default: now).
   */
  postMessage(
    channelId: string,
    author: APIUser,
    content: string,
    options: { delivered?: boolean; at?: number; nick?: string } = {},
  ): APIMessage {
    const posted = {
      ...payloads.message({ channelId, author, content }),
      ...(options.at !== undefined ? { timestamp: new Date(options.at).toISOString() } : {}),
    };
    this.store(posted, undefined);
    if (options.delivered === false) return posted;
    const member = {
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: options.nick ?? null,
    };
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, {
      ...this.asDelivered(posted),
      guild_id: this.guildId,
      member,
    });
    return posted;
  }

  /** A user edits a message; the bot receives MESSAGE_UPDATE with the whole message. */
  editMessage(messageId: string, content: string): APIMessage {
    const existing = this.messages.get(messageId);
    if (!existing) throw new Error(`no message ${messageId} to edit`);
    const edited = { ...existing, content, edited_timestamp: new Date().toISOString() };
    this.store(edited, undefined);
    this.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, { ...this.asDelivered(edited), guild_id: this.guildId });
    return edited;
  }

  /** A user deletes a message; the bot receives MESSAGE_DELETE, which carries only the ids. */
  deleteMessage(messageId: string): void {
    const existing = this.messages.get(messageId);
    if (!existing) throw new Error(`no message ${messageId} to delete`);
    this.messages.delete(messageId);
    this.gateway.dispatch(GatewayDispatchEvents.MessageDelete, {
      id: messageId,
      channel_id: existing.channel_id,
      guild_id: this.guildId,
    });
  }

  /**
   * Discord archives a thread after its inactivity timeout and tells the gateway; `notify: false`
   * leaves the bot's cache stale, as for a process that only uses REST.
   */
  archiveThread(threadId: string, options: { notify?: boolean } = {}): void {
    const existing = this.threads.get(threadId);
    if (!existing?.thread_metadata) throw new Error(`no thread ${threadId}`);
    const archived = {
      ...existing,
      thread_metadata: { ...existing.thread_metadata, archived: true, archive_timestamp: new Date().toISOString() },
    };
    this.addThread(archived);
    if (options.notify ?? true) this.gateway.dispatch(GatewayDispatchEvents.ThreadUpdate, archived);
  }

  /** A channel override for the bot, as an admin sets it in the channel's Permissions; the bot hears CHANNEL_UPDATE. */
  overrideChannel(channelId: string, override: { allow?: bigint; deny?: bigint }): void {
    const channel = this.channels.get(channelId);
    if (!channel || !('permission_overwrites' in channel)) throw new Error(`no channel ${channelId} to override`);
    const updated = {
      ...channel,
      permission_overwrites: [
        ...(channel.permission_overwrites ?? []).filter((o) => o.id !== this.bot.id),
        {
          id: this.bot.id,
          type: OverwriteType.Member,
          allow: String(override.allow ?? 0n),
          deny: String(override.deny ?? 0n),
        },
      ],
    } as APIChannel;
    this.channels.set(channelId, updated);
    this.gateway.dispatch(GatewayDispatchEvents.ChannelUpdate, updated);
  }

  /** What the bot may do in a channel, as Discord computes `app_permissions`: roles, then the bot's override. */
  private botPermissionsIn(channelId: string): bigint {
    const base = this.botPermissions;
    if ((base & PermissionFlagsBits.Administrator) !== 0n) return base;
    const channel = this.channels.get(channelId);
    const own = channel && 'permission_overwrites' in channel ? channel.permission_overwrites : undefined;
    const override = own?.find((o) => o.id === this.bot.id);
    return override ? (base & ~BigInt(override.deny)) | BigInt(override.allow) : base;
  }

  private interaction(
    type: InteractionType,
    caller: APIUser,
    options: { admin?: boolean; channelId?: string; appPermissions?: bigint },
  ) {
    // Admins are set per user with `makeAdmin`, as a role is in a real server.
    options = { ...options, admin: options.admin ?? this.admins.has(caller.id) };
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const channelId = options.channelId ?? this.channelId;
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    const guildId = (channel as { guild_id?: string }).guild_id ?? this.guildId;
    const log: InteractionLog = {
      id,
      token,
      type,
      channelId,
      callbacks: [],
      ephemeral: false,
      originalDeleted: false,
      followUps: [],
      createdAt: Date.now(),
      // Discord delivers an interaction to a connected session only; with none, it fails for the user.
      failed: this.gateway.connected === 0,
    };
    this.interactions.set(token, log);
    if (!log.failed) {
      const timer = setTimeout(() => {
        this.deadlines.delete(timer);
        if (log.callbacks.length === 0) log.failed = true;
      }, this.interactionDeadlineMs);
      timer.unref();
      this.deadlines.add(timer);
    }
    const permissions = options.admin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS;
    const payload = {
      id,
      token,
      type,
      version: 1,
      application_id: this.applicationId,
      guild_id: guildId,
      channel_id: channelId,
      channel,
      member: {
        user: caller,
        roles: options.admin ? [this.adminRoleId] : [],
        permissions: String(permissions),
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        premium_since: null,
        pending: false,
      },
      app_permissions: String(options.appPermissions ?? this.botPermissionsIn(channelId)),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
    return { id, token, payload };
  }

  private commandData(subcommand: string, values: CommandOptionValues, focused?: string) {
    const resolved: APIInteractionDataResolved = {};
    const options: APIApplicationCommandInteractionDataOption[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (typeof value === 'object') {
        resolved.users = { ...resolved.users, [value.id]: value };
        options.push({ type: ApplicationCommandOptionType.User, name, value: value.id });
      } else if (typeof value === 'string') {
        options.push({
          type: ApplicationCommandOptionType.String,
          name,
          value,
          ...(name === focused ? { focused: true } : {}),
        });
      } else if (typeof value === 'number') {
        options.push({ type: ApplicationCommandOptionType.Integer, name, value });
      } else {
        options.push({ type: ApplicationCommandOptionType.Boolean, name, value });
      }
    }
    return {
      id: this.commandId,
      name: 'quiz',
      type: ApplicationCommandType.ChatInput,
      guild_id: this.guildId,
      options: [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options }],
      ...(resolved.users ? { resolved } : {}),
    };
  }

  /** A user runs `/quiz <subcommand>`; returns the interaction token to read the answer by. */
  /** `appPermissions`: what the bot may do in the channel, as Discord sends it with the interaction (default: from `botPermissions` and the channel's override). */
  runCommand(
    caller: APIUser,
    subcommand: string,
    values: CommandOptionValues = {},
    options: { admin?: boolean; channelId?: string; appPermissions?: bigint } = {},
  ): string {
    const { token, payload } = this.interaction(InteractionType.ApplicationCommand, caller, options);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, {
      ...payload,
      data: this.commandData(subcommand, values),
    });
    return token;
  }

  /** A user types into an autocomplete option. */
  autocomplete(caller: APIUser, subcommand: string, focused: string, values: CommandOptionValues): string {
    const { token, payload } = this.interaction(InteractionType.ApplicationCommandAutocomplete, caller, {});
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, {
      ...payload,
      data: this.commandData(subcommand, values, focused),
    });
    return token;
  }

  /**
   * A user presses a button on a message the bot sent (a channel message, or an ephemeral interaction
   * reply). Like Discord, a button that is not on the message, or is disabled, cannot be pressed.
   * `stale`: pressed on `on` as given, by a client that has not received the message's last update.
   */
  pressButton(caller: APIUser, customId: string, on: APIMessage, options: { stale?: boolean } = {}): string {
    const current = options.stale ? on : (this.messages.get(on.id) ?? on);
    const button = buttonsOf(current).find((b) => b.custom_id === customId);
    if (!button) throw new Error(`message ${on.id} has no button ${customId}`);
    if (button.disabled) throw new Error(`button ${customId} on message ${on.id} is disabled`);
    const { token, payload } = this.interaction(InteractionType.MessageComponent, caller, {
      channelId: current.channel_id,
    });
    on = current;
    this.interactions.get(token)!.componentMessage = on;
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, {
      ...payload,
      message: on,
      data: { custom_id: customId, component_type: ComponentType.Button },
    });
    return token;
  }

  /**
   * The user submits the modal the bot showed in answer to the interaction `shownBy`: what they typed
   * by text input, the rest as prefilled. Throws when no modal was shown, or when Discord's client
   * would not let them submit (see modals.ts). Returns the MODAL_SUBMIT interaction's token.
   */
  submitModal(caller: APIUser, shownBy: string, typed: Record<string, string> = {}): string {
    const shown = this.interactions.get(shownBy);
    if (!shown?.modal) throw new Error(`interaction ${shownBy} was not answered with a modal`);
    const data = modalSubmitData(shown.modal, typed);
    const { token, payload } = this.interaction(InteractionType.ModalSubmit, caller, { channelId: shown.channelId });
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, { ...payload, data });
    return token;
  }

  /** The messages the bot sent a user in their DM channel, oldest first. */
  directMessagesTo(userId: string): APIMessage[] {
    const dm = this.dmChannels.get(userId);
    return [...this.messages.values()].filter((m) => m.channel_id === dm);
  }

  /** The message the user ends up seeing for an interaction, once the bot has sent it. */
  answerTo(token: string): VisibleAnswer | undefined {
    const log = this.interactions.get(token);
    if (!log) return undefined;
    if (log.failed && log.callbacks.length === 0) return undefined;
    const followUp = log.followUps.at(-1);
    if (followUp) {
      const flags = Number(followUp.message.flags ?? 0);
      return {
        ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
        message: followUp.message,
        ...(followUp.allowedMentions ? { allowedMentions: followUp.allowedMentions } : {}),
      };
    }
    if (!log.original || log.originalDeleted) return undefined;
    const ephemeral =
      log.type === InteractionType.MessageComponent
        ? (Number(log.original.flags ?? 0) & MessageFlags.Ephemeral) !== 0
        : log.ephemeral;
    return {
      ephemeral,
      message: log.original,
      ...(log.originalMentions ? { allowedMentions: log.originalMentions } : {}),
    };
  }
}

/** The buttons of a message's action rows. */
export function buttonsOf(
  message: Pick<APIMessage, 'components'>,
): { custom_id?: string; disabled?: boolean; label?: string; style?: number }[] {
  return (message.components ?? []).flatMap(
    (row) => (row as { components?: { custom_id?: string; disabled?: boolean }[] }).components ?? [],
  );
}

/** The limits a request's body must keep, by route: messages, edits, interaction responses, follow-ups, thread names. */
function limitViolations(method: string, path: string, body: unknown): Violation[] {
  const route = `${method} ${path}`;
  if (/^(POST|PATCH) \/channels\/\d+\/messages(\/\d+)?$/.test(route)) return messageViolations(body);
  if (/^POST \/channels\/\d+\/messages\/\d+\/threads$/.test(route)) return threadViolations(body);
  if (/^PATCH \/channels\/\d+$/.test(route) && (body as { name?: unknown } | undefined)?.name !== undefined)
    return threadViolations(body);
  if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(route)) {
    const callback = body as { type?: number; data?: unknown } | undefined;
    return callback?.type === InteractionResponseType.Modal
      ? modalViolations(callback.data)
      : messageViolations(callback?.data);
  }
  if (/^(POST|PATCH) \/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(route)) return messageViolations(body);
  return [];
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
