import { GatewayIntentBits } from 'discord-api-types/v10';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIZ_COMMAND } from '../../../src/adapters/discord/commands.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import { registerCommands } from '../../../src/adapters/discord/register-commands.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuiz } from '../../support/fixtures.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { waitFor } from '../../support/wait-for.ts';
import { type DiscordHarness, startDiscordQuiz } from './harness.ts';

describe('discord connection', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordQuiz({ heartbeatIntervalMs: 100 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is ready once the gateway has sent READY and the guild', () => {
    expect(h.adapter.isConnected()).toBe(true);
    expect(h.fake.gateway.connected).toBe(1);
  });

  it('finds the gateway through the configured API and identifies with the bot token', () => {
    expect(h.fake.requestsTo('GET', '/gateway/bot').length).toBeGreaterThanOrEqual(1);
    expect(h.fake.requestsTo('GET', '/gateway/bot')[0]?.authorization).toBe('Bot fake-bot-token');
    expect(h.fake.gateway.identifies[0]?.token).toBe('fake-bot-token');
  });

  it('asks only for the intents it uses', () => {
    const intents = h.fake.gateway.identifies[0]?.intents ?? 0;
    expect(intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent);
  });

  it('keeps the connection alive with acknowledged heartbeats', async () => {
    await waitFor(() => h.fake.gateway.heartbeatsAcked >= 2, 'two heartbeats');
    expect(h.adapter.isConnected()).toBe(true);
  });
});

describe('discord connection without the Message Content intent', () => {
  it('identifies without the privileged intent and disconnects on stop', async () => {
    const h = await startDiscordQuiz({ messageContent: false });
    try {
      expect(h.fake.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    } finally {
      await h.adapter.stop();
    }
    expect(h.adapter.isConnected()).toBe(false);
    await h.fake.stop();
  });
});

describe('discord connection refused by the gateway', () => {
  /** Starts the adapter against a fake that closes the session instead of sending READY. */
  async function startAgainst(fake: FakeDiscord, token: string): Promise<unknown> {
    const logger = new RecordingLogger();
    const clock = new FakeClock(MONDAY_0800_UTC);
    const adapter = createDiscordAdapter({ token, apiUrl: fake.apiUrl, messageContent: true }, { logger, clock });
    const { quiz } = makeQuiz({ adapters: new Map([['discord', adapter]]), clock, logger });
    try {
      await adapter.start(quiz);
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await adapter.stop();
      await fake.stop();
    }
  }

  it('says how to fix a Message Content intent the app may not use (close 4014)', async () => {
    const fake = await FakeDiscord.start({ messageContentEnabled: false });
    const error = await startAgainst(fake, 'fake-bot-token');
    expect(error).toMatchObject({ code: 'disallowed-intents', permanent: true });
    expect((error as Error).message).toContain(
      'enable it in the Discord Developer Portal (your app → Bot → Privileged Gateway Intents → Message Content Intent), or set DISCORD_MESSAGE_CONTENT=false',
    );
  });

  it('says which setting holds a token the gateway rejects (close 4004)', async () => {
    const fake = await FakeDiscord.start({ token: 'the-real-token' });
    const error = await startAgainst(fake, 'a-stale-token');
    expect(error).toMatchObject({ code: 'invalid-token' });
    expect((error as Error).message).toContain('Discord rejected DISCORD_TOKEN (gateway close 4004)');
  });
});

describe('discord command registration', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordQuiz();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('registers /quiz globally, or in one server', async () => {
    const rest = new REST({ api: h.fake.apiUrl }).setToken('fake-bot-token');
    await registerCommands(rest, { applicationId: h.fake.applicationId });
    await registerCommands(rest, { applicationId: h.fake.applicationId, guildId: h.fake.guildId });
    expect(h.fake.requestsTo('PUT', `/applications/${h.fake.applicationId}/commands`)[0]?.body).toEqual([QUIZ_COMMAND]);
    expect(
      h.fake.requestsTo('PUT', `/applications/${h.fake.applicationId}/guilds/${h.fake.guildId}/commands`)[0]?.body,
    ).toEqual([QUIZ_COMMAND]);
    expect(h.fake.registeredCommands.map((r) => r.guildId)).toEqual([null, h.fake.guildId]);
  });

  it('sets no default member permissions on /quiz, so everyone can use its non-admin subcommands', () => {
    expect(QUIZ_COMMAND.default_member_permissions).toBeUndefined();
  });
});
