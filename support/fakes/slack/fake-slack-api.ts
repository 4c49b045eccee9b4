/**
 * A fake Slack Web API on 127.0.0.1: answers the methods the adapter calls, records every call
 * (and every POST to a response_url), and can fail the next call of a method the way Slack does
 * (`ratelimited` as HTTP 429 with Retry-After, or an `{ ok: false, error }` body). Like Slack, it
 * refuses messages and views over the documented limits (limits.ts) and keeps them in `rejected`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageViolation, type SlackViolation, viewViolation } from './limits.ts';
import {
  type ModalView,
  modalViolation,
  Triggers,
  type ViewOutcome,
  viewOutcome,
  viewSubmissionPayload,
  withValues,
} from './modals.ts';

/** The methods that take a message, and so Slack's message limits. */
const LIMITED_MESSAGES = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

export interface RecordedCall {
  method: string;
  /** Form fields with JSON values (blocks, attachments) parsed, or the JSON body. */
  args: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** The user's home team; another one than the bot's is a Slack Connect guest. */
  teamId?: string;
}

export const FAKE_BOT = { userId: 'UBOT', botId: 'BBOT', teamId: 'T0001' } as const;

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

/**
 * Slack's per-workspace method tiers, switched on with `enforceTiers`: each listed method takes
 * `perMinute` calls in a minute's window (opened by the first call after the last one closed) and
 * answers the rest with 429 and Retry-After, the whole seconds until the window closes.
 * `timeFactor` runs the windows that many times faster (a minute lasts 60 / f seconds), so a bench
 * can take thousands of channels in minutes; Retry-After is still whole seconds, at least 1.
 */
export interface SlackTierOptions {
  perMinute: Record<string, number>;
  timeFactor?: number;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** Messages and views refused for breaking a limit (see limits.ts): the method, Slack's error and why. */
  readonly rejected: ({ method: string } & SlackViolation)[] = [];
  /** Bodies POSTed to response_urls, keyed by the id in `responseUrl(id)`. */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** What `apps.connections.open` hands out: the URL of a fake Socket Mode server. */
  socketUrl = '';
  private readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, string[]>();
  private readonly holds = new Map<string, { arrived: () => void; held: Promise<void> }[]>();
  private readonly rateLimited = new Map<string, number>();
  private tiers?: { perMinute: Record<string, number>; windowMs: number };
  private readonly tierWindows = new Map<string, { startedAt: number; used: number }>();
  /** Calls refused by `enforceTiers`, by method. */
  readonly tierLimited = new Map<string, number>();
  private server?: Server;
  private messages = 0;
  private lastTs = 0;
  /** Every message chat.postMessage created, in order. */
  readonly posted: {
    channel: string;
    ts: string;
    text: unknown;
    bot_id?: string;
    user?: string;
    thread_ts?: unknown;
    metadata?: unknown;
    /** Files shared with the message (files.completeUploadExternal). */
    files?: { id: string; name: string; title?: string | undefined }[];
    /** As last posted or updated (chat.update replaces them, as Slack does). */
    blocks?: unknown;
    /** How many times chat.update changed it. */
    edits?: number;
  }[] = [];

  /** `now` is the test's clock (milliseconds); without one, the wall clock. */
  constructor(private readonly now: () => number = Date.now) {
    this.triggers = new Triggers(now);
  }

  /** Trigger ids for interactions the test sends (`issueTrigger`), checked by views.open. */
  readonly triggers: Triggers;
  /** Modals open now, by view id: as opened, or as last updated. */
  readonly views = new Map<string, { user?: string; view: ModalView; submitted?: Record<string, string> }>();
  private viewCount = 0;

  /**
   * Applies the app's HTTP answer to a view_submission as Slack does (see `viewOutcome`): the view
   * closes, shows errors and keeps its text, or is replaced; a refused answer leaves it as it was.
   */
  answerSubmission(viewId: string, status: number, body: string): ViewOutcome {
    const open = this.views.get(viewId);
    if (!open) throw new Error(`no view ${viewId} is open`);
    const outcome = viewOutcome(open.view, status, body);
    if (outcome.kind === 'closed') this.views.delete(viewId);
    if (outcome.kind === 'updated') open.view = outcome.view;
    // Shown with errors, the modal still holds what the user typed.
    if (outcome.kind !== 'updated' && outcome.kind !== 'closed' && open.submitted)
      open.view = withValues(open.view, open.submitted);
    return outcome;
  }

  /** The view_submission payload for what `user` typed into the open view `viewId` (see modals.ts). */
  viewSubmission(
    viewId: string,
    user: { id: string; name: string },
    typed: Record<string, string>,
    teamId: string = FAKE_BOT.teamId,
  ) {
    const open = this.views.get(viewId);
    if (!open) throw new Error(`no view ${viewId} is open`);
    const payload = viewSubmissionPayload({ viewId, view: open.view, user, teamId, typed });
    open.submitted = Object.fromEntries(
      Object.entries(payload.view.state.values).map(([block, actions]) => [
        block,
        String(Object.values(actions)[0]?.value ?? ''),
      ]),
    );
    return payload;
  }

  /** A trigger_id to put in a slash command or button press: opens one view within 3 seconds. */
  issueTrigger(): string {
    return this.triggers.issue();
  }

  /** The messages the bot sent a user in their DM with it (a user id, or the DM conversations.open gave). */
  directMessagesTo(userId: string): { text: unknown }[] {
    return this.posted.filter((m) => m.channel === userId || m.channel === `D${userId}`);
  }

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      user_id: FAKE_BOT.userId,
      bot_id: FAKE_BOT.botId,
      team_id: FAKE_BOT.teamId,
      team: 'Fake',
      user: 'quizthread',
      url: 'https://fake.slack.com/',
    }),
    'chat.postMessage': (args) => {
      const ts = this.newTs();
      const message = {
        ts,
        text: args.text,
        bot_id: FAKE_BOT.botId,
        ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        ...(args.metadata ? { metadata: args.metadata } : {}),
        ...(args.blocks ? { blocks: args.blocks } : {}),
      };
      this.posted.push({ channel: String(args.channel), ...message });
      return { channel: args.channel, ts, message };
    },
    // The parent first, then its replies, oldest first, as Slack answers (one page here).
    'conversations.replies': (args) => {
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const messages = this.posted
        .filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts))
        .map(({ channel: _channel, metadata, ...m }) => ({
          type: 'message',
          ...m,
          ...(m.ts === args.ts ? { thread_ts: m.ts } : {}),
          ...(withMetadata && metadata ? { metadata } : {}),
        }));
      return { messages, has_more: false, response_metadata: { next_cursor: '' } };
    },
    // Newest first, top-level messages only, metadata only when asked for, as Slack answers.
    'conversations.history': (args) => {
      const oldest = Number(args.oldest ?? 0);
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const messages = this.posted
        .filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) > oldest)
        .reverse()
        .slice(0, Number(args.limit ?? 100))
        .map(({ channel: _channel, metadata, ...m }) => ({
          type: 'message',
          ...m,
          ...(withMetadata && metadata ? { metadata } : {}),
        }));
      return { messages, has_more: false };
    },
    'chat.update': (args) => {
      const target = this.posted.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!target) return { ok: false, error: 'message_not_found' };
      target.text = args.text;
      target.edits = (target.edits ?? 0) + 1;
      // Slack keeps the old blocks only when the update sends none.
      if (args.blocks !== undefined) target.blocks = args.blocks;
      return { channel: args.channel, ts: args.ts, text: args.text };
    },
    'chat.postEphemeral': () => ({ message_ts: this.newTs() }),
    'views.open': (args) => {
      const refused = this.triggers.use(args.trigger_id);
      if (refused) return { ok: false, error: refused };
      const view = parsed(args.view) as ModalView;
      const wrong = modalViolation(view);
      if (wrong) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [wrong] } };
      this.viewCount += 1;
      const id = `V${String(this.viewCount).padStart(8, '0')}`;
      this.views.set(id, { view });
      return { view: { id, ...view } };
    },
    'views.update': (args) => {
      const id = String(args.view_id ?? '');
      const open = this.views.get(id);
      if (!open) return { ok: false, error: 'not_found' };
      const view = parsed(args.view) as ModalView;
      const wrong = modalViolation(view);
      if (wrong) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [wrong] } };
      open.view = view;
      return { view: { id, ...view } };
    },
    // The DM between the bot and a user: one conversation per user, D + the user id here.
    'conversations.open': (args) => {
      const users = String(args.users ?? '');
      if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: 'user_not_found' };
      return { channel: { id: `D${users}` } };
    },
    'reactions.add': () => ({}),
    'users.info': (args) => {
      const user = this.users.get(String(args.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        user: {
          id: user.id,
          name: user.name,
          real_name: user.name,
          is_admin: user.isAdmin ?? false,
          is_owner: user.isOwner ?? false,
          team_id: user.teamId ?? FAKE_BOT.teamId,
          profile: { display_name: user.displayName ?? '', real_name: user.name },
        },
      };
    },
    'apps.connections.open': () => (this.socketUrl ? { url: this.socketUrl } : { ok: false, error: 'invalid_auth' }),
    'chat.getPermalink': (args) => {
      const message = this.posted.find((m) => m.channel === args.channel && m.ts === args.message_ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      return {
        channel: args.channel,
        permalink: `https://fake.slack.com/archives/${args.channel}/p${message.ts.replace('.', '')}`,
      };
    },
    // files.uploadV2, step 1: Slack hands out an upload URL for a file of a declared name and size.
    'files.getUploadURLExternal': (args) => {
      const length = Number(args.length);
      if (!args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
      if (length > SLACK_FILE_LIMIT_BYTES) return { ok: false, error: 'file_too_large' };
      const id = `F${String(this.files.size + 1).padStart(8, '0')}`;
      this.files.set(id, { id, filename: String(args.filename), length, altText: args.alt_text as string | undefined });
      return { upload_url: `${this.origin}/upload/v1/${id}`, file_id: id };
    },
    // Step 3: files uploaded in full are shared in the channel, with the comment as the message.
    'files.completeUploadExternal': (args) => {
      const listed = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
      const files = listed.map((f) => this.files.get(String(f.id)));
      if (listed.length === 0 || files.some((f) => !f?.data)) return { ok: false, error: 'file_not_found' };
      const ts = this.newTs();
      const channel = String(args.channel_id ?? '');
      for (const [i, file] of files.entries()) {
        if (!file) continue;
        file.title = listed[i]?.title;
        file.channel = channel;
        file.comment = args.initial_comment as string | undefined;
      }
      // The share is a message from the bot carrying the files, as conversations.history shows it.
      const shared = files.map((f) => ({ id: String(f?.id), name: String(f?.filename), title: f?.title }));
      if (channel)
        this.posted.push({ channel, ts, text: args.initial_comment ?? '', bot_id: FAKE_BOT.botId, files: shared });
      return { files: files.map((f) => ({ id: f?.id, name: f?.filename, title: f?.title })) };
    },
  };

  /** Files announced with files.getUploadURLExternal, with their bytes once uploaded and where they were shared. */
  readonly files = new Map<
    string,
    {
      id: string;
      filename: string;
      length: number;
      altText?: string | undefined;
      data?: Buffer;
      title?: string | undefined;
      channel?: string;
      comment?: string | undefined;
    }
  >();

  /** The Web API base, as `SLACK_API_URL` takes it. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  /** The port it listens on; with `start('0.0.0.0')`, containers reach it through the host's address. */
  get port(): number {
    if (!this.listenedOn) throw new Error('FakeSlackApi is not started');
    return this.listenedOn.port;
  }

  private get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A response_url whose POSTs land in `responses` under `id`. */
  responseUrl(id: string): string {
    return `${this.origin}/response/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /**
   * Fails the next call of `method`: `ratelimited` as HTTP 429 + Retry-After: 1, `http_503` as HTTP
   * 503, `lost_response` by carrying the call out and answering HTTP 503 all the same, `no_response`
   * by never answering (the caller's timeout ends it), anything else as `{ ok: false, error }`.
   */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /**
   * Holds the next call of `method` before it is carried out, until `release()`: a platform call
   * slower than the bot's job lease. `reached` resolves once the call has arrived.
   */
  holdNext(method: string): { reached: Promise<void>; release: () => void } {
    let release = () => {};
    let arrived = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, [...(this.holds.get(method) ?? []), { arrived, held }]);
    return { reached, release };
  }

  /** Enforces Slack's method tiers from now on (see `SlackTierOptions`). */
  enforceTiers(options: SlackTierOptions): void {
    this.tiers = { perMinute: options.perMinute, windowMs: 60_000 / (options.timeFactor ?? 1) };
  }

  /** Retry-After seconds when `method` is over its tier now; undefined when the call may go ahead. */
  private overTier(method: string): number | undefined {
    const limit = this.tiers?.perMinute[method];
    if (!this.tiers || limit === undefined) return undefined;
    const at = performance.now();
    let window = this.tierWindows.get(method);
    if (!window || at - window.startedAt >= this.tiers.windowMs) {
      window = { startedAt: at, used: 0 };
      this.tierWindows.set(method, window);
    }
    if (window.used < limit) {
      window.used++;
      return undefined;
    }
    this.tierLimited.set(method, (this.tierLimited.get(method) ?? 0) + 1);
    return Math.max(1, Math.ceil((window.startedAt + this.tiers.windowMs - at) / 1000));
  }

  /** Answers every call of `method` with HTTP 429 and this Retry-After until `undefined` is set. */
  rateLimit(method: string, retryAfterSeconds: number | undefined): void {
    if (retryAfterSeconds === undefined) this.rateLimited.delete(method);
    else this.rateLimited.set(method, retryAfterSeconds);
  }

  /** A person's reply that exists in the thread but whose event never reached the bot. */
  addThreadReply(channel: string, threadTs: string, userId: string, text: string, sentAt?: number): string {
    const ts = this.newTs(sentAt);
    this.posted.push({ channel, ts, text, user: userId, thread_ts: threadTs });
    return ts;
  }

  /**
   * The button `actionId` on the message `ts` as people see it now, for a click; undefined when the
   * message has no such button (any more: a closed post has none to click).
   */
  buttonOn(
    channel: string,
    ts: string,
    actionId: string,
  ): { action_id: string; value: string; block_id?: string; text?: { text?: string } } | undefined {
    const message = this.posted.find((m) => m.channel === channel && m.ts === ts);
    const blocks = (Array.isArray(message?.blocks) ? message.blocks : []) as {
      type: string;
      block_id?: string;
      elements?: { type: string; action_id: string; value: string; text?: { text?: string } }[];
    }[];
    for (const block of blocks) {
      const button = block.type === 'actions' ? block.elements?.find((e) => e.action_id === actionId) : undefined;
      if (button) return { ...button, ...(block.block_id ? { block_id: block.block_id } : {}) };
    }
    return undefined;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  async start(host = '127.0.0.1'): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, host, resolve));
    const { port, address } = this.server.address() as AddressInfo;
    this.listenedOn = { port, host: address };
  }

  private listenedOn?: { port: number; host: string };

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    if (!this.server?.listening) return;
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Closes the port, so every call is refused (ECONNREFUSED) until `acceptConnections()`. */
  async refuseConnections(): Promise<void> {
    await this.stop();
  }

  /** Listens again on the same port after `refuseConnections()`. */
  async acceptConnections(): Promise<void> {
    const { port, host } = this.listenedOn ?? { port: 0, host: '127.0.0.1' };
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
  }

  /**
   * Message timestamps as Slack writes them (seconds, a dot, six digits), taken from the test's
   * clock so a message's time means something; unique and increasing unless `at` is given.
   */
  private newTs(at?: number): string {
    this.messages += 1;
    let micros = Math.floor((at ?? this.now()) / 1000) * 1_000_000 + (this.messages % 1_000_000);
    if (at === undefined) micros = Math.max(micros, this.lastTs + 1);
    this.lastTs = Math.max(this.lastTs, micros);
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** While true, every request's connection is dropped unanswered, as by a network failure. */
  unreachable = false;

  /**
   * files.uploadV2, step 2: the file's bytes POSTed to the URL step 1 gave. Slack answers 200 with a
   * plain-text "OK - <bytes>"; a URL it never gave, or bytes that differ from the declared length,
   * get an error status and the file stays unuploaded (so step 3 fails).
   */
  private upload(id: string, data: Buffer, res: ServerResponse): void {
    const file = this.files.get(id);
    this.calls.push({ method: 'upload', args: { file_id: id, bytes: data.length } });
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (data.length !== file.length) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`length mismatch: declared ${file.length}, got ${data.length}`);
      return;
    }
    file.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${data.length}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.unreachable) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/upload/v1/'))
      return this.upload(
        path.slice('/upload/v1/'.length),
        await uploadedBytes(bytes, req.headers['content-type']),
        res,
      );
    if (path.startsWith('/response/')) {
      const id = path.slice('/response/'.length);
      const body = JSON.parse(raw) as Record<string, unknown>;
      const refused = messageViolation(body);
      if (refused) {
        this.rejected.push({ method: `response_url ${id}`, ...refused });
        return json(400, { ok: false, error: refused.error });
      }
      this.responses.push({ id, body });
      return json(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return json(404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    this.calls.push({ method, args });
    const hold = this.holds.get(method)?.shift();
    if (hold) {
      hold.arrived();
      await hold.held;
    }
    const retryAfter = this.rateLimited.get(method) ?? this.overTier(method);
    if (retryAfter !== undefined)
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    const failure = this.failures.get(method)?.shift();
    if (failure === 'no_response') return;
    if (failure === 'ratelimited') return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    if (failure === 'http_503') return json(503, { ok: false, error: 'service_unavailable' });
    if (failure === 'lost_response') {
      // The call is carried out, but the answer never reaches the client (a proxy's 503).
      this.handlers[method]?.(args);
      return json(503, { ok: false, error: 'service_unavailable' });
    }
    if (failure) return json(200, { ok: false, error: failure });
    const refused = LIMITED_MESSAGES.has(method)
      ? messageViolation(args)
      : method.startsWith('views.')
        ? viewViolation(args)
        : undefined;
    if (refused) {
      this.rejected.push({ method, ...refused });
      return json(200, { ok: false, error: refused.error });
    }
    const handler = this.handlers[method];
    if (!handler) return json(200, { ok: false, error: 'unknown_method' });
    json(200, { ok: true, ...handler(args) });
  }
}

/**
 * The file of an upload POST: Slack takes the raw bytes, or a multipart form with the file as its
 * one file part (what the Node WebClient sends, under the field name `body`).
 */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  for (const value of form.values()) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

/** Slack's largest file: 1 GB. */
export const SLACK_FILE_LIMIT_BYTES = 1024 * 1024 * 1024;

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient form-encodes nested values (blocks, attachments) as JSON strings.
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? safeJson(value) : value;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
