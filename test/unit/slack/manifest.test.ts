import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE } from '../../../src/core/commands/catalogue.ts';
import { slackUsageHint } from '../../../src/core/commands/usage.ts';

interface Manifest {
  features: { slash_commands: { command: string; should_escape: boolean; url: string; usage_hint: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

describe('slack-app-manifest.yml', () => {
  const manifest = async () => parse(await readFile('slack-app-manifest.yml', 'utf8')) as Manifest;

  it('asks for exactly the scopes the adapter uses', async () => {
    expect((await manifest()).oauth_config.scopes.bot.sort()).toEqual([
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'reactions:write',
      'users:read',
    ]);
  });

  it('subscribes to messages in public and private channels', async () => {
    expect((await manifest()).settings.event_subscriptions.bot_events).toEqual(['message.channels', 'message.groups']);
  });

  it('declares /quiz with escaped mentions and interactivity, all on /slack/events', async () => {
    const m = await manifest();
    expect(m.features.slash_commands).toEqual([expect.objectContaining({ command: '/quiz', should_escape: true })]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    for (const url of [
      m.features.slash_commands[0]?.url,
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
    ]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('hints at every command of the catalogue, as slackUsageHint() writes it', async () => {
    const hint = (await manifest()).features.slash_commands[0]?.usage_hint ?? '';
    expect(hint).toBe(slackUsageHint());
    const entries = hint.split(' | ');
    for (const spec of CATALOGUE.filter((s) => !s.isDefault)) {
      expect(entries.some((e) => e.split(' ')[0] === spec.name)).toBe(true);
    }
    expect(entries[0]).toBe('[topic] [difficulty]');
    // Slack's manifest schema allows 1000 characters.
    expect(hint.length).toBeLessThanOrEqual(1000);
  });
});
