import { GatewayIntentBits } from 'discord-api-types/v10';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIZ_COMMAND } from '../../../src/adapters/discord/commands.ts';
import { registerCommands } from '../../../src/adapters/discord/register-commands.ts';
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
