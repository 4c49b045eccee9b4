/**
 * Discord's REST rate limits, switched on with `FakeDiscord.start({ rateLimits })`: the global limit
 * of 50 requests a second per bot (interaction callbacks and webhooks are exempt, as on Discord) and
 * a bucket per route and major parameter (channel, webhook), 5 requests per 5 seconds, reported on
 * every answer with the `X-RateLimit-*` headers discord.js paces itself from; a request over either
 * is refused with 429 and `retry_after`, `X-RateLimit-Scope` and, for the global one,
 * `X-RateLimit-Global`. `timeFactor` runs every limit that many times faster (50 × f requests in
 * each second, route windows of 5/f seconds), so a bench can take a burst of thousands of channels
 * in minutes; a client must then be told the global rate too (discord.js's
 * `rest.globalRequestsPerSecond`, counted per second like here), since Discord never sends it in a
 * header.
 */
import type { RestResponse } from './rest-routes.ts';

export interface DiscordRateLimitOptions {
  /** Requests a second per bot before the global 429 (Discord: 50). */
  globalPerSecond?: number;
  /** Requests per route bucket and window (Discord: 5 per 5 s for a channel's messages). */
  bucketLimit?: number;
  bucketWindowMs?: number;
  /** Every limit runs this many times faster; 1 is Discord's. */
  timeFactor?: number;
}

export interface RateLimitCounts {
  requests: number;
  globalLimited: number;
  routeLimited: number;
}

interface Window {
  startedAt: number;
  used: number;
}

/** Routes whose requests Discord does not count against the global limit. */
const EXEMPT = /^\/(interactions|webhooks)\//;

/** The route's bucket: its shape with ids replaced, keeping the major parameter (channel, webhook, guild). */
function bucketOf(method: string, path: string): { key: string; hash: string } {
  const major = /^\/(channels|guilds|webhooks)\/(\d+)/.exec(path);
  const shape = path.replace(/\d{5,}/g, ':id');
  const hash = Buffer.from(`${method} ${shape}`).toString('base64url').slice(0, 16);
  return { key: `${hash}:${major?.[2] ?? ''}`, hash };
}

export class DiscordRateLimits {
  readonly counts: RateLimitCounts = { requests: 0, globalLimited: 0, routeLimited: 0 };
  private readonly globalPerSecond: number;
  private readonly bucketLimit: number;
  private readonly windowMs: number;
  private readonly globalWindowMs: number;
  private global: Window = { startedAt: 0, used: 0 };
  private readonly buckets = new Map<string, Window>();

  constructor(
    options: DiscordRateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const factor = options.timeFactor ?? 1;
    // Per second, as discord.js counts it: with 1/f-second windows a client pacing itself per second
    // would send a whole second's worth into the first one.
    this.globalPerSecond = (options.globalPerSecond ?? 50) * factor;
    this.globalWindowMs = 1000;
    this.bucketLimit = options.bucketLimit ?? 5;
    this.windowMs = (options.bucketWindowMs ?? 5000) / factor;
  }

  /** The answer to send instead when the request is over a limit; else the headers for its answer. */
  check(method: string, path: string): { refused: RestResponse } | { headers: Record<string, string> } {
    const at = this.now();
    this.counts.requests++;
    if (!EXEMPT.test(path)) {
      if (at - this.global.startedAt >= this.globalWindowMs) this.global = { startedAt: at, used: 0 };
      if (this.global.used >= this.globalPerSecond) {
        this.counts.globalLimited++;
        const retryAfter = (this.global.startedAt + this.globalWindowMs - at) / 1000;
        return { refused: tooMany(retryAfter, 'global') };
      }
    }
    const { key, hash } = bucketOf(method, path);
    let bucket = this.buckets.get(key);
    if (!bucket || at - bucket.startedAt >= this.windowMs) {
      bucket = { startedAt: at, used: 0 };
      this.buckets.set(key, bucket);
    }
    const resetAfter = (bucket.startedAt + this.windowMs - at) / 1000;
    if (bucket.used >= this.bucketLimit) {
      this.counts.routeLimited++;
      return { refused: tooMany(resetAfter, 'user', this.headers(hash, 0, at, resetAfter)) };
    }
    bucket.used++;
    if (!EXEMPT.test(path)) this.global.used++;
    return { headers: this.headers(hash, this.bucketLimit - bucket.used, at, resetAfter) };
  }

  private headers(hash: string, remaining: number, at: number, resetAfter: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.bucketLimit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': ((at + resetAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': hash,
    };
  }
}

function tooMany(
  retryAfterSeconds: number,
  scope: 'global' | 'user',
  headers: Record<string, string> = {},
): RestResponse {
  const retryAfter = Math.max(0.001, retryAfterSeconds);
  return {
    status: 429,
    body: {
      message: 'You are being rate limited.',
      retry_after: Number(retryAfter.toFixed(3)),
      global: scope === 'global',
    },
    headers: {
      ...headers,
      'retry-after': String(Math.ceil(retryAfter)),
      'x-ratelimit-scope': scope,
      ...(scope === 'global' ? { 'x-ratelimit-global': 'true' } : {}),
    },
  };
}
