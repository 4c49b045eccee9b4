/**
 * The one place that builds a Bolt `App` for quizthread: HTTP mode (Events API and interactivity
 * POSTed to `/slack/events` on PORT, signatures verified) or Socket Mode (no public URL), with the
 * Web API pointed at SLACK_API_URL when set. Everything else takes the adapter this returns.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { SharedRateBudget } from '../../ports/rate-budget.ts';
import { boltLogger } from './bolt-logger.ts';
import { pacedFetch } from './paced-fetch.ts';
import { type ConnectionEvents, SlackAdapter } from './adapter.ts';
import { type ReconnectTiming, reconnectingReceiver, SocketModeConnection } from './socket-reconnect.ts';
import { UserDirectory } from './user-directory.ts';

export interface SlackAdapterDeps {
  logger: Logger;
  /** HTTP mode listens here (0 picks a free port, see `listeningPort()`); unused in Socket Mode. */
  port: number;
  /** HTTP mode: extra routes on the same server, e.g. `/healthz` and `/metrics` (see `slackOwnsPort`). */
  customRoutes?: {
    path: string;
    method: string | string[];
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  }[];
  clock?: Clock;
  /** Tries at posting one question and the pause between them; tests pass a quick one. */
  questionAttempts?: { tries: number; pauseMs: number };
  /** How long a reply waits for its author's name before it is recorded under the id. */
  nameWaitMs?: number;
  /** How long a suggestion form's submission waits for the core before showing "checking". */
  suggestionBudgetMs?: number;
  /** Socket Mode: how soon a failed reconnect is tried again; tests pass a quick one. */
  reconnectTiming?: Partial<ReconnectTiming>;
  /**
   * Socket Mode: how long a socket that answers no ping is trusted, and the apps.connections.open
   * request timeout; tests pass quick ones.
   */
  socketTimeouts?: { pongMs: number; openMs: number };
  /** How the Web API client retries failed and rate-limited calls; tests pass a quick one. */
  retryConfig?: webApi.RetryOptions;
  /**
   * The rate shared with the other replicas (the store's): paces the Tier 3 calls each round makes
   * (see paced-fetch.ts). Absent: those calls are not paced, and a 429 is waited out.
   */
  restBudget?: SharedRateBudget;
  /** Calls a minute of each Tier 3 method for the whole bot (default 45); the bench scales it. */
  tier3PerMinute?: number;
}

/** What the Slack adapter needs to connect (app/config.ts maps SLACK_* settings to it). */
export interface SlackAdapterConfig {
  botToken: string;
  /** HTTP mode: verifies that requests come from Slack. */
  signingSecret?: string;
  /** Socket Mode: an app-level token (xapp-...); wins over a signing secret. */
  appToken?: string;
  /** The Web API base ending in /api/. */
  apiUrl?: string;
  /** Users treated as admins besides the workspace's admins and owners. */
  adminUsers: string[];
  /** The only workspaces (T...) or organisations (E...) served; absent or empty: every one. */
  allowedTeams?: string[];
}

export const SLACK_EVENTS_PATH = '/slack/events';

/** How long one Web API call may take before it counts as failed. */
const CALL_TIMEOUT_MS = 15_000;

/** Slack's payloads are a few kilobytes; anything near this limit is not from Slack. */
const BODY_LIMIT = 1024 * 1024;

/**
 * A few quick retries, not Slack's default half hour: a post that hangs longer than the round
 * lease would be taken over by another process. Rate-limited calls wait out Retry-After first.
 */
const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 10_000,
  randomize: true,
};

/**
 * True when the adapter serves HTTP on PORT (HTTP mode); the app then hands its own routes
 * (`/healthz`, `/metrics`) to the adapter as `customRoutes` instead of listening there itself.
 * In Socket Mode the adapter opens no port and `customRoutes` are not used.
 */
export function slackOwnsPort(config: SlackAdapterConfig): boolean {
  return !config.appToken && Boolean(config.signingSecret);
}

export function createSlackAdapter(config: SlackAdapterConfig, deps: SlackAdapterDeps): SlackAdapter {
  const logger = boltLogger(deps.logger);
  // Bolt and the Socket Mode client each add to the options object they get, so each gets a copy.
  const clientOptions = (): webApi.WebClientOptions => ({
    retryConfig: deps.retryConfig ?? DEFAULT_RETRY,
    timeout: CALL_TIMEOUT_MS,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  });
  const customRoutes: CustomRoute[] = deps.customRoutes ?? [];

  let receiver: Receiver;
  let socket: ConnectionEvents | undefined;
  if (config.appToken) {
    // An app-level token is only ever needed for Socket Mode, so it wins over a signing secret.
    // No customRoutes here: Bolt would open an HTTP server it does not wait for or watch, so a
    // busy port would crash the process; in Socket Mode the app serves its own routes.
    if (customRoutes.length > 0)
      deps.logger.debug(
        { routes: customRoutes.map((r) => r.path) },
        'socket mode: custom routes are served by the app',
      );
    // The client's own reconnect is off and its apps.connections.open is tried once per attempt:
    // SocketModeConnection owns every retry (see socket-reconnect.ts for why).
    const socketReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      autoReconnectEnabled: false,
      ...(deps.socketTimeouts ? { clientPingTimeout: deps.socketTimeouts.pongMs } : {}),
      installerOptions: {
        clientOptions: {
          ...clientOptions(),
          retryConfig: { retries: 0 },
          timeout: deps.socketTimeouts?.openMs ?? 15_000,
        },
      },
    });
    const connection = new SocketModeConnection(socketReceiver.client, deps.logger, deps.reconnectTiming);
    socket = socketReceiver.client;
    receiver = reconnectingReceiver(socketReceiver, connection);
  } else if (config.signingSecret) {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      signatureVerification: true,
      endpoints: SLACK_EVENTS_PATH,
      port: deps.port,
      customRoutes,
      logger,
      // Acknowledge first, work after: Slack retries anything not answered within 3 seconds.
      processBeforeResponse: false,
      bodyLimit: BODY_LIMIT,
    });
  } else {
    throw new Error(
      'SLACK_SIGNING_SECRET is missing: set it for HTTP mode, or set SLACK_APP_TOKEN (xapp-...) for Socket Mode.',
    );
  }

  const app = new App({
    receiver,
    token: config.botToken,
    clientOptions: clientOptions(),
    logger,
    // Bolt's conversation store is for multi-step dialogs; the quiz keeps its state in the Store.
    convoStore: false,
    // auth.test runs in start(), where a bad token or an unreachable API is reported, not at import.
    deferInitialization: true,
  });
  // Name and role lookups never wait out a rate limit or retry: a reply is recorded without its
  // name rather than late, and the directory pauses lookups for Slack's Retry-After instead.
  const directoryClient = new webApi.WebClient(config.botToken, {
    ...clientOptions(),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger,
  });
  const directory = new UserDirectory(directoryClient.users, {
    adminUsers: config.adminUsers,
    logger: deps.logger,
    ...(deps.clock ? { now: () => (deps.clock as Clock).now() } : {}),
  });
  const roundClient = deps.restBudget
    ? new webApi.WebClient(config.botToken, {
        ...clientOptions(),
        fetch: pacedFetch({
          budget: deps.restBudget,
          ...(deps.tier3PerMinute ? { tier3PerMinute: deps.tier3PerMinute } : {}),
          timeoutMs: CALL_TIMEOUT_MS,
          logger: deps.logger,
        }),
        logger,
      })
    : undefined;
  // Questions are posted by a client that never retries on its own: chat.postMessage has no
  // idempotency key, so the adapter checks the channel before each attempt (see postQuestion).
  const questionClient = new webApi.WebClient(config.botToken, {
    ...clientOptions(),
    retryConfig: { retries: 0 },
    logger,
  });
  return new SlackAdapter({
    app,
    questionClient,
    ...(roundClient ? { roundClient } : {}),
    ...(deps.questionAttempts ? { questionAttempts: deps.questionAttempts } : {}),
    ...(deps.nameWaitMs !== undefined ? { nameWaitMs: deps.nameWaitMs } : {}),
    ...(deps.suggestionBudgetMs !== undefined ? { suggestionBudgetMs: deps.suggestionBudgetMs } : {}),
    mode: socket ? 'socket' : 'http',
    ...(socket ? { socket } : {}),
    directory,
    ...(config.allowedTeams?.length ? { allowedTeams: new Set(config.allowedTeams) } : {}),
    logger: deps.logger,
    clock: deps.clock ?? systemClock,
  });
}
