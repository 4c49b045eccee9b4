/**
 * The daily round on Discord: the question embed in the channel, the reveal in its thread, and the
 * original post once revealed. Question text comes from the bank and keeps its markdown; names come
 * from users and are escaped.
 */
import { TimestampStyles, time } from 'discord.js';
import { type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { coverageSummary } from '../../core/keypoints.ts';
import type { Difficulty } from '../../core/types.ts';
import type { QuestionView, RevealView, RoundPostView } from '../../core/views.ts';
import {
  answeredCount,
  answerTitle,
  feedbackInvite,
  freezesUsedLine,
  MY_FEEDBACK_BUTTON,
  MOST_MISSED_HEADING,
  mostMissedList,
  NOBODY_ANSWERED,
  PICK_HOW,
  pickClosed,
  QUESTION_OF_THE_DAY,
  topAnswers,
} from '../../core/wording.ts';
import { roundFeedbackId, roundPickId } from './commands.ts';
import { escapeUserText, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';
import { embedSize, optionButtons, optionFields, rightOptionText, tallyEmbed, withPrompt } from './render-choice.ts';

const DIFFICULTY_COLORS: Record<Difficulty, number> = { easy: 0x2ecc71, medium: 0xf1c40f, hard: 0xe74c3c };
const REVEALED_COLOR = 0x95a5a6;

/** Discord only accepts these thread auto-archive durations, in minutes. */
export const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;
export type ArchiveDuration = (typeof ARCHIVE_DURATIONS)[number];

/** The shortest allowed auto-archive duration that keeps the thread open for the whole window. */
export function archiveDurationFor(windowMinutes: number): ArchiveDuration {
  return ARCHIVE_DURATIONS.find((d) => d >= windowMinutes) ?? 10080;
}

export function threadName(view: RoundPostView): string {
  return truncate(`Answers: ${view.question.title}`, 100);
}

export function questionEmbed(q: QuestionView): APIEmbed {
  return {
    title: truncate(q.title, 256),
    description: truncate(q.prompt, 3500),
    color: DIFFICULTY_COLORS[q.difficulty],
    fields: [
      { name: 'Difficulty', value: q.difficulty, inline: true },
      { name: 'Topics', value: q.topics.join(', ') || '-', inline: true },
    ],
  };
}

/** A question with its options as fields; the prompt keeps all the room the options leave. */
export function questionWithOptions(
  q: QuestionView,
  extraFields: APIEmbed['fields'] = [],
  extra: Partial<APIEmbed> = {},
): APIEmbed {
  const embed = questionEmbed(q);
  return withPrompt(
    { ...embed, ...extra, fields: [...optionFields(q), ...(embed.fields ?? []), ...extraFields] },
    q.prompt,
  );
}

export function renderRoundPost(view: RoundPostView): RenderedMessage {
  const revealAt = `${time(Math.floor(view.revealAt / 1000), TimestampStyles.ShortTime)} (${time(Math.floor(view.revealAt / 1000), TimestampStyles.RelativeTime)})`;
  const head = { author: { name: QUESTION_OF_THE_DAY }, footer: { text: `Round ${view.roundId}` } };
  if (view.question.format !== 'free') {
    const q = view.question;
    return message({
      embeds: [
        questionWithOptions(
          q,
          [{ name: 'How to answer', value: `${PICK_HOW} The answer is revealed ${revealAt}.` }],
          head,
        ),
      ],
      components: optionButtons(q.options?.length ?? 0, (i) => roundPickId(view.roundId, i)),
    });
  }
  const embed = questionEmbed(view.question);
  return message({
    embeds: [
      {
        ...embed,
        ...head,
        fields: [
          ...(embed.fields ?? []),
          {
            name: 'How to answer',
            value: `Reply in this message's thread. The answer is revealed ${revealAt}.`,
          },
        ],
      },
    ],
  });
}

/**
 * Discord refuses a message whose embeds hold more than 6000 characters in all: the model answer
 * and key points get at most this much, the answers embed the rest.
 */
const ANSWER_EMBED_BUDGET = 3300;
const ANSWERS_DESCRIPTION = 1800;

export function renderReveal(view: RevealView): RenderedMessage {
  if (view.choice) return renderChoiceReveal(view, view.choice);
  const title = truncate(answerTitle(view.question.title), 256);
  const keyPoints = truncate(view.keyPoints.map((k, i) => `${i + 1}. ${k}`).join('\n'), 1024);
  const answer: APIEmbed = {
    title,
    description: truncate(
      view.modelAnswer,
      ANSWER_EMBED_BUDGET - title.length - (view.keyPoints.length > 0 ? 1034 : 0),
    ),
    color: DIFFICULTY_COLORS[view.question.difficulty],
    ...(view.keyPoints.length > 0 ? { fields: [{ name: 'Key points', value: keyPoints }] } : {}),
  };
  const withButton = view.feedbackAvailable && view.answers.length > 0;
  return message({
    embeds: [answer, withFreezesUsed(answersEmbed(view), view)],
    components: withButton
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Primary,
                custom_id: roundFeedbackId(view.roundId),
                label: MY_FEEDBACK_BUTTON,
              },
            ],
          },
        ]
      : [],
  });
}

/** A button round's reveal: the right option and the model answer, then the tally, who got it right and why not the others. */
function renderChoiceReveal(view: RevealView, choice: NonNullable<RevealView['choice']>): RenderedMessage {
  const tally = withFreezesUsed(tallyEmbed(choice, REVEALED_COLOR), view);
  const title = truncate(answerTitle(view.question.title), 256);
  const answer = withPrompt(
    { title, color: DIFFICULTY_COLORS[view.question.difficulty] },
    `${rightOptionText(view.question, choice)}\n\n${view.modelAnswer}`,
    embedSize(tally),
  );
  return message({ embeds: [answer, tally] });
}

/** The reveal's answers: how many answered, a short named list, the most missed points and how to get your own feedback. */
function answersEmbed(view: RevealView): APIEmbed {
  if (view.answers.length === 0) return { title: NOBODY_ANSWERED, color: REVEALED_COLOR };
  const lines = view.listed.map((a) => {
    const name = `**${escapeUserText(truncate(a.user.name, 80))}**`;
    if (!view.feedbackAvailable) return `• ${name}`;
    return `• ${name}: ${coverageSummary(a, view.keyPoints)}`;
  });
  const top = topAnswers(view.listed.length, view.answers.length);
  const missed = view.mostMissed.map((p) => ({ ...p, number: view.keyPoints.indexOf(p.label) + 1 }));
  const fields = [
    ...(top ? [{ name: 'Named here', value: `${top}.` }] : []),
    ...(missed.length > 0 ? [{ name: MOST_MISSED_HEADING, value: truncate(mostMissedList(missed), 600) }] : []),
    ...(view.feedbackAvailable ? [{ name: 'Your feedback', value: feedbackInvite() }] : []),
  ];
  return {
    title: answeredCount(view.answers.length),
    description: fitEachLine(lines, ANSWERS_DESCRIPTION),
    color: REVEALED_COLOR,
    ...(fields.length > 0 ? { fields } : {}),
    ...(view.feedbackAvailable
      ? {}
      : {
          footer: {
            text: "Key-point feedback is off: the bot cannot read message text (Discord's Message Content intent is not enabled).",
          },
        }),
  };
}

/** Names who kept their streak with a freeze, under the answers. */
function withFreezesUsed(embed: APIEmbed, view: RevealView): APIEmbed {
  if (!view.freezesUsed?.length) return embed;
  const uses = view.freezesUsed.map((u) => ({
    name: escapeUserText(truncate(u.user.name, 40)),
    freezesLeft: u.freezesLeft,
  }));
  return {
    ...embed,
    fields: [...(embed.fields ?? []), { name: 'Streaks', value: truncate(freezesUsedLine(uses), 1024) }],
  };
}

/** Joins lines within `max` characters by shortening each long line, never by leaving anyone out. */
function fitEachLine(lines: string[], max: number): string {
  const each = Math.floor(max / Math.max(lines.length, 1)) - 1;
  return lines.map((line) => truncate(line, each)).join('\n');
}

/** The original post after the reveal: same question, greyed, with the count and a link to the thread. */
export function renderRevealedPost(view: RevealView, threadId: string): RenderedMessage {
  const { choice } = view;
  if (choice) {
    const head = {
      color: REVEALED_COLOR,
      author: { name: `${QUESTION_OF_THE_DAY} (revealed)` },
      footer: { text: `Round ${view.roundId}` },
    };
    return message({
      embeds: [
        questionWithOptions(
          view.question,
          [{ name: 'Revealed', value: `${pickClosed(choice.total)} <#${threadId}>` }],
          head,
        ),
      ],
      // The same buttons, disabled, the right one green: the post shows it is closed.
      components: optionButtons(choice.options.length, (i) => roundPickId(view.roundId, i), {
        correct: choice.correct,
      }),
    });
  }
  const embed = questionEmbed(view.question);
  const count = view.answers.length;
  return message({
    embeds: [
      {
        ...embed,
        color: REVEALED_COLOR,
        author: { name: `${QUESTION_OF_THE_DAY} (revealed)` },
        fields: [
          ...(embed.fields ?? []),
          { name: 'Revealed', value: `${answeredCount(count)}. The answer and feedback are in <#${threadId}>.` },
        ],
        footer: { text: `Round ${view.roundId}` },
      },
    ],
  });
}
