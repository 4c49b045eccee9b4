import { DiscordAPIError } from 'discord.js';
import { ApplicationCommandOptionType, type APIApplicationCommandSubcommandOption } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { QUIZ_COMMAND, timezoneChoices } from '../../../src/adapters/discord/commands.ts';
import { describeDiscordError } from '../../../src/adapters/discord/errors.ts';
import { discordIntents } from '../../../src/adapters/discord/client.ts';
import { renderCommandReply } from '../../../src/adapters/discord/render-replies.ts';
import { CATALOGUE } from '../../../src/core/commands/catalogue.ts';
import type { Reply } from '../../../src/core/views.ts';

const subcommands = (QUIZ_COMMAND.options ?? []) as APIApplicationCommandSubcommandOption[];

describe('the /quiz command definition', () => {
  it('has one subcommand per core command word', () => {
    expect(subcommands.map((s) => s.name)).toEqual([
      'practice',
      'answer',
      'today',
      'feedback',
      'streak',
      'away',
      'back',
      'leaderboard',
      'pick',
      'topics',
      'help',
      'forget-me',
      'schedule',
      'unschedule',
      'post-now',
      'reveal-now',
      'digest',
    ]);
  });

  it('registers every catalogue command, with descriptions within Discord’s limits', () => {
    expect(subcommands.map((s) => s.name)).toEqual(CATALOGUE.map((s) => s.name));
    const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
    expect(QUIZ_COMMAND.name).toMatch(NAME);
    expect(QUIZ_COMMAND.description.length).toBeLessThanOrEqual(100);
    let characters = QUIZ_COMMAND.name.length + QUIZ_COMMAND.description.length;
    for (const s of subcommands) {
      expect(s.name).toMatch(NAME);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      characters += s.name.length + s.description.length;
      for (const o of s.options ?? []) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        const choices = ('choices' in o ? o.choices : undefined) ?? [];
        expect(choices.length).toBeLessThanOrEqual(25);
        characters += o.name.length + o.description.length;
        for (const c of choices) characters += c.name.length + String(c.value).length;
      }
    }
    // Discord rejects a command whose names, descriptions and choices add up to more than 4000 characters.
    expect(characters).toBeLessThanOrEqual(4000);
  });

  it('marks admin subcommands in their description', () => {
    for (const spec of CATALOGUE) {
      const description = subcommands.find((s) => s.name === spec.name)?.description ?? '';
      expect(description.startsWith('Admin: ')).toBe(spec.audience === 'admin');
    }
  });

  it('is open to everyone: admin rights are checked per subcommand', () => {
    expect(QUIZ_COMMAND.default_member_permissions).toBeUndefined();
  });

  it('lists required options before optional ones, as Discord demands', () => {
    for (const s of subcommands) {
      const required = (s.options ?? []).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('offers choices for topics, difficulties and boards, and autocompletes timezones', () => {
    const schedule = subcommands.find((s) => s.name === 'schedule')!;
    const option = (name: string) =>
      schedule.options?.find((o) => o.name === name) as { choices?: unknown[]; autocomplete?: boolean; type: number };
    expect(option('topic').choices).toHaveLength(16);
    expect(option('difficulty').choices).toHaveLength(3);
    expect(option('timezone')).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
  });
});

describe('timezone autocomplete', () => {
  it('suggests zones by prefix of any part, case-insensitively', () => {
    expect(timezoneChoices('berl').map((c) => c.value)).toEqual(['Europe/Berlin']);
    expect(timezoneChoices('new y').map((c) => c.value)).toContain('America/New_York');
    expect(timezoneChoices('utc')[0]?.value).toBe('UTC');
  });

  it('never offers more than Discord’s 25 choices', () => {
    expect(timezoneChoices('')).toHaveLength(25);
  });
});

describe('Discord errors', () => {
  const apiError = (code: number, status: number, message: string) =>
    new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.test/api/v10/channels/5/messages', {
      body: undefined,
    });

  it('turns known error codes into sentences an admin can act on', () => {
    expect(describeDiscordError(apiError(50013, 403, 'Missing Permissions'), '5')).toMatchObject({
      code: 'missing-permissions',
      discordCode: 50013,
    });
    expect(describeDiscordError(apiError(50001, 403, 'Missing Access'), '5').message).toBe(
      "I can't see <#5> (Missing Access): give the quiz bot View Channel there.",
    );
    expect(describeDiscordError(apiError(10003, 404, 'Unknown Channel'), '5').code).toBe('unknown-channel');
    expect(describeDiscordError(new Error('boom'), '5').code).toBe('discord-error');
  });

  it("replaces the core's generic failure sentence with the Discord problem behind it", () => {
    const problem = describeDiscordError(apiError(50013, 403, 'Missing Permissions'), '5');
    for (const code of ['post-failed', 'unavailable'] as const) {
      const reply: Reply = { visibility: 'private', kind: 'refusal', code, message: 'generic' };
      expect(renderCommandReply(reply, problem.message).content).toBe(problem.message);
      expect(renderCommandReply(reply, undefined).content).toBe('generic');
    }
  });

  it('adds the problem below a reply that succeeded anyway', () => {
    const problem = describeDiscordError(apiError(50001, 403, 'Missing Access'), '5');
    const revealed: Reply = { visibility: 'private', kind: 'revealed', roundId: 'r1', answers: 0 };
    expect(renderCommandReply(revealed, problem.message).content).toBe(`Revealed (0 answered).\n⚠️ ${problem.message}`);
  });
});

describe('gateway intents', () => {
  it('asks for Message Content only when configured', () => {
    expect(discordIntents(true)).toHaveLength(3);
    expect(discordIntents(false)).toHaveLength(2);
  });
});
