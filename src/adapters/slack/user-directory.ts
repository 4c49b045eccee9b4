/**
 * Who a Slack user is: their display name and whether they are a workspace admin or owner, from
 * `users.info`, remembered briefly so a busy thread does not cost one API call per message.
 */
import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../ports/logger.ts';

export interface SlackUser {
  id: string;
  name: string;
  isAdmin: boolean;
}

export interface UserDirectoryOptions {
  /** Users who are admins of the quiz whatever their workspace role (`SLACK_ADMIN_USERS`). */
  adminUsers: readonly string[];
  logger: Logger;
  /** How long a looked-up user is trusted; role changes take at most this long to apply. */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

type UsersInfo = Pick<webApi.WebClient['users'], 'info'>;

interface CachedUser {
  /** When it was looked up, by the injected clock. */
  at: number;
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
  private readonly now: () => number;

  constructor(
    private readonly users: UsersInfo,
    private readonly options: UserDirectoryOptions,
  ) {
    this.adminUsers = new Set(options.adminUsers);
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
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
    if (cached && now - cached.at < this.ttlMs) return cached.user;
    const user = this.fetch(userId);
    this.cache.set(userId, { at: now, user });
    const result = await user;
    if (!result) this.cache.delete(userId);
    return result;
  }

  private async fetch(userId: string): Promise<SlackUser | null> {
    try {
      const { user } = await this.users.info({ user: userId });
      if (!user) return null;
      const name = user.profile?.display_name || user.real_name || user.name || userId;
      const isAdmin = this.isListedAdmin(userId) || Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
      return { id: userId, name, isAdmin };
    } catch (error) {
      this.options.logger.warn(
        { err: error, user: userId },
        'users.info failed; using the name from the payload and no admin rights',
      );
      return null;
    }
  }
}
