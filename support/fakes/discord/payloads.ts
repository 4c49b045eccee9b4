/**
 * Discord API payloads as the fake sends them: just the fields discord.js v14 reads, shaped by
 * discord-api-types so a change in Discord's types shows up here first.
 */
import {
  type APIChannel,
  type ApplicationFlags,
  type ChannelFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildTextChannel,
  type APIMessage,
  type APIRole,
  type APIThreadChannel,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

let counter = 0n;
/** Increasing ids that look like real snowflakes (discord.js reads a timestamp from them). */
export function snowflake(): string {
  counter += 1n;
  return String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + counter);
}

export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export const ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

/** What the install link asks for the bot: the seven permissions the quiz uses, no Administrator. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions;

export function user(name: string, options: { bot?: boolean } = {}): APIUser {
  return {
    id: snowflake(),
    username: name.toLowerCase().replace(/[^a-z0-9_.]/g, '_'),
    global_name: name,
    discriminator: '0',
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  };
}

export function role(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function textChannel(guildId: string, id: string, name: string): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
    flags: 0 as ChannelFlags,
  };
}

export function thread(
  guildId: string,
  parentId: string,
  id: string,
  name: string,
  ownerId: string,
  autoArchiveMinutes: number,
): APIThreadChannel<ChannelType.PublicThread> {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: parentId,
    name,
    owner_id: ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: autoArchiveMinutes as 60 | 1440 | 4320 | 10080,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}

export interface MessageInput {
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIMessage['embeds'];
  components?: APIMessage['components'];
  flags?: number;
  type?: MessageType;
  id?: string;
}

export function message(input: MessageInput): APIMessage {
  return {
    id: input.id ?? snowflake(),
    channel_id: input.channelId,
    author: input.author,
    content: input.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: input.flags ?? 0,
  };
}

/** Which shard a server's events go to: Discord's rule, (guild_id >> 22) % shard count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** READY for one session; it lists the servers whose shard is the session's. */
export function ready(
  bot: APIUser,
  applicationId: string,
  guildIds: string[],
  resumeUrl: string,
  shard: [number, number] = [0, 1],
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...bot, verified: true, mfa_enabled: false, flags: 0 as UserFlags },
    guilds: guildIds.filter((id) => shardOf(id, shard[1]) === shard[0]).map((id) => ({ id, unavailable: true })),
    session_id: `session-${snowflake()}`,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  channels: APIChannel[];
  threads: APIThreadChannel[];
  /** Members besides the bot sent with GUILD_CREATE, made up from the server's id (default none). */
  memberCount?: number;
}

/** A made-up member of a server, the same for the same server and number. */
function member(guildId: string, n: number) {
  const id = String(BigInt(guildId) + BigInt(n + 1) * 4_194_304n);
  return {
    user: { id, username: `member_${n}`, global_name: `Member ${n}`, discriminator: '0', avatar: null },
    roles: [],
    joined_at: '2026-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
  };
}

/** GUILD_CREATE: the guild with its roles, channels and active threads, as Discord sends after READY. */
export function guildCreate(guild: GuildState, bot: APIUser): GatewayGuildCreateDispatchData {
  const data = {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    application_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    features: [],
    roles: guild.roles,
    emojis: [],
    stickers: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 1 + (guild.memberCount ?? 0),
    members: [
      ...Array.from({ length: guild.memberCount ?? 0 }, (_, n) => member(guild.id, n)),
      {
        user: bot,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
      },
    ],
    voice_states: [],
    presences: [],
    channels: guild.channels,
    threads: guild.threads,
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    hub_type: null,
    incidents_data: null,
  };
  // The full type lists every guild setting; the fake sends the ones discord.js reads.
  return data as unknown as GatewayGuildCreateDispatchData;
}
