import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * The bot scopes each Web API method needs in the conversations the bot is in (public and private
 * channels), from Slack's page for the method. auth.test needs none.
 */
const BOT_SCOPES_OF_METHOD: Record<string, string[]> = {
  'auth.test': [],
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  // files.getUploadURLExternal and files.completeUploadExternal underneath.
  'files.uploadV2': ['files:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'reactions.add': ['reactions:write'],
  'users.info': ['users:read'],
};

/** Web API calls written in the Slack adapter's source, as `<family>.<method>(`. */
async function webApiMethodsCalled(): Promise<string[]> {
  const dir = 'src/adapters/slack';
  const files = (await readdir(dir)).filter((name) => name.endsWith('.ts'));
  const calls = new Set<string>();
  for (const name of files) {
    const source = await readFile(path.join(dir, name), 'utf8');
    for (const match of source.matchAll(
      /\.(auth|chat|conversations|reactions|users|views|pins|files|team)\.(\w+)\(/g,
    )) {
      calls.add(`${match[1]}.${match[2]}`);
    }
  }
  return [...calls].sort();
}

describe('slack-app-manifest.yml', () => {
  const manifest = async () => parse(await readFile('slack-app-manifest.yml', 'utf8')) as Manifest;

  it('asks for exactly the scopes of the Web API methods the adapter calls, and commands for /quiz', async () => {
    const methods = await webApiMethodsCalled();
    expect(methods).toContain('chat.postMessage');
    const unknown = methods.filter((m) => !(m in BOT_SCOPES_OF_METHOD));
    expect(unknown, 'add these methods and their bot scopes to BOT_SCOPES_OF_METHOD').toEqual([]);
    const needed = new Set(['commands', ...methods.flatMap((m) => BOT_SCOPES_OF_METHOD[m] ?? [])]);
    expect((await manifest()).oauth_config.scopes.bot.sort()).toEqual([...needed].sort());
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
    expect(entries[0]).toBe('[topic] [difficulty] [free|choice|output]');
    // Slack's manifest schema allows 1000 characters.
    expect(hint.length).toBeLessThanOrEqual(1000);
  });
});
