import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig, parseDiscordShards, SETTING_NAMES } from '../../src/app/config.ts';
import { silentLogger } from '../../src/ports/logger.ts';
// Imported here, not inside the case: Stryker's per-test coverage would credit every module-level
// line of the adapter's imports (the core's wording among them) to that one case alone.
import { createDiscordAdapter } from '../../src/adapters/discord/client.ts';

describe('settings', () => {
  it('runs the shell demo on defaults with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      questionsDir: 'questions',
      defaultWindowMinutes: 240,
      demoWindowMinutes: 2,
      port: 3000,
      logLevel: 'info',
    });
    expect(config.redis).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it('turns on each platform whose settings are present', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6380/1',
      DISCORD_TOKEN: 'discord-token',
      DISCORD_APPLICATION_ID: '123',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_ADMIN_USERS: 'U1, U2',
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6380/1', prefix: 'quizthread:', cluster: false });
    expect(config.discord).toEqual({
      token: 'discord-token',
      applicationId: '123',
      apiUrl: 'http://127.0.0.1:9999/api',
      messageContent: true,
      shards: 'auto',
      restPerSecond: 45,
    });
    expect(config.slack).toEqual({ botToken: 'xoxb-1', appToken: 'xapp-1', adminUsers: ['U1', 'U2'] });
  });

  it('accepts API bases with or without a trailing slash', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '1',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:8081/api',
    });
    expect(config.discord?.apiUrl).toBe('http://127.0.0.1:8080/api');
    expect(config.slack?.apiUrl).toBe('http://127.0.0.1:8081/api/');
  });

  it('lists every problem at once and never echoes a secret', () => {
    let error: unknown;
    try {
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-very-secret',
        DISCORD_TOKEN: 'also-secret',
        PORT: '99999',
        QUIZ_DEFAULT_WINDOW: 'forever',
        QUIZ_TICK: 'every second',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('QUIZ_DEFAULT_WINDOW');
    expect(message).toContain('QUIZ_TICK: must be a cron expression');
    expect(message).toContain('DISCORD_APPLICATION_ID is missing');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing');
    expect(message).not.toContain('very-secret');
    expect(message).not.toContain('also-secret');
  });
});

describe('DISCORD_SHARDS', () => {
  it('is auto unless set', () => {
    expect(parseDiscordShards('')).toEqual({ ok: true, value: 'auto' });
    expect(parseDiscordShards('auto')).toEqual({ ok: true, value: 'auto' });
  });

  it('takes shard ids, as a list and ranges, out of a count', () => {
    expect(parseDiscordShards('0/2')).toEqual({ ok: true, value: { ids: [0], count: 2 } });
    expect(parseDiscordShards('3, 1/4')).toEqual({ ok: true, value: { ids: [1, 3], count: 4 } });
    expect(parseDiscordShards('4-7/8')).toEqual({ ok: true, value: { ids: [4, 5, 6, 7], count: 8 } });
  });

  it('refuses ids outside the count, reversed ranges and other shapes, saying what it wants', () => {
    expect(parseDiscordShards('2/2')).toMatchObject({ ok: false, error: expect.stringContaining('from 0 to 1') });
    expect(parseDiscordShards('3-1/4')).toMatchObject({ ok: false });
    expect(parseDiscordShards('0/0')).toMatchObject({ ok: false });
    expect(parseDiscordShards('two')).toMatchObject({ ok: false, error: expect.stringContaining('"0,1/4"') });
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_SHARDS: '5/4' })).toThrow(
      /DISCORD_SHARDS/,
    );
  });

  it('reaches the Discord settings', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_SHARDS: '1/2' }).discord?.shards,
    ).toEqual({ ids: [1], count: 2 });
  });
});

describe('DISCORD_REST_PER_SECOND', () => {
  const discord = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' };

  it('paces a process a little under Discord global limit unless set, and takes a replica share', () => {
    expect(loadConfig(discord).discord?.restPerSecond).toBe(45);
    expect(loadConfig({ ...discord, DISCORD_REST_PER_SECOND: '15' }).discord?.restPerSecond).toBe(15);
  });

  it('refuses rates Discord would refuse or that stop the bot, saying the range', () => {
    expect(() => loadConfig({ ...discord, DISCORD_REST_PER_SECOND: '60' })).toThrow(
      /DISCORD_REST_PER_SECOND.*1 to 50/s,
    );
    expect(() => loadConfig({ ...discord, DISCORD_REST_PER_SECOND: '0' })).toThrow(/DISCORD_REST_PER_SECOND/);
    expect(() => loadConfig({ ...discord, DISCORD_REST_PER_SECOND: 'fast' })).toThrow(/DISCORD_REST_PER_SECOND/);
  });

  it('is the pace discord.js keeps', () => {
    const adapter = createDiscordAdapter(
      { token: 't', messageContent: false, restPerSecond: 15 },
      { logger: silentLogger },
    ) as unknown as { client: { rest: { options: { globalRequestsPerSecond: number } } } };
    expect(adapter.client.rest.options.globalRequestsPerSecond).toBe(15);
  });
});

describe('DISCORD_ALLOWED_GUILDS and SLACK_ALLOWED_TEAMS', () => {
  const discord = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' };
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };

  it('allow every server and workspace when unset or empty', () => {
    const unset = loadConfig({ ...discord, ...slack });
    expect(unset.discord).not.toHaveProperty('allowedGuilds');
    expect(unset.slack).not.toHaveProperty('allowedTeams');
    const empty = loadConfig({ ...discord, ...slack, DISCORD_ALLOWED_GUILDS: ' ', SLACK_ALLOWED_TEAMS: '' });
    expect(empty.discord).not.toHaveProperty('allowedGuilds');
    expect(empty.slack).not.toHaveProperty('allowedTeams');
  });

  it('reach the adapters as lists of ids', () => {
    const config = loadConfig({
      ...discord,
      ...slack,
      DISCORD_ALLOWED_GUILDS: '1234567890123456789, 42',
      SLACK_ALLOWED_TEAMS: 'T0001,E0002',
    });
    expect(config.discord?.allowedGuilds).toEqual(['1234567890123456789', '42']);
    expect(config.slack?.allowedTeams).toEqual(['T0001', 'E0002']);
  });

  it('refuse ids of the wrong shape, naming them', () => {
    expect(() => loadConfig({ ...discord, DISCORD_ALLOWED_GUILDS: '123,python-folks' })).toThrow(
      /DISCORD_ALLOWED_GUILDS: python-folks: not Discord server ids/,
    );
    expect(() => loadConfig({ ...slack, SLACK_ALLOWED_TEAMS: 'T0001,U0BOB' })).toThrow(
      /SLACK_ALLOWED_TEAMS: U0BOB: not Slack workspace/,
    );
  });
});

describe('PORT', () => {
  it('says what a port must be, not how zod coerces', () => {
    for (const PORT of ['abc', '70000', '80.5'])
      expect(() => loadConfig({ PORT })).toThrow('PORT: must be a port number from 0 to 65535');
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });
});

describe('REDIS_URL', () => {
  it('takes redis:// and rediss:// URLs only', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.example.com:6380' }).redis?.url).toBe(
      'rediss://:pw@cache.example.com:6380',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: must start with redis:\/\//);
  });
});

describe('REDIS_CLUSTER', () => {
  it('marks REDIS_URL as one node of a cluster', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:7000', REDIS_CLUSTER: 'true' }).redis).toEqual({
      url: 'redis://10.0.0.5:7000',
      prefix: 'quizthread:',
      cluster: true,
    });
  });

  it('needs REDIS_URL, and refuses a database other than 0', () => {
    expect(() => loadConfig({ REDIS_CLUSTER: 'yes' })).toThrow(/REDIS_CLUSTER is on but REDIS_URL is not set/);
    expect(() => loadConfig({ REDIS_URL: 'redis://10.0.0.5:7000/2', REDIS_CLUSTER: '1' })).toThrow(
      /database 2, but a Redis Cluster has only database 0/,
    );
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:7000/0', REDIS_CLUSTER: '1' }).redis?.cluster).toBe(true);
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:7000/2' }).redis?.cluster).toBe(false);
  });
});

describe('QUIZ_REQUIRE_PLATFORM', () => {
  it('refuses to fall back to the terminal demo when a platform is required but none is set', () => {
    expect(() => loadConfig({ QUIZ_REQUIRE_PLATFORM: 'true', REDIS_URL: 'redis://redis:6379/0' })).toThrow(
      /No chat platform is configured.*DISCORD_TOKEN.*SLACK_BOT_TOKEN/,
    );
  });

  it('starts when a platform is set, and is off by default', () => {
    expect(
      loadConfig({ QUIZ_REQUIRE_PLATFORM: 'yes', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack,
    ).toBeDefined();
    expect(loadConfig({ QUIZ_REQUIRE_PLATFORM: '' }).slack).toBeUndefined();
    expect(loadConfig({ QUIZ_REQUIRE_PLATFORM: 'false' }).discord).toBeUndefined();
  });

  it('rejects a value that is not yes or no', () => {
    expect(() => loadConfig({ QUIZ_REQUIRE_PLATFORM: 'sometimes' })).toThrow(/QUIZ_REQUIRE_PLATFORM/);
  });
});

describe('settings documentation', () => {
  const names = [...SETTING_NAMES].sort();

  it('.env.example names exactly the settings the config reads', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(documented.sort()).toEqual(names);
  });

  const composeBot = () =>
    (
      parse(readFileSync('docker-compose.yml', 'utf8')) as {
        services: { bot: { environment: Record<string, string>; env_file?: unknown } };
      }
    ).services.bot;
  const exampleValues = (): Record<string, string> =>
    Object.fromEntries(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );

  it('docker-compose.yml passes exactly those settings to the bot', () => {
    expect(Object.keys(composeBot().environment).sort()).toEqual(names);
  });

  it('docker-compose.yml lets .env or the shell set each setting, with the .env.example value as default', () => {
    // Two exceptions: a container has no terminal for the demo, and the bundled Redis is the default store.
    const fixed: Record<string, string> = { QUIZ_REQUIRE_PLATFORM: 'true' };
    const defaults: Record<string, string> = { ...exampleValues(), REDIS_URL: 'redis://redis:6379/0' };
    const expected = Object.fromEntries(names.map((name) => [name, fixed[name] ?? `\${${name}:-${defaults[name]}}`]));
    expect(composeBot().environment).toEqual(expected);
  });

  it('docker-compose.yml has no env_file, so it runs on Compose before 2.24 (optional env files)', () => {
    expect(composeBot().env_file).toBeUndefined();
  });

  it('README.md documents every setting', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(names.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([]);
  });
});
