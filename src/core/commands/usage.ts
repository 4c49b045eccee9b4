/**
 * How commands read in help, in refusals and in Slack's usage hint, generated from the catalogue.
 * Platforms differ in two ways only: Discord's `/quiz` always needs a subcommand and names its
 * options, and a user is written `@user` where a mention is how you name one.
 */
import { CATALOGUE, type CommandArgument, type CommandSpec, specOf } from './catalogue.ts';

export interface UsageStyle {
  /** Discord: `/quiz` alone cannot run, so even the default command is named, and options go by name. */
  slashOptions: boolean;
  /** How a user argument reads (`@user` on Slack). */
  user?: string;
}

/** The shell's and Slack's way: words typed after `/quiz`. */
export const TYPED: UsageStyle = { slashOptions: false };

function argumentUsage(arg: CommandArgument, style: UsageStyle): string {
  const shown = style.slashOptions
    ? arg.name
    : `${arg.kind === 'user' && style.user ? style.user : (arg.syntax ?? arg.name)}${arg.repeats === 'collect' ? '...' : ''}`;
  return arg.required ? `<${shown}>` : `[${shown}]`;
}

/** The command's words after `/quiz`: `leaderboard [streak|best|total|month]`, or `[topic] [difficulty]` for the default. */
export function usageWords(spec: CommandSpec, style: UsageStyle): string {
  const name = spec.isDefault && !style.slashOptions ? [] : [spec.name];
  return [...name, ...spec.arguments.map((a) => argumentUsage(a, style))].join(' ');
}

/** The whole command, `/quiz schedule <HH:MM> <timezone> ...`. */
export function usage(spec: CommandSpec, style: UsageStyle): string {
  const words = usageWords(spec, style);
  return words ? `/quiz ${words}` : '/quiz';
}

export interface HelpEntry {
  usage: string;
  summary: string;
}

/** Help's lines, everyone's commands first; admins' only for admins. */
export function helpEntries(style: UsageStyle): { everyone: HelpEntry[]; admin: HelpEntry[] } {
  const entry = (spec: CommandSpec): HelpEntry => ({ usage: usage(spec, style), summary: spec.summary });
  return {
    everyone: CATALOGUE.filter((s) => s.audience === 'everyone').map(entry),
    admin: CATALOGUE.filter((s) => s.audience === 'admin').map(entry),
  };
}

/** The hint Slack shows under `/quiz` as you type: every command, as typed. */
export function slackUsageHint(): string {
  return CATALOGUE.map((spec) => usageWords(spec, { slashOptions: false, user: '@user' })).join(' | ');
}

/** `schedule`'s usage, for the refusal when its time or timezone is missing. */
export function scheduleUsage(): string {
  return usage(specOf('schedule'), TYPED);
}
