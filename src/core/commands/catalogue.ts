/**
 * Every `/quiz` subcommand in one place: its words, arguments, summary, who may run it and what it
 * does to a channel. The parser, the help on every platform, Discord's slash-command definition
 * and the Slack manifest's usage hint are all read from here, so a command is described once.
 */
import { DIFFICULTIES, FORMAT_MIXES, OPTION_LETTERS, QUESTION_FORMATS, TOPICS } from '../types.ts';

export type CommandName =
  | 'practice'
  | 'answer'
  | 'today'
  | 'feedback'
  | 'streak'
  | 'away'
  | 'back'
  | 'leaderboard'
  | 'pick'
  | 'topics'
  | 'help'
  | 'forget-me'
  | 'schedule'
  | 'unschedule'
  | 'post-now'
  | 'reveal-now'
  | 'digest';

/** What an argument holds; the parser checks words by kind and Discord picks its option type by it. */
export type ArgumentKind =
  | 'topic'
  | 'difficulty'
  | 'board'
  | 'period'
  | 'format'
  | 'option'
  | 'user'
  | 'text'
  | 'time'
  | 'timezone'
  | 'days'
  | 'window'
  /** `on` or `off`. */
  | 'switch'
  /** One day of the week, `mon` to `sun`. */
  | 'weekday';

/**
 * Which words an argument takes: `next` the next word in order, `rest` everything after the
 * command word, `any` a word anywhere after the ordered ones that fits its kind (the last `any`
 * argument without choices or a pattern takes whatever nothing else fits).
 */
export type ArgumentPosition = 'next' | 'rest' | 'any';

export interface CommandArgument {
  /** The option's name on Discord and the placeholder in Discord's help. */
  name: string;
  kind: ArgumentKind;
  position: ArgumentPosition;
  required: boolean;
  /** The words it accepts, when it is a choice. */
  choices?: readonly string[];
  /** A word it accepts when it has no choices (and is not the catch-all). */
  pattern?: RegExp;
  /** A word that may come before the value and is then skipped (`format` in `format choice`). */
  prefix?: string;
  /** What a later word for an argument that is already set does: `collect` keeps all, `last` keeps the last. */
  repeats?: 'collect' | 'last';
  /** The value when the words leave it out. */
  default?: string;
  /** The field of the parsed command, when it differs from `name` (`topics` collects `topic` words). */
  field?: string;
  /** How the argument reads in typed help, when not by its name (`HH:MM`, `streak|best|total|month`). */
  syntax?: string;
  /** One line for Discord's option description (at most 100 characters). */
  description: string;
}

export interface CommandSpec {
  name: CommandName;
  /** Other words for the same command. */
  aliases: readonly string[];
  /** One line: what it does, lower case, no full stop (help writes `usage: summary`). */
  summary: string;
  audience: 'everyone' | 'admin';
  /** Posts rounds into the channel, so the channel must be one the bot can post in. */
  postsRounds: boolean;
  /** Answered in the channel when it succeeds; every other answer is private. */
  publicReply: boolean;
  /** Where typing the bot's command alone, or an argument straight after it, runs this one. */
  isDefault: boolean;
  arguments: readonly CommandArgument[];
}

type Entry = Omit<CommandSpec, 'name' | 'aliases' | 'audience' | 'postsRounds' | 'publicReply' | 'isDefault'> &
  Partial<Pick<CommandSpec, 'aliases' | 'audience' | 'postsRounds' | 'publicReply' | 'isDefault'>>;

/** `4h`, `90m`, `1h30m`. */
const WINDOW_WORD = /^(?=.*\d)(\d+h)?(\d+m)?$/i;

const topic = (position: ArgumentPosition): CommandArgument => ({
  name: 'topic',
  kind: 'topic',
  position,
  required: false,
  choices: TOPICS,
  description: 'Only questions on this topic',
});

const difficulty: CommandArgument = {
  name: 'difficulty',
  kind: 'difficulty',
  position: 'any',
  required: false,
  choices: DIFFICULTIES,
  description: 'Only questions of this difficulty',
};

/** The boards as typed: `points` with `month` after it is the points board of this month. */
const BOARD_WORDS = ['streak', 'best', 'total', 'month', 'points'] as const;

const ENTRIES = {
  practice: {
    summary: 'a practice question only you see',
    isDefault: true,
    arguments: [
      topic('any'),
      difficulty,
      {
        name: 'format',
        kind: 'format',
        position: 'any',
        required: false,
        choices: QUESTION_FORMATS,
        syntax: QUESTION_FORMATS.join('|'),
        description: 'Only questions answered this way: free (in words), choice or output (buttons)',
      },
    ],
  },
  answer: {
    summary: 'answer your practice question',
    arguments: [
      { name: 'text', kind: 'text', position: 'rest', required: true, default: '', description: 'Your answer' },
    ],
  },
  today: { summary: "today's open question and when it is revealed", arguments: [] },
  feedback: { summary: 'your own feedback on the last revealed question here', arguments: [] },
  streak: {
    summary: 'streak and totals, yours or someone else’s',
    arguments: [
      { name: 'user', kind: 'user', position: 'rest', required: false, description: 'Whose streak (default: yours)' },
    ],
  },
  away: {
    summary: 'keep your streak here while you are away (at most 30 days)',
    arguments: [
      {
        name: 'when',
        kind: 'text',
        position: 'rest',
        required: true,
        syntax: 'days|until YYYY-MM-DD',
        description: 'A number of days (1 to 30), or: until YYYY-MM-DD',
      },
    ],
  },
  back: { summary: 'end your absence here early', arguments: [] },
  leaderboard: {
    aliases: ['top'],
    summary: 'the channel leaderboard',
    arguments: [
      {
        name: 'board',
        kind: 'board',
        position: 'next',
        required: false,
        choices: BOARD_WORDS,
        default: 'streak',
        syntax: BOARD_WORDS.join('|'),
        description: 'Which board (default: streak)',
      },
      {
        name: 'period',
        kind: 'period',
        position: 'next',
        required: false,
        choices: ['month'],
        syntax: 'month',
        description: 'points month: the points earned this month',
      },
    ],
  },
  pick: {
    summary: 'pick an option (a to e) of the open button question here',
    arguments: [
      {
        name: 'option',
        kind: 'option',
        position: 'next',
        required: true,
        choices: OPTION_LETTERS,
        syntax: OPTION_LETTERS.join('|'),
        description: 'The letter of your answer',
      },
    ],
  },
  topics: { summary: 'topics and difficulties in the question bank', arguments: [] },
  help: { summary: 'what the quiz can do', arguments: [] },
  'forget-me': { summary: 'delete everything the quiz stores about you', arguments: [] },
  schedule: {
    audience: 'admin',
    postsRounds: true,
    publicReply: true,
    summary: 'post a question here on a schedule',
    arguments: [
      {
        name: 'time',
        kind: 'time',
        position: 'next',
        required: true,
        syntax: 'HH:MM',
        description: 'Time of day, HH:MM (24h), e.g. 09:00',
      },
      {
        name: 'timezone',
        kind: 'timezone',
        position: 'next',
        required: true,
        description: 'IANA timezone, e.g. Europe/Berlin',
      },
      {
        name: 'days',
        kind: 'days',
        position: 'any',
        required: false,
        repeats: 'last',
        syntax: 'weekdays|daily|mon,tue,...',
        description: 'weekdays (default), daily, or a list like mon,wed,fri',
      },
      {
        name: 'window',
        kind: 'window',
        position: 'any',
        required: false,
        repeats: 'last',
        pattern: WINDOW_WORD,
        syntax: 'window e.g. 4h',
        description: 'How long answers stay open, e.g. 4h or 90m (default 4h)',
      },
      { ...topic('any'), repeats: 'collect', field: 'topics' },
      { ...difficulty, repeats: 'last' },
      {
        name: 'format',
        kind: 'format',
        position: 'any',
        required: false,
        repeats: 'last',
        prefix: 'format',
        choices: FORMAT_MIXES,
        syntax: `format ${FORMAT_MIXES.join('|')}`,
        description: 'free-text, button (choice) questions, or both in turn (mixed, the default)',
      },
    ],
  },
  unschedule: { audience: 'admin', publicReply: true, summary: 'stop the scheduled questions here', arguments: [] },
  'post-now': {
    audience: 'admin',
    postsRounds: true,
    summary: 'post a question here now',
    arguments: [
      {
        name: 'format',
        kind: 'format',
        position: 'next',
        required: false,
        choices: QUESTION_FORMATS,
        syntax: QUESTION_FORMATS.join('|'),
        description: 'Only a question of this kind: free-text, choice or output',
      },
    ],
  },
  'reveal-now': { audience: 'admin', summary: 'reveal the open question now', arguments: [] },
  digest: {
    audience: 'admin',
    summary: 'the weekly digest: turn it on or off, move it, or see its settings and a preview',
    arguments: [
      {
        name: 'state',
        kind: 'switch',
        position: 'next',
        required: false,
        choices: ['on', 'off'],
        syntax: 'on|off',
        description: 'on (the default) or off',
      },
      {
        name: 'day',
        kind: 'weekday',
        position: 'next',
        required: false,
        choices: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        syntax: 'day e.g. fri',
        description: 'Day of the week to post it (default: after the last scheduled round)',
      },
      {
        name: 'time',
        kind: 'time',
        position: 'next',
        required: false,
        syntax: 'HH:MM',
        description: 'Local time to post it, HH:MM (24h), with a day',
      },
    ],
  },
} satisfies Record<CommandName, Entry>;

/** The commands in the order help and Discord list them. */
export const CATALOGUE: readonly CommandSpec[] = Object.entries(ENTRIES).map(([name, entry]: [string, Entry]) => ({
  name: name as CommandName,
  aliases: entry.aliases ?? [],
  audience: entry.audience ?? 'everyone',
  postsRounds: entry.postsRounds ?? false,
  publicReply: entry.publicReply ?? false,
  isDefault: entry.isDefault ?? false,
  summary: entry.summary,
  arguments: entry.arguments,
}));

const BY_WORD = new Map(CATALOGUE.flatMap((spec) => [spec.name, ...spec.aliases].map((w) => [w, spec] as const)));

/** The command a word names (its name or an alias, any case), if any. */
export function commandNamed(word: string): CommandSpec | undefined {
  return BY_WORD.get(word.toLowerCase());
}

/** The entry for a command name. */
export function specOf(name: CommandName): CommandSpec {
  return BY_WORD.get(name) as CommandSpec;
}

/** The command that runs when no command word is given. */
export const DEFAULT_COMMAND: CommandSpec = CATALOGUE.find((s) => s.isDefault) as CommandSpec;

export const ADMIN_COMMANDS: ReadonlySet<CommandName> = new Set(
  CATALOGUE.filter((s) => s.audience === 'admin').map((s) => s.name),
);
