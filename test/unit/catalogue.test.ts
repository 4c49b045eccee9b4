import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandText } from '../../src/adapters/discord/translate.ts';
import { ADMIN_COMMANDS, type ArgumentKind, CATALOGUE, type CommandSpec } from '../../src/core/commands/catalogue.ts';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { TYPED, usage } from '../../src/core/commands/usage.ts';

/** A word each kind of argument accepts. */
const EXAMPLES: Record<ArgumentKind, string> = {
  topic: 'asyncio',
  difficulty: 'hard',
  board: 'month',
  period: 'month',
  format: 'free',
  option: 'b',
  user: 'ann',
  text: 'use a lock',
  time: '09:30',
  timezone: 'Europe/Berlin',
  days: 'mon,wed',
  window: '90m',
  switch: 'on',
  weekday: 'fri',
};

/** The command every argument of `spec`, given its example, should parse to. */
function expected(spec: CommandSpec): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: spec.name };
  for (const arg of spec.arguments) {
    const value = EXAMPLES[arg.kind];
    fields[arg.field ?? arg.name] = arg.repeats === 'collect' ? [value] : value;
  }
  return fields;
}

const typed = (word: string, spec: CommandSpec) => [word, ...spec.arguments.map((a) => EXAMPLES[a.kind])].join(' ');

describe('the command catalogue', () => {
  it.each(CATALOGUE.map((spec) => [spec.name, spec] as const))('parses %s with every argument', (_name, spec) => {
    expect(parseCommand(typed(spec.name, spec))).toEqual(expected(spec));
    for (const alias of spec.aliases) expect(parseCommand(typed(alias, spec))).toEqual(expected(spec));
  });

  it.each(CATALOGUE.map((spec) => [spec.name, spec] as const))(
    'parses %s from Discord options to the same command',
    (_name, spec) => {
      const options = spec.arguments.map((a) => ({
        name: a.name,
        type: a.kind === 'user' ? ApplicationCommandOptionType.User : ApplicationCommandOptionType.String,
        value: EXAMPLES[a.kind],
      }));
      const text = commandText({ name: spec.name, type: ApplicationCommandOptionType.Subcommand, options });
      // A Discord user arrives as the request's target, not as words.
      const { user: _user, ...rest } = expected(spec);
      expect(parseCommand(text)).toEqual(rest);
    },
  );

  it('runs the default command from its arguments alone, and from nothing', () => {
    const [practice] = CATALOGUE.filter((s) => s.isDefault);
    expect(practice?.name).toBe('practice');
    expect(parseCommand('')).toEqual({ name: 'practice' });
    expect(parseCommand('hard asyncio free')).toEqual(expected(practice as CommandSpec));
    expect(parseCommand('hard asyncio')).toEqual({ name: 'practice', topic: 'asyncio', difficulty: 'hard' });
  });

  it('leaves out every optional argument', () => {
    for (const spec of CATALOGUE) {
      const parsed = parseCommand(spec.name);
      expect(parsed.name).toBe(spec.name);
    }
  });

  it('marks the admin commands and the ones that post rounds', () => {
    expect([...ADMIN_COMMANDS]).toEqual(['schedule', 'unschedule', 'post-now', 'reveal-now', 'digest']);
    expect(CATALOGUE.filter((s) => s.postsRounds).map((s) => s.name)).toEqual(['schedule', 'post-now']);
    expect(CATALOGUE.filter((s) => s.publicReply).map((s) => s.name)).toEqual(['schedule', 'unschedule']);
  });

  it('has one-line summaries and unique words', () => {
    const words = CATALOGUE.flatMap((s) => [s.name, ...s.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const spec of CATALOGUE) {
      expect(spec.summary).toMatch(/^[a-z'][^\n]*[^.]$/);
      for (const arg of spec.arguments) expect(arg.description).not.toContain('\n');
    }
  });

  it('writes the schedule filters into its usage', () => {
    const schedule = CATALOGUE.find((s) => s.name === 'schedule') as CommandSpec;
    expect(usage(schedule, TYPED)).toBe(
      '/quiz schedule <HH:MM> <timezone> [weekdays|daily|mon,tue,...] [window e.g. 4h] [topic...] [difficulty] [format free|choice|mixed]',
    );
    expect(usage(schedule, { slashOptions: true })).toBe(
      '/quiz schedule <time> <timezone> [days] [window] [topic] [difficulty] [format]',
    );
  });

  it('reads the format of a schedule with or without the word format, and the kind of a post-now', () => {
    expect(parseCommand('schedule 09:00 UTC format choice asyncio')).toMatchObject({
      format: 'choice',
      topics: ['asyncio'],
    });
    expect(parseCommand('schedule 09:00 UTC mixed')).toMatchObject({ format: 'mixed' });
    expect(parseCommand('post-now output')).toEqual({ name: 'post-now', format: 'output' });
    expect(parseCommand('post-now')).toEqual({ name: 'post-now' });
  });

  it('reads the points boards and a pick', () => {
    expect(parseCommand('leaderboard points month')).toEqual({ name: 'leaderboard', board: 'points', period: 'month' });
    expect(parseCommand('top points')).toEqual({ name: 'leaderboard', board: 'points' });
    expect(parseCommand('pick B')).toEqual({ name: 'pick', option: 'b' });
    expect(parseCommand('pick z')).toMatchObject({ name: 'help' });
  });
});
