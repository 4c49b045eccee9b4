/**
 * The operator's HTTP endpoints: `GET /healthz` (store reachable and adapters connected: 200, or
 * 503 with the reasons) and `GET /metrics` (Prometheus text). Served on PORT by its own server, or
 * mounted as custom routes on Slack's receiver when Slack's HTTP mode owns the port.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ChatAdapter } from '../ports/chat.ts';
import type { Store } from '../ports/store.ts';
import type { Metrics } from './metrics.ts';

export interface HealthReport {
  ok: boolean;
  /** Only the state: the error (a Redis host and port) goes to the log, never to a public port. */
  store: 'ok' | 'unreachable';
  adapters: Record<string, 'connected' | 'disconnected'>;
  stopping: boolean;
}

/** How long one store probe answers /healthz: a flood of requests costs Redis one PING a second. */
const PROBE_CACHE_MS = 1_000;

/** Pings the store at most once per `PROBE_CACHE_MS`, sharing the answer (and a ping in flight). */
export class StoreProbe {
  private last?: { at: number; state: Promise<HealthReport['store']> };

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  state(): Promise<HealthReport['store']> {
    const now = this.now();
    if (this.last && now - this.last.at < PROBE_CACHE_MS) return this.last.state;
    const state = Promise.race([
      this.store.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out after 2 s')), 2000).unref()),
    ]).then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    this.last = { at: now, state };
    return state;
  }
}

export async function checkHealth(
  probe: StoreProbe,
  adapters: Iterable<ChatAdapter>,
  stopping: boolean,
): Promise<HealthReport> {
  const storeStatus = await probe.state();
  const adapterStatus: HealthReport['adapters'] = {};
  for (const adapter of adapters)
    adapterStatus[adapter.platform] = adapter.isConnected() ? 'connected' : 'disconnected';
  const ok = !stopping && storeStatus === 'ok' && Object.values(adapterStatus).every((s) => s === 'connected');
  return { ok, store: storeStatus, adapters: adapterStatus, stopping };
}

export interface Route {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Whether the request carries `Authorization: Bearer <token>`. Both sides are hashed first so the
 * comparison takes the same time whatever the length or the first wrong byte.
 */
export function hasBearerToken(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest((match[1] as string).trim()), digest(token));
}

export function operatorRoutes(deps: {
  store: Store;
  adapters: () => Iterable<ChatAdapter>;
  metrics: Metrics;
  stopping: () => boolean;
  /** When set, `/metrics` needs it as a bearer token: in Slack HTTP mode the port is public. */
  metricsToken?: string;
  /** Without a token, `/metrics` is closed instead of open to anyone (METRICS_REQUIRE_TOKEN). */
  metricsRequireToken?: boolean;
  /** The clock the store probe's cache runs on (tests pass a fake one). */
  now?: () => number;
}): Route[] {
  const probe = new StoreProbe(deps.store, deps.now);
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        void checkHealth(probe, deps.adapters(), deps.stopping()).then((report) => {
          res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        });
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (req, res) => {
        if (deps.metricsToken === undefined && deps.metricsRequireToken) {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'metrics are off: set METRICS_TOKEN to scrape them' }));
          return;
        }
        if (deps.metricsToken !== undefined && !hasBearerToken(req, deps.metricsToken)) {
          res.writeHead(401, {
            'content-type': 'application/json',
            'www-authenticate': 'Bearer realm="quizthread metrics"',
          });
          res.end(JSON.stringify({ error: 'METRICS_TOKEN is set: send it as "Authorization: Bearer <token>"' }));
          return;
        }
        void deps.metrics.registry.metrics().then((text) => {
          res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
          res.end(text);
        });
      },
    },
  ];
}

/** A standalone server for the routes, used when no Slack receiver owns the port. */
export async function serveRoutes(routes: Route[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
      return;
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return server;
}
