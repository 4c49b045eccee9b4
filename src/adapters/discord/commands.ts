/**
 * The `/quiz` slash command: one command whose subcommands and options are built from the core's
 * command catalogue, so the same words work in the shell, on Slack and here. No `default_member_permissions`: that would hide
 * the whole command from non-admins, and everyone uses most of it; admin subcommands are checked
 * per call from the member's permissions instead.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandOption,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type ArgumentKind, CATALOGUE, type CommandArgument, type CommandSpec } from '../../core/commands/catalogue.ts';

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

/** The "My feedback" button under a reveal. */
export const ROUND_FEEDBACK_ID = 'quiz:round-feedback';

/** The button's custom_id names its round (round ids are short; Discord allows 100 characters). */
export function roundFeedbackId(roundId: string): string {
  return `${ROUND_FEEDBACK_ID}:${roundId}`;
}

/** The round a "My feedback" button was under. */
export function roundOfFeedbackId(customId: string): string | undefined {
  return customId.startsWith(`${ROUND_FEEDBACK_ID}:`) ? customId.slice(ROUND_FEEDBACK_ID.length + 1) : undefined;
}

/** An option button under a round's button question: `quiz:pick:<roundId>:<option>`. */
export const ROUND_PICK_ID = 'quiz:pick';
/** An option button under a practice button question: `quiz:practice-pick:<questionId>:<option>`. */
export const PRACTICE_PICK_ID = 'quiz:practice-pick';

/**
 * The round travels in the id, so a button keeps working after a restart, on another replica, or
 * when pressed long after the post (then it is answered "too late"). Ids are short; Discord allows 100.
 */
export function roundPickId(roundId: string, option: number): string {
  return `${ROUND_PICK_ID}:${roundId}:${option}`;
}

export function practicePickId(questionId: string, option: number): string {
  return `${PRACTICE_PICK_ID}:${questionId}:${option}`;
}

export type PickButton =
  | { kind: 'round'; roundId: string; option: number }
  | { kind: 'practice'; questionId: string; option: number };

const PICK_ID = /^quiz:(pick|practice-pick):([^:]+):(\d)$/;

/** What an option button stands for; undefined for any other custom id. */
export function pickOfId(customId: string): PickButton | undefined {
  const match = PICK_ID.exec(customId);
  if (!match) return undefined;
  const [, kind, id = '', digit] = match;
  const option = Number(digit);
  return kind === 'pick' ? { kind: 'round', roundId: id, option } : { kind: 'practice', questionId: id, option };
}

/** Subcommands whose answer is public when they succeed; every other reply is ephemeral. */
export const PUBLIC_SUBCOMMANDS: ReadonlySet<string> = new Set(
  CATALOGUE.filter((s) => s.publicReply).map((s) => s.name),
);

/** What Discord's form adds to an argument of each kind: length limits, and timezone autocomplete. */
const KIND_EXTRAS: Partial<Record<ArgumentKind, Partial<APIApplicationCommandStringOption>>> = {
  text: { max_length: 2000 },
  time: { max_length: 5 },
  timezone: { autocomplete: true },
  days: { max_length: 40 },
  window: { max_length: 10 },
};

function option(arg: CommandArgument): APIApplicationCommandBasicOption {
  const base = { name: arg.name, description: arg.description, ...(arg.required ? { required: true } : {}) };
  if (arg.kind === 'user') return { ...base, type: ApplicationCommandOptionType.User };
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(arg.choices ? { choices: arg.choices.map((v) => ({ name: v, value: v })) } : {}),
    ...KIND_EXTRAS[arg.kind],
  } as APIApplicationCommandStringOption;
}

/** `Admin: post a question here now`: Discord shows this under the subcommand's name. */
function subcommandDescription(spec: CommandSpec): string {
  const sentence = `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}`;
  return spec.audience === 'admin' ? `Admin: ${spec.summary}` : sentence;
}

function subcommand(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: subcommandDescription(spec),
    options: spec.arguments.map(option),
  };
}

export const QUIZ_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: QUIZ_COMMAND_NAME,
  description: 'Python concurrency quiz: daily questions, practice, streaks',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: CATALOGUE.map(subcommand),
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
