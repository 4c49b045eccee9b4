/**
 * Parses the words after `/quiz` into a typed command, once, so handlers never look at raw text.
 * The words each command takes come from the catalogue; the same words work on every platform.
 */
import type { Board, Difficulty, FormatMix, QuestionFormat, Topic } from '../types.ts';
import {
  type CommandArgument,
  type CommandName,
  type CommandSpec,
  commandNamed,
  DEFAULT_COMMAND,
} from './catalogue.ts';

export type Command =
  | { name: 'practice'; topic?: Topic; difficulty?: Difficulty; format?: QuestionFormat }
  | { name: 'answer'; text: string }
  | { name: 'today' }
  | { name: 'feedback' }
  | { name: 'streak'; user?: string }
  | { name: 'away'; when?: string }
  | { name: 'back' }
  | { name: 'leaderboard'; board: Exclude<Board, 'points-month'>; period?: 'month' }
  | { name: 'pick'; option?: string }
  | { name: 'topics' }
  | { name: 'help'; unknown?: string }
  | { name: 'forget-me' }
  | {
      name: 'schedule';
      time?: string;
      timezone?: string;
      days?: string;
      window?: string;
      topics: Topic[];
      difficulty?: Difficulty;
      format?: FormatMix;
    }
  | { name: 'unschedule' }
  | { name: 'post-now'; format?: QuestionFormat }
  | { name: 'reveal-now' }
  | { name: 'digest'; state?: 'on' | 'off'; day?: string; time?: string }
  | { name: 'suggest' }
  | { name: 'suggestions'; decision?: 'approve' | 'reject'; id?: string; reason?: string }
  | { name: 'retire'; id?: string }
  | { name: 'export' };

/** Fails to compile when a catalogue entry has no command type here, or a command type no entry. */
export type CommandNamesMatch = [CommandName] extends [Command['name']]
  ? [Command['name']] extends [CommandName]
    ? true
    : never
  : never;
true satisfies CommandNamesMatch;

type Fields = Record<string, string | string[]>;

export function parseCommand(text: string): Command {
  const line = text.trim();
  // Trimmed first, so only an empty line splits into an empty word (the head, which then names nothing).
  const [head = '', ...rest] = line.split(/\s+/);
  const named = commandNamed(head);
  // A line that does not start with a command word is the default command's arguments (`/quiz asyncio hard`).
  const spec = named ?? DEFAULT_COMMAND;
  const words = named ? rest : [head, ...rest].filter(Boolean);
  const restOfLine = named ? line.slice(head.length).trim() : line;
  const fields = readArguments(spec, words, restOfLine);
  if (!fields) return { name: 'help', unknown: line };
  return { name: spec.name, ...fields } as Command;
}

/** The command's fields from its words, or undefined when a word fits none of its arguments. */
function readArguments(spec: CommandSpec, words: string[], restOfLine: string): Fields | undefined {
  const fields: Fields = {};
  for (const arg of spec.arguments) {
    if (arg.repeats === 'collect') fields[fieldOf(arg)] = [];
    else if (arg.default !== undefined) fields[fieldOf(arg)] = arg.default;
  }
  const queue = [...words];
  for (const arg of spec.arguments) {
    if (arg.position === 'rest') {
      // Free text keeps its spacing (after the words the arguments before it took); a name is its words.
      const value = arg.kind === 'text' ? dropWords(restOfLine, words.length - queue.length) : queue.join(' ');
      if (value) fields[fieldOf(arg)] = value;
      queue.length = 0;
    } else if (arg.position === 'next' && queue.length > 0) {
      const word = queue.shift() as string;
      const value = arg.choices ? word.toLowerCase() : word;
      if (arg.choices && !arg.choices.includes(value)) return undefined;
      fields[fieldOf(arg)] = value;
    }
  }
  // The catch-all (no choices, no pattern) is tried last, so it only takes what nothing else fits.
  const anywhere = spec.arguments
    .filter((a) => a.position === 'any')
    .sort((a, b) => Number(isCatchAll(a)) - Number(isCatchAll(b)));
  // Commands that read words in any order point out a word that fits nothing; the others ignore extra words.
  for (const raw of anywhere.length > 0 ? queue : []) {
    const word = raw.toLowerCase();
    // `format choice`: the leading word only names the value that follows.
    if (anywhere.some((a) => a.prefix === word)) continue;
    const arg = anywhere.find((a) => fits(a, word) && (a.repeats !== undefined || !(fieldOf(a) in fields)));
    if (!arg) return undefined;
    const field = fieldOf(arg);
    const held = fields[field];
    fields[field] = Array.isArray(held) ? [...held, word] : word;
  }
  return fields;
}

/** `text` without its first `count` words, its own spacing kept. */
function dropWords(text: string, count: number): string {
  return count === 0 ? text : text.replace(new RegExp(`^(?:\\S+(?:\\s+|$)){0,${count}}`), '').trim();
}

function fieldOf(arg: CommandArgument): string {
  return arg.field ?? arg.name;
}

function isCatchAll(arg: CommandArgument): boolean {
  return !arg.choices && !arg.pattern;
}

/** A word fits a choice, a pattern, or else (the catch-all) anything. */
function fits(arg: CommandArgument, word: string): boolean {
  if (arg.choices) return arg.choices.includes(word);
  if (arg.pattern) return arg.pattern.test(word);
  return true;
}
