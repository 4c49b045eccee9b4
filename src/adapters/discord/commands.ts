/**
 * The `/quiz` slash command: one command whose subcommands are the core's command words, so the
 * same words work in the shell, on Slack and here. No `default_member_permissions`: that would hide
 * the whole command from non-admins, and everyone uses most of it; admin subcommands are checked
 * per call from the member's permissions instead.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandOption,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { BOARDS, DIFFICULTIES, TOPICS } from '../../core/types.ts';

export const QUIZ_COMMAND_NAME = 'quiz';
/** The "Reveal answer" button under a practice question. */
export const PRACTICE_REVEAL_ID = 'quiz:practice-reveal';

/** The button's custom_id names its question (ids are short; Discord allows 100 characters). */
export function practiceRevealId(questionId: string): string {
  return `${PRACTICE_REVEAL_ID}:${questionId}`;
}

/** The question a reveal button was under; undefined for buttons made before ids were added. */
export function questionOfRevealId(customId: string): string | undefined {
  return customId.startsWith(`${PRACTICE_REVEAL_ID}:`) ? customId.slice(PRACTICE_REVEAL_ID.length + 1) : undefined;
}

/** Subcommands whose answer is public when they succeed; every other reply is ephemeral. */
export const PUBLIC_SUBCOMMANDS = new Set(['schedule', 'unschedule']);

const choices = (values: readonly string[]): APIApplicationCommandOptionChoice<string>[] =>
  values.map((v) => ({ name: v, value: v }));

const topicOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'topic',
  description,
  choices: choices(TOPICS),
});

const difficultyOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'difficulty',
  description,
  choices: choices(DIFFICULTIES),
});

function subcommand(
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, description, options };
}

export const QUIZ_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: QUIZ_COMMAND_NAME,
  description: 'Python concurrency quiz: daily questions, practice, streaks',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    subcommand('practice', 'A practice question only you see', [
      topicOption('Only questions on this topic'),
      difficultyOption('Only questions of this difficulty'),
    ]),
    subcommand('answer', 'Answer your practice question', [
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'Your answer',
        required: true,
        max_length: 2000,
      },
    ]),
    subcommand('today', "Today's open question and when it is revealed"),
    subcommand('streak', 'Streak and totals, yours or someone else’s', [
      { type: ApplicationCommandOptionType.User, name: 'user', description: 'Whose streak (default: yours)' },
    ]),
    subcommand('leaderboard', 'The channel leaderboard', [
      {
        type: ApplicationCommandOptionType.String,
        name: 'board',
        description: 'Which board (default: streak)',
        choices: choices(BOARDS),
      },
    ]),
    subcommand('topics', 'Topics and difficulties in the question bank'),
    subcommand('help', 'What the quiz can do'),
    subcommand('forget-me', 'Delete everything the quiz stores about you'),
    subcommand('schedule', 'Admin: post a question here on a schedule', [
      {
        type: ApplicationCommandOptionType.String,
        name: 'time',
        description: 'Time of day, HH:MM (24h), e.g. 09:00',
        required: true,
        max_length: 5,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'timezone',
        description: 'IANA timezone, e.g. Europe/Berlin',
        required: true,
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'days',
        description: 'weekdays (default), daily, or a list like mon,wed,fri',
        max_length: 40,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'window',
        description: 'How long answers stay open, e.g. 4h or 90m (default 4h)',
        max_length: 10,
      },
      topicOption('Only questions on this topic'),
      difficultyOption('Only questions of this difficulty'),
    ]),
    subcommand('unschedule', 'Admin: stop the scheduled questions here'),
    subcommand('post-now', 'Admin: post a question here now'),
    subcommand('reveal-now', 'Admin: reveal the open question now'),
  ],
};

const TIMEZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
const MAX_CHOICES = 25;

/** Autocomplete for the timezone option: names starting with what was typed first, then the rest that contain it. */
export function timezoneChoices(typed: string): APIApplicationCommandOptionChoice<string>[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const starts = TIMEZONES.filter(
    (z) =>
      z.toLowerCase().startsWith(query) ||
      z
        .toLowerCase()
        .split('/')
        .some((p) => p.startsWith(query)),
  );
  const contains = TIMEZONES.filter((z) => z.toLowerCase().includes(query) && !starts.includes(z));
  return [...starts, ...contains].slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}
