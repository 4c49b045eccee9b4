/**
 * Who a Slack user is: their display name, their home team and whether they are an admin or owner
 * there, from `users.info`, remembered briefly so a busy thread does not cost one API call per
 * message. A failed lookup is remembered for a short while too, and a rate limit pauses every
 * lookup until Slack's Retry-After has passed, so a rate-limited workspace costs one call, not one
 * per reply.
 */
import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../ports/logger.ts';

export interface SlackUser {
  id: string;
  name: string;
  /** Listed in SLACK_ADMIN_USERS, or an admin or owner of their own team (see `adminIn`). */
  isAdmin: boolean;
  /** The user's home team; in a Slack Connect channel, another organisation's. */
  teamId?: string;
  enterpriseId?: string;
}

/**
 * Whether the user may run admin commands for the bot installed in `home`: a workspace admin of
 * another organisation (a Slack Connect channel) is not one of ours.
 */
export function adminIn(user: SlackUser, home: { teamId?: string; enterpriseId?: string }, listed: boolean): boolean {
  if (listed) return true;
  if (!user.isAdmin) return false;
  if (home.enterpriseId && user.enterpriseId) return user.enterpriseId === home.enterpriseId;
  return user.teamId !== undefined && user.teamId === home.teamId;
}

export interface UserDirectoryOptions {
  /** Users who are admins of the quiz whatever their workspace role (`SLACK_ADMIN_USERS`). */
  adminUsers: readonly string[];
  logger: Logger;
  /** How long a looked-up user is trusted; role changes take at most this long to apply. */
  ttlMs?: number;
  /** How long a failed lookup is remembered before Slack is asked again. */
  failureTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

type UsersInfo = Pick<webApi.WebClient['users'], 'info'>;

interface CachedUser {
  /** When it was looked up, by the injected clock. */
  at: number;
  /** Set once the lookup failed: then remembered for `failureTtlMs` only. */
  failed: boolean;
  /** The promise, so concurrent messages from one user share a single users.info call. */
  user: Promise<SlackUser | null>;
}

export class UserDirectory {
  /**
   * lru-cache bounds the size; the age check stays in `lookup` because lru-cache's own `ttl` keeps
   * an entry until more than `ttl` has passed and never expires one stamped at time 0, where an
   * injected clock may start.
   */
  private readonly cache: LRUCache<string, CachedUser>;
  private readonly adminUsers: ReadonlySet<string>;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;
  /** Until when Slack asked us (Retry-After) not to call users.info. */
  private pausedUntil = 0;

  constructor(
    private readonly users: UsersInfo,
    private readonly options: UserDirectoryOptions,
  ) {
    this.adminUsers = new Set(options.adminUsers);
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.cache = new LRUCache({ max: options.maxEntries ?? 5_000 });
    this.now = options.now ?? Date.now;
  }

  /** True when the user is in `SLACK_ADMIN_USERS`, needing no API call. */
  isListedAdmin(userId: string): boolean {
    return this.adminUsers.has(userId);
  }

  /** The user, or null when Slack could not tell (the caller falls back to what the payload had). */
  async lookup(userId: string): Promise<SlackUser | null> {
    const now = this.now();
    const cached = this.cache.get(userId);
    if (cached && now - cached.at < (cached.failed ? this.failureTtlMs : this.ttlMs)) return cached.user;
    if (now < this.pausedUntil) return cached?.failed === false ? cached.user : null;
    const entry: CachedUser = { at: now, failed: false, user: this.fetch(userId) };
    this.cache.set(userId, entry);
    const result = await entry.user;
    // A rate limit is the workspace's, not this user's: the pause covers it, not a per-user failure.
    if (!result && this.now() < this.pausedUntil) this.cache.delete(userId);
    else if (!result) entry.failed = true;
    return result;
  }

  /** The name of a user looked up recently, without asking Slack. */
  async knownName(userId: string): Promise<string | undefined> {
    const cached = this.cache.get(userId);
    if (!cached || cached.failed) return undefined;
    return (await cached.user)?.name;
  }

  private async fetch(userId: string): Promise<SlackUser | null> {
    try {
      const { user } = await this.users.info({ user: userId });
      if (!user) return null;
      const name = user.profile?.display_name || user.real_name || user.name || userId;
      const isAdmin = this.isListedAdmin(userId) || Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
      const enterpriseId = user.enterprise_user?.enterprise_id;
      return {
        id: userId,
        name,
        isAdmin,
        ...(user.team_id ? { teamId: user.team_id } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
      };
    } catch (error) {
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      if (typeof retryAfter === 'number') this.pausedUntil = this.now() + retryAfter * 1000;
      this.options.logger.warn(
        { err: error, user: userId, retryAfter },
        'users.info failed; using the name from the payload and no admin rights',
      );
      return null;
    }
  }
}
