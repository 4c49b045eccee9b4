/**
 * Settings, read once from the environment (and an optional `.env`) and validated with zod. Every
 * problem is reported at once, and secret values never appear in messages or logs.
 */
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { type Parsed, parseWindow } from '../core/schedule.ts';
import type { DiscordAdapterConfig, DiscordShards } from '../adapters/discord/client.ts';
import type { SlackAdapterConfig } from '../adapters/slack/client.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A text setting read by a parser that says what is wrong instead of throwing. */
const parsedText = <T>(fallback: string, parse: (text: string) => Parsed<T>) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    });

const duration = (fallback: string) => parsedText(fallback, parseWindow);

const url = (what: string) =>
  z
    .string()
    .trim()
    .url({ message: `must be a URL (${what})` })
    .optional()
    .or(z.literal('').transform(() => undefined));

/** A yes/no setting in the spellings it has always accepted; an empty value means the default. */
const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .stringbool({
        truthy: ['true', '1', 'yes'],
        falsy: ['false', '0', 'no'],
        case: 'sensitive',
        error: 'must be true or false (1 and 0, yes and no also work)',
      })
      .default(fallback),
  );

/** A comma-separated list of ids, each matching `pattern`; unset or empty is an empty list (allow all). */
const idList = (pattern: RegExp, what: string) =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const ids = text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const bad = ids.filter((id) => !pattern.test(id));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${bad.join(', ')}: not ${what}` });
      return ids;
    });

/** Which Discord shards this process runs: all that Discord recommends, or some of a fixed count. */
export type { DiscordShards };

/** `auto`, or `<ids>/<count>` with ids as a list and ranges: `0/2`, `0,1/4`, `4-7/8`. */
export function parseDiscordShards(text: string): Parsed<DiscordShards> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'auto') return { ok: true, value: 'auto' };
  const usage = 'must be "auto" or "<shard ids>/<shard count>", e.g. "0/2", "0,1/4" or "4-7/8"';
  const match = /^([\d,\s-]+)\/(\d+)$/.exec(trimmed);
  if (!match) return { ok: false, error: usage };
  const count = Number(match[2]);
  if (count < 1) return { ok: false, error: `${usage}; the count is at least 1` };
  const ids = new Set<number>();
  for (const part of (match[1] as string).split(',').map((p) => p.trim())) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return { ok: false, error: usage };
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to < from || to >= count)
      return { ok: false, error: `shard ids run from 0 to ${count - 1}; "${part}" does not fit` };
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return { ok: true, value: { ids: [...ids].sort((a, b) => a - b), count } };
}

/** Every setting quizthread reads. README.md and .env.example document each of these names. */
export const settingsSchema = z.object({
  REDIS_URL: url('e.g. redis://127.0.0.1:6379/0').refine(
    (value) => value === undefined || /^rediss?:$/.test(new URL(value).protocol),
    'must start with redis:// (or rediss:// for TLS), e.g. redis://127.0.0.1:6379/0',
  ),
  REDIS_PREFIX: z.string().trim().min(1).default('quizthread:'),
  REDIS_CLUSTER: flag(false),
  QUIZ_QUESTIONS_DIR: z.string().trim().min(1).default('questions'),
  QUIZ_DEFAULT_WINDOW: duration('4h'),
  QUIZ_DEMO_WINDOW: duration('2m'),
  QUIZ_TICK: z
    .string()
    .trim()
    .default('* * * * * *')
    .refine(
      (expression) => isCronExpression(expression),
      'must be a cron expression, e.g. "* * * * * *" (every second)',
    ),
  QUIZ_REQUIRE_PLATFORM: flag(false),
  QUIZ_USER_COMMANDS_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number of commands per minute, 0 for no limit' })
    .int('must be a whole number of commands per minute, 0 for no limit')
    .min(0, 'must be a whole number of commands per minute, 0 for no limit')
    .default(10),
  SHELL_USER: optionalText,
  LOG_FILE: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int('must be a port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .default(3000),
  METRICS_TOKEN: optionalText,
  METRICS_REQUIRE_TOKEN: flag(false),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: url('the REST API base including /api, e.g. https://discord.com/api'),
  DISCORD_GUILD_ID: optionalText,
  DISCORD_MESSAGE_CONTENT: flag(true),
  DISCORD_SHARDS: parsedText('auto', parseDiscordShards),
  DISCORD_ALLOWED_GUILDS: idList(/^\d{1,20}$/, 'Discord server ids (digits, e.g. 1234567890123456789)'),
  DISCORD_REST_PER_SECOND: z.coerce
    .number({ error: "must be a number of requests a second from 1 to 50 (Discord's global limit per bot)" })
    .min(1, "must be a number of requests a second from 1 to 50 (Discord's global limit per bot)")
    .max(50, "must be a number of requests a second from 1 to 50 (Discord's global limit per bot)")
    .default(45),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url('the Web API base ending in /api/, e.g. https://slack.com/api/'),
  SLACK_ADMIN_USERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  SLACK_ALLOWED_TEAMS: idList(/^[TE][A-Z0-9]+$/, 'Slack workspace (T...) or organisation (E...) ids'),
});

export type Settings = z.infer<typeof settingsSchema>;
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** The adapter's settings, plus what only command registration uses. */
export interface DiscordConfig extends DiscordAdapterConfig {
  applicationId: string;
  guildId?: string;
}

export type SlackConfig = SlackAdapterConfig;

export interface Config {
  /** `cluster`: REDIS_URL names one node of a Redis Cluster. */
  redis?: { url: string; prefix: string; cluster: boolean };
  questionsDir: string;
  defaultWindowMinutes: number;
  demoWindowMinutes: number;
  tick: string;
  /** Commands one user may send per minute before the bot stops answering them; 0: no limit. */
  userCommandsPerMinute: number;
  shellUser?: string;
  logLevel: Settings['LOG_LEVEL'];
  logFile?: string;
  port: number;
  /** When set, `/metrics` answers only requests that carry it as a bearer token. */
  metricsToken?: string;
  /** `/metrics` is closed (403) while no METRICS_TOKEN is set; docker-compose.yml turns this on. */
  metricsRequireToken: boolean;
  discord?: DiscordConfig;
  slack?: SlackConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`quizthread cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Problems that involve several settings; read from the raw values so they are reported with the rest. */
function crossCheck(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID')) {
    problems.push(
      'DISCORD_APPLICATION_ID is missing: set it to the Application ID from the Discord developer portal (General Information).',
    );
  }
  if (!set('DISCORD_TOKEN') && set('DISCORD_APPLICATION_ID')) {
    problems.push(
      'DISCORD_TOKEN is missing: set it to the bot token (Bot page of the developer portal), or unset DISCORD_APPLICATION_ID.',
    );
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: set it for HTTP mode, or set SLACK_APP_TOKEN (xapp-...) for Socket Mode.',
    );
  }
  if (!set('SLACK_BOT_TOKEN') && (set('SLACK_SIGNING_SECRET') || set('SLACK_APP_TOKEN'))) {
    problems.push(
      "SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page.",
    );
  }
  if (set('SLACK_BOT_TOKEN') && !env.SLACK_BOT_TOKEN?.trim().startsWith('xox')) {
    problems.push('SLACK_BOT_TOKEN does not look like a Slack token (it should start with xoxb-).');
  }
  if (set('SLACK_APP_TOKEN') && !env.SLACK_APP_TOKEN?.trim().startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN does not look like an app-level token (it should start with xapp-).');
  }
  // A deployment without a terminal would otherwise start the shell demo, read the end of its
  // empty input, exit 0 and be restarted for ever without a word about the missing tokens.
  const requirePlatform = flag(false).safeParse(env.QUIZ_REQUIRE_PLATFORM).data === true;
  if (requirePlatform && !set('DISCORD_TOKEN') && !set('SLACK_BOT_TOKEN')) {
    problems.push(
      'No chat platform is configured, and QUIZ_REQUIRE_PLATFORM is on (docker-compose.yml turns it on): set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN. The terminal demo needs no container: npm install && npm start.',
    );
  }
  const cluster = flag(false).safeParse(env.REDIS_CLUSTER).data === true;
  if (cluster && !set('REDIS_URL')) {
    problems.push(
      'REDIS_CLUSTER is on but REDIS_URL is not set: set REDIS_URL to any one node of the cluster, e.g. redis://10.0.0.5:6379.',
    );
  }
  const db = /^rediss?:\/\/[^/]*\/(\d+)/.exec(env.REDIS_URL?.trim() ?? '')?.[1];
  if (cluster && db !== undefined && db !== '0') {
    problems.push(`REDIS_URL selects database ${db}, but a Redis Cluster has only database 0: drop the /${db}.`);
  }
  if (/[{}]/.test(env.REDIS_PREFIX ?? '')) {
    problems.push(
      'REDIS_PREFIX must not contain { or }: they would override the per-channel hash tags Redis Cluster shards by.',
    );
  }
  return problems;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = settingsSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...crossCheck(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const s = parsed.data;
  return {
    ...(s.REDIS_URL ? { redis: { url: s.REDIS_URL, prefix: s.REDIS_PREFIX, cluster: s.REDIS_CLUSTER } } : {}),
    questionsDir: s.QUIZ_QUESTIONS_DIR,
    defaultWindowMinutes: s.QUIZ_DEFAULT_WINDOW,
    demoWindowMinutes: s.QUIZ_DEMO_WINDOW,
    tick: s.QUIZ_TICK,
    userCommandsPerMinute: s.QUIZ_USER_COMMANDS_PER_MINUTE,
    ...(s.SHELL_USER ? { shellUser: s.SHELL_USER } : {}),
    logLevel: s.LOG_LEVEL,
    ...(s.LOG_FILE ? { logFile: s.LOG_FILE } : {}),
    port: s.PORT,
    ...(s.METRICS_TOKEN ? { metricsToken: s.METRICS_TOKEN } : {}),
    metricsRequireToken: s.METRICS_REQUIRE_TOKEN,
    ...(s.DISCORD_TOKEN && s.DISCORD_APPLICATION_ID
      ? {
          discord: {
            token: s.DISCORD_TOKEN,
            applicationId: s.DISCORD_APPLICATION_ID,
            ...(s.DISCORD_API_URL ? { apiUrl: s.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
            ...(s.DISCORD_GUILD_ID ? { guildId: s.DISCORD_GUILD_ID } : {}),
            messageContent: s.DISCORD_MESSAGE_CONTENT,
            shards: s.DISCORD_SHARDS,
            ...(s.DISCORD_ALLOWED_GUILDS.length > 0 ? { allowedGuilds: s.DISCORD_ALLOWED_GUILDS } : {}),
            restPerSecond: s.DISCORD_REST_PER_SECOND,
          },
        }
      : {}),
    ...(s.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: s.SLACK_BOT_TOKEN,
            ...(s.SLACK_SIGNING_SECRET ? { signingSecret: s.SLACK_SIGNING_SECRET } : {}),
            ...(s.SLACK_APP_TOKEN ? { appToken: s.SLACK_APP_TOKEN } : {}),
            // The Web API client appends method names directly, so the base must end in a slash.
            ...(s.SLACK_API_URL
              ? { apiUrl: s.SLACK_API_URL.endsWith('/') ? s.SLACK_API_URL : `${s.SLACK_API_URL}/` }
              : {}),
            adminUsers: s.SLACK_ADMIN_USERS,
            ...(s.SLACK_ALLOWED_TEAMS.length > 0 ? { allowedTeams: s.SLACK_ALLOWED_TEAMS } : {}),
          },
        }
      : {}),
  };
}
