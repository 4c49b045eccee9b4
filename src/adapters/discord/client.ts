/**
 * The one place that builds a discord.js `Client`: minimal intents, caches limited to what the quiz
 * reads, no mentions unless a message names them, and the REST base from `DISCORD_API_URL` (the
 * gateway address then comes from that API's `/gateway/bot`, which is how tests use a fake Discord).
 */
import { Client, DefaultRestOptions, GatewayIntentBits, Options, Partials, type User } from 'discord.js';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { SharedRateBudget } from '../../ports/rate-budget.ts';
import { DiscordAdapter } from './adapter.ts';
import type { GatewayTiming } from './connection.ts';
import { sharedPacing } from './shared-pacing.ts';

/** Discord's global REST limit per bot, when no rate is configured. */
const DISCORD_GLOBAL_PER_SECOND = 50;

/** `auto` runs every shard Discord recommends in this process; a list splits them over replicas. */
export type DiscordShards = 'auto' | { ids: number[]; count: number };

/** What the Discord adapter needs to connect (app/config.ts maps DISCORD_* settings to it). */
export interface DiscordAdapterConfig {
  token: string;
  /** The REST base including /api; the gateway address then comes from its `/gateway/bot`. */
  apiUrl?: string;
  /** Whether to request the privileged Message Content intent. */
  messageContent: boolean;
  /** Absent means 'auto'. */
  shards?: DiscordShards;
  /** The only servers the bot serves; it leaves any other. Absent or empty: every server. */
  allowedGuilds?: string[];
  /**
   * REST requests a second for the bot. Discord's limit is 50 per bot, shared by every replica and
   * never sent in a header. With the Redis store's budget this is the rate of all replicas together;
   * with the memory store's (one process) or none, the process paces itself at it alone, so N
   * replicas without Redis would need about 40 / N each (the bench measured 36% of requests refused
   * with 3 replicas at 45 each).
   */
  restPerSecond?: number;
}

export interface DiscordAdapterDeps {
  logger: Logger;
  clock?: Clock;
  /** How long `/quiz suggest` waits for the core before opening the form anyway. */
  suggestFormBudgetMs?: number;
  /** How a failed login is retried; tests pass a quick one. */
  gatewayTiming?: Partial<GatewayTiming>;
  /** The REST rate shared with the other replicas (the store's: Redis shares it); absent: discord.js's pacing alone. */
  restBudget?: SharedRateBudget;
}

export function discordIntents(messageContent: boolean): GatewayIntentBits[] {
  // Message Content is privileged: without it the bot still sees who answered, not what.
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

const isSelf = (user: User) => user.id === user.client.user?.id;

export function createDiscordAdapter(config: DiscordAdapterConfig, deps: DiscordAdapterDeps): DiscordAdapter {
  const client = new Client({
    intents: discordIntents(config.messageContent),
    // Messages are not cached, so an edit arrives as a partial that the update fills in.
    partials: [Partials.Message],
    allowedMentions: { parse: [], repliedUser: false },
    // Memory stays flat as servers grow: the quiz reads guilds, channels and threads (to find a
    // thread's parent); everything else is used once from the event and dropped.
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: isSelf },
      // One member per server: the author of the message being handled, whose server nickname
      // names their answer (the event's member data only reaches the handler through this cache).
      GuildMemberManager: { maxSize: 1, keepOverLimit: (member) => isSelf(member.user) },
      ThreadMemberManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      ApplicationEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      EntitlementManager: 0,
    }),
    // Archived threads are dropped an hour after archiving; a reveal reaches them over REST anyway.
    sweepers: { ...Options.DefaultSweeperSettings, threads: { interval: 3600, lifetime: 3600 } },
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl.replace(/\/+$/, '') } : {}),
      ...(config.restPerSecond ? { globalRequestsPerSecond: config.restPerSecond } : {}),
      ...(deps.restBudget
        ? {
            makeRequest: sharedPacing({
              budget: deps.restBudget,
              perSecond: config.restPerSecond ?? DISCORD_GLOBAL_PER_SECOND,
              timeoutMs: DefaultRestOptions.timeout,
              logger: deps.logger,
            }),
          }
        : {}),
    },
    // 'auto' runs every shard Discord recommends in this process; a list splits them over replicas.
    ...(config.shards && config.shards !== 'auto'
      ? { shards: config.shards.ids, shardCount: config.shards.count }
      : { shards: 'auto' as const }),
  });
  // REST works before (and without) the gateway, so a process that only posts and reveals can use it.
  client.rest.setToken(config.token);
  return new DiscordAdapter(client, {
    token: config.token,
    messageContent: config.messageContent,
    ...(config.allowedGuilds?.length ? { allowedGuilds: new Set(config.allowedGuilds) } : {}),
    logger: deps.logger,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.suggestFormBudgetMs !== undefined ? { suggestFormBudgetMs: deps.suggestFormBudgetMs } : {}),
    ...(deps.gatewayTiming ? { gatewayTiming: deps.gatewayTiming } : {}),
  });
}
